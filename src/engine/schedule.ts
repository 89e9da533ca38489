/**
 * When to look next. `poll-interval` is the longest gap between two status reads, in every world:
 * a build that fails fast while history says builds take minutes must still be noticed within it.
 * History may only make polls denser, never sparser: around the expected end we poll briskly, so a
 * build that ends as predicted is seen within about a second instead of half an interval late on
 * average. Only a rate-limit answer (Retry-After) may stretch a gap, and that happens in the HTTP
 * layer, which says so in the log.
 */
export interface PollPlan {
  /** The `poll-interval` input: the longest gap between two status reads. */
  baseMs: number;
  /** The fastest the provider allows; it wins over a smaller `poll-interval`. */
  minMs: number;
  /** How long recent builds took, when the provider lists them. */
  expectedMs?: number | undefined;
}

/** The longest gap the schedule ever leaves: `poll-interval`, floored by the provider's minimum. */
export function maxGap(plan: PollPlan): number {
  return Math.max(plan.minMs, plan.baseMs);
}

/** The brisk interval used near the expected end. */
export function briskInterval(plan: PollPlan): number {
  return Math.max(plan.minMs, Math.min(1000, plan.baseMs / 5));
}

/** Milliseconds to wait before the next poll, given the time since the trigger. */
export function nextPollDelay(plan: PollPlan, elapsedMs: number): number {
  const brisk = briskInterval(plan);
  const longest = maxGap(plan);
  const expected = plan.expectedMs;
  let delay = longest;
  if (expected !== undefined && expected > 0) {
    // Recent builds vary by about 10% around their median: poll briskly across that spread.
    const windowStart = expected * 0.9 - brisk;
    const windowEnd = expected * 1.1 + 2 * brisk;
    if (elapsedMs < windowStart) {
      // Before the window: the base interval, shortened so that the last step lands on the
      // window's start instead of overshooting it by up to one interval.
      const toWindow = windowStart - elapsedMs;
      delay = toWindow / Math.ceil(toWindow / longest);
    } else if (elapsedMs < windowEnd) {
      delay = brisk;
    } else {
      // Running longer than usual: back off again towards the base interval.
      delay = (elapsedMs - windowEnd) / 2;
    }
  } else {
    // Unknown duration: start brisk (short builds end fast), then wait as long again as the
    // build has already run, so the gaps double up to poll-interval. A build that has run for t
    // is seen by 2t at the latest, and a short build costs a few reads more than fixed polling
    // (5 against 3 for a 12 s build at 5 s), not three times as many.
    delay = elapsedMs;
  }
  return Math.round(clamp(delay, Math.min(brisk, longest), longest));
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}
