import type { getOctokit } from '@actions/github';
import { ActionError } from '../errors.js';
import { type CommitStatusInfo, UnexpectedGitHubBody } from '../providers/types.js';

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
}

/**
 * Octokit with the retry and throttling plugins, so GitHub's `retry-after` and
 * `x-ratelimit-reset` are honoured. Imported lazily: it costs about 100 ms to load, and a run with
 * `commit-status: false` never needs it.
 */
export function octokitApi(token: string, owner: string, repo: string, apiUrl: string): GitHubApi {
  type Octokit = ReturnType<typeof getOctokit>;
  let client: Promise<Octokit> | undefined;
  const octokit = (): Promise<Octokit> => {
    client ??= (async () => {
      const [{ getOctokit }, { retry }, { throttling }] = await Promise.all([
        import('@actions/github'),
        import('@octokit/plugin-retry'),
        import('@octokit/plugin-throttling'),
      ]);
      return getOctokit(
        token,
        {
          baseUrl: apiUrl,
          // No `request` here: Octokit merges it shallowly, so any `request: {...}` replaces
          // @actions/github's proxy-aware `request.fetch` (HTTPS_PROXY, NO_PROXY, loopback), and
          // a `request.retries` makes the retry plugin repeat even answers it must not (403, 422).
          // Retry counts belong to the plugin.
          retry: { retries: 3 },
          throttle: {
            onRateLimit: (_after: number, _opts: unknown, _o: unknown, retryCount: number) =>
              retryCount < 2,
            onSecondaryRateLimit: (
              _after: number,
              _opts: unknown,
              _o: unknown,
              retryCount: number,
            ) => retryCount < 1,
          },
        },
        retry,
        throttling,
      );
    })();
    return client;
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

  return {
    async createStatus({ sha, state, context, description, targetUrl }) {
      const api = await octokit();
      const { url } = await api.rest.repos.createCommitStatus({
        owner,
        repo,
        sha,
        state,
        context,
        description,
        ...(targetUrl ? { target_url: targetUrl } : {}),
      });
      fromApi(url, 'post the commit status');
    },
    async listStatuses(sha) {
      const api = await octokit();
      const { data, url } = await api.rest.repos.listCommitStatusesForRef({
        owner,
        repo,
        ref: sha,
        per_page: 100,
      });
      fromApi(url, `list the statuses of ${sha.slice(0, 7)}`);
      if (!Array.isArray(data))
        throw new UnexpectedGitHubBody(`list the statuses of ${sha.slice(0, 7)}`);
      return data.map((s) => ({
        context: s.context,
        state: s.state as CommitStatusInfo['state'],
        description: s.description,
        targetUrl: s.target_url,
      }));
    },
    async resolveCommit(ref) {
      const api = await octokit();
      const { data, url } = await api.rest.repos.getCommit({ owner, repo, ref });
      fromApi(url, `read commit ${ref}`);
      if (typeof data?.sha !== 'string') throw new UnexpectedGitHubBody(`read commit ${ref}`);
      return data.sha;
    },
  };
}
