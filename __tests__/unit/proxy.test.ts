import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Deadline } from '../../src/clock.js';
import { HttpClient } from '../../src/http/client.js';
import { proxyFor } from '../../src/http/proxy.js';
import { instantClock } from './fake-clock.js';

describe('proxyFor', () => {
  const env = { HTTPS_PROXY: 'http://proxy.corp:3128', HTTP_PROXY: 'proxy.corp:8080' };

  it('picks the proxy by scheme, lower-case variables first', () => {
    expect(proxyFor(new URL('https://api.example.com/x'), env)?.href).toBe(
      'http://proxy.corp:3128/',
    );
    expect(proxyFor(new URL('http://127.0.0.1:9/x'), env)?.href).toBe('http://proxy.corp:8080/');
    expect(
      proxyFor(new URL('https://a.test'), { ...env, https_proxy: 'http://lower:1' })?.host,
    ).toBe('lower:1');
    expect(proxyFor(new URL('https://a.test'), {})).toBeUndefined();
  });

  it.each([
    ['api.example.com', 'example.com', true],
    ['api.example.com', '.example.com', true],
    ['api.example.com', '*.example.com', true],
    ['notexample.com', 'example.com', false],
    ['api.example.com', 'api.example.com:443', true],
    ['api.example.com', 'api.example.com:8443', false],
    ['anything.test', '*', true],
    ['127.0.0.1', 'localhost, 127.0.0.1', true],
  ])('NO_PROXY: %s with %s bypassed=%s', (host, noProxy, bypassed) => {
    const result = proxyFor(new URL(`https://${host}/`), { ...env, NO_PROXY: noProxy });
    expect(result === undefined).toBe(bypassed);
  });
});

describe('HttpClient through an HTTP proxy', () => {
  const seen: { url: string; host: string; auth?: string }[] = [];
  let proxy: http.Server;
  let target: http.Server;
  let proxyUrl = '';
  let targetOrigin = '';

  beforeAll(async () => {
    target = http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"via":"target"}');
      req.resume();
    });
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
    targetOrigin = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
    // A forward proxy: absolute-form request lines, relayed to the origin.
    proxy = http.createServer((req, res) => {
      seen.push({
        url: req.url ?? '',
        host: req.headers.host ?? '',
        auth: req.headers['proxy-authorization'],
      });
      const upstream = http.request(
        req.url ?? '',
        { method: req.method, headers: req.headers },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      req.pipe(upstream);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    proxyUrl = `http://user:pa%20ss@127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    proxy.close();
    target.close();
  });

  it('sends API calls through HTTP_PROXY with proxy credentials, and skips it for NO_PROXY', async () => {
    const clock = instantClock();
    const make = (env: NodeJS.ProcessEnv) =>
      new HttpClient({
        provider: 'T',
        baseUrl: targetOrigin,
        credentials: { authorization: 'Bearer t' },
        clock,
        deadline: new Deadline(clock, clock.now() + 10_000),
        env,
      });
    const res = await make({ HTTP_PROXY: proxyUrl }).request<{ via: string }>({
      method: 'GET',
      path: '/builds/1',
      what: 'read',
    });
    expect(res.body.via).toBe('target');
    expect(seen).toHaveLength(1);
    expect(seen[0]?.url).toBe(`${targetOrigin}/builds/1`);
    expect(seen[0]?.auth).toBe(`Basic ${Buffer.from('user:pa ss').toString('base64')}`);

    await make({ HTTP_PROXY: proxyUrl, NO_PROXY: '127.0.0.1' }).request({
      method: 'GET',
      path: '/x',
      what: 'read',
    });
    expect(seen).toHaveLength(1);
  });

  it('tunnels https through CONNECT, so the proxy never sees request headers', async () => {
    const connects: { authority: string; headers: http.IncomingHttpHeaders }[] = [];
    const onConnect = (req: http.IncomingMessage, socket: Socket): void => {
      connects.push({ authority: req.url ?? '', headers: req.headers });
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
    };
    proxy.on('connect', onConnect);
    const clock = instantClock();
    const client = new HttpClient({
      provider: 'T',
      baseUrl: 'https://api.example.test',
      credentials: { authorization: 'Bearer secret' },
      clock,
      deadline: new Deadline(clock, clock.now() + 10_000),
      env: { HTTPS_PROXY: proxyUrl },
      maxAttempts: 1,
    });
    const error = await client
      .request({ method: 'GET', path: '/x', what: 'read' })
      .catch((e: unknown) => e);
    proxy.off('connect', onConnect);
    expect(String(error)).toMatch(/T: read failed/);
    expect(connects).toHaveLength(1);
    expect(connects[0]?.authority).toBe('api.example.test:443');
    expect(connects[0]?.headers.authorization).toBeUndefined();
  });
});
