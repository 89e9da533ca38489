/**
 * DeployHub (seed 004): a redeploy trigger that (as documented, i.e. not at all) returns no build
 * id, a list of the 50 newest builds and build-by-id with dockerImage. The action has to find
 * its build in the list by creation time. Build logs live on the foreign host (logUrl).
 */
import { STATUS_CODES } from 'node:http';
import { history, objectId, phaseOf, randomSha, timeline } from '../builds.mjs';
import { Router, bearer, iso, json, text } from '../core.mjs';

/** `{"success": false, "message": "..."}`, the documented shape. */
export function deployhubError(/** @type {number} */ status, /** @type {string} */ message = '') {
  const defaults = /** @type {Record<number, string>} */ ({
    401: 'Unauthorized',
    404: 'Project not found',
    500: 'Server error',
  });
  return json(status, {
    success: false,
    message: message || defaults[status] || STATUS_CODES[status] || 'Error',
  });
}

/**
 * @param {import('../state.mjs').Env} env
 * @returns {import('../core.mjs').ProviderService}
 */
export function createDeployhub(env) {
  const router = new Router();
  const projects = /** @type {Map<string, import('../builds.mjs').Build[]>} */ (new Map());

  const buildsOf = (/** @type {string} */ project) => {
    let list = projects.get(project);
    if (list) return list;
    list = [];
    projects.set(project, list);
    for (const past of history(env.options, Date.now())) {
      const build = {
        provider: 'deployhub',
        id: objectId(past.createdAt),
        project,
        ...past,
        commitSha: randomSha(),
        visibleAt: past.createdAt,
      };
      env.addBuild(build, { seeded: true });
      list.push(build);
    }
    return list;
  };

  /** Builds the list endpoint can see yet (a new build shows up after deployhubListDelayMs). */
  const visible = (/** @type {string} */ project, now = Date.now()) =>
    buildsOf(project)
      .filter((b) => /** @type {number} */ (b.visibleAt) <= now)
      .sort((a, b) => b.createdAt - a.createdAt);

  /** Fields in the documented order; unset ones are left out, as a lean Mongo query does. */
  const present = (/** @type {import('../builds.mjs').Build} */ b, detailed = false) => {
    const now = Date.now();
    const phase = phaseOf(b, now);
    const status = {
      queued: 'pending',
      building: 'pending',
      success: 'success',
      failure: 'failed',
    }[phase];
    /** @type {Record<string, unknown>} */
    const out = { _id: b.id, commitSha: b.commitSha, status };
    if (b.startsAt !== null && b.startsAt <= now) out.startedAt = iso(b.startsAt);
    if (phase === 'success' || phase === 'failure')
      out.finishedAt = iso(/** @type {number} */ (b.endsAt));
    if (out.startedAt) out.logUrl = `${env.foreignBase}/logs/deployhub/${b.id}.log`;
    if (detailed && phase === 'success') {
      out.dockerImage = `deployhub/${b.project}:${String(b.commitSha).slice(0, 7)}`;
    }
    out.createdAt = iso(b.createdAt);
    return out;
  };

  const guard = (
    /** @type {import('node:http').IncomingHttpHeaders} */ headers,
    /** @type {string} */ project,
  ) => {
    if (bearer(headers) !== env.options.tokens.deployhub) return deployhubError(401);
    if (project.startsWith('missing')) return deployhubError(404, 'Project not found');
    return undefined;
  };

  router.add('GET', '/api/projects/:id/builds', ({ headers, params }) => {
    const stop = guard(headers, params.id ?? '');
    if (stop) return stop;
    const all = visible(params.id ?? '');
    return json(200, {
      success: true,
      total: all.length,
      builds: all.slice(0, 50).map((b) => present(b)),
    });
  });

  router.add('GET', '/api/projects/:id/builds/:buildId', ({ headers, params }) => {
    const stop = guard(headers, params.id ?? '');
    if (stop) return stop;
    // An id that is not an ObjectId makes Mongoose throw a CastError, which the API reports
    // as a generic 500, not a 404.
    if (!/^[0-9a-f]{24}$/i.test(params.buildId ?? '')) return deployhubError(500);
    const build = buildsOf(params.id ?? '').find((b) => b.id === params.buildId);
    if (!build) return deployhubError(404, 'Build not found');
    return json(200, { success: true, build: present(build, true) });
  });

  router.add('POST', '/api/redeploy/:projectId', ({ headers, params }) => {
    const project = params.projectId ?? '';
    const stop = guard(headers, project);
    if (stop) return stop;
    const now = Date.now();
    const build = {
      provider: 'deployhub',
      id: objectId(now),
      project,
      createdAt: now,
      ...timeline(env.options, project, now),
      commitSha: env.options.github.sha,
      visibleAt: now + env.options.deployhubListDelayMs,
    };
    env.addBuild(build);
    buildsOf(project).push(build);
    return json(200, {
      success: true,
      message: 'Redeploy triggered',
      ...(env.options.deployhubReturnsId ? { buildId: build.id } : {}),
    });
  });

  return {
    name: 'deployhub',
    router,
    errorReply: deployhubError,
    mountForeign(foreign) {
      foreign.add(
        'GET',
        '/logs/deployhub/:id.log',
        ({ params }) => {
          const build = env.index.get(params.id ?? '');
          if (!build || build.provider !== 'deployhub') return text(404, 'Not Found');
          const now = Date.now();
          const image = `deployhub/${build.project}:${String(build.commitSha).slice(0, 7)}`;
          /** @type {[number | null, string][]} */
          const lines = [
            [build.startsAt, `Cloning repository at ${build.commitSha}`],
            [build.startsAt, `Building Docker image ${image}`],
            [
              build.endsAt,
              build.outcome === 'failure' ? 'ERROR: npm ci exited with code 1' : `Pushed ${image}`,
            ],
            [build.endsAt, build.outcome === 'failure' ? 'Deploy failed' : 'Deploy succeeded'],
          ];
          const body = lines
            .filter(([at]) => at !== null && at <= now)
            .map(([at, line]) => `${iso(/** @type {number} */ (at))} ${line}\n`)
            .join('');
          return text(200, body);
        },
        { provider: 'deployhub' },
      );
    },
    reset() {
      projects.clear();
    },
  };
}

/** @type {import('../core.mjs').FakeModule} */
export const fake = {
  name: 'deployhub',
  token: 'sandbox-token',
  options: {
    /** Answer the trigger with the build's id (undocumented; the documented answer has none). */
    deployhubReturnsId: false,
    /** A new build shows in the list this long after its trigger. */
    deployhubListDelayMs: 0,
  },
  create: createDeployhub,
};
