/**
 * Jamdesk (seed 000): `POST /projects/:id/rebuild` and nothing else. There is no status
 * endpoint; like the real service, the fake reports progress as GitHub commit statuses on the
 * commit it built, which is what the action has to watch.
 */
import { STATUS_CODES } from 'node:http';
import { phaseOf, shortId, timeline } from '../builds.mjs';
import { Router, bearer, isoSeconds, json } from '../core.mjs';

/** The documented error table. */
const ERRORS = /** @type {Record<number, [string, string]>} */ ({
  400: ['bad_request', 'Bad request'],
  401: ['unauthorized', 'Invalid API key'],
  403: ['forbidden', 'Unauthorized project access'],
  404: ['project_not_found', 'Project not found'],
  405: ['method_not_allowed', 'Method not allowed'],
  429: ['rate_limited', 'Too many requests'],
  500: ['internal_error', 'Internal server error'],
});

/** Documented status words per phase. */
const WORDS = { queued: 'queued', building: 'building', success: 'deployed', failure: 'failed' };

/** `{"error": {code, message, status}}`, the documented shape. */
export function jamdeskError(/** @type {number} */ status, /** @type {string} */ message = '') {
  const [code, text] = ERRORS[status] ?? [
    status >= 500 ? 'internal_error' : 'error',
    STATUS_CODES[status] ?? 'Error',
  ];
  return json(status, { error: { code, message: message || text, status } });
}

/**
 * @param {import('../state.mjs').Env} env
 */
export function createJamdesk(env) {
  const router = new Router();

  /**
   * Post what the Jamdesk GitHub App would post for this build, as it stands at `at`. The end
   * report passes the build's end: a timer may fire a millisecond before `Date.now()` reaches it,
   * and a phase read from the clock then would post `pending` instead of the result.
   */
  const report = (/** @type {import('../builds.mjs').Build} */ build, at = Date.now()) => {
    if (!env.options.jamdeskPostsStatuses) return;
    const [owner = '', repo = ''] = env.options.github.repository.split('/');
    const phase = phaseOf(build, at);
    const done = phase === 'success' || phase === 'failure';
    env.postStatus({
      owner,
      repo,
      sha: /** @type {string} */ (build.sha),
      state: done ? phase : 'pending',
      context: /** @type {string} */ (build.context),
      description:
        phase === 'success'
          ? 'Deployed'
          : phase === 'failure'
            ? 'Build failed. Check the build logs for details.'
            : 'Build queued',
      target_url: `${env.foreignBase}/dashboard/jamdesk/${encodeURIComponent(build.project)}/builds/${build.id}`,
      source: 'jamdesk',
    });
  };

  router.add('POST', '/projects/:id/rebuild', ({ params, headers }) => {
    if (bearer(headers) !== env.options.tokens.jamdesk) return jamdeskError(401);
    const project = params.id ?? '';
    if (project.startsWith('missing')) return jamdeskError(404);
    if (project.startsWith('forbidden')) return jamdeskError(403);
    const now = Date.now();
    const sha = env.options.github.sha;
    /** @type {import('../builds.mjs').Build} */
    const build = {
      provider: 'jamdesk',
      id: shortId('build_'),
      project,
      createdAt: now,
      ...timeline(env.options, project, now),
      sha,
      context: env.options.jamdeskContext,
    };
    env.addBuild(build);
    report(build);
    const endsAt = build.endsAt;
    if (endsAt !== null) env.timers.set(() => report(build, endsAt), endsAt - now);
    return json(200, {
      buildId: build.id,
      status: 'queued',
      createdAt: isoSeconds(now),
      commit: { sha: sha.slice(0, 7), message: 'Update API docs', author: 'jane@example.com' },
      project: { id: project, name: `Docs ${project}` },
    });
  });

  return {
    name: 'jamdesk',
    router,
    errorReply: jamdeskError,
    /** Mount the dashboard page its commit statuses link to. */
    mountForeign(/** @type {Router} */ foreign) {
      foreign.add(
        'GET',
        '/dashboard/jamdesk/:project/builds/:id',
        ({ params }) => {
          const build = env.index.get(params.id ?? '');
          if (!build || build.provider !== 'jamdesk') {
            return {
              status: 404,
              headers: { 'Content-Type': 'text/html' },
              body: '<h1>Not found</h1>',
            };
          }
          const word = WORDS[phaseOf(build)];
          return {
            status: 200,
            headers: { 'Content-Type': 'text/html; charset=utf-8' },
            body: `<!DOCTYPE html><html><body><h1>Jamdesk build ${build.id}</h1><p>Status: ${word}</p></body></html>`,
          };
        },
        { provider: 'jamdesk' },
      );
    },
    reset() {},
  };
}

/** @type {import('../core.mjs').FakeModule} */
export const fake = {
  name: 'jamdesk',
  token: 'sandbox-token',
  options: {
    /** The context of the commit statuses it posts. */
    jamdeskContext: 'Jamdesk',
    /** Off: the GitHub App is not installed, nothing reports the build. */
    jamdeskPostsStatuses: true,
  },
  create: createJamdesk,
};
