import { ProviderError } from '../errors.js';

/** How a request failed; drives retry decisions. */
export type HttpFailureKind =
  /** The server answered with a non-success status. */
  | 'status'
  /** The connection failed before the request could have reached the server. */
  | 'unsent'
  /** The connection broke or timed out after the request may have been processed. */
  | 'network'
  /** A 2xx whose body is not what the API documents (HTML from a proxy, truncated JSON). */
  | 'body'
  /**
   * An answer larger than the client reads. Never a passing glitch: asking again gets the same
   * answer, so it is never retried (callers that expect big answers stream them instead).
   */
  | 'too-large'
  /** A redirect the layer refuses to follow (another origin with credentials, https -> http). */
  | 'redirect'
  /** The shared deadline ran out (or the run was cancelled) before an answer. */
  | 'deadline';

/**
 * The code of a `deadline` failure whose request was never sent (the deadline had passed): the
 * server is not to blame for it, unlike one that left a request unanswered.
 */
export const NOT_SENT_PAST_DEADLINE = 'timeout reached before the request was sent';

/** What a provider says about an error response, for the one-line message. */
export interface ErrorDetails {
  code?: string;
  message?: string;
  fix?: string;
}

/**
 * A failed HTTP exchange with a provider. It is a ProviderError, so its message is already the
 * user-facing line; the extra fields are for retry logic and adapters (409 bodies, rate limits).
 */
export class HttpError extends ProviderError {
  readonly kind: HttpFailureKind;
  /** Parsed JSON body of an error response, or its text (capped). */
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** Milliseconds the server asked us to wait (Retry-After), when it did. */
  readonly retryAfterMs: number | undefined;
  /** True when a non-idempotent request may have been processed by the server. */
  readonly ambiguous: boolean;

  constructor(init: {
    provider: string;
    what: string;
    kind: HttpFailureKind;
    status?: number;
    details?: ErrorDetails;
    body?: unknown;
    headers?: Record<string, string | string[] | undefined>;
    retryAfterMs?: number;
    ambiguous?: boolean;
    cause?: unknown;
    fix?: string;
  }) {
    const fix = init.details?.fix ?? init.fix;
    super({
      provider: init.provider,
      what: init.what,
      ...(init.status === undefined ? {} : { status: init.status }),
      ...(init.details?.code === undefined ? {} : { code: init.details.code }),
      ...(init.details?.message === undefined ? {} : { providerMessage: init.details.message }),
      ...(fix === undefined ? {} : { fix }),
      ...(init.cause === undefined ? {} : { cause: init.cause }),
    });
    this.name = 'HttpError';
    this.kind = init.kind;
    this.body = init.body;
    this.headers = init.headers ?? {};
    this.retryAfterMs = init.retryAfterMs;
    this.ambiguous = init.ambiguous ?? false;
  }

  /** The same error with `scrub` applied to every text that came from the exchange. */
  redacted(scrub: (text: string) => string): HttpError {
    const body =
      typeof this.body === 'string'
        ? scrub(this.body)
        : this.body === undefined
          ? undefined
          : (JSON.parse(scrub(JSON.stringify(this.body))) as unknown);
    return new HttpError({
      provider: this.provider,
      what: this.what,
      kind: this.kind,
      ...(this.status === undefined ? {} : { status: this.status }),
      details: {
        ...(this.code === undefined ? {} : { code: scrub(this.code) }),
        ...(this.providerMessage === undefined ? {} : { message: scrub(this.providerMessage) }),
        ...(this.fix === undefined ? {} : { fix: scrub(this.fix) }),
      },
      body,
      headers: this.headers as Record<string, string | string[] | undefined>,
      ...(this.retryAfterMs === undefined ? {} : { retryAfterMs: this.retryAfterMs }),
      ambiguous: this.ambiguous,
      ...(this.cause === undefined ? {} : { cause: this.cause }),
    });
  }
}
