/**
 * Values shared by the sandbox server and the action runner, kept apart so that importing
 * `run-action.mjs` never pulls in the servers. What belongs to one provider fake (its name, its
 * default token) is declared in its module (providers/index.mjs lists them).
 */

/** Commit the fake GitHub knows and the action runs on (GITHUB_SHA). */
export const DEFAULT_SHA = '8f14e45fceea167a5a36dedd4bea2543c0ffee42';

/** A second known commit, for pull-request payloads (`pull_request.head.sha`). */
export const DEFAULT_HEAD_SHA = 'c9f0f895fb98ab9159f51fd0297e236dfeedbee5';

/** Repository the runner pretends to run in. */
export const DEFAULT_REPOSITORY = 'octo-org/octo-repo';

/** Loopback addresses: the API lives on one, everything "somewhere else" on the other. */
export const API_HOST = '127.0.0.1';
export const FOREIGN_HOST = '127.0.0.2';
