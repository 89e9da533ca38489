/**
 * The one resolver from a workflow's event to the commit and pull request a run is about. Commit
 * statuses, deployments and the pull request comment all follow what it says, for every event
 * (docs/events.md).
 */

/** What the event says about the run's commit and pull request. */
export interface EventTarget {
  /**
   * The commit to report on; empty when the payload has none and it must be read from GitHub
   * (`readHeadOf`).
   */
  sha: string;
  /** The pull request the event is about, when it names one. */
  prNumber?: number;
  /**
   * `issue_comment` on a pull request: the payload has the pull request's number but no commit;
   * its head must be read (GET /repos/{owner}/{repo}/pulls/{number}).
   */
  readHeadOf?: number;
  /** Where the commit came from, for the log: `workflow_run.head_sha`, `GITHUB_SHA`. */
  from: string;
}

type Json = Record<string, unknown>;

const object = (value: unknown): Json | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Json)
    : undefined;

/** A full commit id: 40 hex digits (SHA-1), or 64 (SHA-256 repositories). */
const isSha = (value: unknown): value is string =>
  typeof value === 'string' && /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i.test(value);

const prNumberOf = (value: unknown): number | undefined => {
  const n = object(value)?.['number'];
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : undefined;
};

/**
 * The first of `pull_requests` (workflow_run, check_suite, check_run) whose base is this
 * repository: the list can also name pull requests of other repositories whose head is this
 * branch. Empty for pull requests from forks (GitHub leaves them out).
 */
function ownPullRequest(list: unknown, repository: unknown): number | undefined {
  if (!Array.isArray(list)) return undefined;
  const repoId = object(repository)?.['id'];
  for (const entry of list) {
    const baseRepo = object(object(object(entry)?.['base'])?.['repo']);
    if (typeof repoId === 'number' && baseRepo && baseRepo['id'] !== repoId) continue;
    const n = prNumberOf(entry);
    if (n !== undefined) return n;
  }
  return undefined;
}

/**
 * Resolves the run's commit and pull request from the event. The rule, in order:
 * 1. a payload with `pull_request` (pull_request, pull_request_target, pull_request_review,
 *    pull_request_review_comment, pull_request_review_thread, and any event GitHub adds that
 *    carries one): its head commit and number. GITHUB_SHA there is a merge commit nobody looks at
 *    (or the base branch's tip for pull_request_target);
 * 2. `workflow_run`, `check_suite`, `check_run`: the object's `head_sha` and the first of its
 *    `pull_requests` in this repository (GITHUB_SHA is the default branch's tip there);
 * 3. `issue_comment` on a pull request (`issue.pull_request` is set): the pull request's number,
 *    and its head commit read from GitHub;
 * 4. `merge_group`: `merge_group.head_sha`; `deployment`, `deployment_status`: `deployment.sha`;
 *    `status`: `sha`; `push`: `after` (unless the branch was deleted);
 * 5. anything else: GITHUB_SHA.
 */
export function resolveEvent(eventName: string, payload: unknown, githubSha: string): EventTarget {
  const event = object(payload) ?? {};
  const fallback: EventTarget = { sha: githubSha, from: 'GITHUB_SHA' };

  const pr = object(event['pull_request']);
  if (pr) {
    const head = object(pr['head'])?.['sha'];
    const number = prNumberOf(pr);
    return isSha(head)
      ? { sha: head, ...(number ? { prNumber: number } : {}), from: 'pull_request.head.sha' }
      : { ...fallback, ...(number ? { prNumber: number } : {}) };
  }

  switch (eventName) {
    case 'workflow_run':
    case 'check_suite':
    case 'check_run': {
      const run = object(event[eventName]);
      const head = run?.['head_sha'];
      if (!isSha(head)) return fallback;
      const number = ownPullRequest(run?.['pull_requests'], event['repository']);
      return { sha: head, ...(number ? { prNumber: number } : {}), from: `${eventName}.head_sha` };
    }
    case 'issue_comment': {
      const issue = object(event['issue']);
      const number = prNumberOf(issue);
      // Only a comment on a pull request is about a commit; one on an issue is not.
      if (!issue || !object(issue['pull_request']) || number === undefined) return fallback;
      return {
        sha: '',
        prNumber: number,
        readHeadOf: number,
        from: `pull request #${number}'s head`,
      };
    }
    case 'merge_group': {
      const head = object(event['merge_group'])?.['head_sha'];
      return isSha(head) ? { sha: head, from: 'merge_group.head_sha' } : fallback;
    }
    case 'deployment':
    case 'deployment_status': {
      const sha = object(event['deployment'])?.['sha'];
      return isSha(sha) ? { sha, from: 'deployment.sha' } : fallback;
    }
    case 'status': {
      const sha = event['sha'];
      return isSha(sha) ? { sha, from: 'status.sha' } : fallback;
    }
    case 'push': {
      const after = event['after'];
      // A deleted branch's push has `after` all zeros: there is no commit to report on.
      return isSha(after) && !/^0+$/.test(after) ? { sha: after, from: 'push.after' } : fallback;
    }
    default:
      return fallback;
  }
}
