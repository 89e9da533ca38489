/**
 * Time, sleeping and randomness are injected everywhere so that waiting, retries and backoff are
 * tested with fake timers and a fixed random source instead of real seconds.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** A number in [0, 1), for jitter. */
  random(): number;
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(
        () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        Math.max(0, ms),
      );
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
  random: () => Math.random(),
};

/** One deadline shared by upload, trigger and wait, so retries never outlive `timeout`. */
export class Deadline {
  constructor(
    private readonly clock: Clock,
    /** Epoch milliseconds at which the run gives up. */
    readonly at: number,
  ) {}

  /** Milliseconds left, never negative. */
  remaining(): number {
    return Math.max(0, this.at - this.clock.now());
  }

  expired(): boolean {
    return this.remaining() <= 0;
  }
}
