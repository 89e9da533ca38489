import type { HttpError } from './errors.js';

/**
 * What one API origin asked every client to respect: "no request before this time" (a 429's
 * Retry-After). Several targets of one provider share a gate, so one target's rate limit holds the
 * others back instead of each of them spending the provider's quota (Sitepaste counts 20 builds an
 * hour per account, across all tokens) to learn the same answer.
 */
export class RateGate {
  private until = 0;
  private reason: HttpError | undefined;

  /** Records that the origin refused requests until `untilMs` (epoch ms), because of `cause`. */
  block(untilMs: number, cause: HttpError): void {
    if (untilMs <= this.until) return;
    this.until = untilMs;
    this.reason = cause;
  }

  /** Milliseconds a request must wait before it may go out; 0 when it may go now. */
  delay(now: number): number {
    return Math.max(0, this.until - now);
  }

  /** The rate-limited answer that closed the gate, while it is closed. */
  cause(now: number): HttpError | undefined {
    return this.delay(now) > 0 ? this.reason : undefined;
  }
}

/** One gate per provider and API origin, for all the clients of a run. */
export class RateGates {
  private readonly gates = new Map<string, RateGate>();

  /** The gate for `provider` at `baseUrl`'s origin, created on first use. */
  for(provider: string, baseUrl: string): RateGate {
    const key = `${provider} ${new URL(baseUrl).origin}`;
    let gate = this.gates.get(key);
    if (!gate) {
      gate = new RateGate();
      this.gates.set(key, gate);
    }
    return gate;
  }
}
