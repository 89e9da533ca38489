import { describe, expect, it } from 'vitest';
import { aggregateStatus } from '../../src/engine/results.js';
import type { Outcome, OutcomeEnd, OutcomeStatus } from '../../src/engine/types.js';
import { EXIT, gitHubState, stepVerdict, verdict } from '../../src/engine/verdict.js';

const outcome = (status: OutcomeStatus, end: OutcomeEnd = 'build', message?: string): Outcome => ({
  status,
  end,
  providerTitle: 'X',
  build: { id: 'b', state: status === 'timed_out' ? 'building' : status, providerStatus: status },
  durationMs: 1000,
  ...((message ?? status !== 'success') ? { message: message ?? `it ended ${status}` } : {}),
});

/** Every pair of status and ending the engine produces. */
const PAIRS: readonly [OutcomeStatus, OutcomeEnd][] = [
  ['success', 'build'],
  ['success', 'action-error'],
  ['failure', 'build'],
  ['failure', 'action-error'],
  ['failure', 'bad-input'],
  ['timed_out', 'timed-out'],
  ['cancelled', 'build'],
  ['cancelled', 'cancelled'],
  ['cancelled', 'stopped'],
  ['queued', 'build'],
  ['building', 'build'],
];

describe('the verdict on one outcome', () => {
  it.each<[OutcomeStatus, OutcomeEnd, boolean, number, ReturnType<typeof gitHubState>]>([
    ['success', 'build', true, EXIT.success, 'success'],
    ['failure', 'build', true, EXIT.buildFailed, 'failure'],
    ['failure', 'build', false, EXIT.success, 'failure'],
    ['cancelled', 'build', true, EXIT.buildFailed, 'error'],
    ['failure', 'action-error', false, EXIT.toolFailed, 'error'],
    ['success', 'action-error', true, EXIT.toolFailed, 'error'],
    ['failure', 'bad-input', false, EXIT.badInput, 'error'],
    ['timed_out', 'timed-out', true, EXIT.timedOut, 'error'],
    ['timed_out', 'timed-out', false, EXIT.success, 'error'],
    ['cancelled', 'cancelled', true, EXIT.interrupted, 'error'],
    ['cancelled', 'stopped', true, EXIT.success, 'error'],
    ['queued', 'build', true, EXIT.success, undefined],
    ['building', 'build', true, EXIT.success, undefined],
  ])('%s by %s, fail-on-error %s: exit %d, GitHub %s', (status, end, failOnError, code, state) => {
    const v = verdict(outcome(status, end), failOnError);
    expect(v.exitCode).toBe(code);
    expect(gitHubState(outcome(status, end))).toBe(state);
    expect(v.fails).toBe(code !== EXIT.success);
  });

  it('never reads the message: the same outcome with any message gets the same verdict', () => {
    for (const [status, end] of PAIRS) {
      for (const message of ["Input 'artifact' is bad", 'not awaited: fail-fast', 'x']) {
        for (const failOnError of [true, false]) {
          const a = verdict(outcome(status, end), failOnError);
          const b = verdict(outcome(status, end, message), failOnError);
          expect({ ...b, line: '' }).toEqual({ ...a, line: '' });
        }
      }
    }
  });
});

describe('the exit code of several targets', () => {
  const code = (outcomes: Outcome[], failOnError = true, interrupted = false): number =>
    stepVerdict(
      outcomes.map((o, i) => ({ name: `t${i}`, provider: 'custom', outcome: o })),
      { failOnError, multi: true, interrupted },
    ).exitCode;

  it('ranks as the aggregate status does, then by the higher code', () => {
    expect(code([outcome('success'), outcome('success')])).toBe(EXIT.success);
    expect(code([outcome('cancelled'), outcome('timed_out', 'timed-out')])).toBe(EXIT.timedOut);
    expect(code([outcome('timed_out', 'timed-out'), outcome('failure')])).toBe(EXIT.buildFailed);
    expect(code([outcome('failure'), outcome('failure', 'action-error')])).toBe(EXIT.toolFailed);
    expect(code([outcome('success'), outcome('queued'), outcome('building')])).toBe(EXIT.success);
    // Fail-fast's stopped targets are not failures of their own; the failure is.
    expect(code([outcome('failure'), outcome('cancelled', 'stopped')], false)).toBe(EXIT.success);
    // A tool failure fails the run even with fail-on-error false, as it fails the action's step.
    expect(code([outcome('failure'), outcome('failure', 'action-error')], false)).toBe(
      EXIT.toolFailed,
    );
    expect(code([outcome('success'), outcome('failure')], true, true)).toBe(EXIT.interrupted);
  });

  it("over seeded random mixes: 0 only when every target alone exits 0, else a worst one's code", () => {
    for (let seed = 1; seed <= 300; seed += 1) {
      let a = seed;
      const r = (): number => {
        a = (a * 1103515245 + 12345) % 2147483648;
        return a / 2147483648;
      };
      const outcomes = Array.from({ length: 1 + Math.floor(r() * 5) }, () => {
        const [status, end] = PAIRS[Math.floor(r() * PAIRS.length)]!;
        return outcome(status, end);
      });
      const failOnError = r() < 0.7;
      const alone = outcomes.map((o) => code([o], failOnError));
      const got = code(outcomes, failOnError);
      const where = `seed ${seed}: ${JSON.stringify(outcomes.map((o) => [o.status, o.end]))} fail-on-error ${failOnError}`;
      expect(got === EXIT.success, where).toBe(alone.every((c) => c === EXIT.success));
      if (got === EXIT.success) continue;
      expect(alone, where).toContain(got);
      const failing = outcomes.filter((_, i) => alone[i] !== EXIT.success);
      const worst = aggregateStatus(failing.map((o) => o.status));
      const worstCodes = outcomes.flatMap((o, i) =>
        alone[i] !== EXIT.success && o.status === worst ? [alone[i]] : [],
      );
      expect(worstCodes, where).toContain(got);
    }
  });
});
