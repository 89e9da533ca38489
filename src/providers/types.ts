import type { Clock } from '../clock.js';
import { ActionError } from '../errors.js';
import type { HttpClient } from '../http/client.js';
import type { Credentials } from '../http/credentials.js';
import type { EventRef } from '../github-event.js';
import type { ErrorDetails } from '../http/errors.js';
import type { CommonSettings, InputsContext, ProviderInput } from '../inputs/common.js';

/** Our normalized build states (the contract's `status` output, minus `timed_out`). */
export type BuildState = 'queued' | 'building' | 'success' | 'failure' | 'cancelled';

/** What an adapter knows about a build, in our words plus the provider's own. */
export interface Build {
  /** The provider's build id; empty where the provider gives none. */
  id: string;
  state: BuildState;
  /** The provider's own status word (`deployed`, `ready`, `error`, ...). */
  providerStatus: string;
  deployUrl?: string;
  artifactUrl?: string;
  logUrl?: string;
  /**
   * True when `logUrl` is an API endpoint that needs the token (Deskforge `/builds/:id/logs`): it
   * stays the `log-url` output, but a commit status never links to it, since a person clicking
   * "Details" would meet a 401.
   */
  logNeedsToken?: boolean;
  dockerImage?: string;
  /** Why the build failed, in the provider's words (JustDeploy `build.error`, ...). */
  failureReason?: string;
  /** Extra summary rows (custom domains, rate-limit quota, ...). */
  notes?: string[];
}

/** New log lines from one read of a build's log: the last part, and how much came before it. */
export interface LogPage {
  lines: string[];
  /** New lines left out before `lines` (only the last `maxBytes` are kept). */
  omittedLines: number;
  /** Their size as printed, in bytes. */
  omittedBytes: number;
  /** Bytes downloaded for this read (a provider that answers the whole log every time). */
  readBytes: number;
}

/** True for a state that will not change again. */
export function isTerminal(state: BuildState): boolean {
  return state === 'success' || state === 'failure' || state === 'cancelled';
}

/** A commit status as GitHub reports it. */
export interface CommitStatusInfo {
  context: string;
  state: 'pending' | 'success' | 'failure' | 'error';
  description?: string | null;
  targetUrl?: string | null;
  /** GitHub's `created_at` in epoch ms (second precision), when it came with the status. */
  createdAt?: number;
}

/**
 * Read-only GitHub access for adapters whose provider reports through GitHub (Jamdesk). The engine
 * implements it; adapters never see Octokit.
 */
export interface GitHubReader {
  /** The full sha for a (possibly short) commit ref. */
  resolveCommit(ref: string): Promise<string>;
  /** Commit statuses on `sha`, newest first. */
  listStatuses(sha: string): Promise<CommitStatusInfo[]>;
  /** The commit the action's own status goes on. */
  readonly sha: string;
  /** The action's own status context, which adapters must never mistake for the provider's. */
  readonly ownContext: string;
}

/**
 * Thrown by a GitHubReader when a 2xx from the GitHub API has a body that is not the documented
 * JSON (an HTML page from a proxy or a captive portal). A passing glitch: a poll that meets it
 * looks again at its next turn, as the HTTP layer does for provider polls.
 */
export class UnexpectedGitHubBody extends ActionError {
  constructor(what: string) {
    super(`GitHub: ${what} answered with something that is not the API's JSON`, {
      fix: 'check GITHUB_API_URL and any proxy between the runner and GitHub',
    });
    this.name = 'UnexpectedGitHubBody';
  }
}

/** Log lines for the user; adapters print through this, never to the runner directly. */
export interface Logger {
  info(message: string): void;
  warning(message: string): void;
  debug(message: string): void;
}

/**
 * What every provider's own settings have: the rest is the provider's (its spec's `readInputs`
 * reads them; nothing outside its folder looks inside).
 */
export interface OwnSettings {
  /**
   * The id of what is built, shown as "Project" in the summary, the pull-request comment, the
   * check run and the deployment; empty where the provider builds no one project.
   */
  readonly project: string;
}

/** Everything an adapter may use. */
export interface ProviderContext<S extends OwnSettings = OwnSettings> {
  /** The common settings (the run's `Settings`, read through the common part only). */
  settings: CommonSettings;
  /** The provider's own settings, as its `readInputs` read them. */
  own: S;
  /** Bound to the API base, its credentials and the run's deadline. */
  http: HttpClient;
  clock: Clock;
  log: Logger;
  github: GitHubReader;
  /** A private scratch directory (RUNNER_TEMP based) for zips and downloads. */
  tempDir: string;
  signal: AbortSignal;
  /**
   * The branch or tag of this repository the run is about, as the event resolver found it
   * (src/github-event.ts, docs/events.md): `name` is empty when there is none, and `from` says
   * where it came from or why there is none.
   */
  eventRef: EventRef;
  /** The checkout's directory (GITHUB_WORKSPACE; the CLI's working directory). */
  workspace: string;
}

/**
 * What the host knows about the run before any input is read, for a provider whose defaults
 * depend on it. Providers take the run's facts from here and from `ProviderContext.eventRef`,
 * never from GITHUB_* variables.
 */
export interface RunFacts {
  /** This repository, owner/name; '' when unknown (off GitHub Actions, the CLI without --repo). */
  readonly repository: string;
  /** This run's GitHub API (GITHUB_API_URL), '' when unknown. */
  readonly apiUrl: string;
}

/** No facts: what input readers see when the host gives none (tests, listing the inputs). */
export const NO_RUN_FACTS: RunFacts = Object.freeze({ repository: '', apiUrl: '' });

/**
 * Thrown by `trigger` when the provider refuses because another build is running (JustDeploy 409)
 * and its settings say to wait: the engine waits for `running` and triggers once more. A provider
 * told to fail instead throws its own error.
 */
export class BuildConflict extends Error {
  constructor(
    readonly running: Build,
    message: string,
    /** The provider's words for what the engine says while and after waiting. */
    readonly words: ConflictWords,
  ) {
    super(message);
    this.name = 'BuildConflict';
  }
}

/** How a provider words waiting for a running build (BuildConflict), in its inputs' terms. */
export interface ConflictWords {
  /** Why the run waits, in the log line that says so: `on-conflict: wait`. */
  readonly why: string;
  /** The fix when the running build outlasts the timeout. */
  readonly timeoutFix: string;
  /** The fix when the provider refuses again after the wait. */
  readonly againFix: string;
}

/**
 * A provider adapter: speaks HTTP and maps the provider's words to ours. Waiting, commit statuses,
 * outputs and the summary are the engine's.
 */
export interface Provider {
  /** The registry's name for it (`provider:`). */
  readonly name: string;
  /** Display name: "Jamdesk". */
  readonly title: string;
  /** The fastest the provider lets us poll, in ms (rate limits). */
  readonly minPollIntervalMs?: number;
  /** Work that must succeed before anything is triggered (zip, pages, snapshots). */
  prepare?(): Promise<void>;
  /** Triggers exactly one build. */
  trigger(): Promise<Build>;
  /**
   * After a trigger failed ambiguously (timeout, reset, 5xx): the build this run may have created,
   * found through a list endpoint. Adapters without one leave it out, and the engine will not retry.
   */
  findTriggered?(since: number): Promise<Build | undefined>;
  /** The build's current state. */
  poll(build: Build): Promise<Build>;
  /**
   * New build log lines since the last call, none twice: at most the last `maxBytes` of them, with
   * what was left out before them counted. Reads the log with bounded memory, whatever its size.
   */
  logs?(build: Build, limit: { maxBytes: number }): Promise<LogPage>;
  /**
   * After the build failed: the build with `failureReason` in the provider's own words, where the
   * status read does not carry them (Deskforge: the last error-level lines of its log).
   */
  explainFailure?(build: Build): Promise<Build>;
  /** After the build ended: downloads, stage endpoints. Returns the build with outputs filled. */
  finish?(build: Build): Promise<Build>;
  /** How long recent builds took (ms), so polling can be sparse early and brisk near the end. */
  typicalDurationMs?(): Promise<number | undefined>;
  /** Why nothing changed before the timeout, when the provider has a better word than ours. */
  describeTimeout?(build: Build): string | undefined;
  /**
   * False when the provider has no way to follow a build (a custom API without a status
   * endpoint): the run ends once the build is triggered, as with `wait: false`.
   */
  readonly waits?: boolean;
  /**
   * Asks the provider to stop the build: when the run is cancelled, and on timeout when
   * `cancelOnTimeout`. `http` is a client of its own with a short deadline and no abort signal,
   * since the run's signal has already fired. Adapters without a cancel endpoint leave it out.
   */
  cancel?(build: Build, http: HttpClient): Promise<CancelResult>;
  /** Cancel the build remotely when the run times out. */
  readonly cancelOnTimeout?: boolean;
}

/** What a provider answered to a remote cancel request. */
export interface CancelResult {
  /** The provider took the request (2xx); a refusal (4xx, 5xx) is false. */
  accepted: boolean;
  /** The HTTP status, or the provider's code and message for a refusal. */
  detail: string;
}

/**
 * How the registry describes a provider before anything is created. `S` is its own settings; the
 * registry derives the run's settings union from every spec's `readInputs`, so a provider module
 * never imports the registry.
 */
export interface ProviderSpec<S extends OwnSettings = OwnSettings> {
  /** The name users write in `provider:`, the same as its key in the registry. */
  name: string;
  title: string;
  /** The provider's public API; a function when it depends on the run (GitHub's: GHES). */
  defaultApiUrl: string | ((run: RunFacts) => string);
  /**
   * Every input this provider reads beyond COMMON_INPUTS, named as in action.yml: which are
   * required, and the fix when one is missing. A test holds these against action.yml.
   */
  inputs: readonly ProviderInput[];
  /**
   * Reads and validates the provider's own inputs into `settings.own` (`get` returns them
   * trimmed), after the common ones and before the required ones are checked. It sees the token
   * inputs so it can apply its own rule for them, and masks any secret it derives (a token read
   * from a variable the inputs name) before it can fail; `run` is what the host knows about the
   * run (this repository).
   */
  readInputs(get: (name: string) => string, common: InputsContext, run: RunFacts): S;
  /** Headers that authenticate with this provider (sent to the API's origin only). */
  credentials(settings: CommonSettings, own: S): Credentials;
  /** Maps an error response to the provider's documented code, message and fix. */
  describeError?(status: number, body: unknown): ErrorDetails | undefined;
  /** Builds the adapter for one run. */
  create(ctx: ProviderContext<S>): Provider;
}

/** `token`, required, read from a secret: most providers' declaration. */
export const TOKEN_INPUT: ProviderInput = Object.freeze({
  name: 'token',
  required: true,
  fix: 'pass the API token from a secret: token: ${{ secrets.BUILD_API_TOKEN }}',
});

/** `project`, required: the provider's project id. */
export function projectInput(provider: string): ProviderInput {
  return {
    name: 'project',
    required: true,
    fix: `set project to the ${provider} project id from its dashboard`,
  };
}

/** The contract's default: the token as `Authorization: Bearer`. */
export function bearerCredentials(settings: CommonSettings): Record<string, string> {
  return { authorization: `Bearer ${settings.token}` };
}
