/**
 * Issue 8 through dist/: defects a user meets only in worlds our other suites do not build.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/server.mjs';
import { actionStatuses, expectHygiene, runIn } from './helpers.js';

/** Every output the contract names. */
const OUTPUTS = [
  'build-id',
  'status',
  'provider-status',
  'deploy-url',
  'artifact-url',
  'log-url',
  'docker-image',
  'duration',
];

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ buildMs: 600 });
});
afterAll(async () => {
  await sandbox?.close();
});
beforeEach(() => {
  sandbox.reset();
  sandbox.options.outcome = 'success';
});

describe('defect 12: outputs when something throws before the build', () => {
  it('sets every output when RUNNER_TEMP cannot be used', async () => {
    const result = await runIn(
      sandbox,
      'deskforge',
      {},
      {
        env: { RUNNER_TEMP: '/proc/no-such-dir/runner-temp' },
      },
    );
    expect(result.code).toBe(1);
    for (const name of OUTPUTS) expect(Object.keys(result.outputs)).toContain(name);
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
