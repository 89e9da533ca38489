/**
 * Plumbing shared by both sandbox servers: routing, request recording, fault injection and
 * writing replies. Providers never touch `res` directly: a handler returns a {@link Reply}, which
 * is what lets a fault swap, delay or drop the answer after the real work was done.
 */
import http, { STATUS_CODES } from 'node:http';

/**
 * What a route handler returns. `body` is JSON-encoded unless it is a string, a Buffer or a
 * readable stream (streams are piped, so large artifacts never sit in memory).
 * @typedef {{
 *   status: number,
 *   headers?: Record<string, string | number>,
 *   body?: unknown,
 * }} Reply
 */

/**
 * One request as the sandbox saw it.
 * @typedef {{
 *   host: 'api' | 'foreign',
 *   provider: string | null,
 *   method: string,
 *   path: string,
 *   fullPath: string,
 *   query: string,
 *   headers: Record<string, string>,
 *   body: unknown,
 *   text?: string,
 *   bytes: number,
 *   at: number,
 *   status?: number | 'reset' | 'aborted',
 *   ms?: number,
 *   fault?: number,
 *   reply?: {status: number, headers: Record<string, string | number>, body: unknown, injected: boolean},
 * }} RequestRecord
 */

/**
 * A queued fault (see `Sandbox.inject`).
 * @typedef {{
 *   provider?: string,
 *   host?: 'api' | 'foreign',
 *   method?: string,
 *   path?: string | RegExp,
 *   times?: number,
 *   status?: number,
 *   headers?: Record<string, string | number>,
 *   body?: unknown,
 *   html?: boolean,
 *   reset?: 'before' | 'after',
 *   delayMs?: number,
 *   redirectTo?: string,
 *   processed?: boolean,
 * }} FaultSpec
 * `processed`: the handler does the work first (a deployment is made), then the fault's answer
 * (`status`, `body`...) replaces the real one: a server that processed the request and answered
 * 5xx anyway, so the client cannot know.
 */

/** @typedef {FaultSpec & {id: number, times: number, hits: number, remaining: number}} Fault */

/**
 * Context handed to a route handler.
 * @typedef {{
 *   req: http.IncomingMessage,
 *   params: Record<string, string>,
 *   query: URLSearchParams,
 *   headers: http.IncomingHttpHeaders,
 *   body: unknown,
 *   bodyError: boolean,
 *   record: RequestRecord,
 * }} RouteContext
 */

/** @typedef {(ctx: RouteContext) => Reply | Promise<Reply>} Handler */

/**
 * A group of routes with its own error dialect (a provider, the fake GitHub, the foreign host).
 * @typedef {{
 *   name: string,
 *   router: Router,
 *   errorReply: (status: number, message?: string) => Reply,
 *   recordReplies?: boolean,
 * }} Service
 * `recordReplies`: keep each answer (status, headers, JSON body) on its request record, so tests
 * can hold the answers to a reference (the fake GitHub's to GitHub's OpenAPI description).
 */

/**
 * A provider module: its API routes, plus optional routes on the foreign host (upload target,
 * CDN, deployed site) and a reset hook for its private state.
 * @typedef {Service & {mountForeign?: (router: Router) => void, reset?: () => void}} ProviderService
 */

/**
 * What a provider fake declares about itself, so that the sandbox finds everything about it in
 * its own module (`export const fake`) and `providers/index.mjs` lists it in one line.
 * - `name`: its route prefix on the API host (`/<name>/...`, the action's `api-url`), the name
 *   `sandbox.apiUrl()` takes and `GET /` lists.
 * - `token`: the credential it accepts by default (`options.tokens[name]`); an object's fields are
 *   merged over one by one (JustDeploy's key pair). None: it takes no sandbox token.
 * - `options`: its options and their defaults, merged into `sandbox.options` (live). A given
 *   object option is merged over the default object; anything else replaces it.
 * - `lists`: records it keeps on the shared state (`env[list]`), shown as `sandbox[list]` and
 *   emptied by `reset()`.
 * - `open(options)`: runs before the servers start (say, a temp dir); returns what undoes it.
 * - `extend(env)`: methods it adds to the sandbox (say, the content of an artifact).
 * - `credentials(options)`: how `npm run sandbox` prints what a user passes it.
 * - `create(env)`: its service (routes, error shape, foreign routes, reset).
 * @typedef {{
 *   name: string,
 *   token?: string | Record<string, string>,
 *   options?: Record<string, unknown>,
 *   lists?: readonly string[],
 *   open?: (options: Record<string, unknown>) => Promise<(() => Promise<void>) | undefined>,
 *   extend?: (env: any) => Record<string, (...args: any[]) => unknown>,
 *   credentials?: (options: any) => string,
 *   create: (env: any) => ProviderService,
 * }} FakeModule
 */

/** JSON reply. */
export function json(/** @type {number} */ status, /** @type {unknown} */ body, headers = {}) {
  return { status, headers, body };
}

/** Text (or HTML, XML) reply. */
export function text(
  /** @type {number} */ status,
  /** @type {string} */ body,
  contentType = 'text/plain; charset=utf-8',
  /** @type {Record<string, string | number>} */ headers = {},
) {
  return { status, headers: { 'Content-Type': contentType, ...headers }, body };
}

/** Token from `Authorization: Bearer X` (or `token X`, which GitHub also accepts). */
export function bearer(/** @type {http.IncomingHttpHeaders} */ headers, schemes = ['bearer']) {
  const value = headers.authorization ?? '';
  const space = value.indexOf(' ');
  if (space < 0) return undefined;
  if (!schemes.includes(value.slice(0, space).toLowerCase())) return undefined;
  return value.slice(space + 1).trim() || undefined;
}

/** Method + `:param` path table. GET routes also answer HEAD, as real servers do. */
export class Router {
  constructor() {
    /** @type {{methods: string[], re: RegExp, keys: string[], handler: Handler, flags: Record<string, unknown>}[]} */
    this.routes = [];
  }

  /**
   * @param {string | string[]} method  `'*'` for any
   * @param {string} pattern  `/projects/:id/builds`, `/evil/*`
   * @param {Handler} handler
   * @param {{raw?: boolean, provider?: string}} [flags]  `raw`: the handler reads the body
   *   stream itself (uploads); `provider`: who to attribute the request to (foreign host)
   */
  add(method, pattern, handler, flags = {}) {
    /** @type {string[]} */
    const keys = [];
    const source = pattern
      .split(/(:\w+|\*)/)
      .map((part) => {
        if (part === '*') {
          keys.push('wild');
          return '(.*)';
        }
        if (part.startsWith(':')) {
          keys.push(part.slice(1));
          return '([^/]+?)';
        }
        return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('');
    const methods = (Array.isArray(method) ? method : [method]).map((m) => m.toUpperCase());
    this.routes.push({ methods, re: new RegExp(`^${source}/?$`), keys, handler, flags });
    return this;
  }

  /** Flags of the first route whose path matches, whatever the method (for attribution). */
  flagsFor(/** @type {string} */ path) {
    return this.routes.find((route) => route.re.test(path))?.flags;
  }

  /**
   * @param {string} method
   * @param {string} path
   * @returns {{route: Router['routes'][number], params: Record<string, string>} | 'method' | null}
   *   `'method'` when the path exists but not for this method
   */
  match(method, path) {
    let pathMatched = false;
    for (const route of this.routes) {
      const m = route.re.exec(path);
      if (!m) continue;
      pathMatched = true;
      const wanted = method === 'HEAD' ? ['HEAD', 'GET'] : [method];
      if (!route.methods.includes('*') && !wanted.some((w) => route.methods.includes(w))) continue;
      /** @type {Record<string, string>} */
      const params = {};
      route.keys.forEach((key, i) => {
        const raw = m[i + 1] ?? '';
        try {
          params[key] = decodeURIComponent(raw);
        } catch {
          params[key] = raw;
        }
      });
      return { route, params };
    }
    return pathMatched ? 'method' : null;
  }
}

const FAULT_KEYS = new Set([
  'provider',
  'host',
  'method',
  'path',
  'times',
  'status',
  'headers',
  'body',
  'html',
  'reset',
  'delayMs',
  'redirectTo',
  'processed',
]);

/** Ordered fault queue: the first matching fault wins and is used up after `times` hits. */
export class FaultQueue {
  constructor() {
    /** @type {Fault[]} */
    this.list = [];
    this.seq = 0;
  }

  /** @param {FaultSpec} spec */
  add(spec) {
    for (const key of Object.keys(spec)) {
      if (!FAULT_KEYS.has(key)) throw new TypeError(`inject: unknown fault key "${key}"`);
    }
    if (spec.reset !== undefined && spec.reset !== 'before' && spec.reset !== 'after') {
      throw new TypeError(`inject: reset must be 'before' or 'after'`);
    }
    const times = spec.times ?? 1;
    /** @type {Fault} */
    const fault = { ...spec, id: ++this.seq, times, hits: 0, remaining: times };
    this.list.push(fault);
    return fault;
  }

  /** Consume one use of the first fault matching this request. */
  take(/** @type {RequestRecord} */ rec) {
    const index = this.list.findIndex((f) => faultMatches(f, rec));
    if (index < 0) return undefined;
    const fault = /** @type {Fault} */ (this.list[index]);
    fault.hits += 1;
    fault.remaining = fault.times - fault.hits;
    if (fault.remaining <= 0) this.list.splice(index, 1);
    return fault;
  }

  clear() {
    this.list.length = 0;
  }
}

function faultMatches(/** @type {Fault} */ f, /** @type {RequestRecord} */ rec) {
  if (f.provider !== undefined && f.provider !== rec.provider) return false;
  if (f.host !== undefined && f.host !== rec.host) return false;
  if (f.method !== undefined && f.method.toUpperCase() !== rec.method) return false;
  if (f.path === undefined) return true;
  if (typeof f.path === 'string') return f.path === rec.path || f.path === rec.fullPath;
  f.path.lastIndex = 0;
  if (f.path.test(rec.path)) return true;
  f.path.lastIndex = 0;
  return f.path.test(rec.fullPath);
}

/** setTimeout bookkeeping, so close() and reset() leave nothing scheduled behind. */
export class TimerSet {
  constructor() {
    /** @type {Map<NodeJS.Timeout, () => void>} */
    this.timers = new Map();
  }

  /** Run `fn` after `ms`; `onCancel` runs instead if the set is cleared first. */
  set(/** @type {() => void} */ fn, /** @type {number} */ ms, onCancel = () => {}) {
    const handle = setTimeout(
      () => {
        this.timers.delete(handle);
        fn();
      },
      Math.max(0, ms),
    );
    this.timers.set(handle, onCancel);
    return handle;
  }

  /** Resolves after `ms`, or early when the set is cleared (the server is going away). */
  sleep(/** @type {number} */ ms) {
    return new Promise((resolve) =>
      this.set(
        () => resolve(undefined),
        ms,
        () => resolve(undefined),
      ),
    );
  }

  clearAll() {
    for (const [handle, onCancel] of this.timers) {
      clearTimeout(handle);
      onCancel();
    }
    this.timers.clear();
  }
}

const JSON_LIMIT = 10 * 1024 * 1024;

/**
 * Build the request listener for one server.
 * @param {{
 *   host: 'api' | 'foreign',
 *   resolve: (pathname: string) => {service: Service, provider: string | null, path: string},
 *   requests: RequestRecord[],
 *   faults: FaultQueue,
 *   timers: TimerSet,
 *   foreignBase: () => string,
 *   onRequest?: (rec: RequestRecord) => void,
 * }} site
 * @returns {http.RequestListener}
 */
export function createDispatcher(site) {
  return (req, res) => {
    dispatch(site, req, res).catch((err) => {
      // A bug in the sandbox must be loud, but must not take the server down mid-test.
      console.error('[sandbox] handler crashed:', err);
      if (!res.headersSent) writeReply(req, res, text(500, 'sandbox internal error'));
      else res.destroy();
    });
  };
}

/**
 * @param {Parameters<typeof createDispatcher>[0]} site
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 */
async function dispatch(site, req, res) {
  const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
  const method = (req.method ?? 'GET').toUpperCase();
  const { service, provider, path } = site.resolve(url.pathname);
  /** @type {Record<string, string>} */
  const headers = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  /** @type {RequestRecord} */
  const rec = {
    host: site.host,
    provider,
    method,
    path,
    fullPath: url.pathname,
    query: url.search.slice(1),
    headers,
    body: undefined,
    bytes: 0,
    at: Date.now(),
  };
  site.requests.push(rec);
  const started = Date.now();
  const finish = (/** @type {RequestRecord['status']} */ status) => {
    rec.status = status;
    rec.ms = Date.now() - started;
    site.onRequest?.(rec);
  };

  const fault = site.faults.take(rec);
  if (fault) rec.fault = fault.id;
  const match = service.router.match(method, path);
  const raw = match !== null && match !== 'method' && match.route.flags.raw === true;
  const answersItself =
    fault !== undefined &&
    (fault.redirectTo !== undefined ||
      fault.status !== undefined ||
      fault.body !== undefined ||
      fault.html === true);

  if (fault?.reset === 'before' && raw) {
    // Mid-upload reset: do not even drain the body, like a proxy dropping the connection.
    dropSocket(req);
    return finish('reset');
  }

  let body;
  let bodyError = false;
  if (!raw || answersItself) {
    try {
      const read = await readBody(req, raw ? 0 : JSON_LIMIT);
      rec.bytes = read.size;
      if (read.buf && read.buf.length > 0) {
        const textBody = read.buf.toString('utf8');
        try {
          body = JSON.parse(textBody);
          rec.body = body;
        } catch {
          bodyError = true;
          rec.text = textBody;
        }
      }
    } catch {
      return finish('aborted');
    }
  }

  if (fault?.reset === 'before') {
    dropSocket(req);
    return finish('reset');
  }

  /** @type {Reply} */
  let reply;
  if (fault && answersItself && !fault.processed) {
    reply = faultReply(fault, service, site.foreignBase(), url);
  } else if (match === null || match === 'method') {
    reply = service.errorReply(match === null ? 404 : 405);
  } else {
    try {
      reply = await match.route.handler({
        req,
        params: match.params,
        query: url.searchParams,
        headers: req.headers,
        body,
        bodyError,
        record: rec,
      });
    } catch (err) {
      console.error(`[sandbox] ${method} ${url.pathname} failed:`, err);
      reply = service.errorReply(500);
    }
    // The work is done; the client hears the fault's answer instead of the real one.
    if (fault?.processed && answersItself)
      reply = faultReply(fault, service, site.foreignBase(), url);
  }

  if (service.recordReplies) {
    const kept = reply.body;
    rec.reply = {
      status: reply.status,
      headers: { ...reply.headers },
      body:
        kept !== null &&
        typeof kept === 'object' &&
        typeof (/** @type {any} */ (kept).pipe) === 'function'
          ? undefined
          : kept,
      injected: fault !== undefined && answersItself,
    };
  }
  if (fault?.delayMs) await site.timers.sleep(fault.delayMs);
  if (req.socket.destroyed) return finish('aborted'); // the client gave up (or we are closing)
  if (fault?.reset === 'after') {
    // The handler already did the work (a build exists); only the answer is lost.
    dropSocket(req);
    return finish('reset');
  }
  res.on('finish', () => finish(reply.status));
  res.on('close', () => {
    if (rec.status === undefined) finish('aborted');
  });
  writeReply(req, res, reply);
}

/** Reply for a fault that answers on its own. */
function faultReply(
  /** @type {Fault} */ fault,
  /** @type {Service} */ service,
  /** @type {string} */ foreignBase,
  /** @type {URL} */ url,
) {
  if (fault.redirectTo !== undefined) {
    let location = fault.redirectTo;
    if (location === 'foreign' || location === 'foreign-https') {
      location = `${foreignBase}/evil${url.pathname}${url.search}`;
      if (fault.redirectTo === 'foreign-https') location = location.replace(/^http:/, 'https:');
    }
    const status = fault.status && fault.status >= 300 && fault.status < 400 ? fault.status : 302;
    return { status, headers: { Location: location, ...fault.headers }, body: '' };
  }
  if (fault.html) {
    // What a captive portal, a proxy or a CDN error page looks like to a JSON client.
    const status = fault.status ?? 200;
    const html =
      typeof fault.body === 'string'
        ? fault.body
        : `<!DOCTYPE html><html><head><title>${status} ${STATUS_CODES[status] ?? ''}</title></head>` +
          `<body><h1>${STATUS_CODES[status] ?? 'Error'}</h1><p>cloudflare</p></body></html>`;
    return text(status, html, 'text/html; charset=utf-8', fault.headers);
  }
  const status = fault.status ?? 200;
  if (fault.body === undefined) {
    const base = status >= 400 ? service.errorReply(status) : json(status, {});
    return { ...base, headers: { ...base.headers, ...fault.headers } };
  }
  if (typeof fault.body === 'string') {
    return text(status, fault.body, 'text/plain; charset=utf-8', fault.headers);
  }
  return json(status, fault.body, fault.headers);
}

/**
 * Read a whole body, keeping at most `limit` bytes (the rest is counted and dropped).
 * @returns {Promise<{buf: Buffer | null, size: number}>}
 */
async function readBody(/** @type {http.IncomingMessage} */ req, /** @type {number} */ limit) {
  /** @type {Buffer[]} */
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
  }
  return { buf: size <= limit ? Buffer.concat(chunks) : null, size };
}

/** Kill the connection; an RST where the platform supports it, so clients see ECONNRESET. */
function dropSocket(/** @type {http.IncomingMessage} */ req) {
  const socket = req.socket;
  if (typeof socket.resetAndDestroy === 'function' && !socket.destroyed) socket.resetAndDestroy();
  else socket.destroy();
}

/** Write a Reply. Every answer closes its connection so close() never waits on idle sockets. */
export function writeReply(
  /** @type {http.IncomingMessage} */ req,
  /** @type {http.ServerResponse} */ res,
  /** @type {Reply} */ reply,
) {
  /** @type {Record<string, string | number>} */
  const headers = { ...reply.headers, Connection: 'close' };
  const has = (/** @type {string} */ name) =>
    Object.keys(headers).some((k) => k.toLowerCase() === name);
  const body = reply.body;
  /** @type {Buffer | null} */
  let payload = null;
  /** @type {NodeJS.ReadableStream | null} */
  let stream = null;
  if (body === undefined || body === null) {
    payload = null;
  } else if (typeof body === 'string' || Buffer.isBuffer(body)) {
    payload = Buffer.from(body);
  } else if (typeof (/** @type {any} */ (body).pipe) === 'function') {
    stream = /** @type {NodeJS.ReadableStream} */ (body);
  } else {
    payload = Buffer.from(JSON.stringify(body));
    if (!has('content-type')) headers['Content-Type'] = 'application/json; charset=utf-8';
  }
  if (!stream && reply.status !== 304 && reply.status !== 204) {
    headers['Content-Length'] = payload ? payload.length : 0;
  }
  res.writeHead(reply.status, headers);
  if (req.method === 'HEAD' || reply.status === 304 || reply.status === 204) {
    if (stream && 'destroy' in stream) /** @type {any} */ (stream).destroy();
    res.end();
  } else if (stream) {
    stream.pipe(res);
  } else {
    res.end(payload ?? undefined);
  }
}

/**
 * An http.Server bound to one loopback address that tracks its sockets, so close() is
 * immediate even while a client holds a connection open (slow upload, delayed answer).
 * @param {http.RequestListener} listener
 */
export function createLoopbackServer(listener) {
  const server = http.createServer(listener);
  /** @type {Set<import('node:net').Socket>} */
  const sockets = new Set();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return {
    server,
    /** @returns {Promise<number>} the bound port */
    listen(/** @type {number} */ port, /** @type {string} */ host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address();
          resolve(typeof address === 'object' && address ? address.port : port);
        });
      });
    },
    /** @returns {Promise<void>} */
    close() {
      return new Promise((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}

/** ISO 8601 with milliseconds (DeployHub, JustDeploy, GitHub). */
export function iso(/** @type {number} */ ms) {
  return new Date(ms).toISOString();
}

/** ISO 8601 to the second, as the Jamdesk and Deskforge documents print it. */
export function isoSeconds(/** @type {number} */ ms) {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
