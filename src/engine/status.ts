import { describeError } from '../errors.js';
import type { CommitStatusInfo, Logger } from '../providers/types.js';
import { safeLine } from '../text.js';
import type { GitHubApi } from './github.js';

/** The state key the post step reads to finish a status the main step could not. */
export const STATUS_STATE_KEY = 'commit-status';

/** What the main step leaves for the post step (no secrets: the post step re-reads its inputs). */
export interface SavedStatus {
  owner: string;
  repo: string;
  apiUrl: string;
  sha: string;
  context: string;
  targetUrl?: string;
  /** `pending`: posted pending, nothing after; `finishing`: about to post `final`; `done`. */
  phase: 'pending' | 'finishing' | 'done';
  final?: { state: CommitStatusInfo['state']; description: string };
}

/** GitHub's limit on a status description. */
export const MAX_DESCRIPTION = 140;

/** Shortens a description to GitHub's 140 characters, on one line. */
export function statusDescription(text: string): string {
  const flat = safeLine(text, 1000);
  return flat.length > MAX_DESCRIPTION ? `${flat.slice(0, MAX_DESCRIPTION - 1)}…` : flat;
}

/** Only http(s) links are useful (and accepted) as a status target. */
export function statusTargetUrl(...candidates: (string | undefined)[]): string | undefined {
  return candidates.find((url) => url !== undefined && /^https?:\/\//i.test(url));
}

/**
 * Posts the commit status lifecycle: pending once, then one final state. It saves its progress
 * for the post step before each post, so a cancelled or killed run never leaves `pending` behind.
 * A 403/404 from GitHub (fork pull requests, a token without `statuses: write`) is a warning, not a
 * failed step: the build result matters more than the badge.
 */
export class CommitStatusReporter {
  private lastState: CommitStatusInfo['state'] | undefined;
  private disabled = false;

  constructor(
    private readonly options: {
      api: GitHubApi | undefined;
      owner: string;
      repo: string;
      apiUrl: string;
      sha: string;
      context: string;
      log: Logger;
      saveState: (key: string, value: string) => void;
    },
  ) {
    if (options.api && !options.sha) {
      options.log.warning('Commit status skipped: no commit sha (set the sha input).');
      this.disabled = true;
    }
  }

  /** True once a pending status is out there and no final one followed. */
  get pending(): boolean {
    return this.lastState === 'pending';
  }

  /** Posts `state` unless it is the state already posted. */
  async update(
    state: CommitStatusInfo['state'],
    description: string,
    targetUrl?: string,
  ): Promise<void> {
    const { api } = this.options;
    if (!api || this.disabled || state === this.lastState) return;
    const text = statusDescription(description);
    const saved: SavedStatus = {
      owner: this.options.owner,
      repo: this.options.repo,
      apiUrl: this.options.apiUrl,
      sha: this.options.sha,
      context: this.options.context,
      ...(targetUrl ? { targetUrl } : {}),
      phase: state === 'pending' ? 'pending' : 'finishing',
      ...(state === 'pending' ? {} : { final: { state, description: text } }),
    };
    this.options.saveState(STATUS_STATE_KEY, JSON.stringify(saved));
    try {
      await api.createStatus({
        sha: this.options.sha,
        state,
        context: this.options.context,
        description: text,
        ...(targetUrl ? { targetUrl } : {}),
      });
      this.lastState = state;
      this.options.log.info(
        `Commit status ${this.options.context}: ${state} on ${this.options.sha.slice(0, 7)}`,
      );
      if (state !== 'pending') {
        this.options.saveState(STATUS_STATE_KEY, JSON.stringify({ ...saved, phase: 'done' }));
      }
    } catch (error) {
      const status = (error as { status?: unknown }).status;
      if (status === 403 || status === 404) {
        this.disabled = true;
        this.options.saveState(STATUS_STATE_KEY, JSON.stringify({ ...saved, phase: 'done' }));
        this.options.log.warning(
          `Could not post the commit status (GitHub answered ${status}). Fork pull requests get a read-only token; otherwise grant the job "permissions: statuses: write". The build itself is unaffected.`,
        );
        return;
      }
      this.options.log.warning(`Could not post the commit status: ${describeError(error)}`);
    }
  }
}
