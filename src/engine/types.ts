/**
 * The engine's own types: what a run ended with and the log it writes to. They live apart from the
 * engine's code so reporters, results and hosts depend on them without depending on the engine
 * (which depends on the reporters): no import cycle.
 */
import type { Target } from '../inputs/targets.js';
import type { Build, Logger } from '../providers/types.js';

/** The contract's normalized `status` output. */
export type OutcomeStatus =
  'queued' | 'building' | 'success' | 'failure' | 'timed_out' | 'cancelled';

/**
 * How a run ended, as data. Every verdict (the commit status and deployment state, whether the
 * step fails, the CLI's exit code) is derived from this by src/engine/verdict.ts, never from the
 * message text.
 * - `build`: the build reached its own verdict (success, failure, cancelled by the provider), or
 *   was left running (`wait: false`, or a provider that cannot be followed).
 * - `action-error`: the action could not see it through (credentials, network, a download).
 * - `bad-input`: an input found bad while preparing (a missing artifact path); nothing was sent.
 * - `timed-out`: `timeout` ran out (waiting, uploading, or before the target could start).
 * - `cancelled`: the run itself was cancelled (SIGINT/SIGTERM, a cancelled workflow).
 * - `stopped`: fail-fast stopped awaiting it after another target failed; not a failure of its own.
 */
export type OutcomeEnd =
  'build' | 'action-error' | 'bad-input' | 'timed-out' | 'cancelled' | 'stopped';

/** What a run ended with: everything hosts need for outputs, the summary and the exit code. */
export interface Outcome {
  status: OutcomeStatus;
  /** How it ended; see OutcomeEnd. */
  end: OutcomeEnd;
  providerTitle: string;
  build: Build | undefined;
  /** From the trigger to the final status. */
  durationMs: number;
  /** One line explaining anything but success. */
  message?: string;
  /** Outputs the reporters add (`deployment-id`, `comment-url`), by output name. */
  reportOutputs?: Record<string, string>;
}

/** The engine's view of the log: plain lines, groups, and untrusted blocks. */
export interface EngineLog extends Logger {
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** Prints provider log lines so none of them can be read as a workflow command. */
  untrusted(lines: string[]): void;
}

/** What one target ended with. */
export interface TargetResult {
  target: Target;
  outcome: Outcome;
  /** False when it never started (cancelled, fail-fast or timeout while it queued). */
  started: boolean;
}
