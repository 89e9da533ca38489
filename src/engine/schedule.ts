/**
 * When to look next. Fixed-interval polling notices a finished build half an interval late on
 * average; polling fast all along burns the provider's rate limit. Where the provider tells us how
 * long recent builds took, we poll sparsely while the build cannot plausibly be done and briskly
 * around the expected end; where it does not, we start brisk (short builds end fast) and back off.
 */
export interface PollPlan {
  /** The `poll-interval` input: the base interval. */
  baseMs: number;
  /** The fastest the provider allows. */
  minMs: number;
  /** How long recent builds took, when the provider lists them. */
  expectedMs?: number | undefined;
}

/** The brisk interval used near the expected end. */
export function briskInterval(plan: PollPlan): number {
  return Math.max(plan.minMs, Math.min(1000, plan.baseMs / 5));
}

/** Milliseconds to wait before the next poll, given the time since the trigger. */
export function nextPollDelay(plan: PollPlan, elapsedMs: number): number {
  const brisk = briskInterval(plan);
  const sparseCap = Math.max(plan.baseMs * 6, 30_000);
  const expected = plan.expectedMs;
  let delay: number;
  if (expected === undefined || expected <= 0) {
    // Unknown duration: start brisk, grow with the time already spent, never beyond the base.
    delay = clamp(elapsedMs / 4, brisk, plan.baseMs);
  } else {
    const windowStart = expected - 2 * brisk;
    if (elapsedMs < windowStart) {
      // Sparse phase: reach the window in equal steps no longer than the sparse cap, which is what
      // bounds how late an early failure is seen. A stop one base interval short of the window
      // would add a request without tightening that bound (measured: DeployHub, 20 s builds, 5
      // status reads against fixed 5 s polling's 4; now 4).
      const toWindow = windowStart - elapsedMs;
      delay = toWindow / Math.ceil(toWindow / sparseCap);
    } else if (elapsedMs < expected + 3 * brisk) {
      delay = brisk;
    } else {
      // Running longer than usual: back off again towards the base interval.
      delay = clamp((elapsedMs - expected) / 2, brisk, plan.baseMs);
    }
  }
  return Math.max(plan.minMs, Math.round(delay));
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), Math.max(low, high));
}
