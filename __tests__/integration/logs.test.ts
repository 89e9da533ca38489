/**
 * Build logs of any size through the bundled action: a multi-megabyte Deskforge log (one JSON
 * answer, seed 003) shown as its last part with a note, read once; a log that never stops growing
 * bounded in memory and in the job log; a slow log download that never delays noticing the
 * build's end; and a failed build's reason taken from its own error lines.
 */
import { describe, expect, it } from 'vitest';
import type { RunActionResult } from '../../sandbox/run-action.mjs';
import type { RequestRecord } from '../../sandbox/server.mjs';
import { actionStatuses, expectHygiene, runIn } from './helpers.js';
import { PR, prEvent, useSandbox } from './sandbox-world.js';

const TEST_MS = 60_000;
const MIB = 1024 * 1024;
/** What the engine may print of one build's log, with room for its notes (src/engine/logs.ts). */
const SHOWN_LOG_LIMIT = 1.5 * MIB + 64 * 1024;

const sandbox = useSandbox({ buildMs: 900 });

function logReads(id: string): RequestRecord[] {
  return sandbox.requests.filter(
    (r) => r.host === 'api' && r.provider === 'deskforge' && r.path === `/builds/${id}/logs`,
  );
}

/** The printed log lines (stdout without workflow commands). */
function printed(result: RunActionResult): string {
  return result.stdout
    .split('\n')
    .filter((line) => !line.startsWith('::'))
    .join('\n');
}

describe('build logs of any size', () => {
  it(
    'a 5 MB Deskforge log of a failed build: its last part with a note on what was left out, read once, and its error lines as the reason',
    async () => {
      sandbox.options.deskforgeLogBytes = 5 * MIB;
      sandbox.options.outcome = 'failure';

      const result = await runIn(
        sandbox,
        'deskforge',
        { 'pr-comment': 'true', 'poll-interval': '1s' },
        { timeoutMs: 45_000, ...prEvent(sandbox) },
      );

      expect(result.code, result.stdout).toBe(1);
      const id = result.outputs['build-id']!;
      const out = printed(result);
      // The end of the log, where a failed build says why, is shown...
      expect(out).toContain('error[E0425]: cannot find value `window_handle` in this scope');
      expect(out).toContain('error Build failed with exit code 101');
      // ...with a note saying how much came before it and where the whole log is.
      expect(out).toMatch(
        /… \d+ earlier log lines \([\d.]+ MB\) left out here, showing the last \d+; the whole log is in the Deskforge dashboard/,
      );
      expect(out).not.toContain('Compiling crate-0000000 ');
      expect(Buffer.byteLength(result.stdout)).toBeLessThan(SHOWN_LOG_LIMIT);
      // One read for the shown log and the reason: an answer over 4 MiB is no passing glitch.
      expect(logReads(id)).toHaveLength(1);
      expect(result.stdout).not.toMatch(/read the log of build .* failed/);

      // The reason is the provider's own error text, not "failed (failed)", and nothing public
      // links the log endpoint that answers 401 without the token.
      const errors = result.commands.filter((c) => c.command === 'error').map((c) => c.data);
      expect(errors).toHaveLength(1);
      const message = errors[0]!;
      expect(message).toContain(
        `Deskforge build ${id} failed: error[E0425]: cannot find value \`window_handle\` in this scope; Build failed with exit code 101`,
      );
      const status = actionStatuses(sandbox).at(-1)!;
      expect(status.state).toBe('failure');
      expect(status.description).toContain('error[E0425]');
      const comment = sandbox.comments.find((c) => c.issue === PR)!;
      expect(comment.body).toMatch(/\| Reason \| .*E0425.*window\\_handle.*exit code 101/);
      expect(comment.body).toContain('| Status | ❌ failed |');
      expect(comment.body).not.toContain('(failed)');
      for (const text of [comment.body, status.target_url ?? '', message]) {
        expect(text).not.toContain(`/builds/${id}/logs`);
      }
      expectHygiene(sandbox, result);
    },
    TEST_MS,
  );

  it(
    'a 50 MB log of a failed build: read once in the memory of a run without a log (peak RSS under 128 MB), its last part shown',
    async () => {
      sandbox.options.outcome = 'failure';
      const inputs = { 'poll-interval': '1s' };
      const small = await runIn(sandbox, 'deskforge', inputs, {
        timeoutMs: 45_000,
        measureMemory: true,
      });
      expect(small.code, small.stdout).toBe(1);
      sandbox.reset();
      sandbox.options.deskforgeLogBytes = 50 * MIB;

      const result = await runIn(sandbox, 'deskforge', inputs, {
        timeoutMs: 45_000,
        measureMemory: true,
      });

      expect(result.code, result.stdout).toBe(1);
      const id = result.outputs['build-id']!;
      expect(logReads(id)).toHaveLength(1);
      expect(printed(result)).toMatch(/… \d+ earlier log lines \(\d+ MB\) left out here/);
      expect(printed(result)).toContain('error Build failed with exit code 101');
      expect(Buffer.byteLength(result.stdout)).toBeLessThan(SHOWN_LOG_LIMIT);
      const peak = result.peakRssKb!;
      expect(peak, 'peak RSS (KB)').toBeLessThan(128 * 1024);
      // What the log costs on top of the same run with a log of a few lines: a bounded amount
      // (socket buffers awaiting collection, about 20 MB on Node 24), not one that grows with
      // the log (an object kept per entry made V8 grow its young generation: 50 MB and more).
      expect(peak - small.peakRssKb!, 'peak RSS above a run without a big log (KB)').toBeLessThan(
        40 * 1024,
      );
      expectHygiene(sandbox, result);
    },
    TEST_MS,
  );

  it(
    'a failed DeployHub build: the error line of its log is the reason, with a link to the log a person can open',
    async () => {
      sandbox.options.outcome = 'failure';

      const result = await runIn(
        sandbox,
        'deployhub',
        { 'poll-interval': '1s' },
        { timeoutMs: 45_000 },
      );

      expect(result.code, result.stdout).toBe(1);
      const id = result.outputs['build-id']!;
      const logUrl = result.outputs['log-url']!;
      expect(logUrl).toMatch(/^http:\/\/127\.0\.0\.2:\d+\/logs\/deployhub\/.+\.log$/);
      const errors = result.commands.filter((c) => c.command === 'error').map((c) => c.data);
      expect(errors).toEqual([
        `DeployHub build ${id} failed: ERROR: npm ci exited with code 1. Build log: ${logUrl}`,
      ]);
      expect(printed(result)).toContain('ERROR: npm ci exited with code 1');
      const reads = sandbox.requests.filter((r) => r.host === 'foreign' && r.path.endsWith('.log'));
      expect(reads).toHaveLength(1);
      expect(actionStatuses(sandbox).at(-1)!.description).toContain('npm ci exited with code 1');
      expectHygiene(sandbox, result);
    },
    TEST_MS,
  );

  it(
    'a log that never stops growing, with show-logs: always: memory and the job log stay bounded, and a note says so',
    async () => {
      // 2 MB a second for 12 s: 24 MB of log lines, answered whole on every read.
      sandbox.options.deskforgeLogBytesPerSecond = 2 * MIB;

      const result = await runIn(
        sandbox,
        'deskforge',
        { project: 'slow_desk', 'show-logs': 'always', timeout: '12s', 'poll-interval': '1s' },
        { timeoutMs: 45_000, measureMemory: true },
      );

      expect(result.outputs['status'], result.stdout.slice(-2000)).toBe('timed_out');
      const id = result.outputs['build-id']!;
      const out = printed(result);
      expect(out).toMatch(/Compiling crate-\d+ /);
      expect(Buffer.byteLength(result.stdout)).toBeLessThan(SHOWN_LOG_LIMIT);
      expect(out).toMatch(/left out here|the most shown per build/);
      console.log(
        out
          .split('\n')
          .filter((l) => !l.includes('Compiling crate'))
          .join('\n'),
      );
      // Not read on every poll once the answer is megabytes long.
      const polls = sandbox.requests.filter(
        (r) => r.provider === 'deskforge' && r.path === `/builds/${id}`,
      );
      expect(logReads(id).length).toBeGreaterThan(0);
      expect(logReads(id).length).toBeLessThan(polls.length);
      expect(result.peakRssKb, 'peak RSS (KB)').toBeLessThan(128 * 1024);
      expectHygiene(sandbox, result);
    },
    TEST_MS,
  );

  it(
    'a slow log download never delays noticing the end: the status is read on time while the log is fetched beside it',
    async () => {
      sandbox.options.buildMs = 3000;
      sandbox.inject({ provider: 'deskforge', path: /\/logs$/, delayMs: 5000, times: 100 });

      const result = await runIn(
        sandbox,
        'deskforge',
        { 'show-logs': 'always', 'poll-interval': '1s' },
        { timeoutMs: 45_000 },
      );

      expect(result.code, result.stdout).toBe(0);
      const id = result.outputs['build-id']!;
      const build = sandbox.builds.find((b) => b.id === id)!;
      const endsAt = build.endsAt!;
      const polls = sandbox.requests.filter(
        (r) => r.provider === 'deskforge' && r.method === 'GET' && r.path === `/builds/${id}`,
      );
      const firstAfterEnd = polls.find((r) => r.at >= endsAt);
      expect(firstAfterEnd, 'a status read after the build ended').toBeDefined();
      // poll-interval (1 s) plus room for a loaded machine; the log answers take 5 s each.
      expect(firstAfterEnd!.at - endsAt).toBeLessThan(2000);
      // Status reads went on while a log read was waiting for its answer.
      const firstLogRead = logReads(id)[0]!;
      expect(
        polls.filter((r) => r.at > firstLogRead.at && r.at < firstLogRead.at + 4000).length,
      ).toBeGreaterThan(1);
      expect(printed(result)).toContain('Build completed successfully');
      expectHygiene(sandbox, result);
    },
    TEST_MS,
  );
});
