import { describeError } from '../errors.js';
import type { Logger } from '../providers/types.js';
import type { GitHubApi } from './github.js';
import { postClosers, type PostCloser } from './reporters/index.js';

/** What the post step needs from its host (the Actions runner, or a test). */
export interface PostDeps {
  /** Reads what the main step saved (`core.getState`). */
  getState: (key: string) => string;
  /** The github-token input; empty means nothing can be closed on GitHub. */
  token: string;
  github: (token: string, owner: string, repo: string, apiUrl: string) => GitHubApi;
  log: Logger;
  closers?: readonly PostCloser[];
}

/**
 * The post step: whatever the main step's reporters left open (it was cancelled or killed mid-run),
 * each reporter's closer finishes from the saved state, so no commit status stays pending and no
 * deployment stays in progress. It never fails the job.
 */
export async function runPost(deps: PostDeps): Promise<void> {
  const { token, log } = deps;
  const github = token
    ? (owner: string, repo: string, apiUrl: string) => deps.github(token, owner, repo, apiUrl)
    : undefined;
  for (const closer of deps.closers ?? postClosers) {
    const saved = deps.getState(closer.stateKey);
    if (!saved) continue;
    try {
      await closer.close(saved, { github, log });
    } catch (error) {
      log.warning(`Post step: could not close ${closer.stateKey}: ${describeError(error)}`);
    }
  }
}
