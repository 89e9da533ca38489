import { describeError } from '../../errors.js';
import type { CommitStatusInfo, Logger } from '../../providers/types.js';
import { publicLink } from '../../public/links.js';
import { formatDuration, safeLine, truncate } from '../../text.js';
import { WriteDropped, type GitHubApi } from '../github.js';
import type { Outcome } from '../types.js';
import { gitHubState } from '../verdict.js';
import {
  isRefusal,
  readSaved,
  refusalWarning,
  type FinishedEvent,
  type PostCloser,
  type Reporter,
  type TriggeredEvent,
} from './types.js';

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

/**
 * Shortens a description to GitHub's 140 characters, on one line, cut between code points (a lone
 * surrogate half is not valid text). Counted in UTF-16 units, which is never fewer than GitHub's
 * count, so the limit holds either way.
 */
export function statusDescription(text: string): string {
  return truncate(safeLine(text, 1000), MAX_DESCRIPTION);
}

/** "Deskforge build b-1", or "Deskforge build" when the provider gives no id. */
export function buildName(outcome: Pick<Outcome, 'providerTitle' | 'build'>): string {
  return outcome.build?.id
    ? `${outcome.providerTitle} build ${outcome.build.id}`
    : `${outcome.providerTitle} build`;
}

/** One line for a finished run: "… succeeded in 1m 5s", or the outcome's explanation. */
export function finalDescription(outcome: Outcome): string {
  const name = buildName(outcome);
  return outcome.status === 'success'
    ? `${name} succeeded in ${formatDuration(outcome.durationMs)}`
    : (outcome.message ?? `${name}: ${outcome.status}`);
}

/**
 * Posts the commit status lifecycle: pending once, then one final state. It saves its progress
 * for the post step before each post, so a cancelled or killed run never leaves `pending` behind.
 * A 403/404 from GitHub (fork pull requests, a token without `statuses: write`) is a warning, not a
 * failed step: the build result matters more than the badge.
 */
export class CommitStatusReporter implements Reporter {
  readonly name = 'commit status';
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

  async triggered({ providerTitle, build, waiting, link }: TriggeredEvent): Promise<void> {
    // Without waiting nothing would ever finish a pending status, so none is posted.
    if (!waiting) return;
    await this.update('pending', `${buildName({ providerTitle, build })} ${build.state}`, link);
  }

  async finished({ outcome, link, local }: FinishedEvent): Promise<void> {
    const state = gitHubState(outcome);
    if (local || !state) return;
    // Before anything was triggered there is no pending status to close, but the failure still
    // belongs on the commit so a required check explains itself.
    await this.update(state, finalDescription(outcome), link);
  }

  async cancelled(event: FinishedEvent): Promise<void> {
    await this.finished(event);
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
    // The engine hands over public links only; the rule is applied again where the link leaves.
    targetUrl = publicLink(targetUrl);
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
      // Dropped by an interrupt before it was sent: the closing status follows.
      if (error instanceof WriteDropped) return;
      if (isRefusal(error)) {
        this.disabled = true;
        this.options.saveState(STATUS_STATE_KEY, JSON.stringify({ ...saved, phase: 'done' }));
      }
      this.options.log.warning(refusalWarning('post the commit status', error, 'statuses: write'));
    }
  }
}

/**
 * The post step's half: if the main step was cancelled or killed after posting `pending`, finish
 * the status (with the final state it was about to post, else `error`) so no commit stays pending.
 */
export const commitStatusCloser: PostCloser = {
  stateKey: STATUS_STATE_KEY,
  async close(raw, { github, log }) {
    const saved = readSaved<SavedStatus>(raw, 'commit status', log);
    if (!saved || saved.phase === 'done' || !github) return;
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
      await github(saved.owner, saved.repo, saved.apiUrl).createStatus({
        sha: saved.sha,
        state: final.state,
        context: saved.context,
        description: final.description,
        ...(saved.targetUrl ? { targetUrl: saved.targetUrl } : {}),
      });
      log.info(
        `Commit status ${saved.context}: ${final.state} on ${saved.sha.slice(0, 7)} (the main step did not finish it).`,
      );
    } catch (error) {
      log.warning(`Post step could not finish the commit status: ${describeError(error)}`);
    }
  },
};
