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
  it('with a known duration, sees the end within a second using no more polls than fixed 5 s', () => {
    const plan = { baseMs: 5000, minMs: 1000, expectedMs: 20_000 };
    const times = pollTimes(plan, 20_000);
    const fixed = pollTimes({ baseMs: 5000, minMs: 5000 }, 20_000);
    expect(times.at(-1)! - 20_000).toBeLessThanOrEqual(1000);
    expect(times.length).toBeLessThanOrEqual(Math.max(fixed.length, 5));
  });

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

  it('keeps polling at least every 30 s on a long build so an early failure is seen', () => {
    const plan = { baseMs: 5000, minMs: 1000, expectedMs: 15 * 60_000 };
    expect(nextPollDelay(plan, 0)).toBeLessThanOrEqual(30_000);
  });

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
