/**
 * How the deployment, the comment and the status end on every path: failure, timeout, cancel, SIGKILL plus the post step, 403, wait: false.
 */
import { describe, expect, it, vi } from 'vitest';
import { actionStatuses, expectHygiene, runIn, runPostStep, itWithSignals } from './helpers.js';
import { useReportingWorld, REPORTING } from './reporting-world.js';

const world = useReportingWorld();
const { prEvent, ourComments, warnings } = world;

// Each test runs the bundled action two or three times against builds of about a second.
vi.setConfig({ testTimeout: 60_000 });

describe('lifecycles', () => {
  it('failure: the deployment ends failure with the reason, the comment says why', async () => {
    world.sandbox.options.outcome = 'failure';
    const result = await runIn(world.sandbox, 'deskforge', REPORTING, prEvent());
    expect(result.code).toBe(1);
    const last = world.sandbox.deployments[0]!.statuses.at(-1)!;
    expect(last.state).toBe('failure');
    expect(last.description.length).toBeGreaterThan(0);
    expect(last.description.length).toBeLessThanOrEqual(140);
    expect(last.environment_url).toBeNull();
    expect(ourComments()).toHaveLength(1);
    expect(ourComments()[0]!.body).toMatch(/❌[\s\S]*\| Reason \|/);
    expect(actionStatuses(world.sandbox).map((s) => s.state)).toEqual(['pending', 'failure']);
    expectHygiene(world.sandbox, result);
  });

  it('timeout: the deployment ends error, the comment says timed out', async () => {
    world.sandbox.options.outcome = 'never';
    const result = await runIn(
      world.sandbox,
      'deployhub',
      { ...REPORTING, timeout: '3s' },
      prEvent(),
    );
    expect(result.outputs['status']).toBe('timed_out');
    const last = world.sandbox.deployments[0]!.statuses.at(-1)!;
    expect(last.state).toBe('error');
    expect(last.description).toMatch(/Timed out/);
    expect(ourComments()[0]!.body).toMatch(/⏱️[^\n]*timed out/);
  });

  itWithSignals(
    'cancel (SIGINT) mid-wait: error and "cancelled" from the main step; the post step has nothing left',
    async () => {
      world.sandbox.options.outcome = 'never';
      const main = await runIn(world.sandbox, 'deskforge', REPORTING, {
        ...prEvent(),
        signal: {
          name: 'SIGINT',
          when: () =>
            world.sandbox.deployments[0]?.statuses.some((s) => s.state === 'in_progress') ?? false,
        },
      });
      expect(main.outputs['status']).toBe('cancelled');
      expect(world.sandbox.deployments[0]!.statuses.map((s) => s.state)).toEqual([
        'in_progress',
        'error',
      ]);
      expect(ourComments()).toHaveLength(1);
      expect(ourComments()[0]!.body).toMatch(/🚫[^\n]*cancelled/);
      const post = await runPostStep(world.sandbox, main.state);
      expect(post.code).toBe(0);
      expect(world.sandbox.deployments[0]!.statuses.map((s) => s.state)).toEqual([
        'in_progress',
        'error',
      ]);
    },
  );

  it('main step killed mid-wait (SIGKILL): the post step posts error and marks the comment cancelled', async () => {
    world.sandbox.options.outcome = 'never';
    const main = await runIn(world.sandbox, 'deskforge', REPORTING, {
      ...prEvent(),
      signal: {
        name: 'SIGKILL',
        when: () =>
          (world.sandbox.deployments[0]?.statuses.some((s) => s.state === 'in_progress') ??
            false) &&
          ourComments().length === 1 &&
          actionStatuses(world.sandbox).length === 1,
      },
    });
    expect(main.signal).toBe('SIGKILL');
    expect(world.sandbox.deployments[0]!.statuses.map((s) => s.state)).toEqual(['in_progress']);
    expect(ourComments()[0]!.body).toMatch(/building|queued/);

    const post = await runPostStep(world.sandbox, main.state);
    expect(post.code).toBe(0);
    const statuses = world.sandbox.deployments[0]!.statuses;
    expect(statuses.map((s) => s.state)).toEqual(['in_progress', 'error']);
    expect(statuses[1]!.description).toMatch(/Cancelled/);
    expect(statuses[1]!.log_url).toBe(statuses[0]!.log_url);
    expect(ourComments()).toHaveLength(1);
    expect(ourComments()[0]!.body).toMatch(/🚫[^\n]*cancelled/);
    expect(actionStatuses(world.sandbox).at(-1)!.state).toBe('error');
  });

  it.each([
    ['success', 0],
    ['failure', 1],
  ] as const)(
    '403 on deployments and comments: one warning each, and the exit code follows the build (%s)',
    async (outcome, code) => {
      world.sandbox.options.outcome = outcome;
      world.sandbox.options.github.deploymentsForbidden = true;
      world.sandbox.options.github.commentsForbidden = true;
      const result = await runIn(world.sandbox, 'deskforge', REPORTING, prEvent());
      expect(result.code).toBe(code);
      expect(result.outputs['status']).toBe(outcome);
      const w = warnings(result);
      expect(w.filter((m) => m.includes('deployments: write'))).toHaveLength(1);
      expect(w.filter((m) => m.includes('pull-requests: write'))).toHaveLength(1);
      expect(w).toHaveLength(2);
      expect(world.sandbox.deployments).toHaveLength(0);
      expect(world.sandbox.comments).toHaveLength(0);
      expect(result.outputs['deployment-id']).toBe('');
      expect(actionStatuses(world.sandbox).map((s) => s.state)).toEqual(['pending', outcome]);
      expectHygiene(world.sandbox, result);
    },
  );

  it('wait: false leaves the deployment queued with a note, and the post step leaves it so', async () => {
    const main = await runIn(
      world.sandbox,
      'deskforge',
      { ...REPORTING, wait: 'false' },
      prEvent(),
    );
    expect(main.code).toBe(0);
    expect(world.sandbox.deployments[0]!.statuses.map((s) => s.state)).toEqual(['queued']);
    expect(world.sandbox.deployments[0]!.statuses[0]!.description).toMatch(/wait: false/);
    await runPostStep(world.sandbox, main.state);
    expect(world.sandbox.deployments[0]!.statuses.map((s) => s.state)).toEqual(['queued']);
    expect(ourComments()[0]!.body).toMatch(/not followed/);
  });
});
