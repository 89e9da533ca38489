import { describe, expect, it } from 'vitest';
import type { GitHubApi } from '../../src/engine/github.js';
import type { EngineLog } from '../../src/engine/run.js';
import { STATUS_STATE_KEY } from '../../src/engine/reporters/commit-status.js';
import { TARGET_COUNT_STATE_KEY, targetStateKey } from '../../src/engine/target-state.js';
import { FAIL_FAST_REASON, runTargets, targetLog } from '../../src/engine/targets.js';
import { HttpError } from '../../src/http/errors.js';
import type { Target } from '../../src/inputs/targets.js';
import type { Build, BuildState, ProviderSpec } from '../../src/providers/types.js';
import { instantClock } from './fake-clock.js';
import { testSettings } from './settings.js';
import { scratchDir } from '../scratch.js';
import { rng } from '../../sandbox/worlds.mjs';

const SHA = 'a'.repeat(40);

interface PlanOfBuild {
  /** Polls before the build ends. */
  polls: number;
  end: 'success' | 'failure';
  /** The trigger is refused (400): the action fails for this target, nothing is built. */
  refused: boolean;
}

/** A world: builds per project, a recording GitHub, and an in-flight counter. */
function world(plans: Record<string, PlanOfBuild>) {
  const statuses: { context: string; state: string; description: string }[] = [];
  const inFlight = new Set<string>();
  let maxInFlight = 0;
  // Only commit statuses are on (no environment, no pr-comment): the rest is never called.
  const github = {
    createStatus: async (s: Parameters<GitHubApi['createStatus']>[0]) => {
      statuses.push({ context: s.context, state: s.state, description: s.description });
      if (s.state !== 'pending') inFlight.delete(s.context);
    },
    listStatuses: async () => [],
    resolveCommit: async () => SHA,
  } as unknown as GitHubApi;
  const spec: ProviderSpec = {
    name: 'deskforge',
    title: 'Fakeprov',
    defaultApiUrl: 'https://api.fake.test',
    inputs: [],
    readInputs: (get) => ({ project: get('project') }),
    credentials: () => ({}),
    create: (ctx) => {
      const plan = plans[ctx.own.project]!;
      let polls = 0;
      return {
        name: 'deskforge',
        title: 'Fakeprov',
        trigger: async () => {
          await Promise.resolve();
          if (plan.refused) {
            throw new HttpError({
              provider: 'Fakeprov',
              what: 'trigger the build',
              kind: 'status',
              status: 400,
            });
          }
          inFlight.add(ctx.settings.statusContext);
          maxInFlight = Math.max(maxInFlight, inFlight.size);
          return { id: `b-${ctx.own.project}`, state: 'queued', providerStatus: 'queued' };
        },
        poll: async (b: Build): Promise<Build> => {
          await new Promise((r) => setImmediate(r));
          polls += 1;
          const state: BuildState =
            polls > plan.polls ? plan.end : polls > plan.polls / 2 ? 'building' : 'queued';
          return { ...b, state, providerStatus: state };
        },
      };
    },
  };
  return { spec, github, statuses, max: () => maxInFlight };
}

function quietLog(): EngineLog & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(m),
    warning: (m) => lines.push(`warning: ${m}`),
    debug: () => undefined,
    group: async (n, fn) => {
      lines.push(`group: ${n}`);
      return fn();
    },
    untrusted: (l) => lines.push(...l),
  };
}

function targetsFor(n: number): Target[] {
  return Array.from({ length: n }, (_, index) => ({
    index,
    name: `t${index}`,
    settings: testSettings('deskforge', {
      inputs: { project: `p${index}` },
      statusContext: `build/fake (t${index})`,
      timeoutMs: 10 ** 9,
      pollIntervalMs: 1000,
    }),
  }));
}

function run(
  w: ReturnType<typeof world>,
  targets: Target[],
  options: { maxParallel: number; failFast: boolean; signal?: AbortSignal },
) {
  const state: Record<string, string> = {};
  const log = quietLog();
  const results = runTargets({
    targets,
    step: { timeoutMs: 10 ** 9 },
    multi: true,
    maxParallel: options.maxParallel,
    failFast: options.failFast,
    spec: () => w.spec,
    run: {
      owner: 'o',
      repo: 'r',
      eventName: 'push',
      sha: SHA,
      runUrl: 'https://github.com/o/r/actions/runs/1',
      apiUrl: 'https://api.github.com',
    },
    clock: instantClock(),
    signal: options.signal ?? new AbortController().signal,
    log,
    github: w.github,
    saveState: (k, v) => (state[k] = v),
    tempDir: scratchDir('tba-unit-targets'),
  });
  return { results, state, log };
}

/** No context may end with `pending`; the post step must have nothing to finish. */
function expectNonePending(w: ReturnType<typeof world>, state: Record<string, string>, n: number) {
  const last = new Map<string, string>();
  for (const s of w.statuses) last.set(s.context, s.state);
  for (const [context, finalState] of last) {
    expect(finalState, `${context} is left ${finalState}`).not.toBe('pending');
  }
  expect(state[TARGET_COUNT_STATE_KEY]).toBe(String(n));
  for (let i = 0; i < n; i++) {
    const saved = state[targetStateKey(STATUS_STATE_KEY, i)];
    if (saved) expect(JSON.parse(saved).phase).toBe('done');
  }
}

describe('runTargets over seeded random worlds', () => {
  it('keeps max-parallel, input order, each target its own outcome, and leaves nothing pending', async () => {
    for (let seed = 1; seed <= 60; seed++) {
      const random = rng(seed);
      const n = 1 + Math.floor(random() * 6);
      const maxParallel = 1 + Math.floor(random() * 4);
      const failFast = random() < 0.5;
      const plans: Record<string, PlanOfBuild> = {};
      for (let i = 0; i < n; i++) {
        plans[`p${i}`] = {
          polls: Math.floor(random() * 6),
          end: random() < 0.25 ? 'failure' : 'success',
          refused: random() < 0.1,
        };
      }
      const w = world(plans);
      const { results, state } = run(w, targetsFor(n), { maxParallel, failFast });
      const done = await results;
      const where = `seed ${seed} (n=${n}, max-parallel=${maxParallel}, fail-fast=${failFast})`;
      try {
        expect(w.max()).toBeLessThanOrEqual(maxParallel);
        expect(done.map((r) => r.target.index)).toEqual([...Array(n).keys()]);
        expectNonePending(w, state, n);
        const failedFirst = done.some((r) => r.outcome.status === 'failure');
        for (const r of done) {
          const plan = plans[r.target.settings.own.project]!;
          const own = plan.refused ? 'failure' : plan.end;
          if (!failFast || !failedFirst) {
            expect(r.outcome.status).toBe(own);
          } else if (r.outcome.status === 'cancelled') {
            expect(r.outcome.message).toBe(FAIL_FAST_REASON);
            const posted = w.statuses.filter((s) => s.context === r.target.settings.statusContext);
            expect(posted.at(-1)).toMatchObject({ state: 'error', description: FAIL_FAST_REASON });
          } else {
            expect(r.outcome.status).toBe(own);
          }
        }
      } catch (error) {
        throw new Error(`${where}: ${(error as Error).message}`, { cause: error });
      }
    }
  });

  it('with max-parallel 1 runs one build at a time, in order, each in its own log groups', async () => {
    const plans = {
      p0: { polls: 2, end: 'success', refused: false },
      p1: { polls: 1, end: 'success', refused: false },
      p2: { polls: 0, end: 'success', refused: false },
    } as const;
    const w = world(plans);
    const { results, log } = run(w, targetsFor(3), { maxParallel: 1, failFast: false });
    await results;
    expect(w.max()).toBe(1);
    const triggers = log.lines.filter((l) => l.startsWith('group: ') && l.includes('Trigger'));
    expect(triggers).toEqual([
      'group: [t0] Trigger Fakeprov build',
      'group: [t1] Trigger Fakeprov build',
      'group: [t2] Trigger Fakeprov build',
    ]);
    // Every line a target prints carries its name.
    expect(
      log.lines.filter((l) => !l.startsWith('group: ')).every((l) => /^\[t\d\] /.test(l)),
    ).toBe(true);
  });

  it('fail-fast stops awaiting running targets and never starts queued ones', async () => {
    const long = { polls: 5000, end: 'success', refused: false } as const;
    const w = world({
      p0: long,
      p1: { polls: 1, end: 'failure', refused: false },
      p2: long,
      p3: long,
    });
    const { results, state } = run(w, targetsFor(4), { maxParallel: 3, failFast: true });
    const done = await results;
    expect(done.map((r) => [r.outcome.status, r.started])).toEqual([
      ['cancelled', true],
      ['failure', true],
      ['cancelled', true],
      ['cancelled', false],
    ]);
    for (const i of [0, 2, 3]) {
      expect(done[i]?.outcome.message).toBe(FAIL_FAST_REASON);
      expect(w.statuses.filter((s) => s.context === `build/fake (t${i})`).at(-1)).toMatchObject({
        state: 'error',
        description: FAIL_FAST_REASON,
      });
    }
    expectNonePending(w, state, 4);
  });

  it('on cancel closes every started target and marks queued ones, leaving none pending', async () => {
    const plans: Record<string, PlanOfBuild> = {};
    for (let i = 0; i < 5; i++) plans[`p${i}`] = { polls: 10 ** 6, end: 'success', refused: false };
    const w = world(plans);
    const controller = new AbortController();
    const { results, state } = run(w, targetsFor(5), {
      maxParallel: 2,
      failFast: false,
      signal: controller.signal,
    });
    for (let i = 0; i < 50 && w.statuses.filter((s) => s.state === 'pending').length < 2; i++) {
      await new Promise((r) => setImmediate(r));
    }
    controller.abort(new Error('received SIGINT'));
    const done = await results;
    expect(done.map((r) => r.outcome.status)).toEqual(Array(5).fill('cancelled'));
    expect(done.map((r) => r.started)).toEqual([true, true, false, false, false]);
    expectNonePending(w, state, 5);
    // Queued targets were never triggered, yet their contexts say why instead of staying absent.
    const lastOf = (i: number) =>
      w.statuses.filter((s) => s.context === `build/fake (t${i})`).at(-1);
    expect(lastOf(4)).toMatchObject({ state: 'error', description: 'Cancelled before it started' });
  });
});

describe('targetLog', () => {
  it('prefixes every line, and side by side turns groups into headings', async () => {
    const base = quietLog();
    const log = targetLog(base, 'mac arm64', true);
    await log.group('Wait', async () => log.info('polling'));
    log.untrusted(['line 1', 'line 2']);
    await new Promise((r) => setImmediate(r));
    expect(base.lines).toEqual([
      '[mac arm64] ▸ Wait',
      '[mac arm64] polling',
      'group: [mac arm64] build log',
      '[mac arm64] line 1',
      '[mac arm64] line 2',
    ]);
  });
});
