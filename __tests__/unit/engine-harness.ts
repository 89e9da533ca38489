import type { RunContext } from '../../src/github-context.js';
import type { GitHubApi } from '../../src/engine/github.js';
import type { EngineDeps, EngineLog } from '../../src/engine/run.js';
import type { Settings } from '../../src/inputs.js';
import type { Build, Provider, ProviderContext, ProviderSpec } from '../../src/providers/types.js';
import { instantClock } from './fake-clock.js';
import { fakeGithubApi } from './fake-github.js';
import { testSettings } from './settings.js';

export const SHA = 'f'.repeat(40);

/** A GitHub that records commit statuses (and fakes the rest in memory). */
export function fakeGithub(world = fakeGithubApi()) {
  const posted: { state: string; description: string; context: string; targetUrl?: string }[] = [];
  const api: GitHubApi & { posted: typeof posted; fail?: number } = {
    ...world.api,
    posted,
    createStatus: async (s) => {
      if (api.fail)
        throw Object.assign(new Error('Resource not accessible by integration'), {
          status: api.fail,
        });
      posted.push(s);
    },
    listStatuses: async () => [],
    resolveCommit: async () => SHA,
  };
  return api;
}

/** A log that keeps every line; warnings start with `warning: `. */
export function logger() {
  const lines: string[] = [];
  const log: EngineLog & { lines: string[] } = {
    lines,
    info: (m) => lines.push(m),
    warning: (m) => lines.push(`warning: ${m}`),
    debug: () => undefined,
    group: async (_n, fn) => fn(),
    untrusted: (l) => lines.push(...l.map((x) => `log| ${x}`)),
  };
  return log;
}

/** A scripted adapter: answers polls from a list of states, one per poll. */
export function scripted(states: Build['state'][], extra: Partial<Provider> = {}) {
  const calls = { trigger: 0, poll: 0 };
  const make = (_ctx: ProviderContext): Provider => ({
    name: 'deskforge',
    title: 'Fakeprov',
    trigger: async () => {
      calls.trigger += 1;
      return {
        id: 'b-1',
        state: 'queued',
        providerStatus: 'queued',
        logUrl: 'https://logs.test/b-1',
      };
    },
    poll: async (b) => {
      const state = states[Math.min(calls.poll, states.length - 1)] ?? 'building';
      calls.poll += 1;
      return {
        ...b,
        state,
        providerStatus: `p-${state}`,
        ...(state === 'failure' ? { failureReason: 'tests failed' } : {}),
      };
    },
    ...extra,
  });
  const spec: ProviderSpec = {
    name: 'deskforge',
    title: 'Fakeprov',
    defaultApiUrl: 'https://api.fake.test',
    inputs: [],
    readInputs: () => ({ project: '' }),
    credentials: () => ({}),
    create: make,
  };
  return { spec, calls };
}

/** Engine dependencies around a scripted adapter, recording what reaches GitHub. */
export function deps(
  spec: ProviderSpec,
  settings: Partial<Settings> = {},
  signal = new AbortController().signal,
  options: { run?: Partial<RunContext>; world?: ReturnType<typeof fakeGithubApi> } = {},
) {
  const github = fakeGithub(options.world);
  const log = logger();
  const state: Record<string, string> = {};
  const clock = instantClock();
  const d: EngineDeps = {
    settings: testSettings('deskforge', { timeoutMs: 120_000, ...settings }),
    spec,
    run: {
      owner: 'o',
      repo: 'r',
      eventName: 'push',
      sha: SHA,
      runUrl: 'https://github.com/o/r/actions/runs/1',
      apiUrl: 'https://api.github.com',
      ...options.run,
    },
    clock,
    signal,
    log,
    github,
    saveState: (k, v) => (state[k] = v),
    tempDir: '/tmp',
  };
  return { d, github, log, state, clock };
}
