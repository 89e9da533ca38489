import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Deadline } from '../../src/clock.js';
import { encodePath, HttpClient, type HttpClientOptions } from '../../src/http/client.js';
import { HttpError } from '../../src/http/errors.js';
import { RateGate } from '../../src/http/gate.js';
import { backoffDelay, parseRetryAfter } from '../../src/http/retry.js';
import { instantClock } from './fake-clock.js';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

/** A loopback server whose answers each test scripts, recording what it saw. */
async function server(host = '127.0.0.1') {
  const seen: Seen[] = [];
  const handlers: Handler[] = [];
  const srv = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
      const handler = handlers.shift();
      if (handler) handler(req, res, body);
      else res.writeHead(500).end('no handler');
    });
  });
  await new Promise<void>((r) => srv.listen(0, host, r));
  const { port } = srv.address() as AddressInfo;
  return { srv, seen, handlers, origin: `http://${host}:${port}` };
}

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Handler =>
  (_q, res) =>
    res
      .writeHead(status, { 'content-type': 'application/json', ...headers })
      .end(JSON.stringify(body));

let api: Awaited<ReturnType<typeof server>>;
let other: Awaited<ReturnType<typeof server>>;

beforeAll(async () => {
  api = await server('127.0.0.1');
  other = await server('127.0.0.2');
});
afterAll(() => {
  api.srv.close();
  other.srv.close();
});
afterEach(() => {
  api.seen.length = 0;
  api.handlers.length = 0;
  other.seen.length = 0;
  other.handlers.length = 0;
});

function client(extra: Partial<HttpClientOptions> = {}) {
  const clock = instantClock();
  const retries: string[] = [];
  const c = new HttpClient({
    provider: 'Testprov',
    baseUrl: `${api.origin}/v1`,
    credentials: { authorization: 'Bearer s3cret', 'x-access-key': 'ak' },
    clock,
    deadline: new Deadline(clock, clock.now() + 60_000),
    onRetry: (e) => retries.push(`${e.attempt}:${e.reason}:${e.delayMs}`),
    maxAttempts: 4,
    ...extra,
  });
  return { c, clock, retries };
}

describe('HttpClient', () => {
  it('sends credentials to the API origin and parses JSON', async () => {
    api.handlers.push(json(200, { ok: true }));
    const { c } = client();
    const res = await c.request<{ ok: boolean }>({
      method: 'GET',
      path: encodePath`/p/${'a b/../c'}`,
      what: 'read',
    });
    expect(res.body.ok).toBe(true);
    expect(api.seen[0]?.url).toBe('/v1/p/a%20b%2F..%2Fc');
    expect(api.seen[0]?.headers.authorization).toBe('Bearer s3cret');
  });

  it('retries transient reads with jittered backoff, not final ones', async () => {
    api.handlers.push(json(503, {}), json(502, {}), json(200, { n: 1 }));
    const { c, clock } = client();
    await c.request({ method: 'GET', path: '/x', what: 'read' });
    expect(api.seen).toHaveLength(3);
    // random() = 0.5: half of 1 s, then half of 2 s.
    expect(clock.slept).toEqual([500, 1000]);

    api.handlers.push(json(404, { message: 'Project not found' }));
    await expect(
      c.request({ method: 'GET', path: '/x', what: 'read the project' }),
    ).rejects.toThrow(
      /Testprov: read the project failed: HTTP 404 "Project not found". Fix: check the project/,
    );
    expect(api.seen).toHaveLength(4);
  });

  it('never retries a trigger after an ambiguous 502, and marks it ambiguous', async () => {
    api.handlers.push(json(502, {}), json(200, {}));
    const { c } = client();
    const error = await c
      .request({ method: 'POST', path: '/builds', what: 'trigger' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).ambiguous).toBe(true);
    expect(api.seen).toHaveLength(1);
  });

  it('retries a trigger the provider documents as safe', async () => {
    api.handlers.push(json(500, {}), json(200, { id: 1 }));
    const { c } = client();
    await c.request({
      method: 'POST',
      path: '/b',
      what: 'trigger',
      retrySafe: (e) => e.status === 500,
    });
    expect(api.seen).toHaveLength(2);
  });

  it('retries a 429 trigger after Retry-After in seconds and as an HTTP date', async () => {
    const { c, clock } = client();
    const date = new Date(clock.now() + 7000).toUTCString();
    api.handlers.push(
      json(429, {}, { 'retry-after': '3' }),
      json(429, {}, { 'retry-after': date }),
      json(202, {}),
    );
    await c.request({ method: 'POST', path: '/b', what: 'trigger' });
    expect(api.seen).toHaveLength(3);
    expect(clock.slept[0]).toBe(3000);
    // The date is absolute: 7 s after the first attempt, 3 s of which were already slept.
    expect(clock.slept[1]).toBe(4000);
  });

  it('holds back every client sharing a gate after one of them is told Retry-After', async () => {
    const gate = new RateGate();
    api.handlers.push(json(429, {}, { 'retry-after': '5' }));
    // maxAttempts 1: the first client gives up at once, but its 429 has closed the shared gate.
    const first = client({ gate, maxAttempts: 1 });
    const { clock } = first;
    await expect(
      first.c.request({ method: 'POST', path: '/b', what: 'trigger a' }),
    ).rejects.toThrow(/HTTP 429/);
    expect(gate.delay(clock.now())).toBe(5000);

    const waits: number[] = [];
    const second = client({
      gate,
      clock,
      deadline: new Deadline(clock, clock.now() + 60_000),
      onGateWait: (e) => waits.push(e.delayMs),
    });
    api.handlers.push(json(202, { b: 1 }));
    await second.c.request({ method: 'POST', path: '/b', what: 'trigger b' });
    expect(waits).toEqual([5000]);
    expect(clock.slept).toEqual([5000]);
    expect(api.seen).toHaveLength(2);
    // A client with a gate of its own is not held back.
    api.handlers.push(json(202, {}));
    const lone = client();
    await lone.c.request({ method: 'POST', path: '/b', what: 'trigger c' });
    expect(lone.clock.slept).toEqual([]);
  });

  it('fails a gated request at once, unsent, when the gate stays closed past its deadline', async () => {
    const gate = new RateGate();
    api.handlers.push(
      json(429, { error: 'rate limit exceeded', message: 'too many' }, { 'retry-after': '3600' }),
    );
    const first = client({ gate });
    const one = (await first.c
      .request({ method: 'POST', path: '/b', what: 'trigger' })
      .catch((e: unknown) => e)) as HttpError;
    expect(one.status).toBe(429);
    const { clock } = first;
    const waits: number[] = [];
    const other = client({
      gate,
      clock,
      deadline: new Deadline(clock, clock.now() + 60_000),
      onGateWait: (e) => waits.push(e.delayMs),
    });
    const two = (await other.c
      .request({ method: 'POST', path: '/b', what: 'trigger the second' })
      .catch((e: unknown) => e)) as HttpError;
    expect(two).toBeInstanceOf(HttpError);
    expect(two.status).toBe(429);
    expect(two.message).toMatch(/trigger the second failed: HTTP 429/);
    expect(two.headers['retry-after']).toBe('3600');
    expect(api.seen).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('fails at once when Retry-After is beyond the deadline', async () => {
    api.handlers.push(
      json(429, { error: 'rate limit exceeded', message: 'too many' }, { 'retry-after': '3600' }),
    );
    const { c } = client();
    const error = (await c
      .request({ method: 'POST', path: '/b', what: 'trigger' })
      .catch((e: unknown) => e)) as HttpError;
    expect(error.status).toBe(429);
    expect(error.retryAfterMs).toBe(3_600_000);
    expect(api.seen).toHaveLength(1);
  });

  it('treats a 403 with rate-limit headers as a rate limit', async () => {
    api.handlers.push(
      json(403, {}, { 'x-ratelimit-remaining': '0', 'retry-after': '1' }),
      json(200, {}),
    );
    const { c } = client();
    await c.request({ method: 'POST', path: '/b', what: 'trigger' });
    expect(api.seen).toHaveLength(2);
  });

  it('refuses to carry credentials across a redirect to another origin', async () => {
    api.handlers.push((_q, res) => res.writeHead(302, { location: `${other.origin}/steal` }).end());
    const { c } = client();
    await expect(c.request({ method: 'GET', path: '/x', what: 'read' })).rejects.toThrow(
      /redirected to another host/,
    );
    expect(other.seen).toHaveLength(0);
  });

  it('follows a download redirect to a CDN without credentials', async () => {
    api.handlers.push((_q, res) =>
      res.writeHead(302, { location: `${other.origin}/file.bin?sig=abc` }).end(),
    );
    other.handlers.push((_q, res) => res.writeHead(200).end('BYTES'));
    const { c } = client();
    const res = await c.request<string>({
      method: 'GET',
      path: '/dl',
      what: 'download',
      responseType: 'text',
      followForeignRedirects: true,
    });
    expect(res.body).toBe('BYTES');
    expect(other.seen[0]?.headers.authorization).toBeUndefined();
    expect(other.seen[0]?.headers['x-access-key']).toBeUndefined();
  });

  it('follows same-origin redirects with credentials', async () => {
    api.handlers.push(
      (_q, res) => res.writeHead(307, { location: '/v1/moved' }).end(),
      json(200, { ok: 1 }),
    );
    const { c } = client();
    await c.request({ method: 'GET', path: '/x', what: 'read' });
    expect(api.seen[1]?.url).toBe('/v1/moved');
    expect(api.seen[1]?.headers.authorization).toBe('Bearer s3cret');
  });

  it('sends no credentials to anonymous (presigned) URLs even on the API origin', async () => {
    api.handlers.push((_q, res) => res.writeHead(200).end());
    const { c } = client();
    await c.request({
      method: 'PUT',
      url: `${api.origin}/upload?X-Sig=zzz`,
      anonymous: true,
      what: 'upload',
      responseType: 'none',
      body: {
        open: () => ({
          writeTo: async (sink) => {
            sink.end(Buffer.from('zip'));
          },
        }),
        length: 3,
        contentType: 'application/zip',
      },
    });
    expect(api.seen[0]?.headers.authorization).toBeUndefined();
    expect(api.seen[0]?.headers['content-length']).toBe('3');
  });

  it('keeps a presigned query out of the error even when the host echoes it', async () => {
    other.handlers.push((_q, res) =>
      res.writeHead(403, { 'content-type': 'text/plain' }).end('Bad X-Amz-Signature=SIGSECRET123'),
    );
    const { c } = client();
    const error = (await c
      .request({
        method: 'GET',
        url: `${other.origin}/u?X-Amz-Signature=SIGSECRET123`,
        what: 'fetch',
        anonymous: true,
      })
      .catch((e: unknown) => e)) as HttpError;
    expect(error).toBeInstanceOf(HttpError);
    expect(error.status).toBe(403);
    expect(String(error)).toContain('Bad X-Amz-Signature=…');
    expect(JSON.stringify([String(error), error.body])).not.toContain('SIGSECRET123');
  });

  it('treats an HTML 200 as a passing glitch while polling and as an error otherwise', async () => {
    const html: Handler = (_q, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>');
    api.handlers.push(html, json(200, { status: 'ok' }));
    const { c } = client();
    const res = await c.request<{ status: string }>({
      method: 'GET',
      path: '/b/1',
      what: 'read the build',
      polling: true,
    });
    expect(res.body.status).toBe('ok');
    api.handlers.push(html);
    await expect(
      c.request({ method: 'GET', path: '/b/1', what: 'read the build' }),
    ).rejects.toThrow(/not JSON \(text\/html\)/);
  });

  it('caps response bodies', async () => {
    api.handlers.push((_q, res) => res.writeHead(200).end('x'.repeat(5000)));
    const { c } = client({ maxBodyBytes: 1000 });
    await expect(
      c.request({ method: 'GET', path: '/big', what: 'read', maxAttempts: 1 }),
    ).rejects.toThrow(/larger than 1000 bytes/);
  });

  it('never retries an answer over the cap, not even a status poll: the same request gets the same answer', async () => {
    for (let i = 0; i < 6; i += 1)
      api.handlers.push((_q, res) => res.writeHead(200).end(`{"s":"${'x'.repeat(5000)}"}`));
    const { c } = client({ maxBodyBytes: 1000 });
    const error = (await c
      .request({ method: 'GET', path: '/big', what: 'read the log', polling: true })
      .catch((e: unknown) => e)) as HttpError;
    expect(error).toBeInstanceOf(HttpError);
    expect(error.kind).toBe('too-large');
    expect(error.message).toMatch(/read the log failed: answer larger than 1000 bytes/);
    expect(api.seen).toHaveLength(1);
  });

  it('keeps the start of an error answer over the cap: the provider code and message come first', async () => {
    api.handlers.push((_q, res) =>
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end(`{"error":"Not Found","message":"Build not found"}${' '.repeat(5000)}`),
    );
    const { c } = client({ maxBodyBytes: 1000 });
    const error = (await c
      .request({ method: 'GET', path: '/b/1', what: 'read build 1', maxAttempts: 1 })
      .catch((e: unknown) => e)) as HttpError;
    expect(error.kind).toBe('status');
    expect(error.status).toBe(404);
  });

  it('retries a refused connection even for a trigger', async () => {
    const { c } = client({ baseUrl: 'http://127.0.0.1:9/' });
    const error = (await c
      .request({ method: 'POST', path: '/b', what: 'trigger' })
      .catch((e: unknown) => e)) as HttpError;
    expect(error.kind).toBe('unsent');
    expect(String(error)).toMatch(/connection refused/);
  });

  it('times out a silent server and keeps the message free of query strings', async () => {
    api.handlers.push(() => undefined);
    const { c } = client({ timeouts: { attemptMs: 200 }, maxAttempts: 1 });
    const error = (await c
      .request({ method: 'GET', path: '/slow', query: { sig: 'SECRET' }, what: 'read' })
      .catch((e: unknown) => e)) as HttpError;
    expect(error.kind).toBe('network');
    expect(String(error)).not.toContain('SECRET');
  });
});

describe('retry helpers', () => {
  it('parses Retry-After forms', () => {
    expect(parseRetryAfter('120', 0)).toBe(120_000);
    expect(parseRetryAfter(new Date(60_000).toUTCString(), 0)).toBe(60_000);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
  });
  it('caps full-jitter backoff', () => {
    expect(backoffDelay(10, () => 0.999, 1000, 30_000)).toBeLessThan(30_000);
    expect(backoffDelay(0, () => 0, 1000, 30_000)).toBe(0);
  });
});
