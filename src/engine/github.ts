import type { getOctokit } from '@actions/github';
import { randomUUID } from 'node:crypto';
import { ActionError } from '../errors.js';
import { pullRequestBranch, type EventRef } from '../github-event.js';
import { gitHubCall, gitHubCreate } from './github-policy.js';
import { type CommitStatusInfo, UnexpectedGitHubBody } from '../providers/types.js';

/** A deployment status state, as GitHub names them. */
export type DeploymentState =
  'queued' | 'in_progress' | 'success' | 'failure' | 'error' | 'inactive' | 'pending';

/** A pull request (issue) comment, reduced to what the sticky comment needs. */
export interface IssueComment {
  id: number;
  body: string;
  /** The author's login (`github-actions[bot]` for GITHUB_TOKEN). */
  author: string;
  /** The comment's address on github.com. */
  url: string;
}

/** A check run's state as GitHub names it, with the conclusion a completed one has. */
export type CheckRunConclusion = 'success' | 'failure' | 'neutral' | 'cancelled' | 'timed_out';

/** A note on a line of a repository file, shown in the pull request's diff. */
export interface CheckAnnotation {
  path: string;
  line: number;
  column?: number;
  level: 'failure' | 'warning';
  message: string;
}

/** What a check run shows: its title, Markdown summary and text, and annotations (at most 50). */
export interface CheckRunOutput {
  title: string;
  summary: string;
  text?: string;
  annotations?: CheckAnnotation[];
}

/** A check run's fields the action sets (create and update). */
export interface CheckRunFields {
  status: 'in_progress' | 'completed';
  /** With `completed` only. */
  conclusion?: CheckRunConclusion;
  detailsUrl?: string;
  /** Epoch milliseconds. */
  startedAt?: number;
  completedAt?: number;
  output: CheckRunOutput;
}

/** The few GitHub calls the action makes. Octokit hides behind it, loaded only when first used. */
export interface GitHubApi {
  createStatus(input: {
    sha: string;
    state: CommitStatusInfo['state'];
    context: string;
    description: string;
    targetUrl?: string;
  }): Promise<void>;
  listStatuses(sha: string): Promise<CommitStatusInfo[]>;
  resolveCommit(ref: string): Promise<string>;
  /**
   * A pull request's head commit, and its head branch when that is in this repository (for
   * events that name a pull request but neither: `issue_comment`).
   */
  pullRequestHead(pullNumber: number): Promise<{ sha: string; ref: EventRef }>;
  /** Creates a deployment of `sha` (never auto-merging, no required contexts); returns its id. */
  createDeployment(input: {
    sha: string;
    environment: string;
    description: string;
    productionEnvironment: boolean;
    transientEnvironment: boolean;
    payload?: Record<string, string>;
  }): Promise<number>;
  createDeploymentStatus(input: {
    deploymentId: number;
    state: DeploymentState;
    description: string;
    logUrl?: string;
    environmentUrl?: string;
    autoInactive: boolean;
  }): Promise<void>;
  /** The comments of an issue or pull request, oldest first, one page at a time. */
  listIssueComments(issue: number): AsyncIterable<IssueComment[]>;
  createIssueComment(issue: number, body: string): Promise<IssueComment>;
  updateIssueComment(commentId: number, body: string): Promise<IssueComment>;
  /**
   * The token's own login, from GraphQL `viewer` (REST `GET /user` answers 403 to installation
   * tokens such as GITHUB_TOKEN; `viewer` answers every kind of token).
   */
  viewerLogin(): Promise<string>;
  /**
   * Creates a check run on `sha` named `name`; returns its id and page. `externalId` names this
   * create: one whose answer was lost is found again by it instead of being made twice.
   */
  createCheckRun(
    input: { sha: string; name: string; externalId: string } & CheckRunFields,
  ): Promise<{ id: number; url: string }>;
  /** The check run named `name` on `sha` with this `externalId`, if GitHub made it. */
  findCheckRun(input: {
    sha: string;
    name: string;
    externalId: string;
  }): Promise<{ id: number; url: string } | undefined>;
  updateCheckRun(id: number, input: CheckRunFields): Promise<void>;
  /**
   * The run was interrupted (SIGINT/SIGTERM): calls still waiting in the client's queue (GitHub
   * asks for writes a second apart) are dropped, never sent, and fail with WriteDropped; calls
   * made from now on, the closing writes, skip the spacing. Optional for fakes.
   */
  interrupt?(): void;
}

/**
 * A GitHub call that was still queued when the run was interrupted: it was not sent, and it will
 * not be (a late `pending` must not follow the closing `error`). Reporters take it quietly.
 */
export class WriteDropped extends Error {
  constructor() {
    super('GitHub: the call was not sent: the run was interrupted while it waited its turn');
    this.name = 'WriteDropped';
  }
}

/** Marks one call, so the innermost hook can say whether it was sent before the interrupt. */
class Ticket {
  sent = false;
}

/** The deployment payload key that carries the create's nonce, to find it if the answer is lost. */
export const DEPLOYMENT_NONCE_KEY = 'trigger-build-action-nonce';

/**
 * The GitHub client: Octokit with the throttling plugin (GitHub's spacing of writes), every call
 * under the one client policy of `github-policy.ts` (bounded by `timeout`, what is retried, creates
 * looked for before they are sent again). Imported lazily: Octokit costs about 100 ms to load, and
 * a run with `commit-status: false` never needs it.
 */
export function octokitApi(token: string, owner: string, repo: string, apiUrl: string): GitHubApi {
  type Octokit = ReturnType<typeof getOctokit>;
  let interrupted = false;
  let onInterrupt: () => void = () => undefined;
  const interruption = new Promise<void>((resolve) => (onInterrupt = resolve));
  /**
   * Registered before the retry and throttling plugins, so it is the innermost hook: it runs when
   * a call leaves the throttling queue, right before it is sent.
   */
  const dropWhenInterrupted = (o: Pick<Octokit, 'hook'>): void => {
    o.hook.wrap('request', async (request, options) => {
      const ticket = (options.request as { ticket?: unknown } | undefined)?.ticket;
      if (ticket instanceof Ticket) {
        if (interrupted) throw new WriteDropped();
        ticket.sent = true;
      }
      return request(options);
    });
  };
  const make = async (throttled: boolean): Promise<Octokit> => {
    const [{ getOctokit }, { throttling }] = await Promise.all([
      import('@actions/github'),
      import('@octokit/plugin-throttling'),
    ]);
    return getOctokit(
      token,
      {
        baseUrl: apiUrl,
        // No `request` here: Octokit merges it shallowly, so any `request: {...}` replaces
        // @actions/github's proxy-aware `request.fetch` (HTTPS_PROXY, NO_PROXY, loopback). The
        // per-call `request: { signal }` below is merged deeply and keeps it.
        // No retry plugin: it repeats POSTs (a create whose answer was lost is made twice) and
        // waits on its own timers past `timeout`. The client policy (github-policy.ts) retries.
        throttle: {
          // After an interrupt the closing writes go out at once: the runner leaves 7.5 s.
          enabled: throttled,
          // Rate limits are retried by the policy, which knows the deadline.
          onRateLimit: () => false,
          onSecondaryRateLimit: () => false,
        },
      },
      // Only the spaced client's calls can be caught waiting; the closing client's always go.
      throttled ? dropWhenInterrupted : () => undefined,
      throttling,
    );
  };
  let client: Promise<Octokit> | undefined;
  let closingClient: Promise<Octokit> | undefined;
  /**
   * The client for the next call. Before an interrupt a write may wait in the throttling queue;
   * if the interrupt comes first, the caller gets WriteDropped at once and it is never sent. After
   * it, calls go through a client without the spacing.
   */
  const octokit = async (): Promise<Octokit> => {
    if (interrupted) return (closingClient ??= make(false));
    return (client ??= make(true));
  };
  /**
   * Sends one call through the client of the moment, ticketed (see `octokit`); `signal` aborts it
   * at the policy's bound.
   */
  const send = async <T>(
    signal: AbortSignal,
    call: (
      api: Octokit,
      options: { request: { ticket: Ticket; signal: AbortSignal } },
    ) => Promise<T>,
  ): Promise<T> => {
    const api = await octokit();
    const ticket = new Ticket();
    const sent = call(api, { request: { ticket, signal } });
    if (interrupted) return sent;
    // A dropped call still rejects when its turn comes; nobody waits for it by then.
    sent.catch(() => undefined);
    return Promise.race([
      sent,
      interruption.then(() => (ticket.sent ? sent : Promise.reject(new WriteDropped()))),
    ]);
  };

  /**
   * Octokit follows redirects, dropping the token when the host changes; an answer from another
   * host is not GitHub's, so it is refused instead of being read as one.
   */
  const fromApi = (url: string | undefined, what: string): void => {
    let origin: string | undefined;
    try {
      origin = url ? new URL(url).origin : undefined;
    } catch {
      origin = undefined;
    }
    if (origin === undefined || origin === new URL(apiUrl).origin) return;
    throw new ActionError(
      `GitHub: ${what} was redirected to another host (${origin}); its answer was not used`,
      { fix: 'check GITHUB_API_URL and any proxy between the runner and GitHub' },
    );
  };

  const request = (signal: AbortSignal) => ({ request: { signal } });

  /** The last status list read per commit, with its ETag, for conditional reads. */
  const lastList = new Map<string, { etag: string; statuses: CommitStatusInfo[] }>();

  /** One page of an issue's comments (100 a page, GitHub's most). */
  const commentsPage = async (
    issue: number,
    page: number,
    signal: AbortSignal,
  ): Promise<{ comments: IssueComment[]; more: boolean }> => {
    const api = await octokit();
    const what = `list the comments of #${issue}`;
    const { data, url, headers } = await api.rest.issues.listComments({
      owner,
      repo,
      issue_number: issue,
      per_page: 100,
      page,
      ...request(signal),
    });
    fromApi(url, what);
    if (!Array.isArray(data)) throw new UnexpectedGitHubBody(what);
    return { comments: data.map(toComment), more: /\brel="next"/.test(headers.link ?? '') };
  };

  const listIssueComments = async function* (issue: number): AsyncIterable<IssueComment[]> {
    for (let page = 1; ; page++) {
      const { comments, more } = await gitHubCall(`list the comments of #${issue}`, (signal) =>
        commentsPage(issue, page, signal),
      );
      yield comments;
      if (!more || comments.length === 0) return;
    }
  };

  /** The check run named `name` on `sha` whose external_id is `externalId`, if any. */
  const checkRunById = async (
    sha: string,
    name: string,
    externalId: string,
    signal: AbortSignal,
  ): Promise<{ id: number; url: string } | undefined> => {
    const api = await octokit();
    const what = `list the check runs of ${sha.slice(0, 7)}`;
    const { data, url } = await api.rest.checks.listForRef({
      owner,
      repo,
      ref: sha,
      check_name: name,
      filter: 'all',
      per_page: 100,
      ...request(signal),
    });
    fromApi(url, what);
    const runs = (data as { check_runs?: unknown }).check_runs;
    if (!Array.isArray(runs)) throw new UnexpectedGitHubBody(what);
    const found = (runs as { external_id?: unknown }[]).find((r) => r.external_id === externalId);
    return found ? checkRunOf(found, what) : undefined;
  };

  return {
    createStatus: ({ sha, state, context, description, targetUrl }) =>
      // Posting the same state again leaves the same result: GitHub shows a context's newest.
      gitHubCall('post the commit status', async (signal) => {
        const { url } = await send(signal, (api, options) =>
          api.rest.repos.createCommitStatus({
            owner,
            repo,
            sha,
            state,
            context,
            description,
            ...(targetUrl ? { target_url: targetUrl } : {}),
            ...options,
          }),
        );
        fromApi(url, 'post the commit status');
      }),
    listStatuses: (sha) => {
      const what = `list the statuses of ${sha.slice(0, 7)}`;
      return gitHubCall(what, async (signal) => {
        const api = await octokit();
        // A conditional read: GitHub answers 304 when nothing changed, and a 304 does not count
        // against the rate limit, which Jamdesk's polling would otherwise spend.
        const cached = lastList.get(sha);
        let answer;
        try {
          answer = await api.rest.repos.listCommitStatusesForRef({
            owner,
            repo,
            ref: sha,
            per_page: 100,
            ...(cached ? { headers: { 'if-none-match': cached.etag } } : {}),
            ...request(signal),
          });
        } catch (error) {
          if (cached && (error as { status?: unknown }).status === 304) return cached.statuses;
          throw error;
        }
        const { data, url, headers } = answer;
        fromApi(url, what);
        if (!Array.isArray(data)) throw new UnexpectedGitHubBody(what);
        const statuses = data.map((s) => {
          const createdAt = Date.parse(s.created_at);
          return {
            context: s.context,
            state: s.state as CommitStatusInfo['state'],
            description: s.description,
            targetUrl: s.target_url,
            ...(Number.isNaN(createdAt) ? {} : { createdAt }),
          };
        });
        const etag = headers.etag;
        if (typeof etag === 'string' && etag !== '') lastList.set(sha, { etag, statuses });
        else lastList.delete(sha);
        return statuses;
      });
    },
    createDeployment: (input) => {
      const what = 'create the deployment';
      // A nonce in the payload names this create, so a deployment GitHub made but whose answer
      // was lost is found by it instead of being made twice.
      const nonce = randomUUID();
      return gitHubCreate(
        what,
        async (signal) => {
          const { data, url } = await send(signal, (api, options) =>
            api.rest.repos.createDeployment({
              owner,
              repo,
              ref: input.sha,
              environment: input.environment,
              description: input.description,
              // Deploying exactly the built commit: never merge the default branch in first, and
              // do not wait for other checks (the build is the check).
              auto_merge: false,
              required_contexts: [],
              production_environment: input.productionEnvironment,
              transient_environment: input.transientEnvironment,
              payload: { ...input.payload, [DEPLOYMENT_NONCE_KEY]: nonce },
              ...options,
            }),
          );
          fromApi(url, what);
          const id = (data as { id?: unknown }).id;
          if (typeof id !== 'number') throw new UnexpectedGitHubBody(what);
          return id;
        },
        async (signal) => {
          const api = await octokit();
          const { data, url } = await api.rest.repos.listDeployments({
            owner,
            repo,
            sha: input.sha,
            environment: input.environment,
            per_page: 100,
            ...request(signal),
          });
          fromApi(url, 'list the deployments');
          if (!Array.isArray(data)) throw new UnexpectedGitHubBody('list the deployments');
          const made = data.find((d) => {
            const payload = d.payload as unknown;
            return (
              typeof payload === 'object' &&
              payload !== null &&
              (payload as Record<string, unknown>)[DEPLOYMENT_NONCE_KEY] === nonce
            );
          });
          return made?.id;
        },
      );
    },
    createDeploymentStatus: (input) => {
      const what = `post the status of deployment ${input.deploymentId}`;
      // Repeating a state leaves the deployment in that state; a lost answer costs at most a
      // repeated line in its history.
      return gitHubCall(what, async (signal) => {
        const { url } = await send(signal, (api, options) =>
          api.rest.repos.createDeploymentStatus({
            owner,
            repo,
            deployment_id: input.deploymentId,
            state: input.state,
            description: input.description,
            auto_inactive: input.autoInactive,
            ...(input.logUrl ? { log_url: input.logUrl } : {}),
            ...(input.environmentUrl ? { environment_url: input.environmentUrl } : {}),
            ...options,
          }),
        );
        fromApi(url, what);
      });
    },
    listIssueComments,
    createIssueComment: (issue, body) => {
      const what = `comment on #${issue}`;
      return gitHubCreate(
        what,
        async (signal) => {
          const { data, url } = await send(signal, (api, options) =>
            api.rest.issues.createComment({ owner, repo, issue_number: issue, body, ...options }),
          );
          fromApi(url, what);
          return toComment(data);
        },
        // The body starts with the sticky comment's hidden marker and carries this run's state:
        // a comment with exactly this body is the one the lost request made.
        async (signal) => {
          const same = (text: string) => text.replace(/\r\n/g, '\n').trimEnd();
          for (let page = 1; ; page++) {
            const { comments, more } = await commentsPage(issue, page, signal);
            const made = comments.find((c) => same(c.body) === same(body));
            if (made) return made;
            if (!more || comments.length === 0) return undefined;
          }
        },
      );
    },
    updateIssueComment: (commentId, body) => {
      const what = `update comment ${commentId}`;
      // An edit to the same body is the same comment: safe to repeat.
      return gitHubCall(what, async (signal) => {
        const { data, url } = await send(signal, (api, options) =>
          api.rest.issues.updateComment({ owner, repo, comment_id: commentId, body, ...options }),
        );
        fromApi(url, what);
        return toComment(data);
      });
    },
    viewerLogin: () =>
      gitHubCall('read the token identity', async (signal) => {
        // GraphQL waits in the same queue as writes.
        const data = await send(signal, (api, options) =>
          api.graphql<{ viewer?: { login?: unknown } }>('query { viewer { login } }', options),
        );
        const login = data?.viewer?.login;
        if (typeof login !== 'string' || !login)
          throw new UnexpectedGitHubBody('read the token identity');
        return login;
      }),
    resolveCommit: (ref) =>
      gitHubCall(`read commit ${ref}`, async (signal) => {
        const api = await octokit();
        const { data, url } = await api.rest.repos.getCommit({
          owner,
          repo,
          ref,
          ...request(signal),
        });
        fromApi(url, `read commit ${ref}`);
        if (typeof data?.sha !== 'string') throw new UnexpectedGitHubBody(`read commit ${ref}`);
        return data.sha;
      }),
    pullRequestHead: (pullNumber) =>
      gitHubCall(`read pull request #${pullNumber}`, async (signal) => {
        const api = await octokit();
        const { data, url } = await api.rest.pulls.get({
          owner,
          repo,
          pull_number: pullNumber,
          ...request(signal),
        });
        fromApi(url, `read pull request #${pullNumber}`);
        const sha = (data as { head?: { sha?: unknown } } | undefined)?.head?.sha;
        if (typeof sha !== 'string')
          throw new UnexpectedGitHubBody(`read pull request #${pullNumber}`);
        return { sha, ref: pullRequestBranch(data, `pull request #${pullNumber}'s head branch`) };
      }),
    createCheckRun: ({ externalId, ...input }) => {
      const what = `create the check run ${input.name}`;
      return gitHubCreate(
        what,
        async (signal) => {
          const { data, url } = await send(signal, (api, options) =>
            api.rest.checks.create({
              owner,
              repo,
              name: input.name,
              head_sha: input.sha,
              external_id: externalId,
              ...checkRunBody(input),
              ...options,
            }),
          );
          fromApi(url, what);
          return checkRunOf(data, what);
        },
        (signal) => checkRunById(input.sha, input.name, externalId, signal),
      );
    },
    findCheckRun: ({ sha, name, externalId }) =>
      gitHubCall(`list the check runs of ${sha.slice(0, 7)}`, (signal) =>
        checkRunById(sha, name, externalId, signal),
      ),
    updateCheckRun: (id, input) => {
      const what = `update check run ${id}`;
      // An update sets the same fields again: safe to repeat.
      return gitHubCall(what, async (signal) => {
        const { url } = await send(signal, (api, options) =>
          api.rest.checks.update({
            owner,
            repo,
            check_run_id: id,
            ...checkRunBody(input),
            ...options,
          }),
        );
        fromApi(url, what);
      });
    },
    interrupt() {
      if (interrupted) return;
      interrupted = true;
      onInterrupt();
    },
  };
}

/** A check run's id and page from GitHub's answer. */
function checkRunOf(data: unknown, what: string): { id: number; url: string } {
  const run = data as { id?: unknown; html_url?: unknown } | null;
  if (typeof run?.id !== 'number') throw new UnexpectedGitHubBody(what);
  return { id: run.id, url: typeof run.html_url === 'string' ? run.html_url : '' };
}

/** The REST body of a check run's fields. */
function checkRunBody(input: CheckRunFields) {
  const iso = (at: number) => new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    status: input.status,
    ...(input.conclusion ? { conclusion: input.conclusion } : {}),
    ...(input.detailsUrl ? { details_url: input.detailsUrl } : {}),
    ...(input.startedAt !== undefined ? { started_at: iso(input.startedAt) } : {}),
    ...(input.completedAt !== undefined ? { completed_at: iso(input.completedAt) } : {}),
    output: {
      title: input.output.title,
      summary: input.output.summary,
      ...(input.output.text ? { text: input.output.text } : {}),
      ...(input.output.annotations?.length
        ? {
            annotations: input.output.annotations.map((a) => ({
              path: a.path,
              start_line: a.line,
              end_line: a.line,
              ...(a.column ? { start_column: a.column, end_column: a.column } : {}),
              annotation_level: a.level,
              message: a.message,
            })),
          }
        : {}),
    },
  };
}

function toComment(data: {
  id: number;
  body?: string | null;
  user?: { login?: string } | null;
  html_url?: string;
}): IssueComment {
  if (typeof data?.id !== 'number') throw new UnexpectedGitHubBody('read a comment');
  return {
    id: data.id,
    body: typeof data.body === 'string' ? data.body : '',
    author: data.user?.login ?? '',
    url: data.html_url ?? '',
  };
}
