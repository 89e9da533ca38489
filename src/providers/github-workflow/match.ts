/**
 * Which run a dispatch started, when the server does not say (GHES answers the dispatch 204 with
 * no body). Pure: the adapter lists the runs, this picks.
 */
import { parseTime } from '../../util.js';
import type { WireRun } from './wire.js';

/**
 * How far a run's `created_at` may be before our dispatch and still be ours: GitHub stamps whole
 * seconds, and the runner's clock and GitHub's differ a little.
 */
export const CLOCK_SLACK_MS = 10_000;

/** What is known about our dispatch. */
export interface Dispatch {
  /** When we sent it (epoch ms, our clock). */
  at: number;
  /** Run ids listed just before it was sent, when they were listed: none of them is ours. */
  known?: ReadonlySet<number>;
  /** The unique id sent in the `distinct-id-input` input, when there is one. */
  distinctId?: string;
}

/** The verdict on one list of runs. */
export interface Match {
  /** The run taken as ours, if any. */
  run?: WireRun;
  /** How many runs could be ours (created after the dispatch, not listed before it). */
  candidates: number;
  /**
   * With a distinct id: runs that appeared after the dispatch but do not carry it in their title
   * (another actor's, or ours when the workflow's `run-name` does not show the input).
   */
  untitled: number;
}

/** Runs created after the dispatch (within the clock slack) that were not there before it. */
export function newRuns(runs: readonly WireRun[], dispatch: Dispatch): WireRun[] {
  return runs
    .filter(
      (run) =>
        typeof run.id === 'number' &&
        !dispatch.known?.has(run.id) &&
        (run.event === undefined || run.event === 'workflow_dispatch') &&
        (parseTime(run.created_at) ?? 0) >= dispatch.at - CLOCK_SLACK_MS,
    )
    .sort(
      (a, b) => (parseTime(a.created_at) ?? 0) - (parseTime(b.created_at) ?? 0) || a.id! - b.id!,
    );
}

/**
 * Picks our run. With a distinct id, the run whose title (or name) carries it, and no other: a
 * concurrent dispatch by someone else is never taken. Without one, the oldest new run; `candidates`
 * says whether that was a guess among several.
 */
export function matchRun(runs: readonly WireRun[], dispatch: Dispatch): Match {
  const fresh = newRuns(runs, dispatch);
  if (dispatch.distinctId) {
    const id = dispatch.distinctId;
    const carries = (run: WireRun): boolean =>
      (run.display_title ?? '').includes(id) || (run.name ?? '').includes(id);
    const ours = fresh.filter(carries);
    return {
      ...(ours[0] ? { run: ours[0] } : {}),
      candidates: ours.length,
      untitled: fresh.length - ours.length,
    };
  }
  return { ...(fresh[0] ? { run: fresh[0] } : {}), candidates: fresh.length, untitled: 0 };
}
