import { describe, expect, it, vi } from 'vitest';
import type { GitHubApi } from '../../src/engine/github.js';
import { runBuild, type EngineDeps, type EngineLog } from '../../src/engine/run.js';
import type { HttpClient } from '../../src/http/client.js';
import type { Build, CancelResult, Provider, ProviderSpec } from '../../src/providers/types.js';
import { instantClock } from './fake-clock.js';
import { fakeGithubApi } from './fake-github.js';
import { testSettings } from './settings.js';

const SHA = 'e'.repeat(40);

/** An adapter whose build never ends, with a cancel endpoint the test scripts. */
function setup(
  options: {
    cancel?: (build: Build, http: HttpClient) => Promise<CancelResult>;
    cancelOnTimeout?: boolean;
    waits?: boolean;
    abortOnPoll?: number;
  } = {},
) {
  const controller = new AbortController();
  const calls = { poll: 0 };
  const cancel = options.cancel ? vi.fn(options.cancel) : undefined;
  const spec: ProviderSpec = {
    name: 'custom',
    title: 'Fakeapi',
    defaultApiUrl: 'https://api.fake.test',
    inputs: [],
    readInputs: () => ({ project: '' }),
    credentials: () => ({ authorization: 'Bearer t' }),
    create: (): Provider => ({
      name: 'custom',
      title: 'Fakeapi',
      trigger: async () => ({ id: 'b-7', state: 'queued', providerStatus: 'queued' }),
      poll: async (b) => {
        calls.poll += 1;
        if (calls.poll === options.abortOnPoll) controller.abort(new Error('SIGINT'));
        return { ...b, state: 'building', providerStatus: 'running' };
      },
      ...(cancel ? { cancel } : {}),
      ...(options.cancelOnTimeout ? { cancelOnTimeout: true } : {}),
      ...(options.waits === false ? { waits: false } : {}),
    }),
  };
  const posted: string[] = [];
  const github: GitHubApi = {
    ...fakeGithubApi().api,
    createStatus: async (s) => {
      posted.push(s.state);
    },
    listStatuses: async () => [],
    resolveCommit: async () => SHA,
  };
  const lines: string[] = [];
  const log: EngineLog = {
    info: (m) => lines.push(m),
    warning: (m) => lines.push(`warning: ${m}`),
    debug: () => undefined,
    group: async (_n, fn) => fn(),
    untrusted: () => undefined,
  };
  const deps: EngineDeps = {
    settings: testSettings('custom', { timeoutMs: 60_000, own: { project: '' } }),
    spec,
    run: {
      owner: 'o',
      repo: 'r',
      eventName: 'push',
      sha: SHA,
      runUrl: '',
      apiUrl: 'https://api.github.com',
    },
    clock: instantClock(),
    signal: controller.signal,
    log,
    github,
    saveState: () => undefined,
    tempDir: '/tmp',
  };
  return { deps, cancel, posted, lines, calls };
}

describe('remote cancel', () => {
  it('on cancellation mid-wait asks the provider once, on a client that is not aborted', async () => {
    let remaining = -1;
    const { deps, cancel, posted, lines } = setup({
      abortOnPoll: 2,
      cancel: async (_b, http) => {
        remaining = http.deadline.remaining();
        return { accepted: true, detail: 'HTTP 202' };
      },
    });
    const outcome = await runBuild(deps);
    expect(outcome.status).toBe('cancelled');
    expect(cancel).toHaveBeenCalledTimes(1);
    expect(cancel?.mock.calls[0]?.[0].id).toBe('b-7');
    expect(remaining).toBeGreaterThan(0);
    expect(remaining).toBeLessThanOrEqual(3000);
    expect(outcome.message).toMatch(/Fakeapi accepted the cancel request/);
    expect(
      lines.some((l) => l.includes('accepted the cancel request for build b-7 (HTTP 202)')),
    ).toBe(true);
    expect(posted).toEqual(['pending', 'error']);
  });

  it('says so when the provider refuses, and still closes the status', async () => {
    const { deps, posted, lines } = setup({
      abortOnPoll: 1,
      cancel: async () => ({ accepted: false, detail: 'HTTP 409 "already finished"' }),
    });
    const outcome = await runBuild(deps);
    expect(outcome.message).toMatch(/refused the cancel request/);
    expect(lines).toContain(
      'warning: Fakeapi refused to cancel build b-7: HTTP 409 "already finished"',
    );
    expect(posted.at(-1)).toBe('error');
  });

  it('survives a cancel request that fails outright', async () => {
    const { deps, posted } = setup({
      abortOnPoll: 1,
      cancel: async () => {
        throw new Error('socket hang up');
      },
    });
    const outcome = await runBuild(deps);
    expect(outcome.status).toBe('cancelled');
    expect(outcome.message).toMatch(/the cancel request to Fakeapi failed/);
    expect(posted.at(-1)).toBe('error');
  });

  it('cancels on timeout only with cancelOnTimeout', async () => {
    const accept = async (): Promise<CancelResult> => ({ accepted: true, detail: 'HTTP 200' });
    const off = setup({ cancel: accept });
    expect((await runBuild(off.deps)).status).toBe('timed_out');
    expect(off.cancel).not.toHaveBeenCalled();

    const on = setup({ cancel: accept, cancelOnTimeout: true });
    const outcome = await runBuild(on.deps);
    expect(outcome.status).toBe('timed_out');
    expect(on.cancel).toHaveBeenCalledTimes(1);
    expect(outcome.message).toMatch(/accepted the cancel request/);
    expect(on.posted.at(-1)).toBe('error');
  });

  it('ends right after the trigger when the provider cannot follow builds', async () => {
    const { deps, calls, posted, lines } = setup({ waits: false });
    const outcome = await runBuild(deps);
    expect(outcome.status).toBe('queued');
    expect(calls.poll).toBe(0);
    expect(posted).toEqual([]);
    expect(lines.some((l) => l.includes('not waiting'))).toBe(true);
  });
});
