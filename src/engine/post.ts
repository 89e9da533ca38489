import { systemClock, type Clock } from '../clock.js';
import { describeError } from '../errors.js';
import { GITHUB_GRACE_MS, POST_STEP_ATTEMPTS, withGitHubBounds } from './github-policy.js';
import type { Logger } from '../providers/types.js';
import type { GitHubApi } from './github.js';
import { postClosers, type PostCloser } from './reporters/index.js';
import { TARGET_COUNT_STATE_KEY, targetStateKey } from './target-state.js';

/** What the post step needs from its host (the Actions runner, or a test). */
export interface PostDeps {
  /** Reads what the main step saved (`core.getState`). */
  getState: (key: string) => string;
  /** The github-token input; empty means nothing can be closed on GitHub. */
  token: string;
  github: (token: string, owner: string, repo: string, apiUrl: string) => GitHubApi;
  log: Logger;
  closers?: readonly PostCloser[];
  clock?: Clock;
}

/**
 * The post step: whatever the main step's reporters left open (it was cancelled or killed mid-run),
 * each reporter's closer finishes from the saved state, so no commit status stays pending and no
 * deployment stays in progress: the single build's, or every target's (each saved its own). It
 * never fails the job. Its GitHub calls share the grace the main step's closing writes have (10 s)
 * and try each write at most twice: the main step already tried, and a job must not hang on
 * GitHub.
 */
export async function runPost(deps: PostDeps): Promise<void> {
  const clock = deps.clock ?? systemClock;
  await withGitHubBounds(
    {
      clock,
      until: clock.now() + GITHUB_GRACE_MS,
      attempts: POST_STEP_ATTEMPTS,
      note: (message) => deps.log.info(message),
    },
    () => closeAll(deps),
  );
}

async function closeAll(deps: PostDeps): Promise<void> {
  const { token, log } = deps;
  const github = token
    ? (owner: string, repo: string, apiUrl: string) => deps.github(token, owner, repo, apiUrl)
    : undefined;
  const count = Number(deps.getState(TARGET_COUNT_STATE_KEY) || '0');
  const keysOf = (key: string): string[] =>
    Number.isInteger(count) && count > 0
      ? Array.from({ length: Math.min(count, 256) }, (_, index) => targetStateKey(key, index))
      : [key];
  for (const closer of deps.closers ?? postClosers) {
    // Targets are independent: their closers run side by side, each guarded.
    await Promise.all(
      keysOf(closer.stateKey).map(async (key) => {
        const saved = deps.getState(key);
        if (!saved) return;
        try {
          await closer.close(saved, { github, log });
        } catch (error) {
          log.warning(`Post step: could not close ${key}: ${describeError(error)}`);
        }
      }),
    );
  }
}
