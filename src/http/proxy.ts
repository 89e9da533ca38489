import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';

/**
 * HTTPS_PROXY / HTTP_PROXY / NO_PROXY, read the way curl and the runner's own tools read them, so
 * self-hosted runners behind a proxy reach the API, upload and download hosts alike.
 */
export function proxyFor(target: URL, env: NodeJS.ProcessEnv = process.env): URL | undefined {
  const raw =
    target.protocol === 'https:'
      ? (env['https_proxy'] ?? env['HTTPS_PROXY'])
      : (env['http_proxy'] ?? env['HTTP_PROXY']);
  if (!raw || bypassed(target, env['no_proxy'] ?? env['NO_PROXY'] ?? '')) return undefined;
  try {
    return new URL(raw.includes('://') ? raw : `http://${raw}`);
  } catch {
    return undefined;
  }
}

function bypassed(target: URL, noProxy: string): boolean {
  const host = target.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  return noProxy
    .split(/[,\s]+/)
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean)
    .some((entry) => {
      if (entry === '*') return true;
      const [name = '', entryPort] = entry.replace(/^\[|\]$/g, '').split(/:(?=\d+$)/);
      if (entryPort && entryPort !== port) return false;
      const bare = name.replace(/^\*?\./, '');
      return host === bare || host.endsWith(`.${bare}`);
    });
}

function proxyAuthorization(proxy: URL): Record<string, string> {
  if (!proxy.username) return {};
  const user = decodeURIComponent(proxy.username);
  const pass = decodeURIComponent(proxy.password);
  return { 'proxy-authorization': `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}` };
}

/**
 * An https agent that opens each connection through an HTTP CONNECT tunnel. The TLS session is
 * end to end with the target, so the proxy never sees request headers or credentials.
 */
class TunnelAgent extends https.Agent {
  constructor(private readonly proxy: URL) {
    super({ keepAlive: false });
  }

  override createConnection(
    requestOptions: http.ClientRequestArgs,
    callback?: (error: Error | null, socket: Duplex) => void,
  ): Duplex | undefined {
    const options = requestOptions as tls.ConnectionOptions & {
      host?: string;
      port?: number;
      servername?: string;
    };
    const done = (error: Error | null, socket?: Duplex): void =>
      callback?.(error, socket as Duplex);
    const transport = this.proxy.protocol === 'https:' ? https : http;
    const authority = `${options.host ?? 'localhost'}:${options.port ?? 443}`;
    const connect = transport.request({
      host: this.proxy.hostname,
      port: this.proxy.port || (this.proxy.protocol === 'https:' ? 443 : 80),
      method: 'CONNECT',
      path: authority,
      headers: { host: authority, ...proxyAuthorization(this.proxy) },
      agent: false,
    });
    connect.once('connect', (res, socket) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        done(new Error(`proxy ${this.proxy.host} refused CONNECT (HTTP ${res.statusCode})`));
        return;
      }
      const secure = tls.connect({
        ...options,
        socket,
        servername: options.servername ?? options.host,
      });
      done(null, secure);
    });
    connect.once('error', (error) => done(error));
    connect.end();
    return undefined;
  }
}

/** Request options that route `target` through the configured proxy, if any. */
export function routeThroughProxy(
  target: URL,
  env: NodeJS.ProcessEnv = process.env,
): {
  agent?: http.Agent;
  hostname?: string;
  port?: string;
  path?: string;
  headers?: Record<string, string>;
} {
  const proxy = proxyFor(target, env);
  if (!proxy) return {};
  if (target.protocol === 'https:') return { agent: new TunnelAgent(proxy) };
  // Plain http goes to the proxy in absolute form; only loopback targets are plain http here.
  return {
    hostname: proxy.hostname,
    port: proxy.port || '80',
    path: target.href,
    headers: proxyAuthorization(proxy),
  };
}
