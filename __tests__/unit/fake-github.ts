import type {
  CheckRunFields,
  DeploymentState,
  GitHubApi,
  IssueComment,
} from '../../src/engine/github.js';

export interface FakeCheckRun extends CheckRunFields {
  id: number;
  sha: string;
  name: string;
  /** Every write, oldest first. */
  writes: CheckRunFields[];
}

export interface FakeDeployment {
  id: number;
  sha: string;
  environment: string;
  description: string;
  productionEnvironment: boolean;
  transientEnvironment: boolean;
  payload?: Record<string, string>;
  statuses: {
    state: DeploymentState;
    description: string;
    logUrl?: string;
    environmentUrl?: string;
    autoInactive: boolean;
  }[];
}

/** A GitHub error as Octokit throws it. */
export function githubError(status: number, message = 'Resource not accessible by integration') {
  return Object.assign(new Error(message), { status });
}

/**
 * An in-memory GitHub behind the GitHubApi seam: deployments, paged comments with authors, and
 * switches that make a family of calls answer 403.
 */
export function fakeGithubApi(options: { identity?: string; perPage?: number } = {}) {
  const identity = options.identity ?? 'github-actions[bot]';
  const perPage = options.perPage ?? 100;
  const deployments: FakeDeployment[] = [];
  const comments = new Map<number, (IssueComment & { updates: number })[]>();
  const calls: string[] = [];
  let nextComment = 1000;
  const state = {
    deploymentsForbidden: false,
    commentsForbidden: false,
    viewerFails: false,
    checksForbidden: false,
  };
  const checkRuns: FakeCheckRun[] = [];
  const commentsOf = (issue: number) => {
    const list = comments.get(issue) ?? [];
    comments.set(issue, list);
    return list;
  };
  const api: GitHubApi = {
    createStatus: async () => undefined,
    listStatuses: async () => [],
    resolveCommit: async (ref) => ref,
    pullRequestHead: async (n) => ({
      sha: `${n}`.padStart(40, '0'),
      ref: { name: `pr-${n}`, from: `pull request #${n}'s head branch` },
    }),
    async createDeployment(input) {
      calls.push('createDeployment');
      if (state.deploymentsForbidden) throw githubError(403);
      const d: FakeDeployment = { id: deployments.length + 1, ...input, statuses: [] };
      deployments.push(d);
      return d.id;
    },
    async createDeploymentStatus({ deploymentId, ...status }) {
      calls.push(`deploymentStatus:${status.state}`);
      if (state.deploymentsForbidden) throw githubError(403);
      const d = deployments.find((x) => x.id === deploymentId);
      if (!d) throw githubError(404, 'Not Found');
      d.statuses.push(status);
    },
    async *listIssueComments(issue) {
      calls.push('listIssueComments');
      const all = commentsOf(issue);
      for (let i = 0; i === 0 || i < all.length; i += perPage) {
        yield all.slice(i, i + perPage).map(({ updates: _u, ...c }) => ({ ...c }));
      }
    },
    async createIssueComment(issue, body) {
      calls.push('createIssueComment');
      if (state.commentsForbidden) throw githubError(403);
      const c = {
        id: nextComment++,
        body,
        author: identity,
        url: `https://github.com/o/r/pull/${issue}#c`,
        updates: 0,
      };
      commentsOf(issue).push(c);
      return { ...c };
    },
    async updateIssueComment(id, body) {
      calls.push('updateIssueComment');
      if (state.commentsForbidden) throw githubError(403);
      for (const list of comments.values()) {
        const c = list.find((x) => x.id === id);
        if (c) {
          c.body = body;
          c.updates += 1;
          return { ...c };
        }
      }
      throw githubError(404, 'Not Found');
    },
    async viewerLogin() {
      calls.push('viewerLogin');
      if (state.viewerFails) throw githubError(403);
      return identity;
    },
    async findCheckRun({ sha, name }) {
      calls.push('findCheckRun');
      const run = checkRuns.find((r) => r.sha === sha && r.name === name);
      return run ? { id: run.id, url: '' } : undefined;
    },
    async createCheckRun({ sha, name, externalId: _id, ...fields }) {
      calls.push(`createCheckRun:${fields.status}`);
      if (state.checksForbidden) throw githubError(403);
      const run: FakeCheckRun = { id: 3000 + checkRuns.length, sha, name, ...fields, writes: [] };
      run.writes.push(fields);
      checkRuns.push(run);
      return { id: run.id, url: `https://github.com/o/r/runs/${run.id}` };
    },
    async updateCheckRun(id, fields) {
      calls.push(`updateCheckRun:${fields.conclusion ?? fields.status}`);
      if (state.checksForbidden) throw githubError(403);
      const run = checkRuns.find((r) => r.id === id);
      if (!run) throw githubError(404, 'Not Found');
      Object.assign(run, fields);
      run.writes.push(fields);
    },
  };
  /** Adds a comment by someone (the test's world), returning it. */
  const seed = (issue: number, body: string, author = 'someone-else') => {
    const c = { id: nextComment++, body, author, url: '', updates: 0 };
    commentsOf(issue).push(c);
    return c;
  };
  return { api, deployments, checkRuns, comments: commentsOf, calls, state, seed, identity };
}
