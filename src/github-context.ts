import fs from 'node:fs';
import { resolveEvent, type EventRef } from './github-event.js';

/** What the runner tells us about the workflow run, read from its environment. */
export interface RunContext {
  owner: string;
  repo: string;
  eventName: string;
  /**
   * The commit the run reports on: the `sha` input, else what the event names (see
   * resolveEvent). Empty until read from GitHub when `readHeadOf` is set.
   */
  sha: string;
  /** The pull request the event is about (see resolveEvent). */
  prNumber?: number;
  /** The commit is this pull request's head, still to be read from GitHub (`issue_comment`). */
  readHeadOf?: number;
  /**
   * The branch or tag of this repository the event is about (see resolveEvent), filled with the
   * pull request's head branch when `readHeadOf` is read. Absent where there is no event (CLI).
   */
  ref?: EventRef;
  /** Link to this workflow run: the fallback target_url. */
  runUrl: string;
  apiUrl: string;
}

/**
 * Reads the run context from the runner's environment and the event payload. The commit, pull
 * request and branch come from resolveEvent, the one rule for every event; a `sha` input wins over
 * its commit.
 */
export function readRunContext(shaInput: string, env: NodeJS.ProcessEnv = process.env): RunContext {
  const [owner = '', repo = ''] = (env['GITHUB_REPOSITORY'] ?? '').split('/');
  const eventName = env['GITHUB_EVENT_NAME'] ?? '';
  const event = resolveEvent(
    eventName,
    readPayload(env['GITHUB_EVENT_PATH']),
    env['GITHUB_SHA'] ?? '',
    env['GITHUB_REF'] ?? '',
  );
  const server = (env['GITHUB_SERVER_URL'] ?? 'https://github.com').replace(/\/+$/, '');
  const runId = env['GITHUB_RUN_ID'] ?? '';
  return {
    owner,
    repo,
    eventName,
    sha: shaInput || event.sha,
    ...(event.prNumber !== undefined ? { prNumber: event.prNumber } : {}),
    ...(!shaInput && event.readHeadOf !== undefined ? { readHeadOf: event.readHeadOf } : {}),
    ref:
      shaInput && event.readHeadOf !== undefined
        ? {
            name: '',
            from: `pull request #${event.readHeadOf}'s head branch was not read (the sha input names the commit)`,
          }
        : event.ref,
    runUrl: owner && runId ? `${server}/${owner}/${repo}/actions/runs/${runId}` : '',
    apiUrl: (env['GITHUB_API_URL'] ?? 'https://api.github.com').replace(/\/+$/, ''),
  };
}

/** The event payload, or undefined when there is none or it cannot be read. */
function readPayload(eventPath: string | undefined): unknown {
  if (!eventPath) return undefined;
  try {
    return JSON.parse(fs.readFileSync(eventPath, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}
