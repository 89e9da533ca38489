/**
 * The transport is @actions/http-client: proxies, NO_PROXY and the loopback exemption are the
 * toolkit's. These tests pin what our layer relies on, and prove the two wrappers around what the
 * toolkit gets wrong (IPv6 literal hosts; NO_PROXY entries written as bare IPv6 addresses).
 * Every server and the proxy listen on loopback; the proxy carries CONNECT to `*.test` only, into a
 * local server, so nothing leaves the machine.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { checkBypass } from '@actions/http-client/lib/proxy';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Deadline } from '../../src/clock.js';
import { HttpClient } from '../../src/http/client.js';
import { HttpError } from '../../src/http/errors.js';
import { bypassedAsBareIpv6 } from '../../src/http/transport.js';
import { instantClock } from './fake-clock.js';

interface Hit {
  url: string;
  host: string;
  authorization: string | undefined;
}

let target: http.Server;
let targetPort = 0;
const hits: Hit[] = [];
let proxy: http.Server;
let proxyUrl = '';
const connects: { authority: string; proxyAuth: string | undefined; auth: string | undefined }[] =
  [];
const absolute: string[] = [];

beforeAll(async () => {
  target = http.createServer((req, res) => {
    hits.push({
      url: req.url ?? '',
      host: req.headers.host ?? '',
      authorization: req.headers.authorization,
    });
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"via":"target"}');
  });
  await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
  targetPort = (target.address() as AddressInfo).port;

  proxy = http.createServer((req, res) => {
    absolute.push(req.url ?? '');
    req.resume();
    res.writeHead(502).end();
  });
  proxy.on('connect', (req: http.IncomingMessage, client: net.Socket) => {
    const authority = req.url ?? '';
    connects.push({
      authority,
      proxyAuth: req.headers['proxy-authorization'],
      auth: req.headers.authorization,
    });
    if (!/^[a-z0-9-]+\.test:\d+$/.test(authority)) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = net.connect(targetPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  proxyUrl = `http://user:pa%20ss@127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(() => {
  target.closeAllConnections();
  proxy.closeAllConnections();
  target.close();
  proxy.close();
});
afterEach(() => {
  vi.unstubAllEnvs();
  hits.length = 0;
  connects.length = 0;
  absolute.length = 0;
});

function client(baseUrl: string): HttpClient {
  const clock = instantClock();
  return new HttpClient({
    provider: 'T',
    baseUrl,
    credentials: { authorization: 'Bearer t0k3n' },
    clock,
    deadline: new Deadline(clock, clock.now() + 10_000),
    maxAttempts: 1,
  });
}

function stubProxyEnv(extra: Record<string, string> = {}): void {
  for (const name of ['http_proxy', 'https_proxy', 'no_proxy', 'NO_PROXY']) vi.stubEnv(name, '');
  vi.stubEnv('HTTP_PROXY', proxyUrl);
  vi.stubEnv('HTTPS_PROXY', proxyUrl);
  for (const [name, value] of Object.entries(extra)) vi.stubEnv(name, value);
}

describe('transport on @actions/http-client', () => {
  it('sends a provider call through the proxy as a CONNECT tunnel, credentials inside it', async () => {
    stubProxyEnv();
    const res = await client('http://api.test/v1').request<{ via: string }>({
      method: 'GET',
      path: '/builds/1',
      what: 'read build 1',
    });
    expect(res.body.via).toBe('target');
    expect(connects).toEqual([
      {
        authority: 'api.test:80',
        proxyAuth: `Basic ${Buffer.from('user:pa ss').toString('base64')}`,
        auth: undefined,
      },
    ]);
    // The target got the request with our credentials; the proxy never saw them.
    expect(hits).toEqual([
      { url: '/v1/builds/1', host: 'api.test:80', authorization: 'Bearer t0k3n' },
    ]);
  });

  it('sends a loopback api-url directly, even with HTTP_PROXY and HTTPS_PROXY set', async () => {
    stubProxyEnv();
    await client(`http://127.0.0.1:${targetPort}/v1`).request({
      method: 'POST',
      path: '/builds',
      json: { a: 1 },
      what: 'trigger',
    });
    await client(`http://localhost:${targetPort}/v1`).request({
      method: 'GET',
      path: '/x',
      what: 'read',
    });
    expect(hits.map((h) => h.url)).toEqual(['/v1/builds', '/v1/x']);
    expect(connects).toEqual([]);
    expect(absolute).toEqual([]);
  });

  it('reaches an IPv6 loopback api-url ([::1]) directly: the toolkit alone fails its lookup', async (ctx) => {
    const v6 = http.createServer((req, res) => {
      hits.push({
        url: req.url ?? '',
        host: req.headers.host ?? '',
        authorization: req.headers.authorization,
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    const listening = await new Promise<boolean>((resolve) => {
      v6.once('error', () => resolve(false));
      v6.listen(0, '::1', () => resolve(true));
    });
    if (!listening) ctx.skip();
    try {
      stubProxyEnv();
      const port = (v6.address() as AddressInfo).port;
      await client(`http://[::1]:${port}/v1`).request({ method: 'GET', path: '/x', what: 'read' });
      expect(hits).toEqual([
        { url: '/v1/x', host: `[::1]:${port}`, authorization: 'Bearer t0k3n' },
      ]);
      expect(connects).toEqual([]);
    } finally {
      v6.close();
    }
  });

  it('honours NO_PROXY written as a bare IPv6 address, which the toolkit does not match', () => {
    vi.stubEnv('no_proxy', '');
    vi.stubEnv('NO_PROXY', 'example.com, fd00::1');
    const url = new URL('http://[fd00::1]:8080/v1');
    // Why the wrapper exists: the toolkit compares the entry with the bracketed hostname.
    expect(checkBypass(url)).toBe(false);
    expect(bypassedAsBareIpv6(url)).toBe(true);
    expect(bypassedAsBareIpv6(new URL('http://[fd00:0:0::1]/'))).toBe(true);
    expect(bypassedAsBareIpv6(new URL('http://[fd00::2]/'))).toBe(false);
    expect(bypassedAsBareIpv6(new URL('http://example.com/'))).toBe(false);
    // Bracketed entries, with or without a port, are the toolkit's own.
    vi.stubEnv('NO_PROXY', '[fd00::1]:8080');
    expect(checkBypass(url)).toBe(true);
  });

  it('refuses a proxy CONNECT failure as one line, without retrying a trigger', async () => {
    stubProxyEnv();
    const error = (await client('https://api.example.com/v1')
      .request({ method: 'POST', path: '/builds', json: {}, what: 'trigger the build' })
      .catch((e: unknown) => e)) as HttpError;
    expect(error).toBeInstanceOf(HttpError);
    expect(String(error)).toMatch(/^T: trigger the build failed/);
    expect(String(error)).not.toMatch(/\n/);
    expect(connects.map((c) => c.authority)).toEqual(['api.example.com:443']);
  });
});
