/**
 * GitHub calls under the one client policy, seen from outside through dist/: every call ends by
 * `timeout` (the closing writes get the stated 10 s grace), a failing GitHub is named as the party
 * that failed, and a create whose answer was lost is looked for instead of being made twice.
 */
import { describe, expect, it, vi } from 'vitest';
import { rng } from '../../sandbox/worlds.mjs';
import type { FaultSpec } from '../../sandbox/server.mjs';
import { errors, ourComments, PR, prEvent, useSandbox, warnings } from './sandbox-world.js';
import { actionStatuses, expectHygiene, runIn, runPostStep } from './helpers.js';

const sandbox = useSandbox({ buildMs: 900 });

vi.setConfig({ testTimeout: 120_000 });

/** The grace docs/github-writes.md states for the closing writes, past `timeout`. */
const GRACE_MS = 10_000;
/** Node's start, the bundle's load and a loaded 2-core machine. */
const SLACK_MS = 5000;

describe('timeout bounds GitHub too', () => {
  it('with every commit-status write answered 500, main and post together end near timeout + grace', async () => {
    sandbox.options.outcome = 'never';
    sandbox.inject({
      provider: 'github',
      method: 'POST',
      path: /\/statuses\/[0-9a-f]+$/,
      status: 500,
      times: 1000,
    });
    const main = await runIn(
      sandbox,
      'deskforge',
      { timeout: '10s', 'poll-interval': '2s' },
      { timeoutMs: 90_000 },
    );
    expect(main.outputs['status']).toBe('timed_out');
    const post = await runPostStep(sandbox, main.state);
    expect(post.code).toBe(0);
    // Before: 67 s (Octokit's retry plugin waited 1 + 4 + 9 s per write, past the timeout).
    expect(main.durationMs + post.durationMs).toBeLessThan(10_000 + GRACE_MS + SLACK_MS);
    // The warnings name GitHub and what it answered.
    expect(warnings(main).join('\n')).toMatch(/GitHub: post the commit status failed: HTTP 500/);
  });

  it("with GitHub's status list hanging, Jamdesk's wait ends at timeout and names GitHub", async () => {
    sandbox.inject({
      provider: 'github',
      method: 'GET',
      path: /\/commits\/[^/]+\/statuses$/,
      delayMs: 120_000,
      times: 1000,
    });
    const result = await runIn(sandbox, 'jamdesk', { timeout: '5s' }, { timeoutMs: 60_000 });
    expect(result.outputs['status']).toBe('timed_out');
    expect(result.durationMs).toBeLessThan(5000 + GRACE_MS + SLACK_MS);
    const line = errors(result).join('\n');
    expect(line).toMatch(/GitHub: list the statuses of [0-9a-f]{7} failed: no answer/);
    expect(line).not.toMatch(/Jamdesk: trigger the rebuild failed/);
  });

  it("with GitHub's status list failing 500, the error names GitHub and its answer, not Jamdesk", async () => {
    sandbox.inject({
      provider: 'github',
      method: 'GET',
      path: /\/commits\/[^/]+\/statuses$/,
      status: 500,
      times: 1000,
    });
    const result = await runIn(sandbox, 'jamdesk', { timeout: '10s' }, { timeoutMs: 60_000 });
    expect(result.outputs['status']).not.toBe('success');
    expect(result.durationMs).toBeLessThan(10_000 + GRACE_MS + SLACK_MS);
    const line = errors(result).join('\n');
    expect(line).toMatch(/GitHub: list the statuses of [0-9a-f]{7} failed: HTTP 500/);
    expect(line).not.toMatch(/Jamdesk: trigger the rebuild failed/);
    // The trigger itself went out once, in time.
    expect(sandbox.buildsCreated('jamdesk')).toBe(1);
  });
});

/** Ways a create can lose its answer after GitHub made the thing, and ways it can fail before. */
const LOST: ((r: () => number) => FaultSpec)[] = [
  (r) => ({ status: [500, 502, 503][Math.floor(r() * 3)]!, processed: true }),
  () => ({ reset: 'after' }),
  () => ({ status: 502 }),
  () => ({ reset: 'before' }),
];

/**
 * A seeded schedule of lost answers on the deployment and comment creates (and failures of the
 * lists the action looks in), each route failing at most twice so the three attempts can succeed.
 */
function lostAnswers(seed: number): FaultSpec[] {
  const r = rng(seed);
  const faults: FaultSpec[] = [];
  const routes: Pick<FaultSpec, 'method' | 'path'>[] = [
    { method: 'POST', path: /\/deployments$/ },
    { method: 'POST', path: /\/issues\/\d+\/comments$/ },
    { method: 'GET', path: /\/deployments$/ },
    { method: 'GET', path: /\/issues\/\d+\/comments$/ },
  ];
  for (const [i, route] of routes.entries()) {
    // Creates always lose at least one answer; lists fail now and then.
    const count = i < 2 ? 1 + Math.floor(r() * 2) : Math.floor(r() * 2);
    for (let n = 0; n < count; n++) {
      const make = i < 2 ? LOST[Math.floor(r() * LOST.length)]! : () => ({ status: 500 });
      faults.push({ provider: 'github', ...route, ...make(r) });
    }
  }
  return faults;
}

describe('GitHub creates whose answer was lost', () => {
  it.each([1, 2, 3, 4, 5])(
    'seed %i: exactly one deployment and one sticky comment, both finished',
    async (seed) => {
      const faults = lostAnswers(seed);
      for (const fault of faults) sandbox.inject(fault);
      const result = await runIn(
        sandbox,
        'deskforge',
        { environment: `preview-pr-${PR}`, 'pr-comment': 'true', 'poll-interval': '1s' },
        prEvent(sandbox),
      );
      const world = `seed ${seed}: ${JSON.stringify(faults, (_, v: unknown) => (v instanceof RegExp ? String(v) : v))}`;
      expect(result.outputs['status'], world).toBe('success');
      expect(sandbox.deployments, world).toHaveLength(1);
      expect(sandbox.deployments[0]!.statuses.at(-1)?.state, world).toBe('success');
      expect(result.outputs['deployment-id'], world).toBe(String(sandbox.deployments[0]!.id));
      expect(ourComments(sandbox), world).toHaveLength(1);
      expect(ourComments(sandbox)[0]!.body, world).toContain('✅');
      expect(actionStatuses(sandbox).at(-1)?.state, world).toBe('success');
      expectHygiene(sandbox, result);
    },
  );
});
