import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the upload host received. */
export interface UploadRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/**
 * A real loopback server playing the presigned upload host. Streamed request bodies (the zip is
 * piped from disk) are not reliably intercepted by nock 15, so uploads go to a socket instead.
 */
export async function startUploadHost() {
  const requests: UploadRequest[] = [];
  let answer: { status: number; body: Buffer | string } = { status: 200, body: '' };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      requests.push({
        method: req.method ?? '',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks),
      });
      res.writeHead(answer.status, { connection: 'close' }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    requests,
    /** The answer to every later request. */
    respond(status: number, body: Buffer | string = ''): void {
      answer = { status, body };
    },
    reset(): void {
      requests.length = 0;
      answer = { status: 200, body: '' };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
