import type { Clock } from '../../src/clock.js';

/** A clock whose sleeps return at once and advance time, so waits cost no real seconds. */
export function instantClock(start = Date.parse('2026-11-23T10:00:00Z')): Clock & {
  slept: number[];
  advance(ms: number): void;
} {
  let now = start;
  const slept: number[] = [];
  return {
    slept,
    advance: (ms) => {
      now += ms;
    },
    now: () => now,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      slept.push(ms);
      now += ms;
    },
    random: () => 0.5,
  };
}
