import type { Clock, Deadline } from '../clock.js';
import { HttpError } from '../http/errors.js';
import { isTerminal, type Build, type Provider } from '../providers/types.js';
import { formatDuration, safeLine } from '../text.js';
import { nextPollDelay, type PollPlan } from './schedule.js';

/** How a wait ended. */
export type WaitEnd = 'done' | 'timed_out' | 'cancelled';

export interface WaitOptions {
  provider: Provider;
  build: Build;
  clock: Clock;
  deadline: Deadline;
  signal: AbortSignal;
  plan: PollPlan;
  /** When the build was triggered: elapsed times and the schedule count from here. */
  startedAt: number;
  info: (message: string) => void;
  /** Called on every change of state or provider word. */
  onChange?: (build: Build) => Promise<void>;
  /**
   * After every status read (`show-logs: always` reads the log here). It must return at once:
   * nothing it does may delay the next status read.
   */
  afterPoll?: (build: Build) => void;
}

/** One line per status change: "[1m 05s] building (Deskforge: building)". */
export function describeChange(build: Build, elapsedMs: number, title: string): string {
  const id = build.id ? ` ${build.id}` : '';
  return `[${formatDuration(elapsedMs)}] ${title} build${id}: ${build.state} (${safeLine(build.providerStatus, 80)})`;
}

/**
 * Polls until the build ends, the deadline passes or the run is cancelled. The last poll happens
 * at the deadline itself, so a build that ends just in time is not reported as timed out.
 */
export async function waitForBuild(options: WaitOptions): Promise<{ build: Build; end: WaitEnd }> {
  const { provider, clock, deadline, signal, plan, startedAt, info } = options;
  let build = options.build;
  let seen = `${build.state}/${build.providerStatus}`;
  info(describeChange(build, clock.now() - startedAt, provider.title));
  if (isTerminal(build.state)) return { build, end: 'done' };

  // Gaps are measured between the starts of two reads, so a slow answer does not add to them.
  let lastRead = clock.now();
  for (;;) {
    if (signal.aborted) return { build, end: 'cancelled' };
    const remaining = deadline.remaining();
    if (remaining <= 0) return { build, end: 'timed_out' };
    const sinceRead = clock.now() - lastRead;
    const delay = Math.min(
      Math.max(0, nextPollDelay(plan, clock.now() - startedAt) - sinceRead),
      remaining,
    );
    try {
      await clock.sleep(delay, signal);
    } catch {
      return { build, end: 'cancelled' };
    }
    lastRead = clock.now();
    try {
      build = await provider.poll(build);
    } catch (error) {
      if (signal.aborted) return { build, end: 'cancelled' };
      if (error instanceof HttpError && error.kind === 'deadline')
        return { build, end: 'timed_out' };
      throw error;
    }
    const key = `${build.state}/${build.providerStatus}`;
    if (key !== seen) {
      seen = key;
      info(describeChange(build, clock.now() - startedAt, provider.title));
      await options.onChange?.(build);
    }
    if (isTerminal(build.state)) return { build, end: 'done' };
    options.afterPoll?.(build);
  }
}
