import { describe, expect, it } from 'vitest';
import { nextPollDelay, type PollPlan } from '../../src/engine/schedule.js';
import { median } from '../../src/util.js';

/** Poll times (ms after the trigger) until `endMs` has been seen. */
function pollTimes(plan: PollPlan, endMs: number): number[] {
  const times: number[] = [];
  let t = 0;
  while (times.length < 100) {
    t += nextPollDelay(plan, t);
    times.push(t);
    if (t >= endMs) break;
  }
  return times;
}

describe('nextPollDelay', () => {
  it.each([18_000, 20_000, 22_000])(
    'with a known 20 s duration, sees an end at %i ms within a second, in at most 2.5x the reads of fixed 5 s',
    (end) => {
      const plan = { baseMs: 5000, minMs: 1000, expectedMs: 20_000 };
      const times = pollTimes(plan, end);
      const fixed = pollTimes({ baseMs: 5000, minMs: 5000 }, end);
      expect(times.at(-1)! - end).toBeLessThanOrEqual(1000);
      expect(times.length).toBeLessThanOrEqual(2.5 * fixed.length);
    },
  );

  it('never polls faster than the provider allows', () => {
    const plan = { baseMs: 1000, minMs: 3000, expectedMs: 10_000 };
    for (let t = 0; t < 60_000; t += 500)
      expect(nextPollDelay(plan, t)).toBeGreaterThanOrEqual(3000);
  });

  it('without a known duration starts brisk and backs off to the base interval', () => {
    const plan = { baseMs: 10_000, minMs: 500 };
    expect(nextPollDelay(plan, 0)).toBeLessThanOrEqual(2000);
    expect(nextPollDelay(plan, 120_000)).toBe(10_000);
  });

  it('keeps polling at least every poll-interval on a long build so an early failure is seen', () => {
    const plan = { baseMs: 5000, minMs: 1000, expectedMs: 15 * 60_000 };
    expect(nextPollDelay(plan, 0)).toBeLessThanOrEqual(5000);
  });

  it.each([2_500, 7_000, 12_000, 47_000, 300_000])(
    'with no history, sees an end at %i ms within poll-interval, in at most 2.5x the reads of fixed 5 s',
    (end) => {
      const plan = { baseMs: 5000, minMs: 1000 };
      const times = pollTimes(plan, end);
      const gaps = times.map((t, i) => t - (times[i - 1] ?? 0));
      expect(Math.max(...gaps)).toBeLessThanOrEqual(5000);
      expect(times.at(-1)! - end).toBeLessThanOrEqual(5000);
      const fixed = Math.ceil(end / 5000);
      expect(times.length).toBeLessThanOrEqual(Math.max(3, 2.5 * fixed));
    },
  );

  it('backs off again when a build overruns its expected time', () => {
    const plan = { baseMs: 5000, minMs: 1000, expectedMs: 20_000 };
    expect(nextPollDelay(plan, 60_000)).toBe(5000);
  });
});

describe('median', () => {
  it('ignores non-positive values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([0, -1])).toBeUndefined();
  });
});
