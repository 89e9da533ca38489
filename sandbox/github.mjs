/**
 * Fake GitHub REST API: just the commit-status endpoints the action (and Jamdesk) use, with
 * GitHub's validation, error bodies, ordering and pagination.
 */
import { STATUS_CODES } from 'node:http';
import { Router, bearer, json } from './core.mjs';

const STATES = ['error', 'failure', 'pending', 'success'];
const DOCS = 'https://docs.github.com/rest/commits/statuses';

/**
 * @param {import('./state.mjs').Env} env
 * @returns {import('./core.mjs').Service}
 */
export function createGithub(env) {
  const router = new Router();
  let remaining = 5000;

  /** Headers octokit's throttling plugin reads; never exhausted, so it never waits. */
  const rateHeaders = () => ({
    'X-RateLimit-Limit': 5000,
    'X-RateLimit-Remaining': Math.max(1, --remaining),
    'X-RateLimit-Reset': Math.floor(Date.now() / 1000) + 3600,
    'X-RateLimit-Resource': 'core',
    'X-GitHub-Request-Id': `SANDBOX:${env.requests.length}`,
  });

  const error = (
    /** @type {number} */ status,
    message = STATUS_CODES[status] ?? 'Error',
    extra = {},
  ) =>
    json(
      status,
      { message, ...extra, documentation_url: `${DOCS}`, status: String(status) },
      rateHeaders(),
    );

  /** Full sha for a ref: a known sha or unique prefix of one, or `main`/`HEAD`. */
  const resolveRef = (/** @type {string} */ ref) => {
    if (ref === 'main' || ref === 'HEAD' || ref === 'refs/heads/main')
      return env.options.github.sha;
    if (!/^[0-9a-f]{4,40}$/i.test(ref)) return undefined;
    const hits = env.knownShas().filter((sha) => sha.startsWith(ref.toLowerCase()));
    return hits.length === 1 ? hits[0] : undefined;
  };

  /** Missing token: 401; a configured `tokens.github` must match. */
  const authFails = (
    /** @type {import('node:http').IncomingHttpHeaders} */ headers,
    required = true,
  ) => {
    const token = bearer(headers, ['bearer', 'token']);
    if (!token) return required ? error(401, 'Requires authentication') : undefined;
    const expected = env.options.tokens.github;
    if (expected !== undefined && token !== expected) return error(401, 'Bad credentials');
    return undefined;
  };

  const base = () => `${env.apiBase}/github`;

  const present = (/** @type {import('./state.mjs').StatusRecord} */ s) => ({
    url: `${base()}/repos/${s.owner}/${s.repo}/statuses/${s.sha}`,
    avatar_url: s.source === 'jamdesk' ? 'https://avatars.githubusercontent.com/in/1' : null,
    id: s.id,
    node_id: `SC_sandbox${s.id}`,
    state: s.state,
    description: s.description,
    target_url: s.target_url,
    context: s.context,
    created_at: new Date(s.at).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    updated_at: new Date(s.at).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    creator: {
      login: s.source === 'jamdesk' ? 'jamdesk[bot]' : 'github-actions[bot]',
      id: s.source === 'jamdesk' ? 1 : 41898282,
      type: 'Bot',
    },
  });

  /** Statuses for a commit, newest first, as GitHub lists them. */
  const listFor = (
    /** @type {string} */ owner,
    /** @type {string} */ repo,
    /** @type {string} */ sha,
  ) =>
    env.statuses
      .filter((s) => s.owner === owner && s.repo === repo && s.sha === sha)
      .slice()
      .reverse();

  env.postStatus = (status) => {
    /** @type {import('./state.mjs').StatusRecord} */
    const rec = { id: env.statuses.length + 1, at: Date.now(), ...status };
    env.statuses.push(rec);
    return rec;
  };

  router.add('POST', '/repos/:owner/:repo/statuses/:sha', ({ params, headers, body }) => {
    const denied = authFails(headers);
    if (denied) return denied;
    if (env.options.github.statusesForbidden) {
      return error(403, 'Resource not accessible by integration');
    }
    const input = /** @type {Record<string, unknown>} */ (
      body && typeof body === 'object' ? body : {}
    );
    if (!env.knownShas().includes(params.sha ?? '')) {
      // GitHub wants the full sha of an existing commit; a short sha is the classic mistake.
      return error(422, `No commit found for SHA: ${params.sha}`);
    }
    /** @type {{resource: string, code: string, field: string, message?: string}[]} */
    const errors = [];
    if (typeof input.state !== 'string' || !STATES.includes(input.state)) {
      errors.push({
        resource: 'Status',
        code: 'custom',
        field: 'state',
        message: 'state is not included in the list',
      });
    }
    const description = input.description ?? null;
    if (description !== null && typeof description !== 'string') {
      errors.push({ resource: 'Status', code: 'invalid', field: 'description' });
    } else if (typeof description === 'string' && description.length > 140) {
      errors.push({
        resource: 'Status',
        code: 'custom',
        field: 'description',
        message: 'description is too long (maximum is 140 characters)',
      });
    }
    const target = input.target_url ?? null;
    if (target !== null && (typeof target !== 'string' || !/^https?:\/\//.test(target))) {
      errors.push({
        resource: 'Status',
        code: 'custom',
        field: 'target_url',
        message: 'target_url must use http(s) scheme',
      });
    }
    if (errors.length > 0) return error(422, 'Validation Failed', { errors });
    const rec = env.postStatus({
      owner: params.owner ?? '',
      repo: params.repo ?? '',
      sha: params.sha ?? '',
      state: /** @type {import('./state.mjs').StatusRecord['state']} */ (input.state),
      context: typeof input.context === 'string' && input.context ? input.context : 'default',
      description: /** @type {string | null} */ (description),
      target_url: /** @type {string | null} */ (target),
      source: 'action',
    });
    return json(201, present(rec), {
      ...rateHeaders(),
      Location: `${base()}/repos/${rec.owner}/${rec.repo}/statuses/${rec.sha}`,
    });
  });

  router.add('GET', '/repos/:owner/:repo/commits/:ref/statuses', ({ params, headers, query }) => {
    const denied = authFails(headers, false);
    if (denied) return denied;
    const sha = resolveRef(params.ref ?? '');
    if (!sha) return error(404, `No commit found for SHA: ${params.ref}`);
    const all = listFor(params.owner ?? '', params.repo ?? '', sha);
    const perPage = Math.min(100, Math.max(1, Number(query.get('per_page')) || 30));
    const page = Math.max(1, Number(query.get('page')) || 1);
    const items = all.slice((page - 1) * perPage, page * perPage).map(present);
    const last = Math.max(1, Math.ceil(all.length / perPage));
    const url = (/** @type {number} */ p) =>
      `<${base()}/repos/${params.owner}/${params.repo}/commits/${params.ref}/statuses?per_page=${perPage}&page=${p}>`;
    /** @type {string[]} */
    const links = [];
    if (page < last) links.push(`${url(page + 1)}; rel="next"`, `${url(last)}; rel="last"`);
    if (page > 1) links.push(`${url(1)}; rel="first"`, `${url(page - 1)}; rel="prev"`);
    return json(200, items, {
      ...rateHeaders(),
      ...(links.length ? { Link: links.join(', ') } : {}),
    });
  });

  router.add('GET', '/repos/:owner/:repo/commits/:ref/status', ({ params, headers }) => {
    const denied = authFails(headers, false);
    if (denied) return denied;
    const sha = resolveRef(params.ref ?? '');
    if (!sha) return error(404, `No commit found for SHA: ${params.ref}`);
    /** @type {Map<string, import('./state.mjs').StatusRecord>} */
    const latest = new Map();
    for (const s of listFor(params.owner ?? '', params.repo ?? '', sha)) {
      if (!latest.has(s.context)) latest.set(s.context, s);
    }
    const statuses = [...latest.values()];
    // GitHub: failure if any context failed or errored, pending if any is pending (or none).
    let state = 'success';
    if (statuses.length === 0 || statuses.some((s) => s.state === 'pending')) state = 'pending';
    if (statuses.some((s) => s.state === 'failure' || s.state === 'error')) state = 'failure';
    return json(
      200,
      {
        state,
        statuses: statuses.map(present),
        sha,
        total_count: statuses.length,
        repository: {
          id: 1,
          name: params.repo,
          full_name: `${params.owner}/${params.repo}`,
          owner: { login: params.owner },
        },
        commit_url: `${base()}/repos/${params.owner}/${params.repo}/commits/${sha}`,
        url: `${base()}/repos/${params.owner}/${params.repo}/commits/${sha}/status`,
      },
      rateHeaders(),
    );
  });

  router.add('GET', '/repos/:owner/:repo/commits/:ref', ({ params, headers }) => {
    const denied = authFails(headers, false);
    if (denied) return denied;
    const sha = resolveRef(params.ref ?? '');
    if (!sha) return error(404, `No commit found for SHA: ${params.ref}`);
    return json(
      200,
      {
        sha,
        node_id: `C_sandbox${sha.slice(0, 8)}`,
        url: `${base()}/repos/${params.owner}/${params.repo}/commits/${sha}`,
        html_url: `https://github.com/${params.owner}/${params.repo}/commit/${sha}`,
        commit: {
          message: 'Sandbox commit',
          author: { name: 'Octo Cat', email: 'octo@example.com' },
        },
        parents: [],
      },
      rateHeaders(),
    );
  });

  return {
    name: 'github',
    router,
    errorReply: (status, message) => error(status, message),
  };
}
