/**
 * A fake of GitHub's Actions REST API for `provider: github-workflow`: workflows, dispatches,
 * runs, jobs and cancel, answering in GitHub's shapes (checked against `@octokit/openapi` for
 * api.github.com and GHES 3.19 by sandbox/openapi.mjs). Its base is `/github-workflow` (the
 * action's `api-url`); paths below it are GitHub's.
 *
 *   GET  /repos/:owner/:repo/actions/workflows/:workflow              workflow (ci.yml, 1001)
 *   POST /repos/:owner/:repo/actions/workflows/:workflow/dispatches   200 + run id, or 204 (GHES)
 *   GET  /repos/:owner/:repo/actions/workflows/:workflow/runs         runs, newest first
 *   GET  /repos/:owner/:repo/actions/runs/:id                         one run
 *   GET  /repos/:owner/:repo/actions/runs/:id/jobs                    its jobs and steps
 *   POST /repos/:owner/:repo/actions/runs/:id/cancel                  202, 409 once completed
 *
 * `sandbox.options.workflow` (live) shapes it:
 * - `ghes`: GitHub Enterprise Server 3.19: answers carry `X-GitHub-Enterprise-Version` (unless
 *   `ghesHeader: false`), a dispatch answers 204 with no body, and `return_run_details` is
 *   refused with 422, as GHES refuses keys it does not take.
 * - `concurrent`: how many other dispatches of the same workflow and ref, by another actor, land
 *   at the same moment as each of ours (listed just before it); they end `concurrentOutcome`
 *   (default failure), so following one of them by mistake shows.
 * - `listDelayMs`: a run shows in the run list only this long after its dispatch.
 * - `runNameInput` (default `distinct_id`): the input the workflow's `run-name` shows, so
 *   `display_title` is `CI <value>` when it is sent, else the workflow's name.
 * - `token`: the only token accepted (default: any).
 * The ref plays the project's part in the sandbox's conventions: `fail*` fails at job `test`,
 * step `Run tests`; `slow*` never ends. Inputs named `undeclared*` are refused with GitHub's 422.
 */
import { STATUS_CODES } from 'node:http';
import { outcomeFor, phaseOf, timeline } from '../builds.mjs';
import { Router, bearer, json } from '../core.mjs';
import { minimalRepository, simpleUser } from '../github-shapes.mjs';

/**
 * @typedef {{
 *   ghes: boolean,
 *   ghesHeader: boolean,
 *   concurrent: number,
 *   concurrentOutcome: import('../builds.mjs').Outcome,
 *   listDelayMs: number,
 *   runNameInput: string,
 *   token: string,
 * }} WorkflowApiOptions
 */

/** @type {WorkflowApiOptions} */
export const WORKFLOW_DEFAULTS = Object.freeze({
  ghes: false,
  ghesHeader: true,
  concurrent: 0,
  concurrentOutcome: 'failure',
  listDelayMs: 0,
  runNameInput: 'distinct_id',
  token: '',
});

const DOCS = 'https://docs.github.com/rest/actions/workflows';
const GHES_VERSION = '3.19.0';
/** The workflows every repository has: by file name, and by id. */
const WORKFLOWS = Object.freeze({
  'ci.yml': { id: 1001, name: 'CI', state: 'active' },
  'deploy.yml': { id: 1002, name: 'Deploy', state: 'active' },
  'disabled.yml': { id: 1003, name: 'Old', state: 'disabled_manually' },
});
const SHA = 'd6cd1e2bd19e03a81132a23b2025920577f84e37';
const OUR_ACTOR = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };
const OTHER_ACTOR = { login: 'someone-else', id: 5551212, type: 'User' };

/** GitHub's error body. */
export function githubError(/** @type {number} */ status, /** @type {string} */ message = '') {
  return json(status, {
    message: message || STATUS_CODES[status] || 'Error',
    documentation_url: DOCS,
  });
}

/** `2026-12-03T06:25:00Z`: GitHub stamps runs in whole seconds. */
function stamp(/** @type {number} */ ms) {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * @param {import('../state.mjs').Env} env
 * @returns {import('../core.mjs').ProviderService}
 */
export function createGithubWorkflow(env) {
  const router = new Router();
  const opts = () =>
    /** @type {WorkflowApiOptions} */ ({ ...WORKFLOW_DEFAULTS, ...env.options.workflow });
  const api = () => `${env.apiBase}/github-workflow`;
  const web = () => (opts().ghes ? 'https://ghes.example.com' : 'https://github.com');
  let nextRunId = 30433642;
  let nextJobId = 29679449;
  let runNumber = 100;

  /** Every answer of a GHES carries its version. */
  const reply = (/** @type {import('../core.mjs').Reply} */ r) => {
    const o = opts();
    if (o.ghes && o.ghesHeader)
      r.headers = { ...r.headers, 'X-GitHub-Enterprise-Version': GHES_VERSION };
    return r;
  };

  /** 401 without a token (or with the wrong one), 404 for `missing*` owners, 403 `forbidden*`. */
  const guard = (
    /** @type {import('node:http').IncomingHttpHeaders} */ headers,
    /** @type {Record<string, string>} */ params,
  ) => {
    const token = bearer(headers, ['bearer', 'token']);
    const want = opts().token;
    if (!token || (want && token !== want)) return githubError(401, 'Bad credentials');
    if ((params.owner ?? '').startsWith('missing')) return githubError(404, 'Not Found');
    if ((params.owner ?? '').startsWith('forbidden'))
      return githubError(403, 'Resource not accessible by integration');
    return undefined;
  };

  const workflowOf = (/** @type {string} */ key) => {
    const byName = /** @type {Record<string, {id: number, name: string, state: string}>} */ (
      WORKFLOWS
    )[key];
    if (byName) return { file: key, ...byName };
    const entry = Object.entries(WORKFLOWS).find(([, w]) => String(w.id) === key);
    return entry ? { file: entry[0], ...entry[1] } : undefined;
  };

  const runsOf = () =>
    /** @type {any[]} */ (env.builds.filter((b) => b.provider === 'github-workflow'));

  const findRun = (/** @type {Record<string, string>} */ params) =>
    runsOf().find((r) => r.id === params.id && r.owner === params.owner && r.repo === params.repo);

  /** `queued`, `in_progress`, `completed`, and the conclusion (null until completed). */
  const statusOf = (/** @type {any} */ run) => {
    if (run.cancelledAt) return { status: 'completed', conclusion: 'cancelled' };
    const phase = phaseOf(run);
    if (phase === 'queued') return { status: 'queued', conclusion: null };
    if (phase === 'building') return { status: 'in_progress', conclusion: null };
    return { status: 'completed', conclusion: phase };
  };

  const workflowJson = (
    /** @type {string} */ owner,
    /** @type {string} */ repo,
    /** @type {{file: string, id: number, name: string, state: string}} */ wf,
  ) => ({
    id: wf.id,
    node_id: `W_sandbox${wf.id}`,
    name: wf.name,
    path: `.github/workflows/${wf.file}`,
    state: wf.state,
    created_at: '2025-01-07T10:00:00Z',
    updated_at: '2025-06-01T10:00:00Z',
    url: `${api()}/repos/${owner}/${repo}/actions/workflows/${wf.id}`,
    html_url: `${web()}/${owner}/${repo}/blob/main/.github/workflows/${wf.file}`,
    badge_url: `${web()}/${owner}/${repo}/workflows/${encodeURIComponent(wf.name)}/badge.svg`,
  });

  const runJson = (/** @type {any} */ run) => {
    const base = `${api()}/repos/${run.owner}/${run.repo}`;
    const url = `${base}/actions/runs/${run.id}`;
    const { status, conclusion } = statusOf(run);
    const ended = run.cancelledAt ?? run.endsAt;
    const updated =
      status === 'completed' ? ended : Math.max(run.createdAt, Math.min(Date.now(), ended ?? 0));
    const repository = minimalRepository(api(), run.owner, run.repo);
    return {
      id: Number(run.id),
      name: run.workflowName,
      node_id: `WFR_sandbox${run.id}`,
      check_suite_id: Number(run.id) + 1000,
      check_suite_node_id: `CS_sandbox${run.id}`,
      head_branch: run.ref,
      head_sha: SHA,
      path: `.github/workflows/${run.workflowFile}`,
      display_title: run.displayTitle,
      run_number: run.runNumber,
      run_attempt: 1,
      event: 'workflow_dispatch',
      status,
      conclusion,
      workflow_id: run.workflowId,
      url,
      html_url: `${web()}/${run.owner}/${run.repo}/actions/runs/${run.id}`,
      pull_requests: [],
      created_at: stamp(run.createdAt),
      updated_at: stamp(updated),
      run_started_at: stamp(run.createdAt),
      actor: simpleUser(api(), run.actor),
      triggering_actor: simpleUser(api(), run.actor),
      jobs_url: `${url}/jobs`,
      logs_url: `${url}/logs`,
      check_suite_url: `${base}/check-suites/${Number(run.id) + 1000}`,
      artifacts_url: `${url}/artifacts`,
      cancel_url: `${url}/cancel`,
      rerun_url: `${url}/rerun`,
      previous_attempt_url: null,
      workflow_url: `${base}/actions/workflows/${run.workflowId}`,
      head_commit: {
        id: SHA,
        tree_id: 'b2a8f8c4e2d1f0a9b8c7d6e5f4a3b2c1d0e9f8a7',
        message: 'Release prep',
        timestamp: '2026-01-05T09:00:00Z',
        author: { name: 'Mona Lisa', email: 'mona@example.com' },
        committer: { name: 'Mona Lisa', email: 'mona@example.com' },
      },
      repository,
      head_repository: repository,
    };
  };

  /** Two jobs, `build` and `test`; a failed run fails `test` at its step `Run tests`. */
  const jobsJson = (/** @type {any} */ run) => {
    const { status, conclusion } = statusOf(run);
    const base = `${api()}/repos/${run.owner}/${run.repo}`;
    const started = stamp(run.startsAt ?? run.createdAt);
    const done = status === 'completed' ? stamp(run.cancelledAt ?? run.endsAt) : null;
    return ['build', 'test'].map((name, i) => {
      const id = run.jobIds[i];
      const failed = conclusion === 'failure' && name === 'test';
      const jobStatus = status === 'completed' ? 'completed' : status;
      const jobConclusion =
        status !== 'completed'
          ? null
          : failed
            ? 'failure'
            : conclusion === 'failure'
              ? 'success'
              : conclusion;
      const steps = ['Set up job', name === 'test' ? 'Run tests' : 'Build', 'Complete job'].map(
        (step, n) => ({
          name: step,
          status: jobStatus === 'completed' ? 'completed' : n === 0 ? 'in_progress' : 'queued',
          conclusion:
            jobStatus !== 'completed'
              ? null
              : !failed
                ? jobConclusion
                : ['success', 'failure', 'skipped'][n],
          number: n + 1,
          started_at: started,
          completed_at: done,
        }),
      );
      return {
        id,
        run_id: Number(run.id),
        run_url: `${base}/actions/runs/${run.id}`,
        run_attempt: 1,
        node_id: `CR_sandbox${id}`,
        head_sha: SHA,
        url: `${base}/actions/jobs/${id}`,
        html_url: `${web()}/${run.owner}/${run.repo}/actions/runs/${run.id}/job/${id}`,
        status: jobStatus,
        conclusion: jobConclusion,
        created_at: stamp(run.createdAt),
        started_at: started,
        completed_at: done,
        name,
        steps,
        check_run_url: `${base}/check-runs/${id}`,
        labels: ['ubuntu-latest'],
        runner_id: status === 'queued' ? null : 7,
        runner_name: status === 'queued' ? null : 'GitHub Actions 7',
        runner_group_id: status === 'queued' ? null : 1,
        runner_group_name: status === 'queued' ? null : 'GitHub Actions',
        workflow_name: run.workflowName,
        head_branch: run.ref,
      };
    });
  };

  const addRun = (
    /** @type {Record<string, string>} */ params,
    /** @type {{file: string, id: number, name: string}} */ wf,
    /** @type {string} */ ref,
    /** @type {Record<string, string>} */ inputs,
    /** @type {{login: string, id: number, type: string}} */ actor,
    /** @type {import('../builds.mjs').Outcome} */ outcome,
  ) => {
    const now = Date.now();
    const o = opts();
    const shown = inputs[o.runNameInput];
    const run = {
      provider: 'github-workflow',
      id: String(nextRunId++),
      project: ref,
      createdAt: now,
      ...timeline(env.options, ref, now, outcome),
      owner: params.owner ?? '',
      repo: params.repo ?? '',
      workflowFile: wf.file,
      workflowId: wf.id,
      workflowName: wf.name,
      ref,
      inputs,
      actor,
      displayTitle: shown ? `${wf.name} ${shown}` : wf.name,
      runNumber: runNumber++,
      jobIds: [nextJobId++, nextJobId++],
      listedAt: now + o.listDelayMs,
      cancelledAt: /** @type {number | null} */ (null),
      cancelRequests: 0,
    };
    env.addBuild(run);
    return run;
  };

  router.add('GET', '/repos/:owner/:repo/actions/workflows/:workflow', ({ headers, params }) => {
    const stop = guard(headers, params);
    if (stop) return reply(stop);
    const wf = workflowOf(params.workflow ?? '');
    if (!wf) return reply(githubError(404, 'Not Found'));
    return reply(json(200, workflowJson(params.owner ?? '', params.repo ?? '', wf)));
  });

  router.add(
    'POST',
    '/repos/:owner/:repo/actions/workflows/:workflow/dispatches',
    ({ headers, params, body }) => {
      const stop = guard(headers, params);
      if (stop) return reply(stop);
      const wf = workflowOf(params.workflow ?? '');
      if (!wf) return reply(githubError(404, 'Not Found'));
      const o = opts();
      const request = /** @type {Record<string, unknown>} */ (
        body && typeof body === 'object' ? body : {}
      );
      const allowed = o.ghes ? ['ref', 'inputs'] : ['ref', 'inputs', 'return_run_details'];
      const extra = Object.keys(request).filter((key) => !allowed.includes(key));
      if (extra.length > 0) {
        return reply(
          githubError(
            422,
            `Invalid request.\n\n${extra.map((k) => `"${k}"`).join(', ')} ${extra.length > 1 ? 'are not permitted keys' : 'is not a permitted key'}.`,
          ),
        );
      }
      const ref = typeof request.ref === 'string' ? request.ref : '';
      if (!ref) return reply(githubError(422, 'Invalid request.\n\n"ref" wasn\'t supplied.'));
      if (ref.startsWith('missing')) return reply(githubError(422, `No ref found for: ${ref}`));
      if (wf.state !== 'active')
        return reply(githubError(422, 'Workflow is disabled and cannot be run.'));
      const inputs = /** @type {Record<string, string>} */ (
        request.inputs && typeof request.inputs === 'object' ? request.inputs : {}
      );
      const max = o.ghes ? 10 : 25;
      if (Object.keys(inputs).length > max)
        return reply(githubError(422, `you may only define up to ${max} \`inputs\``));
      const unexpected = Object.keys(inputs).filter((key) => key.startsWith('undeclared'));
      if (unexpected.length > 0) {
        return reply(githubError(422, `Unexpected inputs provided: ${JSON.stringify(unexpected)}`));
      }
      // Another actor's dispatches of the same workflow and ref, landing at the same moment.
      for (let i = 0; i < o.concurrent; i++) {
        addRun(params, wf, ref, {}, OTHER_ACTOR, o.concurrentOutcome);
      }
      const run = addRun(params, wf, ref, inputs, OUR_ACTOR, outcomeFor(env.options, ref));
      if (o.ghes || request.return_run_details !== true) return reply({ status: 204 });
      const url = `${api()}/repos/${run.owner}/${run.repo}/actions/runs/${run.id}`;
      return reply(
        json(200, {
          workflow_run_id: Number(run.id),
          run_url: url,
          html_url: `${web()}/${run.owner}/${run.repo}/actions/runs/${run.id}`,
        }),
      );
    },
  );

  router.add(
    'GET',
    '/repos/:owner/:repo/actions/workflows/:workflow/runs',
    ({ headers, params, query }) => {
      const stop = guard(headers, params);
      if (stop) return reply(stop);
      const wf = workflowOf(params.workflow ?? '');
      if (!wf) return reply(githubError(404, 'Not Found'));
      const branch = query.get('branch');
      const event = query.get('event');
      const perPage = Math.min(100, Number(query.get('per_page') ?? 30) || 30);
      const now = Date.now();
      const runs = runsOf()
        .filter(
          (r) =>
            r.owner === params.owner &&
            r.repo === params.repo &&
            r.workflowId === wf.id &&
            r.listedAt <= now &&
            (!branch || r.ref === branch) &&
            (!event || event === 'workflow_dispatch'),
        )
        .sort((a, b) => b.createdAt - a.createdAt || Number(b.id) - Number(a.id));
      return reply(
        json(200, { total_count: runs.length, workflow_runs: runs.slice(0, perPage).map(runJson) }),
      );
    },
  );

  router.add('GET', '/repos/:owner/:repo/actions/runs/:id', ({ headers, params }) => {
    const stop = guard(headers, params);
    if (stop) return reply(stop);
    const run = findRun(params);
    return reply(run ? json(200, runJson(run)) : githubError(404, 'Not Found'));
  });

  router.add('GET', '/repos/:owner/:repo/actions/runs/:id/jobs', ({ headers, params }) => {
    const stop = guard(headers, params);
    if (stop) return reply(stop);
    const run = findRun(params);
    if (!run) return reply(githubError(404, 'Not Found'));
    const jobs = jobsJson(run);
    return reply(json(200, { total_count: jobs.length, jobs }));
  });

  router.add('POST', '/repos/:owner/:repo/actions/runs/:id/cancel', ({ headers, params }) => {
    const stop = guard(headers, params);
    if (stop) return reply(stop);
    const run = findRun(params);
    if (!run) return reply(githubError(404, 'Not Found'));
    run.cancelRequests += 1;
    if (statusOf(run).status === 'completed')
      return reply(githubError(409, 'Cannot cancel a workflow run that is completed.'));
    run.cancelledAt = Date.now();
    return reply(json(202, {}));
  });

  return {
    name: 'github-workflow',
    router,
    errorReply: (status, message) => reply(githubError(status, message)),
    recordReplies: true,
    reset() {},
  };
}

/** @type {import('../core.mjs').FakeModule} */
export const fake = {
  name: 'github-workflow',
  /** How it plays GitHub, merged over WORKFLOW_DEFAULTS at each request. */
  options: { workflow: {} },
  credentials: () => 'token=any (workflow ci.yml)',
  create: createGithubWorkflow,
};
