/**
 * The one resolver from a workflow's event to the commit, pull request and branch a run is about.
 * Commit statuses, deployments and the pull request comment follow its commit and pull request,
 * and a workflow dispatched in this repository runs on its branch, for every event
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
  /** The branch or tag of this repository that holds the code the event is about. */
  ref: EventRef;
}

/**
 * A branch or tag name of this repository (`feature/x`, `v1.2.0`): what a workflow dispatch
 * takes to run "the same code" here. `name` is empty when the event has none: a pull request
 * from a fork (its branch is in the fork), a deleted branch, a deployment of a bare commit, or a
 * comment's pull request whose head is still to be read (`readHeadOf`).
 */
export interface EventRef {
  name: string;
  /** Where the name came from (`workflow_run.head_branch`), or why there is none. */
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

const branchName = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/** `refs/heads/x` is branch x and `refs/tags/v1` tag v1; another ref (`refs/pull/1/merge`) is none. */
function refName(ref: string, from: string): EventRef {
  const match = /^refs\/(?:heads|tags)\/(.+)$/.exec(ref);
  return match
    ? { name: match[1]!, from }
    : { name: '', from: `${from} is ${ref ? `'${ref}'` : 'empty'}, not a branch or tag` };
}

/**
 * A pull request's head branch, when it is in this repository (its base's): a fork's branch, or
 * the branch of a head repository since deleted, cannot be run here. Applied to the payload's
 * `pull_request` and to a pull request read from GitHub (`issue_comment`) alike.
 */
export function pullRequestBranch(value: unknown, from = 'pull_request.head.ref'): EventRef {
  const pr = object(value);
  const head = object(pr?.['head']);
  const headRepo = object(head?.['repo']);
  const baseRepo = object(object(pr?.['base'])?.['repo']);
  const name = branchName(head?.['ref']);
  if (!name) return { name: '', from: `${from} is missing` };
  if (!headRepo) return { name: '', from: "the pull request's head repository was deleted" };
  const same =
    typeof headRepo['id'] === 'number' && typeof baseRepo?.['id'] === 'number'
      ? headRepo['id'] === baseRepo['id']
      : String(headRepo['full_name'] ?? '').toLowerCase() ===
        String(baseRepo?.['full_name'] ?? '').toLowerCase();
  return same
    ? { name, from }
    : {
        name: '',
        from: `the pull request's head branch '${name}' is in the fork ${String(headRepo['full_name'] ?? '')}, not in this repository`,
      };
}

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
 * Resolves the run's commit, pull request and branch from the event. The rule, in order:
 * 1. a payload with `pull_request` (pull_request, pull_request_target, pull_request_review,
 *    pull_request_review_comment, pull_request_review_thread, and any event GitHub adds that
 *    carries one): its head commit, number and head branch (none when the head is a fork's).
 *    GITHUB_SHA there is a merge commit nobody looks at (or the base branch's tip for
 *    pull_request_target), and GITHUB_REF `refs/pull/N/merge` (or the base branch);
 * 2. `workflow_run`, `check_suite`, `check_run`: the object's `head_sha`, the first of its
 *    `pull_requests` in this repository and its `head_branch` (GITHUB_SHA and GITHUB_REF are the
 *    default branch's there); a workflow run of a fork's branch has no branch here;
 * 3. `issue_comment` on a pull request (`issue.pull_request` is set): the pull request's number,
 *    and its head commit and branch read from GitHub (see pullRequestBranch);
 * 4. `merge_group`: its `head_sha` and `head_ref` (the queue's temporary branch);
 *    `deployment`, `deployment_status`: `deployment.sha` and `deployment.ref` unless that is a
 *    commit; `status`: `sha` and the first of `branches` whose tip it is; `push`: `after` and
 *    `ref` (unless the push deleted it); `release`: GITHUB_SHA and the release's tag;
 *    `create`: GITHUB_SHA and the created branch or tag;
 * 5. anything else: GITHUB_SHA, and GITHUB_REF when it is a branch or tag.
 */
export function resolveEvent(
  eventName: string,
  payload: unknown,
  githubSha: string,
  githubRef = '',
): EventTarget {
  const event = object(payload) ?? {};
  const runnerRef = refName(githubRef, 'GITHUB_REF');
  const fallback: EventTarget = { sha: githubSha, from: 'GITHUB_SHA', ref: runnerRef };

  const pr = object(event['pull_request']);
  if (pr) {
    const head = object(pr['head'])?.['sha'];
    const number = prNumberOf(pr);
    return {
      ...(isSha(head) ? { sha: head, from: 'pull_request.head.sha' } : fallback),
      ...(number ? { prNumber: number } : {}),
      ref: pullRequestBranch(pr),
    };
  }

  switch (eventName) {
    case 'workflow_run':
    case 'check_suite':
    case 'check_run': {
      const run = object(event[eventName]);
      const head = run?.['head_sha'];
      if (!isSha(head)) return fallback;
      const number = ownPullRequest(run?.['pull_requests'], event['repository']);
      return {
        sha: head,
        ...(number ? { prNumber: number } : {}),
        from: `${eventName}.head_sha`,
        ref: headBranch(eventName, run, event['repository']),
      };
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
        ref: { name: '', from: `pull request #${number}'s head branch was not read from GitHub` },
      };
    }
    case 'merge_group': {
      const group = object(event['merge_group']);
      const head = group?.['head_sha'];
      if (!isSha(head)) return fallback;
      const ref = group?.['head_ref'];
      return {
        sha: head,
        from: 'merge_group.head_sha',
        ref: refName(typeof ref === 'string' ? ref : '', 'merge_group.head_ref'),
      };
    }
    case 'deployment':
    case 'deployment_status': {
      const deployment = object(event['deployment']);
      const sha = deployment?.['sha'];
      return isSha(sha)
        ? { sha, from: 'deployment.sha', ref: deploymentRef(deployment?.['ref'], sha) }
        : fallback;
    }
    case 'status': {
      const sha = event['sha'];
      return isSha(sha)
        ? { sha, from: 'status.sha', ref: tipBranch(event['branches'], sha) }
        : fallback;
    }
    case 'push': {
      const after = event['after'];
      const ref = typeof event['ref'] === 'string' ? event['ref'] : '';
      // A deleted branch's push has `after` all zeros: there is no commit to report on.
      if (isSha(after) && /^0+$/.test(after)) {
        return { ...fallback, ref: { name: '', from: `the push deleted ${ref || 'its ref'}` } };
      }
      return isSha(after)
        ? { sha: after, from: 'push.after', ref: refName(ref, 'push.ref') }
        : fallback;
    }
    case 'release': {
      const tag = branchName(object(event['release'])?.['tag_name']);
      return tag ? { ...fallback, ref: { name: tag, from: 'release.tag_name' } } : fallback;
    }
    case 'create': {
      const name = branchName(event['ref']);
      return name
        ? { ...fallback, ref: { name, from: `create.ref (a ${String(event['ref_type'])})` } }
        : fallback;
    }
    default:
      return fallback;
  }
}

/**
 * `head_branch` of a workflow run (of its check suite for check_run), unless the run's head is
 * another repository's (a fork's pull request: its branch is not here).
 */
function headBranch(eventName: string, run: Json | undefined, repository: unknown): EventRef {
  const suite = eventName === 'check_run' ? object(run?.['check_suite']) : run;
  const from =
    eventName === 'check_run' ? 'check_run.check_suite.head_branch' : `${eventName}.head_branch`;
  const name = branchName(suite?.['head_branch']);
  if (!name) return { name: '', from: `${from} is empty` };
  const headRepo = object(run?.['head_repository']);
  const here = object(repository);
  if (
    headRepo &&
    here &&
    typeof headRepo['id'] === 'number' &&
    typeof here['id'] === 'number' &&
    headRepo['id'] !== here['id']
  ) {
    return {
      name: '',
      from: `the run's head branch '${name}' is in ${String(headRepo['full_name'] ?? 'another repository')}, not in this repository`,
    };
  }
  return { name, from };
}

/**
 * `deployment.ref`: a branch or tag as given; a deployment made of a commit (its ref is the start
 * of its sha) has none, since a dispatch takes no commit.
 */
function deploymentRef(value: unknown, sha: string): EventRef {
  const ref = branchName(value);
  if (!ref) return { name: '', from: 'deployment.ref is empty' };
  if (ref.startsWith('refs/')) return refName(ref, 'deployment.ref');
  return /^[0-9a-f]{7,64}$/i.test(ref) && sha.toLowerCase().startsWith(ref.toLowerCase())
    ? { name: '', from: `deployment.ref is the commit ${ref}, not a branch or tag` }
    : { name: ref, from: 'deployment.ref' };
}

/** The first of a status event's `branches` whose tip is the commit: it holds exactly that code. */
function tipBranch(branches: unknown, sha: string): EventRef {
  for (const entry of Array.isArray(branches) ? branches : []) {
    const branch = object(entry);
    const name = branchName(branch?.['name']);
    if (name && object(branch?.['commit'])?.['sha'] === sha) {
      return { name, from: 'status.branches (the branch whose tip is the commit)' };
    }
  }
  return { name: '', from: 'no branch in status.branches has the commit at its tip' };
}
