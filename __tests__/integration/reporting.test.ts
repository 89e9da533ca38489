import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/server.mjs';
import { actionStatuses, expectHygiene, runIn, runPostStep, type ProviderName } from './helpers.js';
import { itWithSignals } from './helpers.js';
import type { RunActionOptions, RunActionResult } from '../../sandbox/run-action.mjs';

let sandbox: Sandbox;

// Each test runs the bundled action two or three times against builds of about a second.
vi.setConfig({ testTimeout: 60_000 });

beforeAll(async () => {
  sandbox = await startSandbox({ buildMs: 900 });
});
afterAll(async () => {
  await sandbox?.close();
});
beforeEach(() => {
  sandbox.reset();
  sandbox.options.outcome = 'success';
  sandbox.options.github.statusesForbidden = false;
  sandbox.options.github.deploymentsForbidden = false;
  sandbox.options.github.commentsForbidden = false;
  sandbox.options.github.identity = 'github-actions[bot]';
  sandbox.options.jamdeskPostsStatuses = true;
});

const PR = 7;
const prEvent = (): Partial<RunActionOptions> => ({
  event: {
    name: 'pull_request',
    payload: { number: PR, pull_request: { number: PR, head: { sha: sandbox.headSha } } },
  },
});
const REPORTING = { environment: `preview-pr-${PR}`, 'pr-comment': 'true', 'poll-interval': '1s' };

const ourComments = () =>
  sandbox.comments.filter((c) => c.issue === PR && c.user.login === 'github-actions[bot]');
const warnings = (r: RunActionResult) =>
  r.commands.filter((c) => c.command === 'warning').map((c) => c.data);

describe.each(['jamdesk', 'sitepaste', 'justdeploy', 'deskforge', 'deployhub'] as ProviderName[])(
  '%s with environment and pr-comment',
  (provider) => {
    it('success: one deployment ending success at deploy-url, one comment edited, the status as before; a re-run edits it again', async () => {
      const result = await runIn(sandbox, provider, REPORTING, prEvent());
      expect(result.code, result.stdout).toBe(0);
      expect(result.outputs['status']).toBe('success');
      expect(sandbox.deployments).toHaveLength(1);
      const dep = sandbox.deployments[0]!;
      expect(dep).toMatchObject({
        sha: sandbox.headSha,
        environment: `preview-pr-${PR}`,
        transient_environment: true,
        production_environment: false,
        auto_merge: false,
        required_contexts: [],
      });
      expect(result.outputs['deployment-id']).toBe(String(dep.id));
      expect(dep.statuses.map((s) => s.state)).toEqual(['in_progress', 'success']);
      // The early link: the log (or the run) from the first status on.
      expect(dep.statuses[0]!.log_url).toMatch(/^https?:\/\//);
      const deployUrl = result.outputs['deploy-url'] || null;
      expect(dep.statuses[1]!.environment_url).toBe(deployUrl);

      expect(ourComments()).toHaveLength(1);
      const comment = ourComments()[0]!;
      const updates = comment.updates;
      expect(updates).toBeGreaterThanOrEqual(1);
      expect(comment.body).toContain('✅');
      expect(comment.body).toContain(sandbox.headSha.slice(0, 7));
      expect(comment.body).toContain('actions/runs/4242');
      if (deployUrl) expect(comment.body).toContain(`(<${deployUrl}>)`);
      expect(result.outputs['comment-url']).toContain(`#issuecomment-${comment.id}`);

      expect(actionStatuses(sandbox).map((s) => s.state)).toEqual(['pending', 'success']);
      expect(actionStatuses(sandbox)[0]!.target_url).toMatch(/^https?:\/\//);
      expect(warnings(result)).toEqual([]);
      expectHygiene(sandbox, result);

      const again = await runIn(sandbox, provider, REPORTING, prEvent());
      expect(again.code).toBe(0);
      expect(ourComments()).toHaveLength(1);
      expect(ourComments()[0]!.id).toBe(comment.id);
      expect(ourComments()[0]!.updates).toBeGreaterThan(updates);
      expect(sandbox.deployments).toHaveLength(2);
      // auto-inactive: the earlier deployment of the same environment went inactive.
      expect(sandbox.deployments[0]!.statuses.at(-1)!.state).toBe('inactive');
    });
  },
);

describe('lifecycles', () => {
  it('failure: the deployment ends failure with the reason, the comment says why', async () => {
    sandbox.options.outcome = 'failure';
    const result = await runIn(sandbox, 'deskforge', REPORTING, prEvent());
    expect(result.code).toBe(1);
    const last = sandbox.deployments[0]!.statuses.at(-1)!;
    expect(last.state).toBe('failure');
    expect(last.description.length).toBeGreaterThan(0);
    expect(last.description.length).toBeLessThanOrEqual(140);
    expect(last.environment_url).toBeNull();
    expect(ourComments()).toHaveLength(1);
    expect(ourComments()[0]!.body).toMatch(/❌[\s\S]*\| Reason \|/);
    expect(actionStatuses(sandbox).map((s) => s.state)).toEqual(['pending', 'failure']);
    expectHygiene(sandbox, result);
  });

  it('timeout: the deployment ends error, the comment says timed out', async () => {
    sandbox.options.outcome = 'never';
    const result = await runIn(sandbox, 'deployhub', { ...REPORTING, timeout: '3s' }, prEvent());
    expect(result.outputs['status']).toBe('timed_out');
    const last = sandbox.deployments[0]!.statuses.at(-1)!;
    expect(last.state).toBe('error');
    expect(last.description).toMatch(/Timed out/);
    expect(ourComments()[0]!.body).toMatch(/⏱️[^\n]*timed out/);
  });

  itWithSignals(
    'cancel (SIGINT) mid-wait: error and "cancelled" from the main step; the post step has nothing left',
    async () => {
      sandbox.options.outcome = 'never';
      const main = await runIn(sandbox, 'deskforge', REPORTING, {
        ...prEvent(),
        signal: {
          name: 'SIGINT',
          when: () =>
            sandbox.deployments[0]?.statuses.some((s) => s.state === 'in_progress') ?? false,
        },
      });
      expect(main.outputs['status']).toBe('cancelled');
      expect(sandbox.deployments[0]!.statuses.map((s) => s.state)).toEqual([
        'in_progress',
        'error',
      ]);
      expect(ourComments()).toHaveLength(1);
      expect(ourComments()[0]!.body).toMatch(/🚫[^\n]*cancelled/);
      const post = await runPostStep(sandbox, main.state);
      expect(post.code).toBe(0);
      expect(sandbox.deployments[0]!.statuses.map((s) => s.state)).toEqual([
        'in_progress',
        'error',
      ]);
    },
  );

  it('main step killed mid-wait (SIGKILL): the post step posts error and marks the comment cancelled', async () => {
    sandbox.options.outcome = 'never';
    const main = await runIn(sandbox, 'deskforge', REPORTING, {
      ...prEvent(),
      signal: {
        name: 'SIGKILL',
        when: () =>
          (sandbox.deployments[0]?.statuses.some((s) => s.state === 'in_progress') ?? false) &&
          ourComments().length === 1 &&
          actionStatuses(sandbox).length === 1,
      },
    });
    expect(main.signal).toBe('SIGKILL');
    expect(sandbox.deployments[0]!.statuses.map((s) => s.state)).toEqual(['in_progress']);
    expect(ourComments()[0]!.body).toMatch(/building|queued/);

    const post = await runPostStep(sandbox, main.state);
    expect(post.code).toBe(0);
    const statuses = sandbox.deployments[0]!.statuses;
    expect(statuses.map((s) => s.state)).toEqual(['in_progress', 'error']);
    expect(statuses[1]!.description).toMatch(/Cancelled/);
    expect(statuses[1]!.log_url).toBe(statuses[0]!.log_url);
    expect(ourComments()).toHaveLength(1);
    expect(ourComments()[0]!.body).toMatch(/🚫[^\n]*cancelled/);
    expect(actionStatuses(sandbox).at(-1)!.state).toBe('error');
  });

  it.each([
    ['success', 0],
    ['failure', 1],
  ] as const)(
    '403 on deployments and comments: one warning each, and the exit code follows the build (%s)',
    async (outcome, code) => {
      sandbox.options.outcome = outcome;
      sandbox.options.github.deploymentsForbidden = true;
      sandbox.options.github.commentsForbidden = true;
      const result = await runIn(sandbox, 'deskforge', REPORTING, prEvent());
      expect(result.code).toBe(code);
      expect(result.outputs['status']).toBe(outcome);
      const w = warnings(result);
      expect(w.filter((m) => m.includes('deployments: write'))).toHaveLength(1);
      expect(w.filter((m) => m.includes('pull-requests: write'))).toHaveLength(1);
      expect(w).toHaveLength(2);
      expect(sandbox.deployments).toHaveLength(0);
      expect(sandbox.comments).toHaveLength(0);
      expect(result.outputs['deployment-id']).toBe('');
      expect(actionStatuses(sandbox).map((s) => s.state)).toEqual(['pending', outcome]);
      expectHygiene(sandbox, result);
    },
  );

  it('wait: false leaves the deployment queued with a note, and the post step leaves it so', async () => {
    const main = await runIn(sandbox, 'deskforge', { ...REPORTING, wait: 'false' }, prEvent());
    expect(main.code).toBe(0);
    expect(sandbox.deployments[0]!.statuses.map((s) => s.state)).toEqual(['queued']);
    expect(sandbox.deployments[0]!.statuses[0]!.description).toMatch(/wait: false/);
    await runPostStep(sandbox, main.state);
    expect(sandbox.deployments[0]!.statuses.map((s) => s.state)).toEqual(['queued']);
    expect(ourComments()[0]!.body).toMatch(/not followed/);
  });
});

describe('the comment', () => {
  it("is found through many pages, past other authors' look-alikes, and two contexts keep two comments", async () => {
    const marker = (context: string) =>
      `<!-- trigger-build-action:pr-comment context=${encodeURIComponent(context)} -->`;
    const at = Date.now();
    const seed = (body: string, login: string) =>
      sandbox.comments.push({
        id: 100 + sandbox.comments.length,
        owner: 'octo-org',
        repo: 'octo-repo',
        issue: PR,
        body,
        user: { login, id: 1, type: login.endsWith('[bot]') ? 'Bot' : 'User' },
        at,
        updatedAt: at,
        updates: 0,
      });
    for (let i = 0; i < 130; i++) seed(`review note ${i}`, 'reviewer');
    seed(`${marker('build/deskforge')}\nplanted`, 'mallory');
    const first = await runIn(
      sandbox,
      'deskforge',
      { 'pr-comment': 'true', 'poll-interval': '1s' },
      prEvent(),
    );
    expect(first.code).toBe(0);
    expect(sandbox.comments.find((c) => c.user.login === 'mallory')?.body).toContain('planted');
    expect(ourComments()).toHaveLength(1);
    const ours = ourComments()[0]!;

    const other = await runIn(
      sandbox,
      'deskforge',
      { 'pr-comment': 'true', 'poll-interval': '1s', 'status-context': 'deskforge/mac' },
      prEvent(),
    );
    expect(other.code).toBe(0);
    expect(ourComments()).toHaveLength(2);

    await runIn(sandbox, 'deskforge', { 'pr-comment': 'true', 'poll-interval': '1s' }, prEvent());
    expect(ourComments()).toHaveLength(2);
    expect(ourComments()[0]!.id).toBe(ours.id);
    // It was found on a later page: the list was read past the first 100.
    expect(
      sandbox.requests.some(
        (r) =>
          r.provider === 'github' && r.path.includes('/comments') && r.query.includes('page=2'),
      ),
    ).toBe(true);
  });

  it('goes on the pr-number input in a push workflow, by a user token identity', async () => {
    sandbox.options.github.identity = 'release-bot';
    const result = await runIn(sandbox, 'deskforge', {
      'pr-comment': 'true',
      'pr-number': '12',
      'poll-interval': '1s',
    });
    expect(result.code).toBe(0);
    await runIn(sandbox, 'deskforge', {
      'pr-comment': 'true',
      'pr-number': '12',
      'poll-interval': '1s',
    });
    const comments = sandbox.comments.filter((c) => c.issue === 12);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.user.login).toBe('release-bot');
  });

  it('is skipped quietly when the run is not about a pull request', async () => {
    const result = await runIn(sandbox, 'deskforge', {
      'pr-comment': 'true',
      'poll-interval': '1s',
    });
    expect(result.code).toBe(0);
    expect(sandbox.comments).toHaveLength(0);
    expect(warnings(result)).toEqual([]);
  });
});
