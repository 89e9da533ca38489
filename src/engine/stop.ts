/**
 * Why a build stopped being awaited. The orchestrator of several targets aborts a target's signal
 * with one of these (fail-fast), so the target's commit status and result say why in the user's
 * words instead of a generic "Cancelled", and the build is not cancelled remotely: the run itself
 * was not cancelled.
 */
export class StopWaiting extends Error {
  constructor(
    /** One line for the commit status description and the results' `message`. */
    readonly description: string,
  ) {
    super(description);
    this.name = 'StopWaiting';
  }
}

/** The line for a build no longer awaited, when that is why `signal` aborted; else undefined. */
export function stoppedWaiting(signal: AbortSignal): string | undefined {
  const reason: unknown = signal.reason;
  return reason instanceof StopWaiting ? reason.description : undefined;
}
