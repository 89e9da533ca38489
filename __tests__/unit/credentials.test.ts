import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Deadline } from '../../src/clock.js';
import { HttpClient } from '../../src/http/client.js';
import { jwtTimes, oidcTokenFetcher, RefreshingCredentials } from '../../src/http/credentials.js';
import { ActionError } from '../../src/errors.js';
import { HttpError } from '../../src/http/errors.js';
import { instantClock } from './fake-clock.js';

/** An unsigned JWT with these claims (the action never checks signatures; the API does). */
function jwt(claims: Record<string, unknown>): string {
  const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  return `${part({ alg: 'none' })}.${part(claims)}.`;
}

/** A token service that mints numbered tokens living `lifeS` seconds from `now()`. */
function tokenService(now: () => number, lifeS: number | undefined) {
  let n = 0;
  const fetch = async (): Promise<string> => {
    n += 1;
    await new Promise((r) => setTimeout(r, 5));
    const iat = Math.floor(now() / 1000);
    return lifeS === undefined ? `opaque-${n}` : jwt({ n, iat, exp: iat + lifeS });
  };
  return { fetch, count: () => n };
}

describe('jwtTimes', () => {
  it('reads exp and iat in ms, and nothing from what is not a JWT', () => {
    expect(jwtTimes(jwt({ exp: 1700000300, iat: 1700000000 }))).toEqual({
      exp: 1700000300_000,
      iat: 1700000000_000,
    });
    expect(jwtTimes('opaque')).toEqual({});
    expect(jwtTimes('a.!!!.c')).toEqual({});
    expect(jwtTimes(jwt({ exp: 'soon' }))).toEqual({});
  });
});

describe('RefreshingCredentials', () => {
  it('renews before exp (a quarter of the life, at most a minute ahead), sharing one fetch', async () => {
    let now = Date.parse('2026-12-03T07:00:00Z');
    for (const lifeS of [4, 300, 3600]) {
      const service = tokenService(() => now, lifeS);
      const creds = new RefreshingCredentials(
        { authorization: 'Bearer {oidc-token}' },
        service.fetch,
      );
      const first = await Promise.all([creds.headers(now), creds.headers(now)]);
      expect(service.count()).toBe(1);
      expect(first[0]).toEqual(first[1]);
      const margin = Math.min(60_000, (lifeS * 1000) / 4);
      const start = now;
      // Every header handed out is valid for at least the margin, over three lives.
      for (; now < start + lifeS * 3000; now += Math.max(250, (lifeS * 1000) / 40)) {
        const header = (await creds.headers(now))['authorization'] ?? '';
        const { exp } = jwtTimes(header.replace('Bearer ', ''));
        expect(exp! - now, `life ${lifeS}s at +${now - start}ms`).toBeGreaterThanOrEqual(margin);
      }
      // Renewed about once a life (less the margin), not per request.
      expect(service.count()).toBeGreaterThanOrEqual(3);
      expect(service.count()).toBeLessThanOrEqual(5);
    }
  });

  it('keeps a token without exp until renew; renew says whether the token changed', async () => {
    const service = tokenService(() => 0, undefined);
    const creds = new RefreshingCredentials({ 'x-key': 'k={oidc-token};' }, service.fetch);
    expect(await creds.headers(0)).toEqual({ 'x-key': 'k=opaque-1;' });
    expect(await creds.headers(10 ** 9)).toEqual({ 'x-key': 'k=opaque-1;' });
    expect(await creds.renew(10 ** 9)).toBe(true);
    expect(await creds.headers(10 ** 9)).toEqual({ 'x-key': 'k=opaque-2;' });
    const fixed = new RefreshingCredentials({ a: '{oidc-token}' }, () => Promise.resolve('same'));
    await fixed.headers(0);
    expect(await fixed.renew(0)).toBe(false);
  });
});

describe('HttpClient with renewed credentials', () => {
  const seen: string[] = [];
  let refuse: (auth: string) => boolean = () => false;
  let srv: http.Server;
  let origin = '';
  beforeAll(async () => {
    srv = http.createServer((req, res) => {
      const auth = req.headers.authorization ?? '';
      seen.push(auth);
      req.resume();
      if (refuse(auth)) res.writeHead(401, { 'content-type': 'application/json' }).end('{}');
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
  });
  afterAll(() => srv.close());

  function client(fetch: () => Promise<string>) {
    const clock = instantClock();
    return new HttpClient({
      provider: 'Custom API',
      baseUrl: origin,
      credentials: new RefreshingCredentials({ authorization: 'Bearer {oidc-token}' }, fetch),
      clock,
      deadline: new Deadline(clock, clock.now() + 60_000),
    });
  }

  it('after a 401 sends once more with a new token, even a trigger, and never loops', async () => {
    let n = 0;
    const fetch = () => Promise.resolve(`tok-${++n}`);
    seen.length = 0;
    refuse = (auth) => auth === 'Bearer tok-1';
    const c = client(fetch);
    const res = await c.request({
      method: 'POST',
      path: '/builds',
      what: 'trigger',
      sideEffects: true,
    });
    expect(res.body).toEqual({ ok: true });
    expect(seen).toEqual(['Bearer tok-1', 'Bearer tok-2']);

    seen.length = 0;
    refuse = () => true;
    const error = await c
      .request({ method: 'GET', path: '/builds/1', what: 'read', polling: true })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(401);
    expect(seen).toEqual(['Bearer tok-2', 'Bearer tok-3']);
  });

  it('an API that echoes the token in its error never gets it into the message', async () => {
    const token = 'eyJhbGciOiJub25lIn0.eyJuIjoxfQ.';
    const echo = http.createServer((req, res) => {
      req.resume();
      res.writeHead(400, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          error: { code: 'bad', message: `rejected ${req.headers.authorization}` },
        }),
      );
    });
    await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
    try {
      const clock = instantClock();
      const c = new HttpClient({
        provider: 'Custom API',
        baseUrl: `http://127.0.0.1:${(echo.address() as AddressInfo).port}`,
        credentials: new RefreshingCredentials({ authorization: 'Bearer {oidc-token}' }, () =>
          Promise.resolve(token),
        ),
        clock,
        deadline: new Deadline(clock, clock.now() + 60_000),
      });
      const error = (await c
        .request({ method: 'GET', path: '/x', what: 'read' })
        .catch((e: unknown) => e)) as HttpError;
      expect(error).toBeInstanceOf(HttpError);
      expect(error.message).toContain('rejected Bearer ***');
      expect(JSON.stringify(error.body)).not.toContain(token);
    } finally {
      echo.close();
    }
  });

  it('a token source that cannot renew (the same token) does not retry a 401', async () => {
    seen.length = 0;
    refuse = () => true;
    const c = client(() => Promise.resolve('fixed'));
    await expect(c.request({ method: 'GET', path: '/x', what: 'read' })).rejects.toThrow(/401/);
    expect(seen).toEqual(['Bearer fixed']);
  });
});

describe('oidcTokenFetcher', () => {
  it('a token service that never answers fails the fetch within its limit, naming the audience', async () => {
    const hang = http.createServer(() => {});
    await new Promise<void>((r) => hang.listen(0, '127.0.0.1', r));
    const saved = { ...process.env };
    process.env['ACTIONS_ID_TOKEN_REQUEST_URL'] =
      `http://127.0.0.1:${(hang.address() as AddressInfo).port}/token?api-version=2.0`;
    process.env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'] = 'req';
    const started = Date.now();
    try {
      const fetch = oidcTokenFetcher(
        { audience: 'https://deploy.example.com', tokenEnv: '' },
        'Custom API',
        process.env,
        300,
      );
      const error = await fetch().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ActionError);
      expect((error as Error).message).toMatch(
        /could not get GitHub's OIDC token for audience 'https:\/\/deploy\.example\.com' \(no answer within 0\.3 s\).*id-token: write/,
      );
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      process.env['ACTIONS_ID_TOKEN_REQUEST_URL'] = saved['ACTIONS_ID_TOKEN_REQUEST_URL'];
      process.env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'] = saved['ACTIONS_ID_TOKEN_REQUEST_TOKEN'];
      if (saved['ACTIONS_ID_TOKEN_REQUEST_URL'] === undefined) {
        delete process.env['ACTIONS_ID_TOKEN_REQUEST_URL'];
      }
      if (saved['ACTIONS_ID_TOKEN_REQUEST_TOKEN'] === undefined) {
        delete process.env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'];
      }
      hang.closeAllConnections();
      hang.close();
    }
  });
});
