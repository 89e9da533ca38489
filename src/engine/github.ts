import type { getOctokit } from '@actions/github';
import type { CommitStatusInfo } from '../providers/types.js';

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
          request: { retries: 3 },
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

  return {
    async createStatus({ sha, state, context, description, targetUrl }) {
      const api = await octokit();
      await api.rest.repos.createCommitStatus({
        owner,
        repo,
        sha,
        state,
        context,
        description,
        ...(targetUrl ? { target_url: targetUrl } : {}),
      });
    },
    async listStatuses(sha) {
      const api = await octokit();
      const { data } = await api.rest.repos.listCommitStatusesForRef({
        owner,
        repo,
        ref: sha,
        per_page: 100,
      });
      return data.map((s) => ({
        context: s.context,
        state: s.state as CommitStatusInfo['state'],
        description: s.description,
        targetUrl: s.target_url,
      }));
    },
    async resolveCommit(ref) {
      const api = await octokit();
      const { data } = await api.rest.repos.getCommit({ owner, repo, ref });
      return data.sha;
    },
  };
}
