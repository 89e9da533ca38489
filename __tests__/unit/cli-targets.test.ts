import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/server.mjs';
import { EXIT, runCli } from '../../src/cli/run.js';
import { CliLog, LiveLine } from '../../src/cli/output.js';
import type { TriggeredEvent } from '../../src/engine/reporters/types.js';
import { finalStatuses, RESULT_KEYS } from '../integration/helpers.js';
import { scratchDir } from '../scratch.js';
import { fakeGithubApi } from './fake-github.js';

const TOKEN = 'sandbox-token';
const GITHUB_TOKEN = 'ghs_clitargetsunit0001';

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

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** runCli in-process, as `trigger-build --provider deskforge ...` with commit statuses on. */
async function cli(
  extra: string[],
  options: {
    timeout?: string;
    signals?: EventEmitter;
    onLog?: (text: string, signals: EventEmitter) => void;
  } = {},
): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const signals = options.signals ?? new EventEmitter();
  const code = await runCli(
    [
      '--provider',
      'deskforge',
      '--project',
      'proj_desk',
      '--platform',
      'linux',
      '--api-url',
      sandbox.apiUrl('deskforge'),
      '--poll-interval',
      '1s',
      '--timeout',
      options.timeout ?? '15s',
      '--repo',
      'octo-org/octo-repo',
      '--sha',
      sandbox.sha,
      ...extra,
    ],
    {
      env: {
        TRIGGER_BUILD_TOKEN: TOKEN,
        GITHUB_TOKEN,
        GITHUB_API_URL: sandbox.githubApiUrl,
      },
      stdout: { write: (t: string) => (stdout += t) },
      stderr: {
        write: (t: string) => {
          stderr += t;
          options.onLog?.(stderr, signals);
        },
      },
      signals,
      exit: () => undefined,
    },
  );
  return { code, stdout, stderr };
}

function expectNoSecret(run: Run): void {
  for (const secret of [TOKEN, GITHUB_TOKEN]) {
    expect(run.stdout + run.stderr).not.toContain(secret);
  }
}

const TWO = `
- platform: mac
- platform: windows
  project: fail-desk
  name: windows
`;

// Each run ends within its own --timeout (15 s at most); the bound leaves room for the slow machine.
describe('the CLI with --targets (in-process, against the sandbox)', { timeout: 25_000 }, () => {
  it("success + failure: both built, exit 1, --json is the action's results, dotenv has its outputs", async () => {
    const file = path.join(scratchDir('tba-cli-t'), 'build.env');
    const run = await cli(['--targets', TWO, '--json', '--output-env', file]);
    expect(run.code, run.stderr).toBe(EXIT.buildFailed);

    const results = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(results).toHaveLength(2);
    for (const entry of results) expect(Object.keys(entry)).toEqual(RESULT_KEYS);
    expect(results.map((r) => [r['name'], r['provider'], r['status']])).toEqual([
      ['mac', 'deskforge', 'success'],
      ['windows', 'deskforge', 'failure'],
    ]);
    const builds = sandbox.builds.filter((b) => !b.seeded && b.provider === 'deskforge');
    expect(builds).toHaveLength(2);
    // Each entry is its own build, as the sandbox saw it.
    expect(new Set(results.map((r) => r['build-id']))).toEqual(new Set(builds.map((b) => b.id)));
    expect(typeof results[0]!['duration']).toBe('number');
    expect(results[1]!['message']).toMatch(/failed/);

    expect(finalStatuses(sandbox)).toEqual({
      'build/deskforge (mac)': 'success',
      'build/deskforge (windows)': 'failure',
    });

    // Log: every target's lines carry its name; one error line for the failed one; the aggregate.
    expect(run.stderr).toMatch(/^\[mac\] /m);
    expect(run.stderr).toMatch(/^\[windows\] /m);
    expect(run.stderr).toMatch(/^\[mac\] Done: success\.$/m);
    expect(run.stderr.match(/^error: /gm)).toHaveLength(1);
    expect(run.stderr).toMatch(/^error: \[windows\] Deskforge build \S+ failed/m);
    expect(run.stderr).toMatch(/^2 targets: failure \(1 success, 1 failure\)\.$/m);

    // The dotenv file: the action's single-value outputs (empty with targets, as in the action),
    // the aggregate status and results as one line of JSON.
    const dotenv = fs.readFileSync(file, 'utf8');
    expect(dotenv).toMatch(/^STATUS=failure$/m);
    expect(dotenv).toMatch(/^BUILD_ID=$/m);
    expect(dotenv).toMatch(/^DEPLOY_URL=$/m);
    const line = /^RESULTS=(.*)$/m.exec(dotenv)?.[1];
    expect(JSON.parse(line ?? '')).toEqual(results);
    expectNoSecret(run);
  });

  it('success + timeout: exit 3 (timed_out is the worst status)', async () => {
    const run = await cli(
      ['--targets', '- platform: mac\n- project: slow-desk\n  name: slow', '--json'],
      { timeout: '3s' },
    );
    expect(run.code, run.stderr).toBe(EXIT.timedOut);
    const results = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(results.map((r) => r['status'])).toEqual(['success', 'timed_out']);
    expect(finalStatuses(sandbox)['build/deskforge (slow)']).toBe('error');
  });

  it('failure beats timeout for the exit code, as in the aggregate status; --no-fail-on-error exits 0', async () => {
    const targets = '- project: fail-desk\n  name: bad\n- project: slow-desk\n  name: slow';
    const run = await cli(['--targets', targets, '--json'], { timeout: '3s' });
    expect(run.code, run.stderr).toBe(EXIT.buildFailed);
    expect((JSON.parse(run.stdout) as { status: string }[]).map((r) => r.status)).toEqual([
      'failure',
      'timed_out',
    ]);

    sandbox.reset();
    const lenient = await cli(['--targets', targets, '--no-fail-on-error'], { timeout: '3s' });
    expect(lenient.code, lenient.stdout).toBe(EXIT.success);
    expect(lenient.stdout).toMatch(/^warning: \[bad\] .*fail-on-error is false/m);
  });

  it('a build failure and a tool failure (bad credentials) on another target: exit 4', async () => {
    const run = await cli([
      '--targets',
      '- project: fail-desk\n  name: bad\n- platform: mac\n  token: not-the-token\n  name: creds',
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(EXIT.toolFailed);
    const results = JSON.parse(run.stdout) as { status: string; message: string }[];
    expect(results.map((r) => r.status)).toEqual(['failure', 'failure']);
    expect(results[1]!.message).toMatch(/401/);
    expect(run.stderr.match(/^error: /gm)).toHaveLength(2);
    expect(run.stderr).not.toContain('not-the-token');
  });

  it('--fail-fast --max-parallel 1: the failure stops the rest, which never start; exit 1', async () => {
    const run = await cli([
      '--targets',
      '- project: fail-desk\n  name: first\n- platform: mac\n  name: second',
      '--fail-fast',
      '--max-parallel',
      '1',
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(EXIT.buildFailed);
    const results = JSON.parse(run.stdout) as { status: string; message: string }[];
    expect(results.map((r) => r.status)).toEqual(['failure', 'cancelled']);
    expect(results[1]!.message).toBe('not awaited: fail-fast');
    expect(sandbox.buildsCreated('deskforge')).toBe(1);
    expect(finalStatuses(sandbox)).toEqual({
      'build/deskforge (first)': 'failure',
      'build/deskforge (second)': 'error',
    });
    // Only the failed target is an error; the one fail-fast stopped is not a failure of its own.
    expect(run.stderr.match(/^error: /gm)).toHaveLength(1);
  });

  it('SIGINT with several targets closes every status, started or queued, and exits 130', async () => {
    const run = await cli(
      [
        '--targets',
        '- project: slow-a\n- project: slow-b\n- project: slow-c',
        '--max-parallel',
        '2',
        '--json',
      ],
      {
        onLog: (text, signals) => {
          // Both running targets have triggered their builds: interrupt once.
          if (/\[slow-a\].*build_\w+/.test(text) && /\[slow-b\].*build_\w+/.test(text)) {
            if (signals.listenerCount('SIGINT') > 0 && !text.includes('Received SIGINT')) {
              signals.emit('SIGINT', 'SIGINT');
            }
          }
        },
      },
    );
    expect(run.code, run.stderr).toBe(EXIT.interrupted);
    expect(sandbox.buildsCreated('deskforge')).toBe(2);
    const states = finalStatuses(sandbox);
    expect(Object.keys(states).sort()).toEqual([
      'build/deskforge (slow-a)',
      'build/deskforge (slow-b)',
      'build/deskforge (slow-c)',
    ]);
    for (const [context, state] of Object.entries(states)) expect(state, context).toBe('error');
    const results = JSON.parse(run.stdout) as { status: string }[];
    expect(results.map((r) => r.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expectNoSecret(run);
  });

  it('SIGINT while GitHub hangs: when the grace period runs out, --json still lists every target as cancelled, exit 130', async () => {
    const exits: number[] = [];
    let stdout = '';
    let stderr = '';
    const signals = new EventEmitter();
    const { api } = fakeGithubApi();
    // Every commit status write hangs: the closing ones too, so the run cannot finish in time.
    const hanging = { ...api, createStatus: () => new Promise<void>(() => undefined) };
    void runCli(
      [
        '--provider',
        'deskforge',
        '--project',
        'slow-a',
        '--platform',
        'linux',
        '--api-url',
        sandbox.apiUrl('deskforge'),
        '--timeout',
        '60s',
        '--repo',
        'octo-org/octo-repo',
        '--sha',
        sandbox.sha,
        '--targets',
        '- name: one\n- name: two',
        '--json',
      ],
      {
        env: { TRIGGER_BUILD_TOKEN: TOKEN, GITHUB_TOKEN },
        stdout: { write: (t: string) => (stdout += t) },
        stderr: {
          write: (t: string) => {
            stderr += t;
            if ((stderr.match(/Triggered Deskforge build/g) ?? []).length === 2) {
              if (!stderr.includes('Received SIGINT')) signals.emit('SIGINT', 'SIGINT');
            }
          },
        },
        signals,
        exit: (code) => exits.push(code),
        github: () => hanging,
      },
    );
    await vi.waitFor(() => expect(exits).toEqual([EXIT.interrupted]), {
      timeout: 15_000,
      interval: 100,
    });
    const results = JSON.parse(stdout) as { name: string; status: string; message: string }[];
    expect(results.map((r) => [r.name, r.status])).toEqual([
      ['one', 'cancelled'],
      ['two', 'cancelled'],
    ]);
    expect(results[0]!.message).toMatch(/ran out before this target was closed/);
  });

  it("a bad target is exit 2 before any request, with the action's empty results", async () => {
    const run = await cli(['--targets', '- platform: mac\n- arch: arm', '--json']);
    expect(run.code).toBe(EXIT.badInput);
    expect(run.stderr).toMatch(/error: Input 'targets' has a bad target 2 of 2/);
    expect(JSON.parse(run.stdout)).toEqual([]);
    expect(sandbox.requests.filter((r) => r.provider === 'deskforge')).toHaveLength(0);
  });

  it('TRIGGER_BUILD_TARGETS works like --targets', async () => {
    let stdout = '';
    const code = await runCli(['--json'], {
      env: {
        TRIGGER_BUILD_PROVIDER: 'deskforge',
        TRIGGER_BUILD_PROJECT: 'proj_desk',
        TRIGGER_BUILD_API_URL: sandbox.apiUrl('deskforge'),
        TRIGGER_BUILD_TOKEN: TOKEN,
        TRIGGER_BUILD_POLL_INTERVAL: '1s',
        TRIGGER_BUILD_TIMEOUT: '15s',
        TRIGGER_BUILD_TARGETS: '- platform: mac\n- platform: linux',
      },
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { write: () => true },
      signals: new EventEmitter(),
    });
    expect(code).toBe(EXIT.success);
    const results = JSON.parse(stdout) as { name: string; status: string }[];
    expect(results.map((r) => [r.name, r.status])).toEqual([
      ['mac', 'success'],
      ['linux', 'success'],
    ]);
    expect(sandbox.buildsCreated('deskforge')).toBe(2);
  });
});

describe('the live line with several targets', { timeout: 5_000 }, () => {
  it('shows every running target and goes away only when the last one ends', async () => {
    let out = '';
    const log = new CliLog({ write: (t: string) => (out += t), isTTY: true });
    let now = 1000;
    const live = new LiveLine(log, () => now);
    const a = live.reporter('mac');
    const b = live.reporter('linux');
    const event = (id: string, state: 'queued' | 'building'): TriggeredEvent =>
      ({
        build: { id, state, providerStatus: state },
        providerTitle: 'Deskforge',
        at: 1000,
        waiting: true,
      }) as unknown as TriggeredEvent;
    await a.triggered!(event('b1', 'queued'));
    await b.triggered!(event('b2', 'building'));
    now = 6000;
    log.info('x');
    expect(out).toContain('… [mac] queued · [linux] building · 5s');
    await a.finished!({} as never);
    out = '';
    log.info('y');
    expect(out).toContain('… [linux] building · 5s');
    await b.finished!({} as never);
    out = '';
    log.info('z');
    expect(out).toBe('z\n');
    log.stopLive();
  });
});
