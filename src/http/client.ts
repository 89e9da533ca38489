import type http from 'node:http';
import type { Clock, Deadline } from '../clock.js';
import { ActionError } from '../errors.js';
import type { BodyWriter } from './body.js';
import { formatDuration, queryScrubber } from '../text.js';
import { formatBytes } from '../util.js';
import { type ErrorDetails, HttpError, type HttpFailureKind } from './errors.js';
import { type Credentials, isCredentialSource } from './credentials.js';
import { RateGate } from './gate.js';
import { parseJson } from './json.js';
import { send } from './transport.js';
import {
  backoffDelay,
  header,
  isRateLimited,
  parseRateLimitReset,
  parseRetryAfter,
  TRANSIENT_STATUSES,
  UNSENT_ERROR_CODES,
} from './retry.js';

/**
 * A request body streamed from disk (uploads; see `fileBody`). A factory, because a retry or a
 * redirect sends it again from its start.
 */
export interface UploadBody {
  open: () => BodyWriter;
  length: number;
  contentType: string;
}

/** One call to a provider, described once; the client owns auth, retries, redirects and limits. */
export interface RequestSpec {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path below the API base. Build it with `encodePath` so parameters stay inside their segment. */
  path?: string;
  /** An absolute URL (uploads, downloads, deploy URLs). Credentials go only to the API's origin. */
  url?: string;
  query?: Record<string, string | number | undefined>;
  json?: unknown;
  /**
   * A JSON body the user wrote, sent byte for byte: parsing and re-serialising it would round
   * numbers a double cannot hold (`12345678901234567891` would go out as `12345678901234567000`).
   */
  jsonText?: string;
  body?: UploadBody;
  headers?: Record<string, string>;
  /** What this call does, for messages: "trigger the build", "read build b1". */
  what: string;
  /** `json` (default), `text`, `stream` (caller consumes the body) or `none`. */
  responseType?: 'json' | 'text' | 'stream' | 'none';
  /** A status poll: a 2xx with a body that is not JSON is a passing glitch, not a failure. */
  polling?: boolean;
  /** For non-idempotent calls: the provider documents that retrying after this error is safe. */
  retrySafe?: (error: HttpError) => boolean;
  /** Never attach credentials, even on the API's origin (presigned upload URLs). */
  anonymous?: boolean;
  /** Follow redirects to other origins (without credentials): artifact downloads via a CDN. */
  followForeignRedirects?: boolean;
  /** Statuses returned to the caller instead of thrown (e.g. 304 for conditional GETs). */
  acceptStatuses?: number[];
  maxAttempts?: number;
  /**
   * Not idempotent whatever the method says: a custom API's PUT trigger may create a build each
   * time, so after an ambiguous failure it is never re-sent.
   */
  sideEffects?: boolean;
}

/** A successful response. */
export interface HttpResponse<T> {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: T;
  /** Final URL after redirects. */
  url: string;
}

/** A retry about to happen, for the log. */
export interface RetryEvent {
  what: string;
  attempt: number;
  maxAttempts: number;
  delayMs: number;
  reason: string;
  /** The server set this wait (Retry-After or a rate-limit reset), not our backoff. */
  serverAsked?: boolean;
}

/** Per-attempt time limits. */
export interface Timeouts {
  /** No bytes either way for this long. */
  idleMs: number;
  /** A whole attempt, headers and body, for non-streaming calls. */
  attemptMs: number;
}

export interface HttpClientOptions {
  /** Provider display name for messages. */
  provider: string;
  /** API base URL; its origin is the only one that ever receives `credentials`. */
  baseUrl: string;
  /** Fixed headers, or a source that renews a short-lived token (GitHub's OIDC token). */
  credentials: Credentials;
  clock: Clock;
  deadline: Deadline;
  signal?: AbortSignal;
  /** Maps an error response to the provider's code, message and documented fix. */
  describe?: (status: number, body: unknown) => ErrorDetails | undefined;
  onRetry?: (event: RetryEvent) => void;
  timeouts?: Partial<Timeouts>;
  maxAttempts?: number;
  backoff?: { baseMs: number; capMs: number };
  /**
   * The longest backoff before retrying a failed status read (`polling` requests): the engine
   * passes `poll-interval`, which bounds every gap between two reads. A Retry-After still wins.
   */
  pollRetryCapMs?: number;
  maxBodyBytes?: number;
  userAgent?: string;
  /**
   * Shared with every other client of the same provider and origin (several targets), so a
   * Retry-After one of them is given holds all of them back. Defaults to a gate of its own.
   */
  gate?: RateGate;
  /** A request is held back by the gate for `delayMs` (another client was rate limited). */
  onGateWait?: (event: { what: string; delayMs: number }) => void;
}

const DEFAULT_TIMEOUTS: Timeouts = { idleMs: 30_000, attemptMs: 60_000 };
/** The most of one answer read into memory; bigger answers (logs, artifacts) are streamed. */
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;
const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);

/** Whether sending `spec` twice has the effect of sending it once. */
function isIdempotent(spec: RequestSpec): boolean {
  return IDEMPOTENT.has(spec.method) && !spec.sideEffects;
}

/**
 * Encodes every interpolated value as one path segment: `../../admin` stays a single segment.
 * `encodeURIComponent` leaves `.` and `..` as they are, and URL resolution would then drop or
 * climb a segment (`/projects/../builds` is `/builds`), so those and the empty value are refused.
 * Inputs are checked earlier (readSettings); this guards ids that come from providers.
 */
export function encodePath(strings: TemplateStringsArray, ...values: (string | number)[]): string {
  return strings.reduce((path, part, i) => {
    if (i >= values.length) return path + part;
    const value = String(values[i]);
    if (value === '' || value === '.' || value === '..') {
      throw new ActionError(
        `Refused to build a request path with ${value === '' ? 'an empty' : `a '${value}'`} segment after '${path + part}'`,
        { fix: 'check the project, organization and build ids' },
      );
    }
    return path + part + encodeURIComponent(value);
  }, '');
}

function sameOrigin(a: URL, b: URL): boolean {
  return a.protocol === b.protocol && a.host === b.host;
}

/** Pulls the code and message out of the error shapes the five APIs use. */
export function commonErrorDetails(body: unknown): ErrorDetails {
  if (typeof body === 'string') {
    const text = body.trim();
    return text && !text.startsWith('<') && text.length <= 200 ? { message: text } : {};
  }
  if (!body || typeof body !== 'object') return {};
  const record = body as Record<string, unknown>;
  const error = record['error'];
  const message = typeof record['message'] === 'string' ? record['message'] : undefined;
  if (error && typeof error === 'object') {
    const inner = error as Record<string, unknown>;
    return {
      ...(typeof inner['code'] === 'string' ? { code: inner['code'] } : {}),
      ...(typeof inner['message'] === 'string' ? { message: inner['message'] } : {}),
    };
  }
  if (typeof error === 'string') {
    return message ? { code: error, message } : { message: error };
  }
  return message ? { message } : {};
}

/**
 * The one HTTP layer every provider call goes through. It attaches credentials per request and
 * only for the API's origin, follows redirects itself (never https -> http, never to another
 * origin with credentials), bounds every attempt in time, retries by the table in retry.ts within
 * the shared deadline, caps response bodies, and opens no keep-alive sockets so the process exits
 * as soon as the work is done.
 */
export class HttpClient {
  readonly base: URL;
  private readonly timeouts: Timeouts;
  private readonly gate: RateGate;

  constructor(private readonly options: HttpClientOptions) {
    this.base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.gate = options.gate ?? new RateGate();
  }

  /** The deadline shared with the engine. */
  get deadline(): Deadline {
    return this.options.deadline;
  }

  /** Resolves a spec's target URL. */
  resolve(spec: Pick<RequestSpec, 'path' | 'url' | 'query'>): URL {
    const url = spec.url
      ? new URL(spec.url)
      : new URL((spec.path ?? '').replace(/^\//, ''), this.base);
    for (const [key, value] of Object.entries(spec.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url;
  }

  /** GET and parse JSON. */
  async getJson<T>(path: string, what: string, extra: Partial<RequestSpec> = {}): Promise<T> {
    return (await this.request<T>({ method: 'GET', path, what, ...extra })).body;
  }

  /** Sends a request, retrying per the table, and returns the parsed response. */
  async request<T = unknown>(spec: RequestSpec): Promise<HttpResponse<T>> {
    const maxAttempts = spec.maxAttempts ?? this.options.maxAttempts ?? 6;
    const { clock, deadline, signal, credentials } = this.options;
    let renewed = false;
    for (let attempt = 0; ; attempt += 1) {
      this.checkAlive(spec);
      await this.passGate(spec);
      try {
        return await this.send<T>(spec);
      } catch (error) {
        if (!(error instanceof HttpError)) throw error;
        if (
          error.status === 401 &&
          !renewed &&
          !spec.anonymous &&
          isCredentialSource(credentials) &&
          attempt + 1 < maxAttempts
        ) {
          // A short-lived token the API no longer takes: one more try with a new one (a 401 is a
          // refusal, so even a trigger is safe to resend), never a loop.
          renewed = true;
          if (await credentials.renew(clock.now())) continue;
        }
        if (error.retryAfterMs !== undefined && isRateLimited(error.status ?? 0, error.headers)) {
          this.gate.block(clock.now() + error.retryAfterMs, error);
        }
        const reason = this.retryReason(error, spec, attempt, maxAttempts);
        if (reason === undefined) throw error;
        const backoff = backoffDelay(
          attempt,
          () => clock.random(),
          this.options.backoff?.baseMs,
          this.options.backoff?.capMs,
        );
        const cap = spec.polling ? this.options.pollRetryCapMs : undefined;
        const planned =
          error.retryAfterMs ?? (cap === undefined ? backoff : Math.min(backoff, cap));
        if (error.retryAfterMs !== undefined && error.retryAfterMs > deadline.remaining()) {
          // Waiting out the server's Retry-After would overrun `timeout`: say so now, not later.
          throw error;
        }
        const delayMs = Math.min(planned, deadline.remaining());
        this.options.onRetry?.({
          what: spec.what,
          attempt: attempt + 2,
          maxAttempts,
          delayMs,
          reason,
          ...(error.retryAfterMs === undefined ? {} : { serverAsked: true }),
        });
        await clock.sleep(delayMs, signal).catch(() => undefined);
      }
    }
  }

  /**
   * Waits while the origin's shared gate is closed. When it stays closed past the deadline, fails
   * now with the rate-limited answer that closed it, as if this request had been refused itself.
   */
  private async passGate(spec: RequestSpec): Promise<void> {
    const { clock, deadline, signal } = this.options;
    const delayMs = this.gate.delay(clock.now());
    if (delayMs <= 0) return;
    const cause = this.gate.cause(clock.now());
    if (cause && delayMs > deadline.remaining()) {
      throw new HttpError({
        provider: this.options.provider,
        what: spec.what,
        kind: 'status',
        ...(cause.status === undefined ? {} : { status: cause.status }),
        details: {
          ...(cause.code === undefined ? {} : { code: cause.code }),
          ...(cause.providerMessage === undefined ? {} : { message: cause.providerMessage }),
          ...(cause.fix === undefined ? {} : { fix: cause.fix }),
        },
        body: cause.body,
        headers: cause.headers,
        retryAfterMs: delayMs,
      });
    }
    this.options.onGateWait?.({ what: spec.what, delayMs });
    await clock.sleep(Math.min(delayMs, deadline.remaining()), signal).catch(() => undefined);
    this.checkAlive(spec);
  }

  private checkAlive(spec: RequestSpec): void {
    if (this.options.signal?.aborted) {
      throw this.failure(spec, 'deadline', { code: 'cancelled' });
    }
    if (this.options.deadline.expired()) {
      throw this.failure(spec, 'deadline', { code: 'timeout reached before an answer' });
    }
  }

  /** Why a failed attempt may be retried, or undefined when it must not be. */
  private retryReason(
    error: HttpError,
    spec: RequestSpec,
    attempt: number,
    maxAttempts: number,
  ): string | undefined {
    if (attempt + 1 >= maxAttempts || this.options.deadline.expired()) return undefined;
    const idempotent = isIdempotent(spec);
    const label = error.status === undefined ? (error.code ?? error.kind) : `HTTP ${error.status}`;
    switch (error.kind) {
      case 'unsent':
        return label;
      case 'status': {
        const status = error.status ?? 0;
        // A rate-limited request was refused, not processed: safe to repeat even for a trigger.
        if (isRateLimited(status, error.headers)) return label;
        if (TRANSIENT_STATUSES.has(status) && idempotent) return label;
        return spec.retrySafe?.(error) ? label : undefined;
      }
      case 'network':
        return idempotent || spec.retrySafe?.(error) ? label : undefined;
      case 'body':
        return idempotent && spec.polling ? 'unexpected response body' : undefined;
      default:
        return undefined;
    }
  }

  /**
   * One attempt, following redirects. Whatever fails, the error never carries the query string of
   * any URL on the way (presigned signatures), even where a host echoes it back.
   */
  private async send<T>(spec: RequestSpec): Promise<HttpResponse<T>> {
    const visited: URL[] = [];
    try {
      return await this.follow<T>(spec, visited);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      const { credentials } = this.options;
      // Tokens minted during the run (OIDC) are not among the secrets known at the start, which
      // the public-text scrubber removes; an API that echoes one must not put it in a message.
      const tokens = isCredentialSource(credentials) ? credentials.issued() : [];
      const scrubTokens = (text: string): string =>
        tokens.reduce((out, token) => out.split(token).join('***'), text);
      const redacted = visited.reduce((e, url) => e.redacted(queryScrubber(url)), error);
      return Promise.reject(tokens.length > 0 ? redacted.redacted(scrubTokens) : redacted);
    }
  }

  private async follow<T>(spec: RequestSpec, visited: URL[]): Promise<HttpResponse<T>> {
    let url = this.resolve(spec);
    let method = spec.method;
    let withBody = true;
    for (let hop = 0; ; hop += 1) {
      visited.push(url);
      const trusted = !spec.anonymous && sameOrigin(url, this.base);
      const credentials = trusted ? await this.credentialHeaders() : {};
      const res = await this.exchange(spec, url, method, credentials, withBody);
      const location = res.headers.location;
      if (!REDIRECTS.has(res.statusCode ?? 0) || !location) {
        return await this.finish<T>(spec, url, res);
      }
      res.resume();
      if (hop >= MAX_REDIRECTS) {
        throw this.failure(spec, 'redirect', { code: `more than ${MAX_REDIRECTS} redirects` });
      }
      const next = new URL(location, url);
      if (url.protocol === 'https:' && next.protocol !== 'https:') {
        throw this.failure(
          spec,
          'redirect',
          {
            code: `refused a redirect from https to ${next.protocol.replace(':', '')} (${next.host})`,
          },
          'check api-url; the action never downgrades to plain http',
        );
      }
      const nextTrusted = !spec.anonymous && sameOrigin(next, this.base);
      if (!nextTrusted && trusted && !spec.followForeignRedirects) {
        throw this.failure(
          spec,
          'redirect',
          { code: `the API redirected to another host (${next.origin})` },
          `credentials are only sent to ${this.base.origin}; set api-url to the API's own address`,
        );
      }
      if (res.statusCode === 303 || ((res.statusCode ?? 0) <= 302 && method === 'POST')) {
        method = 'GET';
        withBody = false;
      }
      url = next;
    }
  }

  /** The headers that authenticate with the API now (a short-lived token is renewed here). */
  private async credentialHeaders(): Promise<Readonly<Record<string, string>>> {
    const { credentials, clock } = this.options;
    return isCredentialSource(credentials) ? credentials.headers(clock.now()) : credentials;
  }

  /** Opens one HTTP exchange and resolves with the response head. */
  private exchange(
    spec: RequestSpec,
    url: URL,
    method: string,
    credentials: Readonly<Record<string, string>>,
    withBody: boolean,
  ): Promise<http.IncomingMessage> {
    const headers: Record<string, string> = {
      'user-agent': this.options.userAgent ?? 'trigger-build-action',
      ...(spec.responseType === undefined || spec.responseType === 'json'
        ? { accept: 'application/json' }
        : {}),
      // Credentials are attached per request, and only for the API's own origin (see follow).
      ...credentials,
      ...spec.headers,
    };
    let payload: string | undefined;
    if (withBody && spec.jsonText !== undefined) {
      payload = spec.jsonText;
      headers['content-type'] = 'application/json';
    } else if (withBody && spec.json !== undefined) {
      payload = JSON.stringify(spec.json);
      headers['content-type'] = 'application/json';
    }
    if (withBody && spec.body) {
      headers['content-type'] = spec.body.contentType;
      headers['content-length'] = String(spec.body.length);
    } else if (payload) {
      headers['content-length'] = String(Buffer.byteLength(payload));
    } else if (method === 'POST' || method === 'PUT' || method === 'PATCH') {
      headers['content-length'] = '0';
    }

    const { idleMs, attemptMs } = this.timeouts;
    const remaining = this.options.deadline.remaining();
    const attemptLimit =
      spec.body || spec.responseType === 'stream' ? remaining : Math.min(attemptMs, remaining);
    const nonIdempotent = !isIdempotent(spec);

    // Every limit ends the exchange the same way: it records why, then aborts the request (and the
    // response body, if it has started) through the signal the transport hands to Node.
    const controller = new AbortController();
    let why: { kind: HttpFailureKind; code: string; cause?: unknown } | undefined;
    const stop = (kind: HttpFailureKind, code: string, cause?: unknown): void => {
      why ??= { kind, code, cause };
      controller.abort(new Error(code));
    };
    const attemptTimer = setTimeout(
      () =>
        attemptLimit < attemptMs && attemptLimit === remaining
          ? stop('deadline', 'timeout reached while waiting for an answer')
          : stop('network', `no answer within ${formatDuration(attemptLimit)}`),
      Math.max(1, attemptLimit),
    );
    const onCancel = (): void => stop('deadline', 'cancelled');
    this.options.signal?.addEventListener('abort', onCancel, { once: true });
    const cleanup = (): void => {
      clearTimeout(attemptTimer);
      this.options.signal?.removeEventListener('abort', onCancel);
    };

    let body: string | BodyWriter | undefined = payload;
    if (withBody && spec.body) {
      const writer = spec.body.open();
      body = {
        writeTo: (sink) =>
          writer
            .writeTo(sink)
            .catch((error: Error) =>
              stop('unsent', `could not read the upload: ${error.message}`, error),
            ),
      };
    }

    return send({
      method,
      url,
      headers,
      ...(body === undefined ? {} : { body }),
      signal: controller.signal,
      idleMs,
      userAgent: headers['user-agent'] ?? 'trigger-build-action',
    }).then(
      (res) => {
        if (why) {
          // A limit fired as the head arrived: the exchange is over.
          res.destroy();
          cleanup();
          throw this.failure(spec, why.kind, { code: why.code }, undefined, {
            ambiguous: why.kind === 'network' && nonIdempotent,
            cause: why.cause,
          });
        }
        if (spec.responseType === 'stream' && (res.statusCode ?? 0) < 300) {
          // Streaming bodies are bounded by the idle timeout and the deadline, not the attempt
          // cap; their reader owns them from here.
          cleanup();
          res.setTimeout(idleMs, () =>
            res.destroy(new Error(`connection idle for ${formatDuration(idleMs)}`)),
          );
        } else {
          res.once('end', cleanup);
          res.once('close', cleanup);
        }
        return res;
      },
      (error: NodeJS.ErrnoException) => {
        cleanup();
        if (why) {
          throw this.failure(spec, why.kind, { code: why.code }, undefined, {
            ambiguous: why.kind === 'network' && nonIdempotent,
            cause: why.cause ?? error,
          });
        }
        // The toolkit's socket timeout rejects with a bare "Request timeout: <path>" (the path
        // carries the query): never show its text.
        const code = /^Request timeout/.test(error.message) ? 'IDLE' : (error.code ?? 'ECONNRESET');
        const kind: HttpFailureKind = UNSENT_ERROR_CODES.has(code) ? 'unsent' : 'network';
        throw this.failure(
          spec,
          kind,
          { code: describeNetworkCode(code, url, idleMs) },
          undefined,
          {
            ambiguous: kind === 'network' && nonIdempotent,
            cause: error,
          },
        );
      },
    );
  }

  /** Turns a final (non-redirect) response into a result or an HttpError. */
  private async finish<T>(
    spec: RequestSpec,
    url: URL,
    res: http.IncomingMessage,
  ): Promise<HttpResponse<T>> {
    const status = res.statusCode ?? 0;
    const ok = (status >= 200 && status < 300) || (spec.acceptStatuses ?? []).includes(status);
    if (ok && spec.responseType === 'stream') {
      return { status, headers: res.headers, body: res as unknown as T, url: url.href };
    }
    const text = await this.readCapped(spec, res);
    if (ok) {
      if (spec.responseType === 'none')
        return { status, headers: res.headers, body: undefined as T, url: url.href };
      if (spec.responseType === 'text')
        return { status, headers: res.headers, body: text as T, url: url.href };
      if (text.trim() === '')
        return { status, headers: res.headers, body: undefined as T, url: url.href };
      try {
        return { status, headers: res.headers, body: parseJson(text) as T, url: url.href };
      } catch {
        const type = header(res.headers, 'content-type') ?? 'no content type';
        throw this.failure(
          spec,
          'body',
          { code: `HTTP ${status} with a body that is not JSON (${type.split(';')[0]})` },
          'check api-url points at the API itself, not a web page or a proxy login',
        );
      }
    }
    let body: unknown = text;
    try {
      body = text ? parseJson(text) : undefined;
    } catch {
      body = text.slice(0, 500);
    }
    const details = { ...commonErrorDetails(body), ...this.options.describe?.(status, body) };
    const now = this.options.clock.now();
    const rateLimited = isRateLimited(status, res.headers);
    const retryAfterMs = rateLimited
      ? (parseRetryAfter(header(res.headers, 'retry-after'), now) ??
        parseRateLimitReset(header(res.headers, 'x-ratelimit-reset'), now))
      : parseRetryAfter(header(res.headers, 'retry-after'), now);
    // A rate limit with a stated wait always names it, ahead of any generic provider advice
    // ("back off and retry"): it is what the user needs when the wait outlasts `timeout`.
    const fix =
      rateLimited && retryAfterMs !== undefined
        ? [defaultFix(429, retryAfterMs), details.fix].filter(Boolean).join('; ')
        : (details.fix ?? defaultFix(status, retryAfterMs));
    return Promise.reject(
      new HttpError({
        provider: this.options.provider,
        what: spec.what,
        kind: 'status',
        status,
        details: { ...details, ...(fix ? { fix } : {}) },
        body,
        headers: res.headers,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
        ambiguous: !isIdempotent(spec) && status >= 500,
      }),
    );
  }

  /**
   * Reads a whole body, at most the cap. A success answer over the cap fails as `too-large`
   * (never retried: the same request gets the same answer); an error answer is cut at the cap,
   * since its first bytes carry the provider's code and message.
   */
  private readCapped(spec: RequestSpec, res: http.IncomingMessage): Promise<string> {
    const cap = this.options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    const status = res.statusCode ?? 0;
    const ok = (status >= 200 && status < 300) || (spec.acceptStatuses ?? []).includes(status);
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        if (size + chunk.length > cap) {
          if (ok) {
            reject(
              this.failure(
                spec,
                'too-large',
                {
                  code: `answer larger than ${cap} bytes (${formatBytes(cap)}), the most read at once`,
                },
                'check api-url points at the API itself; an answer this large is not asked for again',
              ),
            );
          } else {
            chunks.push(chunk.subarray(0, cap - size));
            resolve(Buffer.concat(chunks).toString('utf8'));
          }
          size = cap + 1;
          res.destroy();
          return;
        }
        size += chunk.length;
        chunks.push(chunk);
      });
      res.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      res.once('error', (error) =>
        reject(
          this.failure(spec, 'network', { code: error.message }, undefined, {
            ambiguous: !isIdempotent(spec),
          }),
        ),
      );
      res.once('aborted', () =>
        reject(
          this.failure(spec, 'network', { code: 'response cut off' }, undefined, {
            ambiguous: !isIdempotent(spec),
          }),
        ),
      );
    });
  }

  private failure(
    spec: RequestSpec,
    kind: HttpFailureKind,
    details: ErrorDetails,
    fix?: string,
    extra: { ambiguous?: boolean; cause?: unknown } = {},
  ): HttpError {
    return new HttpError({
      provider: this.options.provider,
      what: spec.what,
      kind,
      details,
      ...(fix === undefined ? {} : { fix }),
      ...(extra.ambiguous === undefined ? {} : { ambiguous: extra.ambiguous }),
      ...(extra.cause === undefined ? {} : { cause: extra.cause }),
    });
  }
}

function describeNetworkCode(code: string, url: URL, idleMs: number): string {
  switch (code) {
    case 'IDLE':
      return `connection idle for ${formatDuration(idleMs)}`;
    case 'ECONNREFUSED':
      return `connection refused by ${url.host}`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot resolve ${url.hostname}`;
    case 'ECONNRESET':
      return `connection reset by ${url.host}`;
    case 'EPIPE':
      return `connection closed by ${url.host} while sending`;
    default:
      return `${code} (${url.host})`;
  }
}

function defaultFix(status: number, retryAfterMs: number | undefined): string | undefined {
  switch (status) {
    case 401:
      return 'check the token input (a repository secret) is current';
    case 403:
      return 'check the token has access to this project';
    case 404:
      return 'check the project input and api-url';
    case 429:
      return retryAfterMs === undefined
        ? 'wait before triggering again'
        : `the API asks to wait ${formatDuration(retryAfterMs)}; retry after that or raise timeout`;
    default:
      return status >= 500 ? 'the provider had a server error; retry later' : undefined;
  }
}
