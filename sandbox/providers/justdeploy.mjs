/**
 * JustDeploy (seed 002): builds per project and stage, a presigned S3-style upload on the foreign
 * host, 409 while a build of the same stage is in progress, and stage endpoints. A build stays
 * `pending` until its zip arrives; its clock (pending → building → ready/error over `buildMs`)
 * starts at the upload.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, unlink } from 'node:fs/promises';
import { STATUS_CODES } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { history, outcomeFor, phaseOf, timeline, uuid } from '../builds.mjs';
import { Router, iso, json, text } from '../core.mjs';

/**
 * One PUT to a JustDeploy presigned URL (body streamed to `file`).
 * @typedef {{
 *   buildId: string,
 *   headers: Record<string, string>,
 *   size: number,
 *   sha256: string,
 *   file: string,
 *   at: number,
 * }} UploadRecord
 */

const STAGES = ['production', 'development'];
const BUILD_ERROR = 'Build failed: `npm run build` exited with code 1';
const EXPIRED_ERROR = 'Upload URL expired before the code was uploaded.';

/** `{"status": "<reason>", "message": "..."}`, the shape of the documented 409. */
export function justdeployError(/** @type {number} */ status, /** @type {string} */ message = '') {
  const defaults = /** @type {Record<number, string>} */ ({
    401: 'Invalid access key or secret key.',
    404: 'Not found.',
    409: 'A build is already in progress for this stage.',
    429: 'Too many requests, slow down.',
    500: 'Internal server error.',
  });
  return json(status, {
    status: STATUS_CODES[status] ?? 'Error',
    message: message || defaults[status] || `${STATUS_CODES[status] ?? 'Error'}.`,
  });
}

/** An S3 error document, which is what a presigned URL answers with. */
function s3Error(
  /** @type {number} */ status,
  /** @type {string} */ code,
  /** @type {string} */ message,
) {
  const requestId = randomBytes(8).toString('hex').toUpperCase();
  return text(
    status,
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message>` +
      `<RequestId>${requestId}</RequestId></Error>`,
    'application/xml',
    { 'x-amz-request-id': requestId },
  );
}

/** Consume and discard a request body, so an early error still reaches the client. */
function drain(/** @type {import('node:http').IncomingMessage} */ req) {
  return new Promise((resolve) => {
    req.on('end', resolve);
    req.on('close', resolve);
    req.on('error', resolve);
    req.resume();
  });
}

/**
 * @param {import('../state.mjs').Env} env
 * @returns {import('../core.mjs').ProviderService}
 */
export function createJustdeploy(env) {
  const router = new Router();
  /** Builds per `org/project`, history and seeded ones included. */
  const projects = /** @type {Map<string, import('../builds.mjs').Build[]>} */ (new Map());
  let uploadSeq = 0;

  /** Builds of a project, created on first sight with its history (and a running build). */
  const buildsOf = (/** @type {string} */ org, /** @type {string} */ project) => {
    const key = `${org}/${project}`;
    let list = projects.get(key);
    if (list) return list;
    list = [];
    projects.set(key, list);
    const now = Date.now();
    for (const past of history(env.options, now)) {
      const build = {
        provider: 'justdeploy',
        id: uuid(),
        project,
        org,
        stage: 'production',
        ...past,
        uploadedAt: past.createdAt,
        expiresAt: past.createdAt + 600_000,
        size: 524288,
        signature: '',
      };
      env.addBuild(build, { seeded: true });
      list.push(build);
    }
    if (env.options.justdeployRunning) {
      // Someone else's deploy, already uploaded and building; it ends `buildMs` from now.
      const outcome = outcomeFor(env.options, project);
      const build = {
        provider: 'justdeploy',
        id: uuid(),
        project,
        org,
        stage: 'production',
        createdAt: now - 2000,
        startsAt: now - 1000,
        endsAt: outcome === 'never' ? null : now + env.options.buildMs,
        outcome,
        uploadedAt: now - 2000,
        expiresAt: now + 598_000,
        size: 524288,
        signature: randomBytes(16).toString('hex'),
      };
      env.addBuild(build, { seeded: true });
      list.push(build);
    }
    return list;
  };

  /** The documented status word. */
  const statusOf = (/** @type {import('../builds.mjs').Build} */ b, now = Date.now()) => {
    if (b.uploadedAt === null)
      return now < /** @type {number} */ (b.expiresAt) ? 'pending' : 'error';
    return { queued: 'pending', building: 'building', success: 'ready', failure: 'error' }[
      phaseOf(b, now)
    ];
  };

  const present = (/** @type {import('../builds.mjs').Build} */ b) => {
    const now = Date.now();
    const status = statusOf(b, now);
    const started = b.startsAt !== null && b.startsAt <= now;
    const moments = [
      b.createdAt,
      b.uploadedAt,
      b.startsAt,
      b.endsAt,
      b.uploadedAt === null ? b.expiresAt : null,
    ]
      .map((t) => /** @type {number | null} */ (t))
      .filter((t) => t !== null && t <= now);
    return {
      id: b.id,
      stage: b.stage,
      commit: null,
      version: started ? '1.0.0' : null,
      runtime: started ? 'nodejs22.x' : null,
      size: b.size ?? null,
      status,
      error: status === 'error' ? (b.uploadedAt === null ? EXPIRED_ERROR : BUILD_ERROR) : null,
      createdAt: iso(b.createdAt),
      updatedAt: iso(Math.max(.../** @type {number[]} */ (moments))),
    };
  };

  /** Auth and org/project checks shared by every route; a Reply means "stop here". */
  const guard = (/** @type {import('../core.mjs').RouteContext} */ { headers, params }) => {
    const keys = env.options.tokens.justdeploy;
    if (headers['x-access-key'] !== keys.accessKey || headers['x-secret-key'] !== keys.secretKey) {
      return justdeployError(401);
    }
    if ((params.org ?? '').startsWith('missing'))
      return justdeployError(404, 'Organization not found.');
    if ((params.proj ?? '').startsWith('missing'))
      return justdeployError(404, 'Project not found.');
    return undefined;
  };

  const base = '/organizations/:org/projects/:proj';

  router.add('GET', `${base}/endpoints`, (ctx) => {
    const stop = guard(ctx);
    if (stop) return stop;
    const app = `${env.foreignBase}/app/${encodeURIComponent(ctx.params.proj ?? '')}`;
    return json(200, {
      endpoints: [
        {
          stage: 'production',
          endpoint: app,
          domains: [{ domain: 'www.example.com', type: 'subdomain' }],
        },
        { stage: 'development', endpoint: `${app}-test`, domains: [] },
      ],
    });
  });

  router.add('GET', `${base}/builds`, (ctx) => {
    const stop = guard(ctx);
    if (stop) return stop;
    const list = buildsOf(ctx.params.org ?? '', ctx.params.proj ?? '')
      .slice()
      .sort((a, b) => b.createdAt - a.createdAt)
      .slice(0, 50);
    return json(200, { builds: list.map(present) });
  });

  router.add('POST', `${base}/builds`, (ctx) => {
    const stop = guard(ctx);
    if (stop) return stop;
    const input = /** @type {Record<string, unknown> | undefined} */ (
      ctx.body && typeof ctx.body === 'object' ? ctx.body : undefined
    );
    if (ctx.bodyError || !input) return justdeployError(400, 'Request body must be a JSON object.');
    if (typeof input.stage !== 'string' || !STAGES.includes(input.stage)) {
      return justdeployError(400, `Invalid stage. Expected one of: ${STAGES.join(', ')}.`);
    }
    const org = ctx.params.org ?? '';
    const project = ctx.params.proj ?? '';
    const list = buildsOf(org, project);
    const now = Date.now();
    const running = list
      .filter((b) => b.stage === input.stage && ['pending', 'building'].includes(statusOf(b, now)))
      .sort((a, b) => b.createdAt - a.createdAt)[0];
    if (running) {
      return json(409, {
        status: 'Conflict',
        message: 'A build is already in progress for this stage.',
        build: {
          id: running.id,
          stage: running.stage,
          status: statusOf(running, now),
          createdAt: iso(running.createdAt),
        },
      });
    }
    const signature = randomBytes(32).toString('hex');
    const expires = env.options.uploadExpiresS;
    const build = {
      provider: 'justdeploy',
      id: uuid(),
      project,
      org,
      stage: input.stage,
      createdAt: now,
      // No clock until the code arrives.
      startsAt: null,
      endsAt: null,
      outcome: outcomeFor(env.options, project),
      uploadedAt: null,
      expiresAt: now + expires * 1000,
      size: null,
      signature,
    };
    env.addBuild(build);
    list.push(build);
    const url = `${env.foreignBase}/upload/${build.id}?X-Amz-Signature=${signature}&X-Amz-Expires=${expires}`;
    return json(201, { build: present(build), url });
  });

  router.add('GET', `${base}/builds/:buildId`, (ctx) => {
    const stop = guard(ctx);
    if (stop) return stop;
    const build = buildsOf(ctx.params.org ?? '', ctx.params.proj ?? '').find(
      (b) => b.id === ctx.params.buildId,
    );
    if (!build) return justdeployError(404, 'Build not found.');
    return json(200, { build: present(build) });
  });

  /** The presigned upload: streamed to disk, hashed on the way, never held in memory. */
  const upload = async (
    /** @type {import('../core.mjs').RouteContext} */ { req, params, query, record },
  ) => {
    const build = env.index.get(params.buildId ?? '');
    if (!build || build.provider !== 'justdeploy' || !build.signature) {
      await drain(req);
      return s3Error(
        403,
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided.',
      );
    }
    if (query.get('X-Amz-Signature') !== build.signature) {
      await drain(req);
      return s3Error(
        403,
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided.',
      );
    }
    if (Date.now() > /** @type {number} */ (build.expiresAt)) {
      await drain(req);
      return s3Error(403, 'AccessDenied', 'Request has expired');
    }
    if (env.options.uploadRequiresLength) {
      // S3 refuses chunked uploads to presigned URLs: the client must send Content-Length.
      if (req.headers['transfer-encoding']) {
        await drain(req);
        return s3Error(
          501,
          'NotImplemented',
          'A header you provided implies functionality that is not implemented',
        );
      }
      if (req.headers['content-length'] === undefined) {
        await drain(req);
        return s3Error(
          411,
          'MissingContentLength',
          'You must provide the Content-Length HTTP header.',
        );
      }
    }
    const file = join(env.options.uploadDir, `${build.id}-${++uploadSeq}.zip`);
    const sha256 = createHash('sha256');
    const md5 = createHash('md5');
    let size = 0;
    const meter = new Transform({
      transform(chunk, _encoding, callback) {
        size += chunk.length;
        sha256.update(chunk);
        md5.update(chunk);
        callback(null, chunk);
      },
    });
    try {
      await pipeline(req, meter, createWriteStream(file));
    } catch {
      // The client went away mid-upload: nothing was stored, the build is still pending.
      record.bytes = size;
      await unlink(file).catch(() => {});
      return s3Error(
        400,
        'IncompleteBody',
        'You did not provide the number of bytes specified by the Content-Length HTTP header.',
      );
    }
    record.bytes = size;
    const now = Date.now();
    env.uploads.push({
      buildId: build.id,
      headers: record.headers,
      size,
      sha256: sha256.digest('hex'),
      file,
      at: now,
    });
    if (build.uploadedAt === null) {
      build.uploadedAt = now;
      build.size = size;
      Object.assign(build, timeline(env.options, build.project, now, build.outcome));
    }
    const etag = `"${md5.digest('hex')}"`;
    return {
      status: 200,
      headers: { ETag: etag, 'x-amz-request-id': randomBytes(8).toString('hex').toUpperCase() },
    };
  };

  return {
    name: 'justdeploy',
    router,
    errorReply: justdeployError,
    mountForeign(foreign) {
      foreign.add('PUT', '/upload/:buildId', upload, { raw: true, provider: 'justdeploy' });
      foreign.add(
        'GET',
        '/app/:name',
        ({ params }) =>
          text(
            200,
            `<!DOCTYPE html><html><body><h1>${params.name}</h1><p>Deployed with JustDeploy</p></body></html>`,
            'text/html; charset=utf-8',
          ),
        { provider: 'justdeploy' },
      );
    },
    reset() {
      projects.clear();
    },
  };
}

/** @type {import('../core.mjs').FakeModule} */
export const fake = {
  name: 'justdeploy',
  token: { accessKey: 'sandbox-access', secretKey: 'sandbox-secret' },
  options: {
    /** A build of every stage is already running (the trigger answers 409). */
    justdeployRunning: false,
    /** How long a presigned upload URL lives. */
    uploadExpiresS: 600,
    /** Presigned uploads must send Content-Length (S3 answers 501 to chunked uploads). */
    uploadRequiresLength: true,
    /** Where uploaded zips are kept (default: a temp dir of the sandbox's own, removed at close). */
    uploadDir: '',
  },
  lists: ['uploads'],
  async open(options) {
    if (options.uploadDir) return undefined;
    const dir = await mkdtemp(join(tmpdir(), 'sandbox-uploads-'));
    options.uploadDir = dir;
    return () => rm(dir, { recursive: true, force: true });
  },
  credentials: (/** @type {import('../state.mjs').ResolvedOptions} */ options) =>
    `token=${options.tokens.justdeploy.accessKey} secret-key=${options.tokens.justdeploy.secretKey}`,
  create: createJustdeploy,
};
