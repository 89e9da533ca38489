/**
 * The one client policy for GitHub calls (commit statuses, deployments, comments, the status list
 * Jamdesk is read from). Every call is bounded: it ends by the run's `timeout`, and the writes that
 * close a run (final status, deployment status, comment) get a short, stated grace past it. Which
 * calls are repeated after a failure is decided here, and only here:
 *
 * - reads, and writes that leave the same result when repeated (a commit status, a deployment
 *   status, a comment edit), are retried on a rate limit, a 5xx, a 408 and a network failure;
 * - creates (a deployment, a comment, a check run) are never sent again blindly: after a failure
 *   that GitHub may have processed (a 5xx, a connection lost after sending), the policy first looks
 *   for what the lost request may have made, and sends it again only when nothing was made;
 * - nothing is retried after a clear refusal (401, 403, 404, 422...), and no wait outlives the
 *   bound. A request still in flight at the bound is aborted.
 *
 * Octokit's retry plugin is not used: it repeats POSTs (a create whose answer was lost was made
 * twice) and waits on real timers, past any deadline.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { systemClock, type Clock } from '../clock.js';
import { ActionError } from '../errors.js';
import { HttpError, NOT_SENT_PAST_DEADLINE, type HttpFailureKind } from '../http/errors.js';
import {
  TRANSIENT_STATUSES,
  UNSENT_ERROR_CODES,
  header,
  isRateLimited,
  parseRateLimitReset,
  parseRetryAfter,
} from '../http/retry.js';
import { formatDuration, safeLine } from '../text.js';

/**
 * How long past `timeout` the writes that close a run (the final commit status, deployment status
 * and comment, a not-started target's `error`) may take; the post step gets the same budget.
 */
export const GITHUB_GRACE_MS = 10_000;

/** Attempts per call in the main step: the first and at most two retries. */
export const GITHUB_ATTEMPTS = 3;

/** Attempts per call in the post step, which runs after the main step already tried. */
export const POST_STEP_ATTEMPTS = 2;

/** The wait before retry n (0-based), unless GitHub asked for a longer one. */
const BACKOFF_MS = [1000, 2000, 4000];

/** The party every GitHub error names. */
export const GITHUB = 'GitHub';

/** Where GitHub calls must end, and how many tries each may take. */
export interface GitHubBounds {
  clock: Clock;
  /** Clock time by which every call has ended (a request still open then is aborted). */
  until: number;
  /** Attempts per call, the first included. */
  attempts: number;
  /** Hears "GitHub: ... failed (HTTP 500); retry 1/2 in 1s" before each retry. */
  note?: (message: string) => void;
}

const bounds = new AsyncLocalStorage<GitHubBounds>();

/**
 * Runs `fn` with GitHub calls bounded by `b`. Every GitHub call made inside it (through the
 * promise chain it starts, whichever reporter or adapter makes it) obeys these bounds: the engine
 * sets `timeout` around a run and `timeout` plus the grace around its closing writes, so no caller
 * has to thread a deadline through to the client.
 */
export function withGitHubBounds<T>(b: GitHubBounds, fn: () => T): T {
  return bounds.run(b, fn);
}

/** The bounds in force; outside any run a call still gets the attempt limit and the system clock. */
export function currentGitHubBounds(): GitHubBounds {
  return (
    bounds.getStore() ?? {
      clock: systemClock,
      until: Number.POSITIVE_INFINITY,
      attempts: GITHUB_ATTEMPTS,
    }
  );
}

/** What a call does, for the policy and for the one-line error naming GitHub. */
export type CallKind =
  /** A read, or a write whose repetition leaves the same result: retried when transient. */
  | 'idempotent'
  /** A create: after an ambiguous failure, looked for before it is sent again. */
  | 'create';

/** One attempt at a call; `signal` aborts it at the bound. */
export type Attempt<T> = (signal: AbortSignal) => Promise<T>;

/**
 * Runs a read or a repeatable write under the policy: retried on a rate limit, a 5xx, a 408 or a
 * network failure, at most `attempts` times in all, never past the bound. Throws an HttpError
 * naming GitHub, with GitHub's status and message.
 */
export async function gitHubCall<T>(what: string, attempt: Attempt<T>): Promise<T> {
  return run(what, 'idempotent', attempt, undefined);
}

/**
 * Runs a create under the policy. After a failure GitHub may have processed (a 5xx, 408, or a
 * connection lost after the request was sent), `find` looks for what the request may have made;
 * only when it finds nothing is the create sent again. When the look itself fails, nothing is
 * sent again and the error says the create may have been made.
 */
export async function gitHubCreate<T>(
  what: string,
  attempt: Attempt<T>,
  find: Attempt<T | undefined>,
): Promise<T> {
  return run(what, 'create', attempt, find);
}

async function run<T>(
  what: string,
  kind: CallKind,
  attempt: Attempt<T>,
  find: Attempt<T | undefined> | undefined,
): Promise<T> {
  const b = currentGitHubBounds();
  const attempts = Math.max(1, b.attempts);
  for (let n = 0; ; n++) {
    let error: HttpError;
    try {
      return await bounded(b, what, attempt);
    } catch (thrown) {
      // The client's own refusals (an answer that is not GitHub's JSON, a redirect to another
      // host) are final and already name GitHub.
      if (thrown instanceof ActionError && !(thrown instanceof HttpError)) throw thrown;
      // Neither is anything that is no HTTP failure at all (a call dropped on an interrupt).
      if (!isHttpFailure(thrown)) throw thrown;
      error = gitHubError(thrown, what, kind);
    }
    if (error.kind === 'deadline') throw error;
    if (kind === 'create' && error.ambiguous) {
      let found: T | undefined;
      try {
        // The look is a read, under the same policy (retried, bounded).
        found = await run(`look for what "${what}" made`, 'idempotent', find!, undefined);
      } catch (lookError) {
        throw maybeMade(error, lookError);
      }
      if (found !== undefined) return found;
      // The lost request made nothing: sending it again cannot make a second one.
    }
    const delay = retryDelay(error, kind, n, b.clock.now());
    if (delay === undefined || n + 1 >= attempts) throw error;
    if (b.clock.now() + delay >= b.until) throw error;
    b.note?.(
      `${GITHUB}: ${what} failed (${label(error)}); retry ${n + 1}/${attempts - 1} in ${formatDuration(delay)}`,
    );
    await b.clock.sleep(delay);
  }
}

/** An answer, a failed fetch or an aborted one: what Octokit throws for a request. */
function isHttpFailure(thrown: unknown): boolean {
  if (thrown instanceof HttpError) return true;
  const e = thrown as { status?: unknown; name?: unknown } | null;
  return typeof e?.status === 'number' || e?.name === 'AbortError';
}

/** The wait before the next attempt, or undefined when this failure must not be retried. */
function retryDelay(error: HttpError, kind: CallKind, n: number, now: number): number | undefined {
  const backoff = BACKOFF_MS[Math.min(n, BACKOFF_MS.length - 1)]!;
  switch (error.kind) {
    case 'unsent':
      return backoff;
    case 'network':
      // A create reaches here only after the look found nothing.
      return backoff;
    case 'status': {
      const status = error.status ?? 0;
      if (isRateLimited(status, error.headers)) {
        // Refused, not processed: safe to repeat, after the wait GitHub asked for.
        const asked =
          parseRetryAfter(header(error.headers, 'retry-after'), now) ??
          parseRateLimitReset(header(error.headers, 'x-ratelimit-reset'), now);
        return Math.max(backoff, asked ?? 0);
      }
      if (TRANSIENT_STATUSES.has(status))
        return kind === 'create' && !error.ambiguous ? undefined : backoff;
      return undefined;
    }
    default:
      return undefined;
  }
}

/**
 * One attempt, aborted at the bound. The attempt's own promise is not awaited past the bound: a
 * request stuck in a client queue must not hold the run. The bound is read on the clock; the abort
 * fires on a real timer, since a request in flight is real time whatever clock the run uses.
 */
async function bounded<T>(b: GitHubBounds, what: string, attempt: Attempt<T>): Promise<T> {
  const left = b.until - b.clock.now();
  if (left <= 0) throw deadlineError(what, NOT_SENT_PAST_DEADLINE);
  const controller = new AbortController();
  if (!Number.isFinite(left)) return attempt(controller.signal);
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = deadlineError(what, 'no answer before the timeout');
      controller.abort(error);
      reject(error);
    }, left);
    timer.unref?.();
  });
  try {
    return await Promise.race([attempt(controller.signal), expired]);
  } finally {
    clearTimeout(timer);
  }
}

function deadlineError(what: string, code: string): HttpError {
  return new HttpError({
    provider: GITHUB,
    what,
    kind: 'deadline',
    details: { code },
    fix: 'raise the timeout input if GitHub is slow, or check https://www.githubstatus.com',
  });
}

/** "HTTP 500", or the network code. */
function label(error: HttpError): string {
  return error.status === undefined ? (error.code ?? error.kind) : `HTTP ${error.status}`;
}

/** The create's own failure, saying it may have been made and why it was not sent again. */
function maybeMade(error: HttpError, thrown: unknown): HttpError {
  const why =
    thrown instanceof HttpError
      ? label(thrown)
      : thrown instanceof ActionError
        ? thrown.reason
        : label(gitHubError(thrown, error.what, 'idempotent'));
  return new HttpError({
    provider: GITHUB,
    what: error.what,
    kind: error.kind,
    ...(error.status === undefined ? {} : { status: error.status }),
    details: {
      ...(error.code === undefined ? {} : { code: error.code }),
      message: `${error.providerMessage ?? 'no answer'}; GitHub may have made it, and looking for it failed too (${safeLine(why, 120)}), so it was not sent again`,
    },
    headers: error.headers as Record<string, string | string[] | undefined>,
    ambiguous: true,
    cause: error,
    fix: 'check the pull request or the environment on GitHub before re-running',
  });
}

/**
 * Any error from a GitHub call as an HttpError naming GitHub: its status and message, or the
 * network failure, or the bound. Errors the client raises itself (an answer that is not GitHub's
 * JSON, a redirect to another host) pass through unchanged.
 */
export function gitHubError(thrown: unknown, what: string, kind: CallKind): HttpError {
  if (thrown instanceof HttpError) return thrown;
  const e = (thrown ?? {}) as {
    name?: unknown;
    status?: unknown;
    message?: unknown;
    cause?: unknown;
    response?: { headers?: Record<string, string>; data?: unknown };
  };
  if (e.name === 'AbortError') {
    return deadlineError(what, 'no answer before the timeout');
  }
  const status = typeof e.status === 'number' ? e.status : undefined;
  if (e.response === undefined) {
    // No answer at all: Octokit reports a failed fetch as a 500 without a response.
    const code = networkCode(e.cause) ?? 'ECONNRESET';
    const unsent = UNSENT_ERROR_CODES.has(code);
    const kindOf: HttpFailureKind = unsent ? 'unsent' : 'network';
    return new HttpError({
      provider: GITHUB,
      what,
      kind: kindOf,
      details: {
        code: `${code}${typeof e.message === 'string' && e.message && !e.message.includes(code) ? ` (${safeLine(e.message, 120)})` : ''}`,
      },
      ambiguous: !unsent && kind === 'create',
      cause: thrown,
      fix: "check the runner's connection to GitHub (GITHUB_API_URL, any proxy), or https://www.githubstatus.com",
    });
  }
  const data = e.response.data as { message?: unknown } | string | undefined;
  const message =
    typeof data === 'object' && data !== null && typeof data.message === 'string'
      ? data.message
      : typeof e.message === 'string'
        ? e.message
        : undefined;
  const headers = e.response.headers ?? {};
  return new HttpError({
    provider: GITHUB,
    what,
    kind: 'status',
    ...(status === undefined ? {} : { status }),
    details: message ? { message: safeLine(message, 200) } : {},
    headers,
    // A 5xx or 408 may come after GitHub did the work: a create is then looked for.
    ambiguous: kind === 'create' && status !== undefined && (status >= 500 || status === 408),
    cause: thrown,
    ...(fixFor(status) === undefined ? {} : { fix: fixFor(status)! }),
  });
}

function fixFor(status: number | undefined): string | undefined {
  if (status === undefined) return undefined;
  if (status === 401) return 'check the github-token input (keep the default ${{ github.token }})';
  if (status >= 500)
    return 'GitHub had a server error; see https://www.githubstatus.com and re-run';
  return undefined;
}

/** The errno-style code of a failed fetch (undici puts it on the cause). */
function networkCode(cause: unknown): string | undefined {
  for (let c = cause, depth = 0; c && depth < 4; depth++) {
    const code = (c as { code?: unknown }).code;
    if (typeof code === 'string' && code) return code;
    c = (c as { cause?: unknown }).cause;
  }
  return undefined;
}
