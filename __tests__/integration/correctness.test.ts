/**
 * Issue 8 through dist/: defects a user meets only in worlds our other suites do not build.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useSandbox } from './sandbox-world.js';
import { actionStatuses, artifactDir, CONTRACT_OUTPUTS, expectHygiene, runIn } from './helpers.js';

const sandbox = useSandbox({ buildMs: 600 });

describe('defect 12: outputs when something throws before the build', () => {
  it('sets every output when RUNNER_TEMP cannot be used', async () => {
    const result = await runIn(
      sandbox,
      'deskforge',
      {},
      {
        // A directory under a regular file cannot be made on any OS.
        env: { RUNNER_TEMP: path.join(artifactDir(), 'index.js', 'runner-temp') },
      },
    );
    expect(result.code).toBe(1);
    for (const name of CONTRACT_OUTPUTS) expect(Object.keys(result.outputs)).toContain(name);
    expect(result.outputs['status']).toBe('failure');
    expectHygiene(sandbox, result);
  });
});

describe('defect 8: a forged command in provider text', () => {
  it('prints a failure reason carrying ##[error] without starting a command', async () => {
    const result = await runIn(sandbox, 'deskforge', {
      project: 'proj_##[error]forged',
      'status-context': 'ctx ##[warning]forged',
    });
    expect(
      result.commands.filter((c) => /forged/.test(c.data) && c.command !== 'add-mask'),
    ).toEqual([]);
    expect(result.stdout).not.toMatch(/##\[(error|warning)\]forged/);
  });
});

describe('defect 4: a short sha', () => {
  it('fails naming the input before any request', async () => {
    const result = await runIn(sandbox, 'deskforge', { sha: '8f14e45' });
    expect(result.code).toBe(1);
    expect(result.commands.find((c) => c.command === 'error')?.data).toMatch(
      /Input 'sha' must be a full commit sha \(40 hex characters\)/,
    );
    expect(sandbox.requests).toHaveLength(0);
    expect(actionStatuses(sandbox)).toHaveLength(0);
  });
});

describe('defect 3: project ..', () => {
  it('fails naming the input before any request', async () => {
    const result = await runIn(sandbox, 'deskforge', { project: '..' });
    expect(result.code).toBe(1);
    expect(result.commands.find((c) => c.command === 'error')?.data).toMatch(/Input 'project'/);
    expect(sandbox.requests).toHaveLength(0);
  });
});

describe('defect 11: Deskforge target_url', () => {
  it('points the commit status at a page a person can open, and keeps the API log URL as log-url', async () => {
    const result = await runIn(sandbox, 'deskforge');
    expect(result.code).toBe(0);
    const statuses = actionStatuses(sandbox);
    expect(statuses.length).toBeGreaterThan(0);
    for (const status of statuses) {
      expect(status.target_url).toBe('https://github.com/octo-org/octo-repo/actions/runs/4242');
    }
    expect(result.outputs['log-url']).toMatch(/\/builds\/[^/]+\/logs$/);
  });
});

describe('defect 2: Jamdesk when GitHub fails before the trigger', () => {
  it('reports a fast build that succeeded, though the pre-trigger read met an HTML page', async () => {
    sandbox.options.buildMs = 300;
    try {
      // The baseline read before the trigger gets a captive portal's page; the commit lookup
      // after it is slow, so Jamdesk has posted success before the adapter looks again.
      sandbox.inject({ provider: 'github', method: 'GET', path: /\/statuses$/, html: true });
      sandbox.inject({
        provider: 'github',
        method: 'GET',
        path: /\/commits\/[0-9a-f]+$/,
        delayMs: 800,
      });
      const result = await runIn(sandbox, 'jamdesk', { timeout: '12s' });
      expect(result.outputs['status']).toBe('success');
      expect(result.code).toBe(0);
      expect(actionStatuses(sandbox).at(-1)?.state).toBe('success');
      expectHygiene(sandbox, result);
    } finally {
      sandbox.options.buildMs = 600;
    }
  });
});

describe('conditional GitHub reads for Jamdesk', () => {
  it('sends If-None-Match with the last ETag and gets 304s while nothing changes', async () => {
    sandbox.options.buildMs = 5000;
    try {
      const result = await runIn(sandbox, 'jamdesk', { 'poll-interval': '1s' });
      expect(result.outputs['status']).toBe('success');
      const reads = sandbox.requests.filter(
        (r) => r.provider === 'github' && r.method === 'GET' && r.path.endsWith('/statuses'),
      );
      expect(reads.filter((r) => r.status === 304).length).toBeGreaterThan(0);
      for (const r of reads.slice(1)) expect(r.headers['if-none-match']).toBeTruthy();
    } finally {
      sandbox.options.buildMs = 600;
    }
  });
});

describe('defect 7: one build when the list lags', () => {
  it('finds the DeployHub build a lost answer created, though the list shows it 4 s late', async () => {
    sandbox.options.deployhubListDelayMs = 4000;
    try {
      sandbox.inject({ provider: 'deployhub', method: 'POST', reset: 'after' });
      const result = await runIn(sandbox, 'deployhub', { project: '65f3a2b1c4d5e6f7a8b9c0d2' });
      expect(sandbox.buildsCreated('deployhub')).toBe(1);
      expect(result.outputs['status']).toBe('success');
      expect(result.stdout).toMatch(/for up to 12s/);
      expectHygiene(sandbox, result);
    } finally {
      sandbox.options.deployhubListDelayMs = 0;
    }
  });
});

describe('defect 1: history that misleads does not stretch polling', () => {
  it('notices a 3 s DeployHub build within poll-interval though history says 95 s', async () => {
    sandbox.options.historyMs = 95_000;
    sandbox.options.buildMs = 3000;
    try {
      const project = '65f3a2b1c4d5e6f7a8b9c0d3';
      const result = await runIn(sandbox, 'deployhub', { project, 'poll-interval': '1s' });
      expect(result.outputs['status']).toBe('success');
      const build = sandbox.builds.find((b) => b.project === project);
      const endedAt = sandbox.buildEndedAt(build!.id)!;
      const reads = sandbox.requests.filter(
        (r) => r.provider === 'deployhub' && r.method === 'GET' && r.path.includes('/builds'),
      );
      const firstAfter = reads.find((r) => r.at >= endedAt);
      // The bound is poll-interval (checked exactly on a fake clock in polling-bound.test.ts);
      // the slack absorbs process scheduling on a loaded machine. Before the fix the first read
      // after the end came about 19 s late.
      expect(firstAfter!.at - endedAt).toBeLessThanOrEqual(1000 + 4000);
    } finally {
      sandbox.options.historyMs = 600;
      sandbox.options.buildMs = 600;
    }
  });
});
