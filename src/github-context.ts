import fs from 'node:fs';

/** What the runner tells us about the workflow run, read from its environment. */
export interface RunContext {
  owner: string;
  repo: string;
  eventName: string;
  /** The commit statuses go on: the `sha` input, else the pull request head, else GITHUB_SHA. */
  sha: string;
  /** The pull request the event's payload is about (pull_request*, pull_request_review*). */
  prNumber?: number;
  /** Link to this workflow run: the fallback target_url. */
  runUrl: string;
  apiUrl: string;
}

/**
 * Reads the run context. On events about a pull request GITHUB_SHA is the merge commit (or the
 * base branch's head for pull_request_target), which nobody looks at; the head commit is what
 * the pull request shows checks for. Every event whose payload carries `pull_request` uses its
 * head sha, so no list of event names can fall behind GitHub's.
 */
export function readRunContext(shaInput: string, env: NodeJS.ProcessEnv = process.env): RunContext {
  const [owner = '', repo = ''] = (env['GITHUB_REPOSITORY'] ?? '').split('/');
  const eventName = env['GITHUB_EVENT_NAME'] ?? '';
  const pr = pullRequest(env['GITHUB_EVENT_PATH']);
  let sha = shaInput;
  if (!sha) sha = pr.head;
  if (!sha) sha = env['GITHUB_SHA'] ?? '';
  const server = (env['GITHUB_SERVER_URL'] ?? 'https://github.com').replace(/\/+$/, '');
  const runId = env['GITHUB_RUN_ID'] ?? '';
  return {
    owner,
    repo,
    eventName,
    sha,
    ...(pr.number !== undefined ? { prNumber: pr.number } : {}),
    runUrl: owner && runId ? `${server}/${owner}/${repo}/actions/runs/${runId}` : '',
    apiUrl: (env['GITHUB_API_URL'] ?? 'https://api.github.com').replace(/\/+$/, ''),
  };
}

/** The event payload's pull request: its head sha and number, when it carries one. */
function pullRequest(eventPath: string | undefined): { head: string; number: number | undefined } {
  if (!eventPath) return { head: '', number: undefined };
  try {
    const payload = JSON.parse(fs.readFileSync(eventPath, 'utf8')) as {
      pull_request?: { head?: { sha?: unknown }; number?: unknown };
    };
    const head = payload.pull_request?.head?.sha;
    const number = payload.pull_request?.number;
    return {
      head: typeof head === 'string' ? head : '',
      number:
        typeof number === 'number' && Number.isInteger(number) && number > 0 ? number : undefined,
    };
  } catch {
    return { head: '', number: undefined };
  }
}
