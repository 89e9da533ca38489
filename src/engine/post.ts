import * as core from '../runner.js';
import { describeError } from '../errors.js';
import { octokitApi, type GitHubApi } from './github.js';
import { STATUS_STATE_KEY, statusDescription, type SavedStatus } from './status.js';

/**
 * The post step: if the main step was cancelled or killed after posting `pending`, finish the
 * status so no commit is left pending. It never fails the job.
 */
export async function runPost(
  github: (token: string, owner: string, repo: string, apiUrl: string) => GitHubApi = octokitApi,
): Promise<void> {
  const raw = core.getState(STATUS_STATE_KEY);
  if (!raw) return;
  let saved: SavedStatus;
  try {
    saved = JSON.parse(raw) as SavedStatus;
  } catch {
    core.warning('Post step: the saved commit status state is unreadable; nothing to finish.');
    return;
  }
  if (saved.phase === 'done') return;
  const token = core.getInput('github-token');
  if (!token) return;
  core.setSecret(token);
  const final =
    saved.phase === 'finishing' && saved.final
      ? saved.final
      : {
          state: 'error' as const,
          description: statusDescription(
            'Cancelled: the workflow stopped before the build finished',
          ),
        };
  try {
    await github(token, saved.owner, saved.repo, saved.apiUrl).createStatus({
      sha: saved.sha,
      state: final.state,
      context: saved.context,
      description: final.description,
      ...(saved.targetUrl ? { targetUrl: saved.targetUrl } : {}),
    });
    core.info(
      `Commit status ${saved.context}: ${final.state} on ${saved.sha.slice(0, 7)} (the main step did not finish it).`,
    );
  } catch (error) {
    core.warning(`Post step could not finish the commit status: ${describeError(error)}`);
  }
}
