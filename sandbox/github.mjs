/**
 * Fake GitHub REST API: the commit-status, deployment and issue-comment endpoints the action (and
 * Jamdesk) use, a pull request's read (every number is an open pull request whose head is
 * `options.github.headSha`), plus GraphQL `viewer`, with GitHub's validation, error bodies, ordering and
 * pagination. `options.github.identity` is who the token acts as (`github-actions[bot]`, an
 * installation token, unless set to a user's login); the `*Forbidden` switches answer writes 403.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Router, bearer, json } from './core.mjs';
import { githubActionsApp, minimalRepository, simpleUser } from './github-shapes.mjs';

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
    avatar_url:
      s.source === 'jamdesk'
        ? 'https://avatars.githubusercontent.com/in/1'
        : 'https://avatars.githubusercontent.com/in/15368?v=4',
    id: s.id,
    node_id: `SC_sandbox${s.id}`,
    state: s.state,
    description: s.description,
    target_url: s.target_url,
    context: s.context,
    created_at: new Date(s.at).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    updated_at: new Date(s.at).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    creator: simpleUser(
      base(),
      s.source === 'jamdesk'
        ? { login: 'jamdesk[bot]', id: 1, type: 'Bot' }
        : { login: 'github-actions[bot]', id: 41898282, type: 'Bot' },
    ),
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
    // GitHub's conditional requests: a weak ETag over the page, 304 (no body, no rate-limit cost)
    // when the client's If-None-Match still matches.
    const etag = `W/"${createHash('sha1').update(JSON.stringify(items)).digest('hex')}"`;
    const ifNoneMatch = headers['if-none-match'];
    if (ifNoneMatch !== undefined && ifNoneMatch.split(/\s*,\s*/).includes(etag)) {
      return { status: 304, headers: { ...rateHeaders(), ETag: etag }, body: '' };
    }
    const last = Math.max(1, Math.ceil(all.length / perPage));
    const url = (/** @type {number} */ p) =>
      `<${base()}/repos/${params.owner}/${params.repo}/commits/${params.ref}/statuses?per_page=${perPage}&page=${p}>`;
    /** @type {string[]} */
    const links = [];
    if (page < last) links.push(`${url(page + 1)}; rel="next"`, `${url(last)}; rel="last"`);
    if (page > 1) links.push(`${url(1)}; rel="first"`, `${url(page - 1)}; rel="prev"`);
    return json(200, items, {
      ...rateHeaders(),
      ETag: etag,
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
        repository: minimalRepository(base(), params.owner ?? '', params.repo ?? ''),
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
    const repoUrl = `${base()}/repos/${params.owner}/${params.repo}`;
    const stampAt = '2026-01-05T10:00:00Z';
    const person = { name: 'Octo Cat', email: 'octo@example.com', date: stampAt };
    const author = simpleUser(base(), { login: 'octocat', id: 583231, type: 'User' });
    const tree = createHash('sha1').update(`tree ${sha}`).digest('hex');
    return json(
      200,
      {
        sha,
        node_id: `C_sandbox${sha.slice(0, 8)}`,
        url: `${repoUrl}/commits/${sha}`,
        html_url: `https://github.com/${params.owner}/${params.repo}/commit/${sha}`,
        comments_url: `${repoUrl}/commits/${sha}/comments`,
        commit: {
          url: `${repoUrl}/git/commits/${sha}`,
          author: person,
          committer: person,
          message: 'Sandbox commit',
          comment_count: 0,
          tree: { sha: tree, url: `${repoUrl}/git/trees/${tree}` },
          verification: {
            verified: false,
            reason: 'unsigned',
            signature: null,
            payload: null,
            verified_at: null,
          },
        },
        author,
        committer: author,
        parents: [],
        stats: { additions: 1, deletions: 0, total: 1 },
        files: [],
      },
      rateHeaders(),
    );
  });

  const DEPLOYMENT_STATES = [
    'error',
    'failure',
    'inactive',
    'in_progress',
    'queued',
    'pending',
    'success',
  ];
  const identity = () => {
    const login = env.options.github.identity;
    return login.endsWith('[bot]')
      ? { login, id: 41898282, type: 'Bot' }
      : { login, id: 583231, type: 'User' };
  };
  const user = (/** @type {import('./state.mjs').GithubUser} */ who) => simpleUser(base(), who);
  const stamp = (/** @type {number} */ at) => new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const bodyOf = (/** @type {unknown} */ body) =>
    /** @type {Record<string, unknown>} */ (body && typeof body === 'object' ? body : {});
  const isUrl = (/** @type {unknown} */ v) =>
    v === undefined || v === null || (typeof v === 'string' && /^https?:\/\//.test(v));

  /** Link header for a paged list, as GitHub writes it. */
  const paged = (
    /** @type {unknown[]} */ all,
    /** @type {URLSearchParams} */ query,
    /** @type {string} */ path,
  ) => {
    const perPage = Math.min(100, Math.max(1, Number(query.get('per_page')) || 30));
    const page = Math.max(1, Number(query.get('page')) || 1);
    const items = all.slice((page - 1) * perPage, page * perPage);
    const last = Math.max(1, Math.ceil(all.length / perPage));
    const url = (/** @type {number} */ p) => `<${base()}${path}?per_page=${perPage}&page=${p}>`;
    /** @type {string[]} */
    const links = [];
    if (page < last) links.push(`${url(page + 1)}; rel="next"`, `${url(last)}; rel="last"`);
    if (page > 1) links.push(`${url(1)}; rel="first"`, `${url(page - 1)}; rel="prev"`);
    return { items, headers: links.length ? { Link: links.join(', ') } : {} };
  };

  const presentDeployment = (/** @type {import('./state.mjs').DeploymentRecord} */ d) => ({
    url: `${base()}/repos/${d.owner}/${d.repo}/deployments/${d.id}`,
    id: d.id,
    node_id: `DE_sandbox${d.id}`,
    sha: d.sha,
    ref: d.ref,
    task: 'deploy',
    payload: d.payload,
    original_environment: d.environment,
    environment: d.environment,
    description: d.description,
    creator: user(d.creator),
    created_at: stamp(d.at),
    updated_at: stamp(d.at),
    statuses_url: `${base()}/repos/${d.owner}/${d.repo}/deployments/${d.id}/statuses`,
    repository_url: `${base()}/repos/${d.owner}/${d.repo}`,
    transient_environment: d.transient_environment,
    production_environment: d.production_environment,
  });
  const presentDeploymentStatus = (
    /** @type {import('./state.mjs').DeploymentRecord} */ d,
    /** @type {import('./state.mjs').DeploymentStatusRecord} */ s,
  ) => ({
    url: `${base()}/repos/${d.owner}/${d.repo}/deployments/${d.id}/statuses/${s.id}`,
    id: s.id,
    node_id: `DES_sandbox${s.id}`,
    state: s.state,
    creator: user(s.creator),
    description: s.description,
    environment: d.environment,
    // GitHub answers '' for the links a status was not given (its description: strings).
    target_url: s.log_url ?? '',
    log_url: s.log_url ?? '',
    environment_url: s.environment_url ?? '',
    created_at: stamp(s.at),
    updated_at: stamp(s.at),
    deployment_url: `${base()}/repos/${d.owner}/${d.repo}/deployments/${d.id}`,
    repository_url: `${base()}/repos/${d.owner}/${d.repo}`,
  });
  const presentComment = (/** @type {import('./state.mjs').CommentRecord} */ c) => ({
    id: c.id,
    node_id: `IC_sandbox${c.id}`,
    url: `${base()}/repos/${c.owner}/${c.repo}/issues/comments/${c.id}`,
    html_url: `https://github.com/${c.owner}/${c.repo}/pull/${c.issue}#issuecomment-${c.id}`,
    issue_url: `${base()}/repos/${c.owner}/${c.repo}/issues/${c.issue}`,
    body: c.body,
    user: user(c.user),
    author_association: c.user.type === 'Bot' ? 'NONE' : 'MEMBER',
    created_at: stamp(c.at),
    updated_at: stamp(c.updatedAt),
  });

  router.add('POST', '/repos/:owner/:repo/deployments', ({ params, headers, body }) => {
    const denied = authFails(headers);
    if (denied) return denied;
    if (env.options.github.deploymentsForbidden) {
      return error(403, 'Resource not accessible by integration');
    }
    const input = bodyOf(body);
    const ref = typeof input.ref === 'string' ? input.ref : '';
    const sha = resolveRef(ref);
    if (!sha) return error(422, `No ref found for: ${ref}`);
    const owner = params.owner ?? '';
    const repo = params.repo ?? '';
    if (input.auto_merge !== false && ref !== 'main' && sha !== env.options.github.sha) {
      // The default branch is ahead of this ref: GitHub merges it in and creates nothing.
      return json(202, { message: `Auto-merged main into ${ref} on deployment.` }, rateHeaders());
    }
    if (input.required_contexts === undefined) {
      // Every context must be green first; the action's own pending status never is.
      const blocking = listFor(owner, repo, sha).some((s) => s.state !== 'success');
      if (blocking) return error(409, `Conflict: Commit status checks failed for ${ref}.`);
    }
    /** @type {import('./state.mjs').DeploymentRecord} */
    const rec = {
      id: 9000 + env.deployments.length + 1,
      owner,
      repo,
      sha,
      ref,
      environment: typeof input.environment === 'string' ? input.environment : 'production',
      description: typeof input.description === 'string' ? input.description : null,
      payload: input.payload ?? {},
      production_environment:
        typeof input.production_environment === 'boolean'
          ? input.production_environment
          : (input.environment ?? 'production') === 'production',
      transient_environment: input.transient_environment === true,
      auto_merge: input.auto_merge !== false,
      required_contexts: Array.isArray(input.required_contexts) ? input.required_contexts : null,
      creator: identity(),
      statuses: [],
      at: Date.now(),
    };
    env.deployments.push(rec);
    return json(201, presentDeployment(rec), rateHeaders());
  });

  router.add('GET', '/repos/:owner/:repo/deployments', ({ params, headers, query }) => {
    const denied = authFails(headers, false);
    if (denied) return denied;
    const all = env.deployments
      .filter((d) => d.owner === params.owner && d.repo === params.repo)
      .filter((d) => !query.get('environment') || d.environment === query.get('environment'))
      .filter((d) => !query.get('sha') || d.sha === query.get('sha'))
      .filter((d) => !query.get('ref') || d.ref === query.get('ref'))
      .slice()
      .reverse()
      .map(presentDeployment);
    const { items, headers: link } = paged(
      all,
      query,
      `/repos/${params.owner}/${params.repo}/deployments`,
    );
    return json(200, items, { ...rateHeaders(), ...link });
  });

  router.add(
    'POST',
    '/repos/:owner/:repo/deployments/:id/statuses',
    ({ params, headers, body }) => {
      const denied = authFails(headers);
      if (denied) return denied;
      if (env.options.github.deploymentsForbidden) {
        return error(403, 'Resource not accessible by integration');
      }
      const d = env.deployments.find(
        (x) => String(x.id) === params.id && x.owner === params.owner && x.repo === params.repo,
      );
      if (!d) return error(404, 'Not Found');
      const input = bodyOf(body);
      /** @type {{resource: string, code: string, field: string, message?: string}[]} */
      const errors = [];
      if (typeof input.state !== 'string' || !DEPLOYMENT_STATES.includes(input.state)) {
        errors.push({ resource: 'DeploymentStatus', code: 'invalid', field: 'state' });
      }
      if (typeof input.description === 'string' && input.description.length > 140) {
        errors.push({
          resource: 'DeploymentStatus',
          code: 'custom',
          field: 'description',
          message: 'description is too long (maximum is 140 characters)',
        });
      }
      for (const field of ['log_url', 'environment_url', 'target_url']) {
        if (!isUrl(input[field])) {
          errors.push({ resource: 'DeploymentStatus', code: 'invalid', field });
        }
      }
      if (errors.length > 0) return error(422, 'Validation Failed', { errors });
      const at = Date.now();
      /** @type {import('./state.mjs').DeploymentStatusRecord} */
      const rec = {
        id: 70000 + env.deployments.reduce((n, x) => n + x.statuses.length, 0) + 1,
        state: /** @type {import('./state.mjs').DeploymentStatusRecord['state']} */ (input.state),
        description: typeof input.description === 'string' ? input.description : '',
        log_url: /** @type {string | null} */ (input.log_url ?? input.target_url ?? null),
        environment_url: /** @type {string | null} */ (input.environment_url ?? null),
        auto_inactive: input.auto_inactive !== false,
        creator: identity(),
        at,
      };
      d.statuses.push(rec);
      if (rec.auto_inactive) {
        // GitHub: earlier successful deployments of the same environment go inactive.
        for (const prior of env.deployments) {
          if (prior.id >= d.id || prior.environment !== d.environment) continue;
          if (prior.owner !== d.owner || prior.repo !== d.repo) continue;
          if (prior.statuses.at(-1)?.state !== 'success') continue;
          prior.statuses.push({
            ...rec,
            id: rec.id + 0.5,
            state: 'inactive',
            description: '',
            environment_url: null,
          });
        }
      }
      return json(201, presentDeploymentStatus(d, rec), rateHeaders());
    },
  );

  router.add(
    'GET',
    '/repos/:owner/:repo/deployments/:id/statuses',
    ({ params, headers, query }) => {
      const denied = authFails(headers, false);
      if (denied) return denied;
      const d = env.deployments.find((x) => String(x.id) === params.id);
      if (!d) return error(404, 'Not Found');
      const all = d.statuses
        .slice()
        .reverse()
        .map((s) => presentDeploymentStatus(d, s));
      const { items, headers: link } = paged(
        all,
        query,
        `/repos/${params.owner}/${params.repo}/deployments/${params.id}/statuses`,
      );
      return json(200, items, { ...rateHeaders(), ...link });
    },
  );

  router.add('GET', '/repos/:owner/:repo/issues/:issue/comments', ({ params, headers, query }) => {
    const denied = authFails(headers, false);
    if (denied) return denied;
    const all = env.comments
      .filter(
        (c) =>
          c.owner === params.owner && c.repo === params.repo && String(c.issue) === params.issue,
      )
      .map(presentComment);
    const { items, headers: link } = paged(
      all,
      query,
      `/repos/${params.owner}/${params.repo}/issues/${params.issue}/comments`,
    );
    return json(200, items, { ...rateHeaders(), ...link });
  });

  /** GitHub's checks on a comment body; a reply when it fails them. */
  const badBody = (/** @type {unknown} */ text) => {
    if (typeof text !== 'string' || text === '') {
      return error(422, 'Validation Failed', {
        errors: [{ resource: 'IssueComment', code: 'missing_field', field: 'body' }],
      });
    }
    if (text.length >= 65536) {
      return error(422, 'Validation Failed', {
        errors: [
          {
            resource: 'IssueComment',
            code: 'custom',
            field: 'body',
            message: 'body is too long (maximum is 65536 characters)',
          },
        ],
      });
    }
    return undefined;
  };

  router.add('POST', '/repos/:owner/:repo/issues/:issue/comments', ({ params, headers, body }) => {
    const denied = authFails(headers);
    if (denied) return denied;
    if (env.options.github.commentsForbidden) {
      return error(403, 'Resource not accessible by integration');
    }
    const issue = Number(params.issue);
    if (!Number.isInteger(issue) || issue < 1) return error(404, 'Not Found');
    const text = bodyOf(body).body;
    const invalid = badBody(text);
    if (invalid) return invalid;
    const at = Date.now();
    /** @type {import('./state.mjs').CommentRecord} */
    const rec = {
      id: 500000 + env.comments.length + 1,
      owner: params.owner ?? '',
      repo: params.repo ?? '',
      issue,
      body: /** @type {string} */ (text),
      user: identity(),
      at,
      updatedAt: at,
      updates: 0,
    };
    env.comments.push(rec);
    return json(201, presentComment(rec), rateHeaders());
  });

  router.add('PATCH', '/repos/:owner/:repo/issues/comments/:id', ({ params, headers, body }) => {
    const denied = authFails(headers);
    if (denied) return denied;
    if (env.options.github.commentsForbidden) {
      return error(403, 'Resource not accessible by integration');
    }
    const rec = env.comments.find(
      (c) => String(c.id) === params.id && c.owner === params.owner && c.repo === params.repo,
    );
    if (!rec) return error(404, 'Not Found');
    const text = bodyOf(body).body;
    const invalid = badBody(text);
    if (invalid) return invalid;
    rec.body = /** @type {string} */ (text);
    rec.updatedAt = Date.now();
    rec.updates += 1;
    return json(200, presentComment(rec), rateHeaders());
  });

  router.add('GET', '/repos/:owner/:repo/pulls/:number', ({ params, headers }) => {
    const denied = authFails(headers, false);
    if (denied) return denied;
    const number = Number(params.number);
    if (!Number.isSafeInteger(number) || number < 1) return error(404, 'Not Found');
    return json(
      200,
      pullRequest(
        base(),
        params.owner ?? '',
        params.repo ?? '',
        number,
        env.options.github.headSha,
      ),
      rateHeaders(),
    );
  });

  const CHECK_STATUSES = ['queued', 'in_progress', 'completed', 'waiting', 'requested', 'pending'];
  const CONCLUSIONS = [
    'action_required',
    'cancelled',
    'failure',
    'neutral',
    'success',
    'skipped',
    'stale',
    'timed_out',
  ];
  const presentCheckRun = (/** @type {import('./state.mjs').CheckRunRecord} */ c) => {
    const url = `${base()}/repos/${c.owner}/${c.repo}/check-runs/${c.id}`;
    return {
      id: c.id,
      head_sha: c.head_sha,
      node_id: `CR_sandbox${c.id}`,
      external_id: c.external_id,
      url,
      html_url: `https://github.com/${c.owner}/${c.repo}/runs/${c.id}`,
      details_url: c.details_url,
      status: c.status,
      conclusion: c.conclusion,
      started_at: c.started_at,
      completed_at: c.completed_at,
      output: {
        ...c.output,
        annotations_count: c.annotations.length,
        annotations_url: `${url}/annotations`,
      },
      name: c.name,
      check_suite: { id: 8000 + c.id },
      app: githubActionsApp(base()),
      pull_requests: [],
    };
  };

  /**
   * GitHub's checks on a check run's fields (create and update); a 422 reply when they fail,
   * else the fields to store.
   */
  const checkRunFields = (
    /** @type {Record<string, unknown>} */ input,
    /** @type {import('./state.mjs').CheckRunRecord | undefined} */ prior,
  ) => {
    /** @type {{resource: string, code: string, field: string, message?: string}[]} */
    const errors = [];
    const bad = (/** @type {string} */ field, message = `${field} is invalid`) =>
      errors.push({ resource: 'CheckRun', code: 'invalid', field, message });
    let status = input.status ?? prior?.status ?? 'queued';
    if (typeof status !== 'string' || !CHECK_STATUSES.includes(status)) bad('status');
    const conclusion =
      input.conclusion ?? (input.status === undefined ? prior?.conclusion : null) ?? null;
    if (
      conclusion !== null &&
      (typeof conclusion !== 'string' || !CONCLUSIONS.includes(conclusion))
    )
      bad('conclusion');
    // GitHub: a conclusion completes the run; a completed run needs one.
    if (conclusion !== null) status = 'completed';
    if (status === 'completed' && conclusion === null)
      bad('conclusion', 'conclusion is required when status is completed');
    if (!isUrl(input.details_url)) bad('details_url');
    for (const field of ['started_at', 'completed_at']) {
      const v = input[field];
      if (v !== undefined && (typeof v !== 'string' || Number.isNaN(Date.parse(v)))) bad(field);
    }
    let output = prior?.output ?? { title: null, summary: null, text: null };
    /** @type {unknown[] | undefined} */
    let annotations;
    if (input.output !== undefined) {
      const o = bodyOf(input.output);
      if (typeof o.title !== 'string' || o.title === '') bad('output.title', 'title is required');
      if (typeof o.summary !== 'string' || o.summary === '')
        bad('output.summary', 'summary is required');
      else if (o.summary.length > 65535) bad('output.summary', 'summary is too long');
      if (o.text !== undefined && (typeof o.text !== 'string' || o.text.length > 65535))
        bad('output.text', 'text is too long');
      if (Array.isArray(o.annotations) && o.annotations.length > 50)
        bad('output.annotations', 'at most 50 annotations per request');
      for (const a of Array.isArray(o.annotations) ? o.annotations : []) {
        const n = bodyOf(a);
        if (
          typeof n.path !== 'string' ||
          !Number.isInteger(n.start_line) ||
          !Number.isInteger(n.end_line) ||
          !['notice', 'warning', 'failure'].includes(/** @type {string} */ (n.annotation_level)) ||
          typeof n.message !== 'string'
        )
          bad('output.annotations');
      }
      annotations = Array.isArray(o.annotations) ? o.annotations : [];
      output = {
        title: typeof o.title === 'string' ? o.title : null,
        summary: typeof o.summary === 'string' ? o.summary : null,
        text: typeof o.text === 'string' ? o.text : null,
      };
    }
    if (errors.length > 0) return { reply: error(422, 'Validation Failed', { errors }) };
    const now = stamp(Date.now());
    return {
      fields: {
        status: /** @type {string} */ (status),
        conclusion: /** @type {string | null} */ (conclusion),
        details_url: /** @type {string | null} */ (input.details_url ?? prior?.details_url ?? null),
        started_at: /** @type {string | null} */ (input.started_at ?? prior?.started_at ?? now),
        completed_at:
          status === 'completed'
            ? /** @type {string} */ (input.completed_at ?? prior?.completed_at ?? now)
            : null,
        output,
      },
      annotations,
    };
  };

  router.add('POST', '/repos/:owner/:repo/check-runs', ({ params, headers, body }) => {
    const denied = authFails(headers);
    if (denied) return denied;
    if (env.options.github.checksForbidden) {
      return error(403, 'Resource not accessible by integration');
    }
    const input = bodyOf(body);
    if (typeof input.name !== 'string' || input.name === '') {
      return error(422, 'Validation Failed', {
        errors: [{ resource: 'CheckRun', code: 'missing_field', field: 'name' }],
      });
    }
    const sha = typeof input.head_sha === 'string' ? input.head_sha : '';
    if (!env.knownShas().includes(sha)) return error(422, `No commit found for SHA: ${sha}`);
    const checked = checkRunFields(input, undefined);
    if (checked.reply) return checked.reply;
    /** @type {import('./state.mjs').CheckRunRecord} */
    const rec = {
      id: 4_000_000 + env.checkRuns.length + 1,
      owner: params.owner ?? '',
      repo: params.repo ?? '',
      head_sha: sha,
      name: input.name,
      external_id: typeof input.external_id === 'string' ? input.external_id : '',
      ...checked.fields,
      annotations: /** @type {Record<string, unknown>[]} */ (checked.annotations ?? []),
      writes: [input],
    };
    env.checkRuns.push(rec);
    return json(201, presentCheckRun(rec), rateHeaders());
  });

  router.add('PATCH', '/repos/:owner/:repo/check-runs/:id', ({ params, headers, body }) => {
    const denied = authFails(headers);
    if (denied) return denied;
    if (env.options.github.checksForbidden) {
      return error(403, 'Resource not accessible by integration');
    }
    const rec = env.checkRuns.find(
      (c) => String(c.id) === params.id && c.owner === params.owner && c.repo === params.repo,
    );
    if (!rec) return error(404, 'Not Found');
    const input = bodyOf(body);
    const checked = checkRunFields(input, rec);
    if (checked.reply) return checked.reply;
    Object.assign(rec, checked.fields);
    // GitHub adds each request's annotations to the run's.
    rec.annotations.push(.../** @type {Record<string, unknown>[]} */ (checked.annotations ?? []));
    if (typeof input.name === 'string' && input.name) rec.name = input.name;
    if (typeof input.external_id === 'string') rec.external_id = input.external_id;
    rec.writes.push(input);
    return json(200, presentCheckRun(rec), rateHeaders());
  });

  router.add('GET', '/repos/:owner/:repo/commits/:ref/check-runs', ({ params, headers, query }) => {
    const denied = authFails(headers, false);
    if (denied) return denied;
    const sha = resolveRef(params.ref ?? '');
    if (!sha) return error(404, `No commit found for SHA: ${params.ref}`);
    let runs = env.checkRuns
      .filter((c) => c.owner === params.owner && c.repo === params.repo && c.head_sha === sha)
      .filter((c) => !query.get('check_name') || c.name === query.get('check_name'))
      .filter((c) => !query.get('status') || c.status === query.get('status'))
      .slice()
      .reverse();
    if ((query.get('filter') ?? 'latest') === 'latest') {
      const seen = new Set();
      runs = runs.filter((c) => !seen.has(c.name) && seen.add(c.name));
    }
    const { items, headers: link } = paged(
      runs.map(presentCheckRun),
      query,
      `/repos/${params.owner}/${params.repo}/commits/${params.ref}/check-runs`,
    );
    return json(
      200,
      { total_count: runs.length, check_runs: items },
      { ...rateHeaders(), ...link },
    );
  });

  router.add('GET', '/user', ({ headers }) => {
    const denied = authFails(headers);
    if (denied) return denied;
    const me = identity();
    // Installation tokens (GITHUB_TOKEN among them) have no user to show.
    if (me.type === 'Bot') return error(403, 'Resource not accessible by integration');
    return json(200, { ...simpleUser(base(), me), name: null, email: null }, rateHeaders());
  });

  router.add('POST', '/graphql', ({ headers, body }) => {
    const denied = authFails(headers);
    if (denied) return denied;
    const query = bodyOf(body).query;
    if (typeof query !== 'string' || !/\bviewer\b/.test(query)) {
      return json(200, { errors: [{ message: 'The sandbox answers only viewer { login }' }] });
    }
    return json(200, { data: { viewer: { login: identity().login } } }, rateHeaders());
  });

  return {
    name: 'github',
    router,
    recordReplies: true,
    errorReply: (status, message) => error(status, message),
  };
}

/** @type {any} */
let pullRequestExample;

/**
 * A pull request as GitHub answers `GET /repos/{owner}/{repo}/pulls/{number}`: GitHub's own
 * example from its OpenAPI description (`@octokit/openapi`), moved to this repository, number and
 * head commit. Its one slip against its own schema (a requested team without `type`) is left out.
 * @param {string} api @param {string} owner @param {string} repo @param {number} number
 * @param {string} headSha
 */
function pullRequest(api, owner, repo, number, headSha) {
  if (!pullRequestExample) {
    const require = createRequire(import.meta.url);
    const file = join(
      dirname(require.resolve('@octokit/openapi')),
      'generated',
      'api.github.com.json',
    );
    pullRequestExample = JSON.parse(readFileSync(file, 'utf8')).components.examples['pull-request']
      .value;
  }
  const text = JSON.stringify({ ...pullRequestExample, requested_teams: [] })
    .replaceAll('https://api.github.com', api)
    .replaceAll('octocat/Hello-World', `${owner}/${repo}`)
    .replaceAll('/pulls/1347', `/pulls/${number}`)
    .replaceAll('/pull/1347', `/pull/${number}`)
    .replaceAll('/issues/1347', `/issues/${number}`);
  const pr = JSON.parse(text);
  pr.number = number;
  pr.head.sha = headSha;
  return pr;
}
