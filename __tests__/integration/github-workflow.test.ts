/**
 * `provider: github-workflow` through dist/ against the sandbox's fake of GitHub's Actions API:
 * github.com (the dispatch names its run) and GHES 3.19 (it answers 204, the run is found in the
 * list), concurrent dispatches by another actor, failures that name the failed job and step, and
 * a cancelled caller cancelling the remote run once. Every exchange is held to GitHub's OpenAPI
 * description for the server played.
 */
import { runCli as runDistCli, type CliRun } from './cli-run.js';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { conformance } from '../../sandbox/openapi.mjs';
import { useSandbox } from './sandbox-world.js';
import { actionStatuses, expectHygiene, itWithSignals, runAction, SECRETS } from './helpers.js';

const webhooks = createRequire(import.meta.url)('@octokit/webhooks-examples') as {
  name: string;
  examples: Record<string, unknown>[];
}[];

const sandbox = useSandbox({ buildMs: 900 });

/** What a user writes to run octo-org/deploy's ci.yml, pointed at the sandbox. */
function inputs(extra: Record<string, string> = {}): Record<string, string> {
  return {
    provider: 'github-workflow',
    repository: 'octo-org/deploy',
    workflow: 'ci.yml',
    ref: 'main',
    token: SECRETS.token,
    'api-url': sandbox.apiUrl('github-workflow'),
    'poll-interval': '1s',
    timeout: '30s',
    ...extra,
  };
}

function run(extra: Record<string, string> = {}, options: Parameters<typeof runAction>[0] = {}) {
  return runAction({
    sandbox,
    inputs: inputs(extra),
    githubToken: SECRETS.githubToken,
    timeoutMs: 45_000,
    ...options,
  });
}

const traffic = () => sandbox.requests.filter((r) => r.provider === 'github-workflow');
const dispatches = () => traffic().filter((r) => r.path.endsWith('/dispatches'));
const runs = () => sandbox.builds.filter((b) => b.provider === 'github-workflow');
const ours = () => runs().filter((b) => (b['actor'] as { login: string }).login !== 'someone-else');

/** Every exchange with the fake Actions API is what `spec`'s description allows. */
function expectConformance(spec: 'api.github.com' | 'ghes-3.19'): void {
  const problems = traffic().flatMap((rec) => conformance(spec).check(rec));
  expect(problems).toEqual([]);
  // The description's request body lists the keys the server takes: nothing else is sent.
  const op = conformance(spec).spec.paths[
    '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches'
  ] as { post: { requestBody: { content: Record<string, { schema: { properties: object } }> } } };
  const allowed = Object.keys(
    op.post.requestBody.content['application/json']?.schema.properties ?? {},
  );
  expect(allowed).toContain('ref');
  for (const rec of dispatches().filter((r) => r.reply?.status !== 422)) {
    expect(allowed).toEqual(expect.arrayContaining(Object.keys(rec.body as object)));
  }
}

describe('github-workflow on github.com', () => {
  it('dispatches once with return_run_details, follows that run to success', async () => {
    const result = await run({ 'workflow-inputs': 'environment: staging\nversion: 1.10' });
    expect(result.outputs['status']).toBe('success');
    expect(dispatches()).toHaveLength(1);
    expect(dispatches()[0]?.body).toEqual({
      ref: 'main',
      inputs: { environment: 'staging', version: '1.10' },
      return_run_details: true,
    });
    expect(dispatches()[0]?.headers['authorization']).toBe(`Bearer ${SECRETS.token}`);
    expect(runs()).toHaveLength(1);
    const id = runs()[0]!.id;
    expect(result.outputs['build-id']).toBe(id);
    expect(result.outputs['provider-status']).toBe('success');
    expect(result.outputs['log-url']).toBe(`https://github.com/octo-org/deploy/actions/runs/${id}`);
    // No list is read: the dispatch named the run.
    expect(traffic().some((r) => r.path.endsWith('/runs'))).toBe(false);
    expect(actionStatuses(sandbox).map((s) => s.state)).toEqual(['pending', 'success']);
    expect(actionStatuses(sandbox)[0]?.context).toBe('build/github-workflow');
    expectConformance('api.github.com');
    expectHygiene(sandbox, result);
  });

  it('a failed run fails the step naming the failed job and step, with links', async () => {
    const result = await run({ ref: 'fail-release' });
    expect(result.outputs['status']).toBe('failure');
    expect(result.outputs['provider-status']).toBe('failure');
    const id = runs()[0]!.id;
    const job = (runs()[0]!['jobIds'] as number[])[1];
    const error = result.commands.find((c) => c.command === 'error');
    expect(error?.data).toContain(`GitHub workflow build ${id} failed: job "test"`);
    expect(error?.data).toContain('job "test" failed at step "Run tests"');
    expect(error?.data).toContain(
      `https://github.com/octo-org/deploy/actions/runs/${id}/job/${job}`,
    );
    expect(error?.data).not.toContain('job "build"');
    // The job summary lists every failed job too (the error line is capped at 300 characters).
    expect(result.summary).toContain('Run tests');
    expect(result.summary).toContain(`/actions/runs/${id}/job/${job}`);
    expect(actionStatuses(sandbox).at(-1)?.state).toBe('failure');
    expectConformance('api.github.com');
    expectHygiene(sandbox, result);
  });

  it('this repository by default, with github-token and the current branch', async () => {
    const result = await run({ repository: '', ref: '', token: '' });
    expect(result.outputs['status']).toBe('success');
    expect(dispatches()[0]?.path).toBe(
      '/repos/octo-org/octo-repo/actions/workflows/ci.yml/dispatches',
    );
    expect(dispatches()[0]?.body).toMatchObject({ ref: 'main' });
    expect(dispatches()[0]?.headers['authorization']).toBe(`Bearer ${SECRETS.githubToken}`);
    expectHygiene(sandbox, result);
  });

  it('another repository without a token is a bad input; nothing is sent', async () => {
    const result = await run({ token: '' });
    expect(result.code).not.toBe(0);
    const error = result.commands.find((c) => c.command === 'error');
    expect(error?.data).toMatch(/Input 'token'.*another repository \(octo-org\/deploy\)/);
    expect(error?.data).toMatch(/actions: write/);
    expect(traffic()).toEqual([]);
  });
});

/** A copy of GitHub's first example of event `name` that `pick` accepts (webhooks-examples). */
function example(
  name: string,
  pick: (p: Record<string, unknown>) => boolean = () => true,
): Record<string, unknown> {
  const found = webhooks.find((d) => d.name === name)?.examples.find(pick);
  if (!found) throw new Error(`no ${name} example`);
  return JSON.parse(JSON.stringify(found)) as Record<string, unknown>;
}

describe("github-workflow without ref: this repository's branch the event is about", () => {
  const here = { repository: '', ref: '', token: '' };

  it("workflow_run: the run's head branch, not the default branch GITHUB_REF names", async () => {
    // GitHub's example of a run in this repository (its head repository is the repository).
    const payload = example('workflow_run', (p) => {
      const wr = p['workflow_run'] as { head_repository: { id: number } };
      return wr.head_repository.id === (p['repository'] as { id: number }).id;
    });
    const wr = payload['workflow_run'] as { head_branch: string; head_sha: string };
    wr.head_branch = 'feature/login';
    wr.head_sha = sandbox.headSha;
    const result = await run(here, { event: { name: 'workflow_run', payload } });
    expect(result.outputs['status'], result.stdout).toBe('success');
    expect(dispatches().map((d) => (d.body as { ref: string }).ref)).toEqual(['feature/login']);
    expect(result.stdout).toContain('Ref: feature/login, from workflow_run.head_branch');
    expectHygiene(sandbox, result);
  });

  it('issue_comment on a pull request: its head branch, read from GitHub with its head commit', async () => {
    const payload = example('issue_comment');
    const issue = payload['issue'] as Record<string, unknown> & { html_url: string; url: string };
    issue['pull_request'] = {
      url: issue.url.replace('/issues/', '/pulls/'),
      html_url: issue.html_url.replace('/issues/', '/pull/'),
      diff_url: `${issue.html_url.replace('/issues/', '/pull/')}.diff`,
      patch_url: `${issue.html_url.replace('/issues/', '/pull/')}.patch`,
      merged_at: null,
    };
    const result = await run(here, { event: { name: 'issue_comment', payload } });
    expect(result.outputs['status'], result.stdout).toBe('success');
    // The sandbox answers GitHub's own pull request example: head branch new-topic, same repository.
    expect(dispatches().map((d) => (d.body as { ref: string }).ref)).toEqual(['new-topic']);
    expect(actionStatuses(sandbox)[0]?.sha).toBe(sandbox.headSha);
    expectHygiene(sandbox, result);
  });

  it("a fork's pull request: a bad ref input naming the fork; nothing is dispatched", async () => {
    const payload = example('pull_request');
    const pr = payload['pull_request'] as {
      head: { ref: string; repo: { id: number; full_name: string } };
    };
    pr.head.repo = { ...pr.head.repo, id: 1, full_name: 'someone/fork' };
    const result = await run(here, { event: { name: 'pull_request', payload } });
    expect(result.code).not.toBe(0);
    const error = result.commands.find((c) => c.command === 'error');
    expect(error?.data).toMatch(/Input 'ref' is required: .*someone\/fork/);
    expect(error?.data).toContain('set ref');
    expect(traffic()).toEqual([]);
    expectHygiene(sandbox, result);
  });
});

describe('github-workflow in targets', () => {
  it('two workflows in one step, each followed to its own run and status', async () => {
    const result = await run({
      targets:
        '- name: tests\n  workflow: ci.yml\n- name: deploy\n  workflow: deploy.yml\n  ref: fail-rollout',
    });
    expect(runs()).toHaveLength(2);
    const results = JSON.parse(result.outputs['results'] ?? '[]') as Record<string, string>[];
    const byName = Object.fromEntries(results.map((r) => [r['name'], r]));
    const ci = runs().find((r) => r['workflowFile'] === 'ci.yml')!;
    const deploy = runs().find((r) => r['workflowFile'] === 'deploy.yml')!;
    expect(byName['tests']).toMatchObject({ status: 'success', 'build-id': ci.id });
    expect(byName['deploy']).toMatchObject({ status: 'failure', 'build-id': deploy.id });
    expect(byName['deploy']?.['message']).toContain('job "test" failed at step "Run tests"');
    expectConformance('api.github.com');
    expectHygiene(sandbox, result);
  });
});

describe('github-workflow on GitHub Enterprise Server', () => {
  it('dispatches without return_run_details and finds its run in the list', async () => {
    sandbox.options.workflow = { ghes: true, listDelayMs: 1500 };
    const result = await run();
    expect(result.outputs['status']).toBe('success');
    expect(dispatches()).toHaveLength(1);
    expect(dispatches()[0]?.body).toEqual({ ref: 'main' });
    expect(runs()).toHaveLength(1);
    expect(result.outputs['build-id']).toBe(runs()[0]!.id);
    expect(result.outputs['log-url']).toBe(
      `https://ghes.example.com/octo-org/deploy/actions/runs/${runs()[0]!.id}`,
    );
    expectConformance('ghes-3.19');
    expectHygiene(sandbox, result);
  });

  it('with distinct-id-input picks its own run among concurrent dispatches by another actor', async () => {
    // Two other dispatches land at the same moment, listed before ours; theirs fail, ours passes.
    sandbox.options.workflow = { ghes: true, concurrent: 2 };
    const result = await run({ 'distinct-id-input': 'distinct_id' });
    expect(runs()).toHaveLength(3);
    expect(ours()).toHaveLength(1);
    const mine = ours()[0]!;
    const sent = (dispatches()[0]?.body as { inputs: Record<string, string> }).inputs;
    expect(sent['distinct_id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(mine['inputs']).toEqual(sent);
    expect(result.outputs['build-id']).toBe(mine.id);
    expect(result.outputs['status']).toBe('success');
    expect(result.commands.filter((c) => c.command === 'warning')).toEqual([]);
    expectConformance('ghes-3.19');
    expectHygiene(sandbox, result);
  });

  it('without distinct-id-input warns that the run it follows may be someone else', async () => {
    sandbox.options.workflow = { ghes: true, concurrent: 1 };
    const result = await run();
    const warning = result.commands.find((c) => c.command === 'warning');
    expect(warning?.data).toMatch(/2 workflow_dispatch runs .* started after this dispatch/);
    expect(warning?.data).toMatch(/distinct-id-input/);
  });

  it('a server that hides its version and refuses return_run_details gets the dispatch again without it', async () => {
    sandbox.options.workflow = { ghes: true, ghesHeader: false };
    const result = await run();
    expect(result.outputs['status']).toBe('success');
    expect(dispatches().map((r) => r.reply?.status)).toEqual([422, 204]);
    expect(dispatches()[1]?.body).toEqual({ ref: 'main' });
    expect(runs()).toHaveLength(1);
    expect(result.outputs['build-id']).toBe(runs()[0]!.id);
    expectConformance('ghes-3.19');
  });
});

describe('github-workflow cancel', () => {
  it('cancel-on-timeout cancels the remote run once when the run times out', async () => {
    const result = await run({ ref: 'slow-deploy', timeout: '3s', 'cancel-on-timeout': 'true' });
    expect(result.outputs['status']).toBe('timed_out');
    expect(runs()).toHaveLength(1);
    expect(runs()[0]!['cancelRequests']).toBe(1);
    expect(result.stdout).toMatch(/accepted the cancel request/);
    expect(actionStatuses(sandbox).at(-1)?.state).toBe('error');
    expectConformance('api.github.com');
    expectHygiene(sandbox, result);
  });

  itWithSignals('SIGTERM cancels the remote run once, then closes the status', async () => {
    const result = await run(
      { ref: 'slow-deploy' },
      {
        signal: {
          name: 'SIGTERM',
          when: () => actionStatuses(sandbox).some((s) => s.state === 'pending'),
        },
      },
    );
    expect(result.outputs['status']).toBe('cancelled');
    expect(runs()).toHaveLength(1);
    expect(runs()[0]!['cancelRequests']).toBe(1);
    const cancels = traffic().filter((r) => r.path.endsWith('/cancel'));
    expect(cancels.map((r) => r.path)).toEqual([
      `/repos/octo-org/deploy/actions/runs/${runs()[0]!.id}/cancel`,
    ]);
    expect(result.stdout).toMatch(/accepted the cancel request/);
    expect(actionStatuses(sandbox).map((s) => s.state)).toEqual(['pending', 'error']);
    expectConformance('api.github.com');
    expectHygiene(sandbox, result);
  });
});

/** `node dist/cli.js` in a clean environment; SIGTERM once `when` holds (looked at every 50 ms). */
function runCli(
  args: string[],
  env: Record<string, string>,
  when?: () => boolean,
): Promise<CliRun> {
  return runDistCli(args, env, when ? { signal: { name: 'SIGTERM', when } } : {});
}

describe('github-workflow from the CLI', () => {
  const flags = (ref: string) => [
    '--provider',
    'github-workflow',
    '--repository',
    'octo-org/deploy',
    '--workflow',
    'ci.yml',
    '--ref',
    ref,
    '--workflow-inputs',
    '{"environment": "staging"}',
    '--distinct-id-input',
    'distinct_id',
    '--api-url',
    sandbox.apiUrl('github-workflow'),
    '--poll-interval',
    '1s',
    '--timeout',
    '30s',
    '--json',
  ];

  it('GHES with a concurrent dispatch: picks its own run by its id, exit 0', async () => {
    sandbox.options.workflow = { ghes: true, concurrent: 1 };
    const result = await runCli(flags('main'), { TRIGGER_BUILD_TOKEN: SECRETS.token });
    expect(result.code).toBe(0);
    const [entry] = JSON.parse(result.stdout) as Record<string, string>[];
    expect(ours()).toHaveLength(1);
    expect(entry?.['build-id']).toBe(ours()[0]!.id);
    expect(entry?.['status']).toBe('success');
    expect(ours()[0]!['inputs']).toMatchObject({ environment: 'staging' });
    expect(result.stderr).not.toContain(SECRETS.token);
    expectConformance('ghes-3.19');
  });

  itWithSignals('SIGTERM cancels the remote run once and exits 130', async () => {
    const result = await runCli(flags('slow-deploy'), { TRIGGER_BUILD_TOKEN: SECRETS.token }, () =>
      traffic().some((r) => r.path.endsWith(`/actions/runs/${runs()[0]?.id}`)),
    );
    expect(result.code).toBe(130);
    expect(runs()).toHaveLength(1);
    expect(runs()[0]!['cancelRequests']).toBe(1);
    expect(result.stderr).toMatch(/accepted the cancel request/);
  });
});
