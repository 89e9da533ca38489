/**
 * A configurable JSON Builds API for `provider: custom` (not one of the seed documents). Where the
 * id and the status word sit in its answers, the words themselves, the auth header and how the
 * cancel endpoint answers are all `options.custom`, live, so tests can describe APIs the action's
 * author never saw.
 *
 *   POST /projects/:project/builds   trigger (any JSON body, recorded)   -> 201
 *   GET  /builds/:id                 status                               -> 200
 *   POST /builds/:id/cancel          cancel                               -> options.custom.cancelStatus
 *
 * On the foreign host, the build's log (`links.log` in the status answer), plain text without
 * credentials as a log bucket serves it, its lines appearing as the build goes; a failed build
 * has a tsc error on src/app.ts line 12. With `logHtml` it is a dashboard page (text/html).
 *
 *   GET  /logs/custom/:id            text/plain log lines (or text/html with logHtml)
 *
 * Answers take the legal shapes JSON and HTTP allow, not only the common ones: build ids that are
 * integers beyond 2^53 written as bare JSON numbers (`idStyle: 'bigint'`), and status reads
 * answered 204, or 202 with no body, while the build is not ready (`emptyPolls`). The trigger's
 * body is kept as the bytes that arrived (`requestText`), so tests can see it was sent as written.
 *
 * OIDC (`oidc: {audience}`): the API takes only a GitHub-style OIDC token, a short-lived JWT it
 * checks as a real deployer would (signature, `iss`, `aud`, `exp`), refusing an expired token or a
 * wrong audience with 401. The token service is GitHub's in miniature, on the foreign host:
 *
 *   GET /oidc/token?api-version=2.0&audience=X   Authorization: Bearer <request token>
 *       -> {count, value: <JWT with iss, aud, sub, repository, ref, iat, nbf, exp>}
 *
 * A run gets it as the runner gives it: ACTIONS_ID_TOKEN_REQUEST_URL and _TOKEN (`oidcEnv`).
 * Tokens live `oidcTokenLifeS` seconds (GitHub's live minutes; tests use a few seconds).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { phaseOf, shortId, timeline } from '../builds.mjs';
import { Router, json, text } from '../core.mjs';

/**
 * @typedef {{
 *   authHeader: string,
 *   authScheme: string,
 *   idPath: string,
 *   statusPath: string,
 *   words: {queued: string, building: string, success: string, failure: string, cancelled: string},
 *   cancelStatus: number,
 *   listWrapped: boolean,
 *   idStyle: 'short' | 'bigint',
 *   emptyPolls: number,
 *   emptyStatus: 204 | 202,
 *   conclusionPath: string,
 *   oidc: {audience: string} | null,
 *   oidcTokenLifeS: number,
 *   echoAuth: boolean,
 *   logHtml: boolean,
 * }} CustomApiOptions
 */

/** @type {CustomApiOptions} */
export const CUSTOM_DEFAULTS = Object.freeze({
  authHeader: 'authorization',
  authScheme: 'Bearer ',
  idPath: 'data.id',
  statusPath: 'data.state',
  words: Object.freeze({
    queued: 'queued',
    building: 'running',
    success: 'succeeded',
    failure: 'failed',
    cancelled: 'cancelled',
  }),
  cancelStatus: 202,
  listWrapped: false,
  idStyle: 'short',
  emptyPolls: 0,
  emptyStatus: 204,
  conclusionPath: '',
  oidc: null,
  oidcTokenLifeS: 300,
  echoAuth: false,
  logHtml: false,
});

/** GitHub's issuer, as a real verifier checks it. */
export const OIDC_ISSUER = 'https://token.actions.githubusercontent.com';
/** The bearer the token service expects (the runner's ACTIONS_ID_TOKEN_REQUEST_TOKEN). */
export const OIDC_REQUEST_TOKEN = 'sandbox-oidc-request-token';
/** Signs the sandbox's tokens (HS256; GitHub signs RS256, which a fake need not copy). */
const OIDC_KEY = randomBytes(32);

const b64url = (/** @type {string | Buffer} */ data) => Buffer.from(data).toString('base64url');

/** A signed JWT with `claims`. */
function signJwt(/** @type {Record<string, unknown>} */ claims) {
  const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = b64url(JSON.stringify(claims));
  const sig = createHmac('sha256', OIDC_KEY).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

/**
 * The claims of a token this sandbox signed, or why it is refused.
 * @returns {{claims: Record<string, any>} | {refused: string}}
 */
export function verifyJwt(/** @type {string} */ token, /** @type {string} */ audience) {
  const [head, body, sig] = token.split('.');
  if (!head || !body || !sig) return { refused: 'not a JWT' };
  const want = createHmac('sha256', OIDC_KEY).update(`${head}.${body}`).digest();
  const got = Buffer.from(sig, 'base64url');
  if (got.length !== want.length || !timingSafeEqual(got, want))
    return { refused: 'bad signature' };
  /** @type {Record<string, any>} */
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  if (claims['iss'] !== OIDC_ISSUER) return { refused: 'wrong issuer' };
  if (claims['aud'] !== audience) return { refused: `wrong audience ${claims['aud']}` };
  if (!(Date.now() / 1000 < claims['exp'])) return { refused: 'token expired' };
  return { claims };
}

/** A 20-digit integer id, above 2^64 and far beyond what a double holds exactly. */
function bigId() {
  let digits = '1';
  for (let i = 0; i < 19; i++) digits += String(Math.floor(Math.random() * 10));
  return digits;
}

/**
 * A JSON reply in which every string equal to one of `bareNumbers` is written as a bare JSON
 * number, the way an API with 64-bit (or wider) integer ids writes them.
 */
function jsonWithNumbers(
  /** @type {number} */ status,
  /** @type {unknown} */ body,
  /** @type {string[]} */ bareNumbers,
) {
  let textBody = JSON.stringify(body);
  for (const digits of bareNumbers) textBody = textBody.split(`"${digits}"`).join(digits);
  return {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
    body: textBody,
  };
}

/** The request body as the bytes that arrived, and parsed when it is JSON. */
async function readText(/** @type {import('node:http').IncomingMessage} */ req) {
  /** @type {Buffer[]} */
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  /** @type {unknown} */
  let parsed;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { text, parsed };
}

/** `{"error": {"code", "message"}}`: the shape most JSON APIs use. */
export function customError(/** @type {number} */ status, /** @type {string} */ message = '') {
  return json(status, {
    error: {
      code: (STATUS_CODES[status] ?? 'error').toLowerCase().replace(/\W+/g, '_'),
      message: message || STATUS_CODES[status] || 'Error',
    },
  });
}

/** `{a: {b: value}}` for the dotted path `a.b` (numeric segments make arrays). */
function nest(/** @type {string} */ path, /** @type {unknown} */ value) {
  return path
    .split('.')
    .reverse()
    .reduce(
      (inner, key) =>
        /^\d+$/.test(key) ? [...Array(Number(key)).fill({}), inner] : { [key]: inner },
      value,
    );
}

/** Deep merge of plain objects (arrays are replaced). */
function merge(/** @type {any} */ a, /** @type {any} */ b) {
  if (
    !a ||
    !b ||
    typeof a !== 'object' ||
    typeof b !== 'object' ||
    Array.isArray(a) ||
    Array.isArray(b)
  )
    return b;
  const out = { ...a };
  for (const [key, value] of Object.entries(b))
    out[key] = key in out ? merge(out[key], value) : value;
  return out;
}

/**
 * @param {import('../state.mjs').Env} env
 * @returns {import('../core.mjs').ProviderService}
 */
export function createCustom(env) {
  const router = new Router();
  const opts = () =>
    /** @type {CustomApiOptions} */ ({ ...CUSTOM_DEFAULTS, ...env.options.custom });

  const guard = (/** @type {import('node:http').IncomingHttpHeaders} */ headers) => {
    const o = opts();
    if (o.oidc) {
      const value = headers.authorization ?? '';
      if (!value.startsWith('Bearer ')) return customError(401, 'OIDC token required');
      const verdict = verifyJwt(value.slice('Bearer '.length), o.oidc.audience);
      if ('refused' in verdict) return customError(401, verdict.refused);
      return undefined;
    }
    const value = headers[o.authHeader.toLowerCase()];
    if (value !== `${o.authScheme}${env.options.tokens.custom}`)
      return customError(401, 'Bad credentials');
    return undefined;
  };

  const word = (/** @type {import('../builds.mjs').Build} */ build) => {
    const o = opts();
    if (build.cancelledAt) return o.words.cancelled;
    return o.words[phaseOf(build)];
  };

  /** The status answer: the word at statusPath, plus links and a failure reason. */
  const present = (
    /** @type {import('../builds.mjs').Build} */ build,
    /** @type {string} */ auth = '',
  ) => {
    const o = opts();
    const phase = build.cancelledAt ? 'cancelled' : phaseOf(build);
    let body = merge(nest(o.idPath, build.id), nest(o.statusPath, word(build)));
    if (o.conclusionPath) {
      // Like GitHub's runs: a conclusion that is null until the build ends, then its final word.
      const ended = phase === 'success' || phase === 'failure' || phase === 'cancelled';
      body = merge(body, nest(o.conclusionPath, ended ? word(build) : null));
    }
    body = merge(body, {
      project: build.project,
      links: {
        log: `${env.foreignBase}/logs/custom/${build.id}`,
        ...(phase === 'success'
          ? { deploy: `https://${build.project}.custom.example/${build.id}` }
          : {}),
      },
      ...(phase === 'failure'
        ? {
            error: {
              // echoAuth: a careless API that puts the request's credentials in its failure text.
              message: `step "test" exited with code 1${o.echoAuth ? ` (request: ${auth})` : ''}`,
            },
          }
        : {}),
    });
    return o.listWrapped ? { items: [body] } : body;
  };

  /** A build's answer, with a big integer id written as a bare number. */
  const answer = (
    /** @type {number} */ status,
    /** @type {import('../builds.mjs').Build} */ build,
    /** @type {string} */ auth = '',
  ) =>
    build['bigId']
      ? jsonWithNumbers(status, present(build, auth), [build.id])
      : json(status, present(build, auth));

  // The trigger reads its own body (raw) so the bytes as sent are kept, not a re-serialisation.
  router.add(
    'POST',
    '/projects/:project/builds',
    async ({ req, headers, params }) => {
      const { text: requestText, parsed } = await readText(req);
      const stop = guard(headers);
      if (stop) return stop;
      const project = params.project ?? '';
      if (project.startsWith('missing')) return customError(404, 'Project not found');
      const now = Date.now();
      const big = opts().idStyle === 'bigint';
      const build = {
        provider: 'custom',
        id: big ? bigId() : shortId('cb_', 8),
        bigId: big,
        project,
        createdAt: now,
        ...timeline(env.options, project, now),
        requestBody: parsed,
        requestText,
        polls: 0,
        cancelledAt: /** @type {number | null} */ (null),
        cancelRequests: 0,
      };
      env.addBuild(build);
      return answer(201, build);
    },
    { raw: true },
  );

  router.add('GET', '/builds/:id', ({ headers, params }) => {
    const stop = guard(headers);
    if (stop) return stop;
    const build = env.index.get(params.id ?? '');
    if (!build || build.provider !== 'custom') return customError(404, 'Build not found');
    build['polls'] = Number(build['polls'] ?? 0) + 1;
    const o = opts();
    if (Number(build['polls']) <= o.emptyPolls && !build.cancelledAt) {
      // "Accepted, nothing to show yet": no body at all, as HTTP allows for 204 and 202.
      return { status: o.emptyStatus, headers: {}, body: undefined };
    }
    return answer(200, build, String(headers.authorization ?? ''));
  });

  router.add('POST', '/builds/:id/cancel', ({ headers, params }) => {
    const stop = guard(headers);
    if (stop) return stop;
    const build = env.index.get(params.id ?? '');
    if (!build || build.provider !== 'custom') return customError(404, 'Build not found');
    build.cancelRequests = Number(build.cancelRequests ?? 0) + 1;
    const status = opts().cancelStatus;
    if (status >= 300) return customError(status, 'Build cannot be cancelled now');
    build.cancelledAt ??= Date.now();
    return json(status, { cancelled: true });
  });

  return {
    name: 'custom',
    router,
    errorReply: customError,
    reset() {},
    mountForeign(/** @type {Router} */ foreign) {
      foreign.add(
        'GET',
        '/logs/custom/:id',
        ({ params }) => {
          const build = env.index.get(params.id ?? '');
          if (!build || build.provider !== 'custom') return text(404, 'Not Found');
          if (opts().logHtml) {
            return text(200, `<!doctype html><title>Build ${build.id}</title>`, 'text/html');
          }
          const now = Date.now();
          const failed = build.outcome === 'failure';
          /** @type {[number | null, string][]} */
          const lines = [
            [build.startsAt, `Checking out ${build.project}`],
            [build.startsAt, '$ npm run build'],
            [build.startsAt, '> tsc -p .'],
            [
              build.endsAt,
              failed
                ? "src/app.ts:12:5 - error TS2322: Type 'string' is not assignable to type 'number'."
                : 'Compiled 42 files',
            ],
            [build.endsAt, failed ? 'Build failed: exit code 2' : 'Build succeeded'],
          ];
          const body = lines
            .filter(([at]) => at !== null && at <= now)
            .map(([, line]) => `${line}\n`)
            .join('');
          return text(200, body);
        },
        { provider: 'custom' },
      );
      // GitHub's OIDC token service in miniature (ACTIONS_ID_TOKEN_REQUEST_URL).
      foreign.add(
        'GET',
        '/oidc/token',
        ({ headers, query }) => {
          if (headers.authorization !== `Bearer ${OIDC_REQUEST_TOKEN}`)
            return json(401, { message: 'Bad request token' });
          const now = Math.floor(Date.now() / 1000);
          const repository = env.options.github.repository;
          const value = signJwt({
            jti: shortId('', 12),
            sub: `repo:${repository}:ref:refs/heads/main`,
            aud: query.get('audience') ?? `https://github.com/${repository.split('/')[0]}`,
            ref: 'refs/heads/main',
            repository,
            iss: OIDC_ISSUER,
            nbf: now - 5,
            iat: now,
            exp: now + opts().oidcTokenLifeS,
          });
          return json(200, { count: 1, value });
        },
        { provider: 'custom' },
      );
    },
  };
}

/** @type {import('../core.mjs').FakeModule} */
export const fake = {
  name: 'custom',
  token: 'sandbox-token',
  /** The API's shape, merged over CUSTOM_DEFAULTS at each request. */
  options: { custom: {} },
  create: createCustom,
};
