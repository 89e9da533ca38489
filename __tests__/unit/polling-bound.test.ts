/**
 * Issue 8, defects 1, 6 and 7, on injected clocks: the poll-interval bound, timeouts under
 * fail-on-error, and the look-before-retry window after an ambiguous trigger.
 */
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { Deadline } from '../../src/clock.js';
import {
  FIND_TRIGGERED_WINDOW_MS,
  runBuild,
  type EngineDeps,
  type EngineLog,
} from '../../src/engine/run.js';
import { nextPollDelay, type PollPlan } from '../../src/engine/schedule.js';
import { waitForBuild } from '../../src/engine/wait.js';
import type { GitHubApi } from '../../src/engine/github.js';
import { HttpError } from '../../src/http/errors.js';
import type { Settings } from '../../src/inputs.js';
import {
  BuildConflict,
  type Build,
  type Provider,
  type ProviderSpec,
} from '../../src/providers/types.js';
import { instantClock } from './fake-clock.js';
import { fakeGithubApi } from './fake-github.js';
import { testSettings } from './settings.js';

function log(): EngineLog & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(m),
    warning: (m) => lines.push(`warning: ${m}`),
    debug: () => undefined,
    group: async (_n, fn) => fn(),
    untrusted: () => undefined,
  };
}

/** A build that ends at `endsAt` (ms after `t0`) on the clock, with what history says. */
function timedProvider(
  clock: ReturnType<typeof instantClock>,
  endsAt: number,
  outcome: Build['state'] = 'failure',
) {
  const t0 = clock.now();
  const reads: number[] = [];
  const provider: Provider = {
    name: 'deployhub',
    title: 'Fakeprov',
    trigger: async () => ({ id: 'b1', state: 'queued', providerStatus: 'pending' }),
    poll: async (b) => {
      reads.push(clock.now() - t0);
      return clock.now() - t0 >= endsAt
        ? { ...b, state: outcome, providerStatus: outcome }
        : { ...b, state: 'building', providerStatus: 'building' };
    },
  };
  return { provider, reads, t0 };
}

describe('defect 1: poll-interval is the longest gap between two status reads', () => {
  const plans: PollPlan[] = [];
  for (const baseMs of [1000, 2000, 5000, 30_000])
    for (const expectedMs of [undefined, 3000, 20_000, 95_000, 15 * 60_000])
      plans.push({ baseMs, minMs: 1000, expectedMs });

  it.each(plans)('never schedules a gap above poll-interval: %o', (plan) => {
    for (let t = 0; t <= 30 * 60_000; t += 250) {
      expect(nextPollDelay(plan, t)).toBeLessThanOrEqual(Math.max(plan.baseMs, plan.minMs));
    }
  });

  it('history may only make polls denser near the expected end', () => {
    const plan = { baseMs: 5000, minMs: 1000, expectedMs: 20_000 };
    expect(nextPollDelay(plan, 19_500)).toBeLessThan(5000);
    expect(nextPollDelay(plan, 0)).toBeLessThanOrEqual(5000);
  });

  it.each([
    [1000, 95_000, 3000],
    [1000, 95_000, 40_000],
    [5000, 300_000, 7000],
    [2000, undefined, 61_000],
  ])(
    'poll-interval %i ms, history %s ms: a build failing at %i ms is seen within poll-interval',
    async (baseMs, expectedMs, endsAt) => {
      const clock = instantClock();
      const { provider, reads, t0 } = timedProvider(clock, endsAt);
      const result = await waitForBuild({
        provider,
        build: { id: 'b1', state: 'queued', providerStatus: 'pending' },
        clock,
        deadline: new Deadline(clock, t0 + 3_600_000),
        signal: new AbortController().signal,
        plan: { baseMs, minMs: 1000, expectedMs },
        startedAt: t0,
        info: () => undefined,
      });
      expect(result.build.state).toBe('failure');
      expect(reads.at(-1)! - endsAt).toBeLessThanOrEqual(baseMs);
      const gaps = reads.map((r, i) => r - (i === 0 ? 0 : reads[i - 1]!));
      expect(Math.max(...gaps)).toBeLessThanOrEqual(baseMs);
    },
  );
});

/** A spec around a hand-written adapter, and engine deps on an instant clock. */
function engine(
  make: (clock: ReturnType<typeof instantClock>) => Provider,
  settings: Partial<Settings> = {},
) {
  const clock = instantClock();
  const l = log();
  const posted: { state: string; description: string }[] = [];
  const github: GitHubApi = {
    ...fakeGithubApi().api,
    createStatus: async (s) => {
      posted.push(s);
    },
  };
  const spec: ProviderSpec = {
    name: 'deployhub',
    title: 'Fakeprov',
    defaultApiUrl: 'https://api.fake.test',
    inputs: [],
    readInputs: () => ({ project: '' }),
    credentials: () => ({}),
    create: () => make(clock),
  };
  const deps: EngineDeps = {
    settings: testSettings('deployhub', { timeoutMs: 60_000, ...settings }),
    spec,
    run: {
      owner: 'o',
      repo: 'r',
      eventName: 'push',
      sha: 'f'.repeat(40),
      runUrl: 'https://github.com/o/r/actions/runs/1',
      apiUrl: 'https://api.github.com',
    },
    clock,
    signal: new AbortController().signal,
    log: l,
    github,
    saveState: () => undefined,
    tempDir: '/tmp',
  };
  return { deps, clock, log: l, posted };
}

const deadlineError = (what: string): HttpError =>
  new HttpError({
    provider: 'Fakeprov',
    what,
    kind: 'deadline',
    details: { code: 'timeout reached while waiting for an answer' },
  });

describe('defect 6: a timeout anywhere is timed_out, never "the action failed"', () => {
  it('while waiting out a 409 for a running build', async () => {
    const { deps } = engine(
      (clock) => ({
        name: 'deployhub',
        title: 'Fakeprov',
        trigger: async () => {
          throw new BuildConflict(
            { id: 'old', state: 'building', providerStatus: 'building' },
            'busy',
            { why: 'on-conflict: wait', timeoutFix: 'raise the timeout', againFix: 're-run' },
          );
        },
        poll: async (b) => {
          await clock.sleep(1000);
          return b;
        },
      }),
      { failOnError: false, timeoutMs: 20_000 },
    );
    const outcome = await runBuild(deps);
    expect(outcome.status).toBe('timed_out');
    expect(outcome.end).toBe('timed-out');
  });

  it.each(['upload the artifact', 'download the artifact', 'snapshot the site'])(
    'while trying to %s',
    async (what) => {
      const { deps, posted } = engine(
        (clock) => ({
          name: 'deployhub',
          title: 'Fakeprov',
          ...(what === 'download the artifact'
            ? {}
            : {
                prepare: async () => {
                  clock.advance(30_000);
                  throw deadlineError(what);
                },
              }),
          trigger: async () => ({ id: 'b1', state: 'queued', providerStatus: 'queued' }),
          poll: async (b) => ({ ...b, state: 'success', providerStatus: 'success' }),
          finish: async () => {
            clock.advance(30_000);
            throw deadlineError(what);
          },
        }),
        { failOnError: false, timeoutMs: 20_000 },
      );
      const outcome = await runBuild(deps);
      expect(outcome.status).toBe('timed_out');
      expect(outcome.end).toBe('timed-out');
      expect(outcome.message).toMatch(/time/i);
      expect(posted.at(-1)?.state).not.toBe('pending');
    },
  );
});

describe('defect 7: at most one build when the list lags behind the trigger', () => {
  it.each([3000, 6000, 11_000])(
    'finds the build a lost answer created, visible %i ms later, instead of triggering again',
    async (lagMs) => {
      let created: number | undefined;
      let triggers = 0;
      const { deps, log: l } = engine((clock) => ({
        name: 'deployhub',
        title: 'Fakeprov',
        trigger: async () => {
          triggers += 1;
          created = clock.now();
          throw new HttpError({
            provider: 'Fakeprov',
            what: 'trigger the build',
            kind: 'network',
            details: { code: 'ECONNRESET' },
            ambiguous: true,
          });
        },
        findTriggered: async () =>
          created !== undefined && clock.now() >= created + lagMs
            ? { id: 'b1', state: 'building', providerStatus: 'building' }
            : undefined,
        poll: async (b) => ({ ...b, state: 'success', providerStatus: 'success' }),
      }));
      const outcome = await runBuild(deps);
      expect(triggers).toBe(1);
      expect(outcome.status).toBe('success');
      expect(l.lines.join('\n')).toMatch(/for up to \d+s/);
    },
  );

  it('triggers once more only after the whole window found nothing', async () => {
    let triggers = 0;
    let looks = 0;
    const { deps, clock } = engine((c) => ({
      name: 'deployhub',
      title: 'Fakeprov',
      trigger: async () => {
        triggers += 1;
        if (triggers === 1)
          throw new HttpError({
            provider: 'Fakeprov',
            what: 'trigger the build',
            kind: 'network',
            details: { code: 'ECONNRESET' },
            ambiguous: true,
          });
        return { id: 'b2', state: 'queued', providerStatus: 'queued', at: c.now() } as Build;
      },
      findTriggered: async () => {
        looks += 1;
        return undefined;
      },
      poll: async (b) => ({ ...b, state: 'success', providerStatus: 'success' }),
    }));
    const start = clock.now();
    const outcome = await runBuild(deps);
    expect(triggers).toBe(2);
    expect(looks).toBeGreaterThan(2);
    expect(outcome.build?.id).toBe('b2');
    expect(clock.now() - start).toBeGreaterThanOrEqual(FIND_TRIGGERED_WINDOW_MS);
  });
});

describe('defect 1: a failed status read is retried within poll-interval', () => {
  /** A loopback server answering from a script, one answer per request. */
  async function scriptedServer(answers: [number, Record<string, string>][]) {
    const { createServer } = await import('node:http');
    const srv = createServer((_req, res) => {
      const [status, headers] = answers.shift() ?? [200, {}];
      res
        .writeHead(status, { 'content-type': 'application/json', ...headers })
        .end(JSON.stringify(status === 200 ? { id: 'b1', status: 'success' } : { error: 'x' }));
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const { port } = srv.address() as AddressInfo;
    return { srv, origin: `http://127.0.0.1:${port}` };
  }

  it('caps backoff at poll-interval, while Retry-After stretches the gap and says so', async () => {
    const { HttpClient } = await import('../../src/http/client.js');
    const { srv, origin } = await scriptedServer([
      [502, {}],
      [503, {}],
      [500, {}],
      [429, { 'retry-after': '7' }],
      [200, {}],
    ]);
    try {
      const clock = instantClock();
      const retries: string[] = [];
      const client = new HttpClient({
        provider: 'Fakeprov',
        baseUrl: origin,
        credentials: {},
        clock: { ...clock, random: () => 0.999 },
        deadline: new Deadline(clock, clock.now() + 600_000),
        onRetry: (e) =>
          retries.push(`${e.delayMs}:${e.reason}:${e.serverAsked ? 'Retry-After' : 'backoff'}`),
        backoff: { baseMs: 4000, capMs: 30_000 },
        pollRetryCapMs: 1000,
      });
      await client.getJson('/builds/b1', 'read build b1', { polling: true });
      expect(retries).toHaveLength(4);
      const delays = retries.map((r) => Number(r.split(':')[0]));
      expect(delays.slice(0, 3).every((d) => d <= 1000)).toBe(true);
      expect(delays[3]).toBe(7000);
      expect(retries[3]).toMatch(/Retry-After/);
    } finally {
      srv.close();
    }
  });
});
