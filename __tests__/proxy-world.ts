/**
 * A corporate network on loopback: a forward proxy, and https hosts (`<name>.test`) that can only be
 * reached through it. Nothing ever leaves the machine: the proxy tunnels CONNECT to `*.test:443`
 * into a local TLS front and refuses everything else (recording it), so a request that bypasses
 * the proxy cannot reach a `.test` host at all (the name does not resolve), and one that should
 * bypass it but does not is seen here.
 *
 * The front terminates TLS with the test-only certificate in __tests__/fixtures/tls and forwards
 * each request to a loopback origin (the sandbox), marking it `x-through-proxy: <host>`. A GitHub
 * Enterprise host (`ghe.test`, `github.test`) serves the sandbox's GitHub under `/api/v3`, as GHES
 * does.
 */
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TLS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'tls');

/** The CA that signed the `.test` certificate: give it to the action as NODE_EXTRA_CA_CERTS. */
export const TEST_CA_FILE = path.join(TLS_DIR, 'ca.pem');

export interface ProxyLogEntry {
  /** `CONNECT` or the method of an absolute-form (plain http) request. */
  method: string;
  /** host:port for CONNECT, the absolute URL otherwise. */
  target: string;
  /** Whether the proxy carried it (only CONNECT to *.test:443 is carried). */
  carried: boolean;
}

export interface ProxyWorld {
  /** http://127.0.0.1:PORT, for HTTPS_PROXY / HTTP_PROXY. */
  proxyUrl: string;
  proxyLog: ProxyLogEntry[];
  /** Requests the front forwarded: host header and path as received. */
  frontLog: { host: string; method: string; path: string }[];
  clear(): void;
  close(): Promise<void>;
}

/**
 * Starts the proxy and the front. `origin` is the loopback base the front forwards to, e.g. the
 * sandbox's `http://127.0.0.1:PORT`; paths under `/site/` go to `siteOrigin` (the sandbox's
 * foreign host, where Sitepaste's live site is served).
 */
export async function startProxyWorld(origin: string, siteOrigin = origin): Promise<ProxyWorld> {
  const proxyLog: ProxyLogEntry[] = [];
  const frontLog: ProxyWorld['frontLog'] = [];

  const front = https.createServer(
    {
      cert: fs.readFileSync(path.join(TLS_DIR, 'server.pem')),
      key: fs.readFileSync(path.join(TLS_DIR, 'server.key')),
    },
    (req, res) => {
      const host = (req.headers.host ?? '').replace(/:\d+$/, '');
      let target = req.url ?? '/';
      frontLog.push({ host, method: req.method ?? '', path: target });
      // GitHub Enterprise Server: the REST API lives under /api/v3.
      if (host === 'ghe.test' || host === 'github.test') {
        target = target.startsWith('/api/v3/')
          ? `/github${target.slice('/api/v3'.length)}`
          : '/nope';
      }
      const upstream = new URL(target.startsWith('/site/') ? siteOrigin : origin);
      const forward = http.request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: target,
          headers: { ...req.headers, 'x-through-proxy': host },
          agent: false,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => res.destroy());
      req.pipe(forward);
    },
  );
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  const frontPort = (front.address() as AddressInfo).port;

  const sockets = new Set<net.Socket>();
  const proxy = http.createServer((req, res) => {
    // Absolute-form plain http through the proxy: recorded, never carried off-machine.
    proxyLog.push({ method: req.method ?? '', target: req.url ?? '', carried: false });
    req.resume();
    res.writeHead(502, { 'content-type': 'text/plain' }).end('test proxy: not carried');
  });
  proxy.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    sockets.add(client);
    client.once('close', () => sockets.delete(client));
    const target = req.url ?? '';
    const carried = /^[a-z0-9-]+\.test:443$/i.test(target);
    proxyLog.push({ method: 'CONNECT', target, carried });
    if (!carried) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const tunnel = net.connect(frontPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) tunnel.write(head);
      tunnel.pipe(client);
      client.pipe(tunnel);
    });
    sockets.add(tunnel);
    tunnel.once('close', () => sockets.delete(tunnel));
    tunnel.on('error', () => client.destroy());
    client.on('error', () => tunnel.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));

  return {
    proxyUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    proxyLog,
    frontLog,
    clear() {
      proxyLog.length = 0;
      frontLog.length = 0;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      front.closeAllConnections();
      proxy.closeAllConnections();
      await Promise.all([
        new Promise<void>((resolve) => front.close(() => resolve())),
        new Promise<void>((resolve) => proxy.close(() => resolve())),
      ]);
    },
  };
}
