/**
 * The upload body (src/http/body.ts) through the real HTTP client to loopback servers: a file read
 * into a few reused buffers arrives byte for byte, however slowly the server reads, again from its
 * start on a retry or a redirect, and without the memory that fresh buffers per chunk cost.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { Deadline } from '../../src/clock.js';
import { fileBody, type FileBodyOptions } from '../../src/http/body.js';
import { HttpClient } from '../../src/http/client.js';
import { HttpError } from '../../src/http/errors.js';
import { scratchDir } from '../scratch.js';
import { instantClock } from './fake-clock.js';

const TEST_MS = 60_000;
const dir = scratchDir('tba-body');

/** A file of `size` random bytes and its sha256. */
function randomFile(name: string, size: number): { file: string; sha256: string } {
  const file = path.join(dir, name);
  const bytes = randomBytes(size);
  fs.writeFileSync(file, bytes);
  return { file, sha256: createHash('sha256').update(bytes).digest('hex') };
}

interface Received {
  url: string;
  bytes: number;
  sha256: string;
  contentLength: string | undefined;
}

type Answer = (req: http.IncomingMessage, res: http.ServerResponse, got: Received) => void;

/**
 * An upload host: hashes every body it receives, reading it `slowly` (a pause after every read,
 * so the client's socket fills and its writes stay pending), and answers each request with the
 * next of `answers` (200 when none is left). `cutAfter` drops the first request's connection
 * once that many bytes arrived.
 */
async function uploadHost(opts: { slowly?: boolean; cutAfter?: number; answers?: Answer[] }) {
  const received: Received[] = [];
  const answers = [...(opts.answers ?? [])];
  let cut = opts.cutAfter;
  const server = http.createServer((req, res) => {
    const hash = createHash('sha256');
    const got: Received = {
      url: req.url ?? '',
      bytes: 0,
      sha256: '',
      contentLength: req.headers['content-length'],
    };
    req.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      got.bytes += chunk.length;
      if (cut !== undefined && got.bytes >= cut) {
        cut = undefined;
        received.push(got);
        req.socket.destroy();
        return;
      }
      if (opts.slowly) {
        req.pause();
        setTimeout(() => req.resume(), 1);
      }
    });
    req.on('end', () => {
      got.sha256 = hash.digest('hex');
      received.push(got);
      const answer = answers.shift();
      if (answer) answer(req, res, got);
      else res.writeHead(200, { connection: 'close' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  servers.push(server);
  return { origin, received };
}

const servers: http.Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.closeAllConnections();
});
afterAll(() => {
  for (const server of servers.splice(0)) server.close();
});

/** PUTs `file` (its first `length` bytes) to `url` through the client, as the JustDeploy upload does. */
function put(url: string, file: string, length: number, options: FileBodyOptions = {}) {
  const clock = instantClock();
  const retries: string[] = [];
  const client = new HttpClient({
    provider: 'Testprov',
    baseUrl: 'http://127.0.0.1:9/v1',
    credentials: {},
    clock,
    deadline: new Deadline(clock, clock.now() + 60_000),
    onRetry: (e) => retries.push(e.reason),
    maxAttempts: 3,
  });
  const request = client.request({
    method: 'PUT',
    url,
    anonymous: true,
    body: {
      open: () => fileBody(file, length, options),
      length,
      contentType: 'application/zip',
    },
    responseType: 'none',
    what: 'upload the artifact',
  });
  return { request, retries };
}

describe('fileBody', () => {
  it(
    'sends a file through a few reused buffers byte for byte while the server reads slowly',
    async () => {
      // 4 MB through three 16 KiB buffers: each buffer carries ~85 chunks, and with a slow reader
      // the socket keeps writes pending, so a buffer reused before its write completed would
      // corrupt what arrives.
      const { file, sha256 } = randomFile('slow.bin', 4 * 1024 * 1024 + 123);
      const host = await uploadHost({ slowly: true });
      const sent: number[] = [];
      const { request } = put(`${host.origin}/up`, file, 4 * 1024 * 1024 + 123, {
        chunkBytes: 16 * 1024,
        buffers: 3,
        onSent: (n) => sent.push(n),
      });
      await request;
      expect(host.received).toHaveLength(1);
      expect(host.received[0]).toMatchObject({
        bytes: 4 * 1024 * 1024 + 123,
        sha256,
        contentLength: String(4 * 1024 * 1024 + 123),
      });
      // Progress counts completed writes: rising, ending at the whole file.
      expect(sent.at(-1)).toBe(4 * 1024 * 1024 + 123);
      expect(sent.every((n, i) => i === 0 || n > sent[i - 1]!)).toBe(true);
    },
    TEST_MS,
  );

  it(
    'sends the whole body again from its start when the connection drops mid-upload',
    async () => {
      const size = 3 * 1024 * 1024;
      const { file, sha256 } = randomFile('retry.bin', size);
      const host = await uploadHost({ cutAfter: 1024 * 1024 });
      const { request, retries } = put(`${host.origin}/up`, file, size);
      await request;
      expect(retries).toHaveLength(1);
      expect(host.received).toHaveLength(2);
      expect(host.received[0]!.bytes).toBeLessThan(size);
      expect(host.received[1]).toMatchObject({ bytes: size, sha256 });
    },
    TEST_MS,
  );

  it(
    'sends the whole body again to where a 307 redirect points',
    async () => {
      const size = 2 * 1024 * 1024 + 1;
      const { file, sha256 } = randomFile('redirect.bin', size);
      const host = await uploadHost({
        answers: [(_req, res) => res.writeHead(307, { location: '/moved' }).end()],
      });
      await put(`${host.origin}/up`, file, size).request;
      expect(host.received.map((r) => [r.url, r.bytes, r.sha256])).toEqual([
        ['/up', size, sha256],
        ['/moved', size, sha256],
      ]);
    },
    TEST_MS,
  );

  it(
    'sends only the first `length` bytes, and fails clearly when the file is shorter',
    async () => {
      const { file } = randomFile('short.bin', 100_000);
      const host = await uploadHost({});
      await put(`${host.origin}/up`, file, 50_000).request;
      const whole = fs.readFileSync(file).subarray(0, 50_000);
      expect(host.received[0]).toMatchObject({
        bytes: 50_000,
        sha256: createHash('sha256').update(whole).digest('hex'),
      });

      const error = (await put(`${host.origin}/up`, file, 200_000).request.catch(
        (e: unknown) => e,
      )) as HttpError;
      expect(error).toBeInstanceOf(HttpError);
      expect(error.message).toContain(
        `could not read the upload: ${file} ended after 100000 of its 200000 bytes`,
      );
      const missing = (await put(`${host.origin}/up`, path.join(dir, 'gone.bin'), 10).request.catch(
        (e: unknown) => e,
      )) as HttpError;
      expect(missing.message).toMatch(/could not read the upload: ENOENT/);
    },
    TEST_MS,
  );

  it(
    'keeps the memory outside the JS heap flat: 200 MB go out in the pool and little more',
    async () => {
      // The host runs in another process, so only the client's buffers count here. Fresh buffers
      // per chunk (fs.createReadStream) are freed only at a later GC, and V8 lets tens of MB of
      // them pile up first: measured +50-80 MB of array buffers during such an upload.
      const size = 200 * 1024 * 1024;
      const file = path.join(dir, 'big.bin');
      const block = randomBytes(1024 * 1024);
      const fd = fs.openSync(file, 'w');
      for (let i = 0; i < size / block.length; i++) fs.writeSync(fd, block);
      fs.closeSync(fd);
      const { origin, child, bytes } = await discardingHost();
      try {
        const before = process.memoryUsage().arrayBuffers;
        let peak = before;
        const timer = setInterval(() => {
          peak = Math.max(peak, process.memoryUsage().arrayBuffers);
        }, 5);
        try {
          await put(`${origin}/up`, file, size, {
            onSent: () => (peak = Math.max(peak, process.memoryUsage().arrayBuffers)),
          }).request;
        } finally {
          clearInterval(timer);
        }
        expect(await bytes()).toBe(size);
        expect((peak - before) / 1024 / 1024).toBeLessThan(16);
      } finally {
        child.kill();
      }
    },
    TEST_MS,
  );
});

/** An upload host in a child process that reads every body and prints its byte count. */
async function discardingHost(): Promise<{
  origin: string;
  child: ChildProcess;
  bytes: () => Promise<number>;
}> {
  const code = `
    const http = require('node:http');
    const server = http.createServer((req, res) => {
      let n = 0;
      req.on('data', (c) => (n += c.length));
      req.on('end', () => { process.stdout.write('bytes ' + n + '\\n'); res.end(); });
    });
    server.listen(0, '127.0.0.1', () => process.stdout.write('port ' + server.address().port + '\\n'));
    setTimeout(() => process.exit(0), 55000).unref();
  `;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  const waiters: (() => void)[] = [];
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
    for (const waiter of waiters.splice(0)) waiter();
  });
  const line = async (pattern: RegExp): Promise<string> => {
    for (;;) {
      const match = pattern.exec(output);
      if (match) return match[1]!;
      if (child.exitCode !== null) throw new Error('the upload host exited');
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  const port = await line(/port (\d+)\n/);
  return {
    origin: `http://127.0.0.1:${port}`,
    child,
    bytes: async () => Number(await line(/bytes (\d+)\n/)),
  };
}
