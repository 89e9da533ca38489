/**
 * Deskforge (seed 003): desktop builds per platform/arch/version, build details, logs that grow
 * while the build runs, and an artifact download that redirects to a CDN on the foreign host
 * (so a client that forwards `Authorization` across the redirect is caught there).
 */
import { createHash } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { Readable } from 'node:stream';
import { history, phaseOf, shortId, timeline } from '../builds.mjs';
import { Router, bearer, isoSeconds, json, text } from '../core.mjs';

const PLATFORMS = { mac: 'dmg', windows: 'exe', linux: 'AppImage' };
const ARCHES = ['x64', 'arm64'];
const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
const BLOCK = 64 * 1024;
/** About the size of one compiler line of a big log, as JSON. */
const FILLER_BYTES = 154;

/** `{"error": "<reason>", "message": "..."}`. */
export function deskforgeError(/** @type {number} */ status, /** @type {string} */ message = '') {
  const defaults = /** @type {Record<number, string>} */ ({
    401: 'Invalid API key',
    404: 'Not found',
    429: 'Too many requests',
    500: 'Internal server error',
  });
  return json(status, {
    error: STATUS_CODES[status] ?? 'Error',
    message: message || defaults[status] || STATUS_CODES[status] || 'Error',
  });
}

/** @type {Map<string, Buffer>} */
const blocks = new Map();

/** 64 KiB of pseudo-random bytes derived from the build id (cached). */
function baseBlock(/** @type {string} */ id) {
  let block = blocks.get(id);
  if (!block) {
    block = Buffer.alloc(BLOCK);
    for (let i = 0; i < BLOCK / 32; i++) {
      createHash('sha256')
        .update(`${id}:${i}`)
        .digest()
        .copy(block, i * 32);
    }
    if (blocks.size > 256) blocks.clear();
    blocks.set(id, block);
  }
  return block;
}

/**
 * The artifact's bytes, chunk by chunk: the id's block, with the chunk number XOR-ed into its
 * first bytes so a reordered or repeated chunk does not compare equal.
 * @param {string} id
 * @param {number} size
 */
function* artifactChunks(id, size) {
  const block = baseBlock(id);
  for (let offset = 0, k = 0; offset < size; offset += BLOCK, k++) {
    const chunk = Buffer.from(block.subarray(0, Math.min(BLOCK, size - offset)));
    for (let j = 0; j < 4 && j < chunk.length; j++) {
      chunk[j] = /** @type {number} */ (chunk[j]) ^ ((k >>> (8 * (3 - j))) & 0xff);
    }
    yield chunk;
  }
}

/** The whole artifact of a build, for comparing with what the action downloaded. */
export function artifactContent(/** @type {string} */ id, /** @type {number} */ size) {
  return Buffer.concat([...artifactChunks(id, size)]);
}

/** Log lines and when they appear, as fractions of the building phase. */
const SCRIPT = [
  [0.0, 'info', 'Starting build process...'],
  [0.1, 'info', 'Installing dependencies...'],
  [0.3, 'info', 'Compiling Rust code...'],
  [0.6, 'info', 'Bundling application...'],
];

/**
 * @param {import('../state.mjs').Env} env
 * @returns {import('../core.mjs').ProviderService}
 */
export function createDeskforge(env) {
  const router = new Router();
  const projects = /** @type {Map<string, import('../builds.mjs').Build[]>} */ (new Map());

  const fileName = (/** @type {import('../builds.mjs').Build} */ b) =>
    `${b.project}-${b.version ?? 'latest'}-${b.platform}-${b.arch}.${PLATFORMS[/** @type {'mac'} */ (b.platform)]}`;
  const artifactUrl = (/** @type {import('../builds.mjs').Build} */ b) =>
    `${env.foreignBase}/cdn/${b.id}/${encodeURIComponent(fileName(b))}`;

  const buildsOf = (/** @type {string} */ project) => {
    let list = projects.get(project);
    if (list) return list;
    list = [];
    projects.set(project, list);
    history(env.options, Date.now()).forEach((past, i) => {
      const build = {
        provider: 'deskforge',
        id: shortId('build_'),
        project,
        ...past,
        platform: 'mac',
        arch: 'arm64',
        version: `1.0.${env.options.historyCount - i - 1}`,
        artifactSize: env.options.artifactBytes,
      };
      env.addBuild(build, { seeded: true });
      /** @type {import('../builds.mjs').Build[]} */ (list).push(build);
    });
    return list;
  };

  const find = (/** @type {string | undefined} */ id) => {
    const b = env.index.get(id ?? '');
    return b && b.provider === 'deskforge' ? b : undefined;
  };

  const statusOf = (/** @type {import('../builds.mjs').Build} */ b, now = Date.now()) =>
    ({ queued: 'queued', building: 'building', success: 'success', failure: 'failed' })[
      phaseOf(b, now)
    ];

  const present = (/** @type {import('../builds.mjs').Build} */ b, detailed = false) => {
    const now = Date.now();
    const status = statusOf(b, now);
    const done = status === 'success' || status === 'failed';
    const common = {
      id: b.id,
      projectId: b.project,
      version: b.version,
      platform: b.platform,
      arch: b.arch,
      status,
      createdAt: isoSeconds(b.createdAt),
    };
    if (!detailed) {
      return {
        ...common,
        completedAt: done ? isoSeconds(/** @type {number} */ (b.endsAt)) : null,
        artifactUrl: status === 'success' ? artifactUrl(b) : null,
      };
    }
    const started = b.startsAt !== null && b.startsAt <= now;
    return {
      ...common,
      startedAt: started ? isoSeconds(/** @type {number} */ (b.startsAt)) : null,
      completedAt: done ? isoSeconds(/** @type {number} */ (b.endsAt)) : null,
      // Seconds from start to completion, like the documented 840 for 10:01 → 10:15.
      duration: done ? Math.round((Number(b.endsAt) - Number(b.startsAt)) / 1000) : null,
      artifactUrl: status === 'success' ? artifactUrl(b) : null,
      artifactSize: status === 'success' ? b.artifactSize : null,
      buildLog: `${env.apiBase}/deskforge/builds/${b.id}/logs`,
    };
  };

  /**
   * How many compiler lines (`deskforgeLogBytes` over the build, or `deskforgeLogBytesPerSecond`
   * without end) the log holds at `now`, and when each appeared.
   * @param {import('../builds.mjs').Build} b
   */
  const fillerOf = (b, now = Date.now()) => {
    const { deskforgeLogBytes: total, deskforgeLogBytesPerSecond: rate } = env.options;
    const start = /** @type {number} */ (b.startsAt);
    const until = Math.min(now, b.endsAt ?? Infinity);
    if (b.startsAt === null || until < start || (total <= 0 && rate <= 0)) {
      return { count: 0, at: () => start };
    }
    if (rate > 0) {
      const perLine = FILLER_BYTES / rate;
      return {
        count: Math.floor(((until - start) / 1000) * (rate / FILLER_BYTES)),
        at: (/** @type {number} */ k) => start + Math.round(k * perLine * 1000),
      };
    }
    const lines = Math.ceil(total / FILLER_BYTES);
    // A failing build stops compiling at its error (0.8 of the way), which stays near the end.
    const span =
      Math.max(1, (b.endsAt ?? b.createdAt + env.options.buildMs) - start) *
      (b.outcome === 'failure' ? 0.75 : 1);
    return {
      count: Math.min(lines, Math.floor((lines * (until - start)) / span)),
      at: (/** @type {number} */ k) => start + Math.floor((k * span) / lines),
    };
  };

  /**
   * The whole log answer, as the seed shapes it, written in pieces so a log of any size never
   * sits in the sandbox's memory: the scripted lines and the compiler lines in time order.
   * @param {import('../builds.mjs').Build} b
   */
  function* logAnswer(b, now = Date.now()) {
    const lines = logLines(b, now);
    const filler = fillerOf(b, now);
    let out = `{"buildId":${JSON.stringify(b.id)},"logs":[`;
    let first = true;
    const add = (/** @type {unknown} */ entry) => {
      out += (first ? '' : ',') + JSON.stringify(entry);
      first = false;
    };
    // Oldest first, as a log grows: a line never moves once it has been answered.
    let next = 0;
    for (let k = 0; k < filler.count; k += 1) {
      const at = filler.at(k);
      while (next < lines.length && /** @type {{at: number}} */ (lines[next]).at <= at) {
        add(/** @type {{entry: unknown}} */ (lines[next]).entry);
        next += 1;
      }
      add({
        timestamp: isoSeconds(at),
        level: 'info',
        message: `   Compiling crate-${String(k).padStart(7, '0')} v0.1.0 (registry+https://github.com/rust-lang/crates.io-index)`,
      });
      if (out.length >= BLOCK) {
        yield out;
        out = '';
      }
    }
    for (const line of lines.slice(next)) add(line.entry);
    yield `${out}]}`;
  }

  /** The lines visible at `now`: a couple at queue time, more while building, one at the end. */
  const logLines = (/** @type {import('../builds.mjs').Build} */ b, now = Date.now()) => {
    /** @type {[number, string, string][]} */
    const lines = [
      [b.createdAt, 'info', `Build queued for ${b.platform}-${b.arch}`],
      [b.createdAt, 'info', `Waiting for an available ${b.platform} runner...`],
    ];
    const start = /** @type {number} */ (b.startsAt);
    const span = (b.endsAt ?? b.createdAt + env.options.buildMs) - start;
    for (const [at, level, message] of SCRIPT) {
      lines.push([
        start + Math.round(span * /** @type {number} */ (at)),
        /** @type {string} */ (level),
        /** @type {string} */ (message),
      ]);
    }
    if (b.outcome === 'failure') {
      for (const message of env.options.deskforgeErrorLines) {
        lines.push([start + Math.round(span * 0.8), 'error', message]);
      }
      if (b.endsAt !== null) lines.push([b.endsAt, 'error', 'Build failed with exit code 101']);
    } else {
      lines.push([start + Math.round(span * 0.85), 'info', `Signing ${fileName(b)}...`]);
      if (b.endsAt !== null) lines.push([b.endsAt, 'success', 'Build completed successfully']);
    }
    return lines
      .filter(([at]) => at <= now)
      .map(([at, level, message]) => ({
        at,
        entry: { timestamp: isoSeconds(at), level, message },
      }));
  };

  const auth = (/** @type {import('node:http').IncomingHttpHeaders} */ headers) =>
    bearer(headers) === env.options.tokens.deskforge ? undefined : deskforgeError(401);

  router.add('GET', '/projects/:id/builds', ({ headers, params }) => {
    const denied = auth(headers);
    if (denied) return denied;
    if ((params.id ?? '').startsWith('missing')) return deskforgeError(404, 'Project not found');
    const list = buildsOf(params.id ?? '')
      .slice()
      .sort((a, b) => b.createdAt - a.createdAt);
    return json(200, { builds: list.map((b) => present(b)), total: list.length });
  });

  router.add('POST', '/projects/:id/builds', ({ headers, params, body, bodyError }) => {
    const denied = auth(headers);
    if (denied) return denied;
    const project = params.id ?? '';
    if (project.startsWith('missing')) return deskforgeError(404, 'Project not found');
    if (bodyError || !body || typeof body !== 'object' || Array.isArray(body)) {
      return deskforgeError(400, 'Request body must be a JSON object');
    }
    const input = /** @type {Record<string, unknown>} */ (body);
    if (typeof input.platform !== 'string' || !Object.hasOwn(PLATFORMS, input.platform)) {
      return deskforgeError(400, 'platform is required and must be one of: mac, windows, linux');
    }
    if (
      input.arch !== undefined &&
      (typeof input.arch !== 'string' || !ARCHES.includes(input.arch))
    ) {
      return deskforgeError(400, 'arch must be one of: x64, arm64');
    }
    if (
      input.version !== undefined &&
      (typeof input.version !== 'string' || !SEMVER.test(input.version))
    ) {
      return deskforgeError(400, 'version must be a semantic version (e.g. 1.0.0)');
    }
    const now = Date.now();
    const build = {
      provider: 'deskforge',
      id: shortId('build_'),
      project,
      createdAt: now,
      ...timeline(env.options, project, now),
      platform: input.platform,
      arch: input.arch ?? 'x64',
      version: input.version ?? null,
      artifactSize: env.options.artifactBytes,
    };
    env.addBuild(build);
    buildsOf(project).push(build);
    return json(201, {
      id: build.id,
      projectId: project,
      platform: build.platform,
      arch: build.arch,
      version: build.version,
      status: 'queued',
      createdAt: isoSeconds(now),
      message: 'Build queued successfully',
    });
  });

  router.add('GET', '/builds/:id', ({ headers, params }) => {
    const denied = auth(headers);
    if (denied) return denied;
    const build = find(params.id);
    return build ? json(200, present(build, true)) : deskforgeError(404, 'Build not found');
  });

  router.add('GET', '/builds/:id/logs', ({ headers, params }) => {
    const denied = auth(headers);
    if (denied) return denied;
    const build = find(params.id);
    if (!build) return deskforgeError(404, 'Build not found');
    return {
      status: 200,
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: Readable.from(logAnswer(build)),
    };
  });

  router.add('GET', '/builds/:id/download', ({ headers, params }) => {
    const denied = auth(headers);
    if (denied) return denied;
    const build = find(params.id);
    if (!build) return deskforgeError(404, 'Build not found');
    const status = statusOf(build);
    if (status !== 'success') {
      return deskforgeError(404, `Artifact not available: build status is ${status}`);
    }
    return { status: 302, headers: { Location: artifactUrl(build) }, body: '' };
  });

  return {
    name: 'deskforge',
    router,
    errorReply: deskforgeError,
    mountForeign(foreign) {
      // The CDN: no credentials needed, and none should ever arrive here.
      foreign.add(
        'GET',
        '/cdn/:id/:file',
        ({ params }) => {
          const build = find(params.id);
          if (!build || statusOf(build) !== 'success' || params.file !== fileName(build)) {
            return text(404, 'Not Found');
          }
          const size = /** @type {number} */ (build.artifactSize);
          return {
            status: 200,
            headers: {
              'Content-Type': 'application/octet-stream',
              'Content-Length': size,
              'Content-Disposition': `attachment; filename="${fileName(build)}"`,
              ETag: `"${build.id}-${size}"`,
            },
            body: Readable.from(artifactChunks(build.id, size)),
          };
        },
        { provider: 'deskforge' },
      );
    },
    reset() {
      projects.clear();
    },
  };
}

/** @type {import('../core.mjs').FakeModule} */
export const fake = {
  name: 'deskforge',
  token: 'sandbox-token',
  options: {
    /** The size of every artifact. */
    artifactBytes: 64 * 1024,
    /** Extra log lines of about this many bytes in all, appearing while the build runs. */
    deskforgeLogBytes: 0,
    /** The error-level lines a failing build logs (compiler output). */
    deskforgeErrorLines: ['error[E0425]: cannot find value `window_handle` in this scope'],
    /** Log lines that keep appearing at this many bytes a second while a build runs. */
    deskforgeLogBytesPerSecond: 0,
  },
  extend: (/** @type {import('../state.mjs').Env} */ env) => ({
    /** The whole artifact of a build, for comparing with what the action downloaded. */
    artifactContent(/** @type {string} */ buildId) {
      const build = env.index.get(buildId);
      if (!build || build.provider !== 'deskforge')
        throw new Error(`no Deskforge build "${buildId}"`);
      return artifactContent(build.id, /** @type {number} */ (build.artifactSize));
    },
  }),
  create: createDeskforge,
};
