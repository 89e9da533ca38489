/**
 * The single retry table. Reads retry on anything transient; a trigger (non-idempotent POST) is
 * retried only when the request provably never reached the server, or the caller says the
 * provider documents retrying as safe. Everything else fails at once with the provider's words.
 */

/**
 * Statuses that are transient for idempotent requests. Every other status is final (400, 401,
 * 403 without rate-limit headers, 404, 409, 422, ...): retrying cannot change the answer.
 */
export const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/** Connection errors that happen before a single byte of the request is accepted. */
export const UNSENT_ERROR_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'CONNECT_TIMEOUT',
]);

/**
 * A 403 that carries rate-limit headers is a rate limit (GitHub and some gateways answer that way),
 * not a permission problem.
 */
export function isRateLimited(
  status: number,
  headers: Record<string, string | string[] | undefined>,
): boolean {
  if (status === 429) return true;
  if (status !== 403) return false;
  return (
    header(headers, 'retry-after') !== undefined || header(headers, 'x-ratelimit-remaining') === '0'
  );
}

/**
 * Parses Retry-After in either form (delta seconds or an HTTP date) into milliseconds from `now`.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** Reads X-RateLimit-Reset (epoch seconds) as a delay, for APIs that give no Retry-After. */
export function parseRateLimitReset(value: string | undefined, now: number): number | undefined {
  if (value === undefined || !/^\d+$/.test(value.trim())) return undefined;
  return Math.max(0, Number(value.trim()) * 1000 - now);
}

/** Capped exponential backoff with full jitter: uniform in [0, min(cap, base * 2^attempt)]. */
export function backoffDelay(
  attempt: number,
  random: () => number,
  baseMs = 1000,
  capMs = 30_000,
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

/** First value of a (lower-cased) header. */
export function header(
  headers: Record<string, string | string[] | undefined>,
  name: string,
): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
