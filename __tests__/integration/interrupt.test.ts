/**
 * Interrupts through dist/: SIGTERM while many targets wait. Every host closes every target's
 * commit status and deployment before it exits (queued targets at once, no `pending` after the
 * cancel), and the CLI, which has no post step, still prints --json and writes --output-env.
 */
import { runCli, type CliRun } from './cli-run.js';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { useSandbox } from './sandbox-world.js';
import { scratchDir } from '../scratch.js';
import {
  actionStatuses,
  expectGitHubConformance,
  itWithSignals,
  RESULT_KEYS,
  runAction,
  SECRETS,
} from './helpers.js';

const sandbox = useSandbox({ buildMs: 900 });

/** Runs the CLI and sends SIGTERM once `when(stderr)` holds; bounded by `limitMs`. */
function runCliUntil(
  args: string[],
  env: Record<string, string>,
  when: (log: string) => boolean,
  limitMs = 40_000,
): Promise<CliRun> {
  return runCli(args, env, {
    timeoutMs: limitMs,
    signal: { name: 'SIGTERM', when: ({ stderr }) => when(stderr) },
  });
}

const TARGETS = Array.from({ length: 10 }, (_, i) => `- project: slow-${i + 1}`).join('\n');
const CONTEXTS = Array.from({ length: 10 }, (_, i) => `build/custom (slow-${i + 1})`);

function cliArgs(outputEnv: string): { args: string[]; env: Record<string, string> } {
  return {
    args: [
      '--provider',
      'custom',
      '--api-url',
      `${sandbox.apiBase}/custom`,
      '--trigger-endpoint',
      'POST /projects/{project}/builds',
      '--build-id-field',
      'data.id',
      '--status-endpoint',
      'GET /builds/{id}',
      '--status-field',
      'data.state',
      '--running-values',
      'queued,running',
      '--cancel-endpoint',
      'POST /builds/{id}/cancel',
      '--timeout',
      '5m',
      '--targets',
      TARGETS,
      '--max-parallel',
      '8',
      '--environment',
      'preview',
      '--repo',
      'octo-org/octo-repo',
      '--sha',
      sandbox.sha,
      '--json',
      '--output-env',
      outputEnv,
    ],
    env: {
      TRIGGER_BUILD_TOKEN: SECRETS.token,
      GITHUB_TOKEN: SECRETS.githubToken,
      GITHUB_API_URL: sandbox.githubApiUrl,
    },
  };
}

/** Every context's states in order: each must end `error`, with nothing after its first `error`. */
function expectClosed(): void {
  const byContext = new Map<string, string[]>();
  for (const s of actionStatuses(sandbox))
    byContext.set(s.context, [...(byContext.get(s.context) ?? []), s.state]);
  expect([...byContext.keys()].sort()).toEqual([...CONTEXTS].sort());
  for (const [context, states] of byContext) {
    expect(states.at(-1), `${context}: ${states.join(' -> ')}`).toBe('error');
    expect(states.slice(states.indexOf('error')), context).toEqual(['error']);
  }
  for (const d of sandbox.deployments) {
    expect(d.statuses.at(-1)?.state, `deployment ${d.id}`).toMatch(/^(error|failure|inactive)$/);
  }
}

describe('interrupting the CLI while ten targets wait (node dist/cli.js)', () => {
  itWithSignals(
    'SIGTERM: exit 130 within seconds, no status or deployment left open, --json and --output-env written',
    async () => {
      const file = path.join(scratchDir('tba-interrupt'), 'build.env');
      const { args, env } = cliArgs(file);
      // Eight builds triggered (max-parallel 8), two targets still queued behind them; GitHub
      // writes go out a second apart, so when the signal comes two `pending` statuses are out and
      // the other writes (statuses, deployments) still wait their turn.
      const run = await runCliUntil(
        args,
        env,
        (log) =>
          (log.match(/Triggered Custom API build cb_/g) ?? []).length >= 8 &&
          (log.match(/Commit status build\/custom \(slow-\d+\): pending/g) ?? []).length >= 2,
      );
      expect(run.code, run.stderr).toBe(130);
      expect(run.exitMs, run.stderr).toBeLessThan(4000);

      // Every context ends closed, and no `pending` follows the first final state of a context.
      expectClosed();
      // Every started build was asked to stop, once.
      expect(sandbox.requests.filter((r) => r.path.endsWith('/cancel'))).toHaveLength(
        sandbox.buildsCreated('custom'),
      );

      const results = JSON.parse(run.stdout) as Record<string, unknown>[];
      expect(results).toHaveLength(10);
      for (const entry of results) {
        expect(Object.keys(entry)).toEqual(RESULT_KEYS);
        expect(entry['status']).toBe('cancelled');
      }
      const dotenv = fs.readFileSync(file, 'utf8');
      expect(dotenv).toMatch(/^STATUS=cancelled$/m);
      expect(JSON.parse(/^RESULTS=(.*)$/m.exec(dotenv)?.[1] ?? '')).toEqual(results);
      expect(`${run.stdout}${run.stderr}`).not.toContain(SECRETS.githubToken);
      expectGitHubConformance(sandbox);
    },
    60_000,
  );
});

describe('interrupting the action while ten targets wait (node dist/index.js)', () => {
  itWithSignals(
    'SIGINT: the main step itself closes every status and deployment within seconds, before any post step',
    async () => {
      let signalledAt = 0;
      const result = await runAction({
        sandbox,
        githubToken: SECRETS.githubToken,
        timeoutMs: 40_000,
        inputs: {
          provider: 'custom',
          token: SECRETS.token,
          'api-url': `${sandbox.apiBase}/custom`,
          'trigger-endpoint': 'POST /projects/{project}/builds',
          'build-id-field': 'data.id',
          'status-endpoint': 'GET /builds/{id}',
          'status-field': 'data.state',
          'running-values': 'queued,running',
          'cancel-endpoint': 'POST /builds/{id}/cancel',
          timeout: '5m',
          targets: TARGETS,
          'max-parallel': '8',
          environment: 'preview',
        },
        signal: {
          name: 'SIGINT',
          when: () => {
            const ready =
              sandbox.buildsCreated('custom') >= 8 &&
              actionStatuses(sandbox).filter((s) => s.state === 'pending').length >= 2;
            if (ready) signalledAt = Date.now();
            return ready;
          },
        },
      });
      expect(result.signalsSent).toEqual(['SIGINT']);
      expect(Date.now() - signalledAt, result.stdout).toBeLessThan(4000);
      expectClosed();
      expect(result.outputs['status']).toBe('cancelled');
      expect(JSON.parse(result.outputs['results'] ?? '[]')).toHaveLength(10);
      expectGitHubConformance(sandbox);
    },
    60_000,
  );
});
