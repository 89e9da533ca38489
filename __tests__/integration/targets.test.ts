import { describe, expect, it } from 'vitest';
import { useSandbox } from './sandbox-world.js';
import { actionStatuses, expectHygiene, runIn, runPostStep } from './helpers.js';
import { itWithSignals } from './helpers.js';

const sandbox = useSandbox({ buildMs: 1500 });

const THREE = `
- platform: mac
  arch: arm64
- platform: windows
  project: fail-desk
  name: windows
- platform: linux
`;

interface Entry {
  name: string;
  provider: string;
  'build-id': string;
  status: string;
  'provider-status': string;
  'artifact-url': string;
  'log-url': string;
  duration: number;
  message: string;
}

/** The last status the action posted per context. */
function finalStates(): Record<string, string> {
  const last: Record<string, string> = {};
  for (const s of actionStatuses(sandbox)) last[s.context] = s.state;
  return last;
}

function ownBuilds() {
  return sandbox.builds.filter((b) => !b.seeded && b.provider === 'deskforge');
}

describe('targets: several Deskforge builds in one step', () => {
  it('three targets, one failing: three statuses, results matching the builds, failure, three summary rows', async () => {
    const result = await runIn(sandbox, 'deskforge', { targets: THREE, platform: '' });
    expect(result.code).toBe(1);
    expect(finalStates()).toEqual({
      'build/deskforge (mac arm64)': 'success',
      'build/deskforge (windows)': 'failure',
      'build/deskforge (linux)': 'success',
    });
    for (const context of Object.keys(finalStates())) {
      expect(
        actionStatuses(sandbox)
          .filter((s) => s.context === context)
          .map((s) => s.state)[0],
      ).toBe('pending');
    }
    expect(result.outputs['status']).toBe('failure');
    expect(result.outputs['build-id']).toBe('');
    expect(result.outputs['log-url']).toBe('');

    const results = JSON.parse(result.outputs['results'] ?? '') as Entry[];
    expect(results.map((r) => [r.name, r.provider, r.status])).toEqual([
      ['mac arm64', 'deskforge', 'success'],
      ['windows', 'deskforge', 'failure'],
      ['linux', 'deskforge', 'success'],
    ]);
    const builds = ownBuilds();
    expect(builds).toHaveLength(3);
    const expected = [
      { project: 'proj_desk', platform: 'mac', arch: 'arm64', outcome: 'success' },
      { project: 'fail-desk', platform: 'windows', arch: 'x64', outcome: 'failure' },
      { project: 'proj_desk', platform: 'linux', arch: 'x64', outcome: 'success' },
    ];
    results.forEach((entry, i) => {
      const build = builds.find((b) => b.id === entry['build-id']);
      expect(build, `results[${i}] names a build the sandbox created`).toMatchObject(expected[i]!);
      expect(entry['log-url']).toContain(entry['build-id']);
      if (entry.status === 'success') expect(entry['artifact-url']).toContain(entry['build-id']);
    });
    expect(Number(result.outputs['duration'])).toBe(Math.max(...results.map((r) => r.duration)));

    const rows = [...result.summary.matchAll(/<tr>(.*?)<\/tr>/g)].map((m) => m[1] ?? '');
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatch(/^<th>Target<\/th>/);
    expect(
      rows.slice(1).map((r) => /^<td>([^<]*)<\/td><td>([^<]*)<\/td>/.exec(r)?.slice(1)),
    ).toEqual([
      ['mac arm64', '✅ success (success)'],
      ['windows', '❌ failure (failed)'],
      ['linux', '✅ success (success)'],
    ]);
    // Every cell is closed (the summary builder leaves an empty cell unclosed).
    for (const row of rows.slice(1)) expect(row.match(/<td>/g)).toHaveLength(6);
    for (const row of rows.slice(1)) expect(row.match(/<\/td>/g)).toHaveLength(6);
    expect(result.summary).toMatch(/<h3>❌ 3 builds: failure<\/h3>/);

    // One error line, for the failed target, naming it.
    const errors = result.commands.filter((c) => c.command === 'error');
    expect(errors.map((e) => e.data)).toEqual([
      expect.stringMatching(/^\[windows\] Deskforge build/),
    ]);
    // Each target's lines carry its name.
    expect(result.stdout).toMatch(/^\[mac arm64\] Triggered Deskforge build build_/m);
    expectHygiene(sandbox, result);
  });

  it('max-parallel: 1 never has two builds in flight', async () => {
    const result = await runIn(sandbox, 'deskforge', {
      targets: '- platform: mac\n- platform: windows\n- platform: linux',
      'max-parallel': '1',
    });
    expect(result.code).toBe(0);
    expect(result.outputs['status']).toBe('success');
    const builds = ownBuilds().sort((a, b) => a.createdAt - b.createdAt);
    expect(builds.map((b) => b.platform)).toEqual(['mac', 'windows', 'linux']);
    for (let i = 1; i < builds.length; i++) {
      // The sandbox's own record: each build was created after the one before it had ended.
      expect(builds[i]!.createdAt).toBeGreaterThanOrEqual(builds[i - 1]!.endsAt!);
    }
    // Run one at a time, each target's steps are real log groups.
    expect(result.commands.filter((c) => c.command === 'group').map((c) => c.data)).toEqual([
      '[mac] Trigger Deskforge build',
      '[mac] Wait for Deskforge build',
      '[windows] Trigger Deskforge build',
      '[windows] Wait for Deskforge build',
      '[linux] Trigger Deskforge build',
      '[linux] Wait for Deskforge build',
    ]);
  });

  it('by default runs them side by side', async () => {
    const result = await runIn(sandbox, 'deskforge', {
      targets: '[{"platform": "mac"}, {"platform": "windows"}, {"platform": "linux"}]',
    });
    expect(result.code).toBe(0);
    const builds = ownBuilds();
    expect(builds).toHaveLength(3);
    const lastCreated = Math.max(...builds.map((b) => b.createdAt));
    const firstEnded = Math.min(...builds.map((b) => b.endsAt!));
    expect(lastCreated).toBeLessThan(firstEnded);
  });

  it('fail-fast: the others get error "not awaited: fail-fast" and are cancelled in results', async () => {
    const result = await runIn(sandbox, 'deskforge', {
      targets:
        '- {platform: mac, project: slow-desk, name: mac}\n- {platform: windows, project: fail-desk, name: windows}\n- {platform: linux, project: slow-desk, name: linux}',
      'fail-fast': 'true',
    });
    expect(result.code).toBe(1);
    const results = JSON.parse(result.outputs['results'] ?? '') as Entry[];
    expect(results.map((r) => r.status)).toEqual(['cancelled', 'failure', 'cancelled']);
    expect(results[0]?.message).toBe('not awaited: fail-fast');
    expect(result.outputs['status']).toBe('failure');
    const last = (context: string) =>
      actionStatuses(sandbox)
        .filter((s) => s.context === context)
        .at(-1);
    expect(last('build/deskforge (mac)')).toMatchObject({
      state: 'error',
      description: 'not awaited: fail-fast',
    });
    expect(last('build/deskforge (windows)')?.state).toBe('failure');
    expect(result.durationMs).toBeLessThan(15_000);
    expectHygiene(sandbox, result);
  });

  it('a bad target fails before any request, naming its index, name and input', async () => {
    const result = await runIn(sandbox, 'deskforge', {
      targets: '- platform: mac\n- platform: amiga\n  name: retro\n  token: tok-in-target-0001',
    });
    expect(result.code).toBe(1);
    const errors = result.commands.filter((c) => c.command === 'error');
    expect(errors.map((e) => e.data)).toEqual([
      expect.stringMatching(
        /^Input 'targets' has a bad target 2 of 2 \('retro'\): input 'platform' has an unknown value 'amiga'/,
      ),
    ]);
    expect(sandbox.requests).toHaveLength(0);
    expect(result.outputs['results']).toBe('[]');
    // The target's token was masked before validation.
    expect(result.stdout).toContain('::add-mask::tok-in-target-0001');
    expect(result.stdout.replaceAll('::add-mask::tok-in-target-0001', '')).not.toContain(
      'tok-in-target-0001',
    );
  });

  it('an unknown key is an error naming it, before any request', async () => {
    const result = await runIn(sandbox, 'deskforge', { targets: '- platfrom: mac' });
    expect(result.code).toBe(1);
    expect(result.commands.find((c) => c.command === 'error')?.data).toMatch(
      /target 1 of 1 \('mac'\): unknown key 'platfrom'/,
    );
    expect(sandbox.requests).toHaveLength(0);
  });

  it('a single build sets results too: an array of one', async () => {
    const result = await runIn(sandbox, 'deskforge');
    expect(result.code).toBe(0);
    const results = JSON.parse(result.outputs['results'] ?? '') as Entry[];
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({
      name: 'deskforge',
      provider: 'deskforge',
      'build-id': result.outputs['build-id'],
      status: 'success',
    });
    expect(actionStatuses(sandbox).map((s) => s.context)).toEqual([
      'build/deskforge',
      'build/deskforge',
    ]);
  });
});

describe('targets: cancellation and the post step', () => {
  const SLOW = '- platform: mac\n- platform: windows\n- platform: linux';

  itWithSignals(
    'SIGINT mid-wait closes every target, started or queued; the post step then has nothing to do',
    async () => {
      sandbox.options.outcome = 'never';
      const main = await runIn(
        sandbox,
        'deskforge',
        { targets: SLOW, 'max-parallel': '2' },
        {
          signal: {
            name: 'SIGINT',
            when: () => actionStatuses(sandbox).filter((s) => s.state === 'pending').length >= 2,
          },
        },
      );
      expect(main.outputs['status']).toBe('cancelled');
      expect(main.code).toBe(1);
      const states = finalStates();
      expect(Object.keys(states)).toHaveLength(3);
      for (const state of Object.values(states)) expect(state).toBe('error');
      expect(main.durationMs).toBeLessThan(12_000);

      const before = actionStatuses(sandbox).length;
      const post = await runPostStep(sandbox, main.state);
      expect(post.code).toBe(0);
      expect(actionStatuses(sandbox)).toHaveLength(before);
    },
  );

  it('when the main step is killed, the post step finishes every pending target', async () => {
    sandbox.options.outcome = 'never';
    const main = await runIn(
      sandbox,
      'deskforge',
      { targets: SLOW },
      {
        signal: {
          name: 'SIGKILL',
          when: () => actionStatuses(sandbox).filter((s) => s.state === 'pending').length >= 3,
        },
      },
    );
    expect(main.signal).toBe('SIGKILL');
    expect(Object.values(finalStates())).toEqual(['pending', 'pending', 'pending']);

    const post = await runPostStep(sandbox, main.state);
    expect(post.code).toBe(0);
    expect(finalStates()).toEqual({
      'build/deskforge (mac)': 'error',
      'build/deskforge (windows)': 'error',
      'build/deskforge (linux)': 'error',
    });
  });
});
