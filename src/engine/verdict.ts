/**
 * The one place an outcome becomes a verdict: the state GitHub shows (commit status, deployment),
 * whether the step fails, and the CLI's exit code. Everything here reads `Outcome.end` and
 * `Outcome.status`, never the message text.
 */
import { aggregateStatus, type NamedOutcome } from './results.js';
import type { Outcome, OutcomeStatus } from './types.js';

/** The CLI's documented exit codes. */
export const EXIT = {
  success: 0,
  buildFailed: 1,
  badInput: 2,
  timedOut: 3,
  toolFailed: 4,
  interrupted: 130,
} as const;

/** A final commit status or deployment state. */
export type GitHubFinalState = 'success' | 'failure' | 'error';

/**
 * The state GitHub shows for a finished run: `failure` is the build's own verdict; anything the
 * action could not see through (its own failure, a timeout, a cancellation, fail-fast) is `error`.
 * Undefined while the build runs on unfollowed (`wait: false`): nothing final can be said.
 */
export function gitHubState(outcome: Outcome): GitHubFinalState | undefined {
  if (outcome.status === 'queued' || outcome.status === 'building') return undefined;
  if (outcome.end !== 'build') return 'error';
  if (outcome.status === 'success') return 'success';
  if (outcome.status === 'failure') return 'failure';
  return 'error';
}

/** True when the action itself failed (its own error or a bad input), whatever the build did. */
export function isActionFailure(outcome: Outcome): boolean {
  return outcome.end === 'action-error' || outcome.end === 'bad-input';
}

/** A failure that fail-fast reacts to: the build failed, or the action could not see it through. */
export function triggersFailFast(outcome: Outcome): boolean {
  return outcome.status === 'failure' || isActionFailure(outcome);
}

/** What one outcome means for the step. */
export interface Verdict {
  status: OutcomeStatus;
  /** It fails the step (the action's setFailed; a non-zero CLI exit code). */
  fails: boolean;
  /** A failure that `fail-on-error: false` lets pass: a warning, exit 0. */
  excused: boolean;
  exitCode: number;
  level: 'info' | 'warning' | 'error';
  /** The one line that says how it ended. */
  line: string;
}

/** The verdict on one outcome, as the exit-code table documents it. */
export function verdict(outcome: Outcome, failOnError: boolean): Verdict {
  const { status } = outcome;
  const line = outcome.message ?? `${outcome.providerTitle} build ${status}`;
  const failing = (exitCode: number): Verdict =>
    failOnError
      ? { status, fails: true, excused: false, exitCode, level: 'error', line }
      : { status, fails: false, excused: true, exitCode: EXIT.success, level: 'warning', line };
  switch (outcome.end) {
    case 'action-error':
      return {
        status,
        fails: true,
        excused: false,
        exitCode: EXIT.toolFailed,
        level: 'error',
        line,
      };
    case 'bad-input':
      return { status, fails: true, excused: false, exitCode: EXIT.badInput, level: 'error', line };
    case 'stopped':
      // fail-fast stopped awaiting it: the target that failed speaks for the step.
      return { status, fails: false, excused: false, exitCode: EXIT.success, level: 'info', line };
    case 'timed-out':
      return failing(EXIT.timedOut);
    case 'cancelled':
      return failing(EXIT.interrupted);
    case 'build':
      if (status === 'success' || status === 'queued' || status === 'building') {
        return {
          status,
          fails: false,
          excused: false,
          exitCode: EXIT.success,
          level: 'info',
          line: `Done: ${status}.`,
        };
      }
      return failing(status === 'timed_out' ? EXIT.timedOut : EXIT.buildFailed);
  }
}

/** The step's verdict: one per target (named with several targets), and the exit code. */
export interface StepVerdict {
  /** One per target, in input order; with several targets each line starts with `[name]`. */
  targets: (Verdict & { name: string })[];
  /** The aggregate `status` output. */
  status: OutcomeStatus;
  fails: boolean;
  /**
   * The worst target's exit code, worst as in the aggregate `status` order (failure, timed_out,
   * cancelled), the higher code between targets of that status; 130 for an interrupted run.
   */
  exitCode: number;
}

/** The verdict on a whole step. `interrupted`: the host received SIGINT/SIGTERM. */
export function stepVerdict(
  named: readonly NamedOutcome[],
  options: { failOnError: boolean; multi: boolean; interrupted: boolean },
): StepVerdict {
  const targets = named.map(({ name, outcome }) => {
    const own = verdict(outcome, options.failOnError);
    const line = options.multi ? `[${name}] ${own.line}` : own.line;
    return options.interrupted
      ? { ...own, name, line, fails: true, exitCode: EXIT.interrupted, level: 'error' as const }
      : { ...own, name, line };
  });
  const status = aggregateStatus(named.map((n) => n.outcome.status));
  const failing = targets.filter((t) => t.exitCode !== EXIT.success);
  const worst = aggregateStatus(failing.map((t) => t.status));
  const exitCode = options.interrupted
    ? EXIT.interrupted
    : failing.length === 0
      ? EXIT.success
      : Math.max(...failing.filter((t) => t.status === worst).map((t) => t.exitCode));
  return { targets, status, fails: targets.some((t) => t.fails), exitCode };
}
