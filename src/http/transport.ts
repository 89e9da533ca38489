import http from 'node:http';
import https from 'node:https';
import { EventEmitter } from 'node:events';
import net from 'node:net';
import type { Writable } from 'node:stream';
import { HttpClient as ToolkitClient } from '@actions/http-client';
import type { RequestHandler } from '@actions/http-client/lib/interfaces';
import type { BodyWriter } from './body.js';

/** One request as the transport sends it: no redirects, no retries, no credentials of its own. */
export interface TransportRequest {
  method: string;
  url: URL;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body?: string | BodyWriter;
  /** Aborting it destroys the request, and the response body if it has started. */
  signal: AbortSignal;
  /** No bytes either way for this long fails the request. */
  idleMs: number;
  userAgent: string;
}

/**
 * Sends one request through @actions/http-client and resolves with the response head. The toolkit
 * chooses the route: HTTPS_PROXY / HTTP_PROXY, NO_PROXY (names, suffixes, ports) and the loopback
 * exemption, with a CONNECT tunnel for https. Our layer above it keeps what the toolkit does not
 * do for us: its redirects and retries are off (we follow redirects and attach credentials per
 * origin ourselves), and time limits come from the caller's signal.
 *
 * Two toolkit behaviours are wrong for us and are wrapped here (see __tests__/unit/transport.test.ts):
 * - An IPv6 literal host (`http://[::1]:8787`) is handed to Node with its brackets, so the lookup
 *   fails with ENOTFOUND; the request options get the bare address and an explicit Host header.
 * - A NO_PROXY entry written as a bare IPv6 address (`fd00::1`) never matches, because the toolkit
 *   compares it with the bracketed hostname; such a request gets a direct agent instead of the
 *   proxy's. (Loopback `[::1]` is exempt from the proxy in the toolkit itself.)
 */
export function send(request: TransportRequest): Promise<http.IncomingMessage> {
  const { url, signal } = request;
  const fixRequest: RequestHandler = {
    prepareRequest(options: http.RequestOptions) {
      options.signal = signal;
      const bare = url.hostname.replace(/^\[|\]$/g, '');
      if (bare !== url.hostname) {
        options.host = bare;
        options.headers = { ...options.headers, host: url.host };
      }
      if (bypassedAsBareIpv6(url)) {
        options.agent =
          url.protocol === 'https:'
            ? new https.Agent({ keepAlive: false })
            : new http.Agent({ keepAlive: false });
      }
    },
    canHandleAuthentication: () => false,
    handleAuthentication: () => Promise.reject(new Error('not used')),
  };
  // One toolkit client per request: its handlers are per client, and without keep-alive it holds
  // no sockets once the response is read, so the process exits as soon as the work is done.
  const client = new ToolkitClient(request.userAgent, [fixRequest], {
    allowRedirects: false,
    allowRetries: false,
    keepAlive: false,
    socketTimeout: request.idleMs,
  });
  return client
    .request(
      request.method,
      url.href,
      typeof request.body === 'object' ? pipeInto(request.body) : (request.body ?? null),
      request.headers,
    )
    .then((response) => response.message);
}

/**
 * A writer in the place of the stream the toolkit takes as a body: it calls `data.pipe(req)` (and
 * ends the request on `data`'s 'close', which never comes here), so the writer gets the request
 * itself and writes into it with its own back-pressure (see body.ts). A writer that fails without
 * having been handled destroys the request with its error.
 */
function pipeInto(writer: BodyWriter): NodeJS.ReadableStream {
  const stream = Object.assign(new EventEmitter(), {
    pipe<T extends NodeJS.WritableStream>(request: T): T {
      const sink = request as unknown as Writable;
      writer.writeTo(sink).catch((error: Error) => sink.destroy(error));
      return request;
    },
  });
  return stream as unknown as NodeJS.ReadableStream;
}

/** True when NO_PROXY names this request's IPv6 host without brackets (see `send`). */
export function bypassedAsBareIpv6(url: URL, env: NodeJS.ProcessEnv = process.env): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!net.isIPv6(host)) return false;
  const noProxy = env['no_proxy'] || env['NO_PROXY'] || '';
  return noProxy
    .split(',')
    .map((entry) => entry.trim())
    .some((entry) => net.isIPv6(entry) && sameIpv6(entry, host));
}

function sameIpv6(a: string, b: string): boolean {
  // new URL normalises an IPv6 literal (zero runs, case), so both sides compare in one form.
  return new URL(`http://[${a}]/`).hostname === new URL(`http://[${b}]/`).hostname;
}
