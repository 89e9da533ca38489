import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { octokitApi, WriteDropped } from '../../src/engine/github.js';

/** A loopback GitHub whose status endpoint answers from a script, counting what it received. */
let server: http.Server;
let origin = '';
const seen: string[] = [];
const answers: { status: number; body: unknown }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      seen.push(`${req.method} ${req.url}`);
      const answer = answers.shift() ?? { status: 201, body: { state: 'success' } };
      res
        .writeHead(answer.status, {
          'content-type': 'application/json',
          'x-ratelimit-remaining': '4999',
          'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
        })
        .end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => {
  seen.length = 0;
  answers.length = 0;
});

const SHA = '8f14e45fceea167a5a36dedd4bea2543b2e6a0c1';
const post = (apiUrl: string) =>
  octokitApi('ghs_test', 'octo', 'repo', apiUrl).createStatus({
    sha: SHA,
    state: 'pending',
    context: 'build/test',
    description: 'Building',
  });

describe('octokitApi', () => {
  it.each([
    [403, 'Resource not accessible by integration'],
    [422, 'No commit found for SHA'],
  ])(
    'sends a status POST answered %i exactly once (the client policy never repeats it)',
    async (status, message) => {
      answers.push({ status, body: { message } });
      await expect(post(origin)).rejects.toThrow(message);
      expect(seen).toEqual([`POST /repos/octo/repo/statuses/${SHA}`]);
    },
    // Before the fix this took 1 + 4 + 9 s of retries (and failed on the count).
    20_000,
  );

  it('retries a status POST answered 502 (repeating a status leaves the same result)', async () => {
    answers.push({ status: 502, body: { message: 'Bad gateway' } });
    await post(origin);
    expect(seen).toHaveLength(2);
  }, 10_000);

  it('interrupt: writes still spaced out in the queue are dropped unsent; closing writes go at once', async () => {
    const api = octokitApi('ghs_test', 'octo', 'repo', origin);
    const status = (context: string, state: 'pending' | 'error') =>
      api.createStatus({ sha: SHA, state, context, description: state });
    // Octokit spaces writes a second apart: the first goes out, the next two wait their turn.
    const queued = ['a', 'b', 'c'].map((c) => status(c, 'pending'));
    await queued[0];
    const start = Date.now();
    api.interrupt?.();
    await expect(queued[1]).rejects.toBeInstanceOf(WriteDropped);
    await expect(queued[2]).rejects.toBeInstanceOf(WriteDropped);
    await Promise.all(['a', 'b', 'c'].map((c) => status(c, 'error')));
    expect(Date.now() - start).toBeLessThan(900);
    // Past the time the queue would have released them: the dropped writes were never sent.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(seen.filter((r) => r.startsWith('POST'))).toHaveLength(4);
  }, 10_000);

  it('works under a GitHub Enterprise Server API path (/api/v3)', async () => {
    await post(`${origin}/api/v3`);
    expect(seen).toEqual([`POST /api/v3/repos/octo/repo/statuses/${SHA}`]);
  }, 10_000);
});
