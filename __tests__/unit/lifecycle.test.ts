import { describe, expect, it } from 'vitest';
import type { GitHubApi } from '../../src/engine/github.js';
import { runPost } from '../../src/engine/post.js';
import { Lifecycle } from '../../src/engine/reporters/index.js';
import type { Reporter } from '../../src/engine/reporters/types.js';
import type { Outcome } from '../../src/engine/run.js';
import { STATUS_STATE_KEY } from '../../src/engine/reporters/commit-status.js';

function recorder(name: string, events: string[], extra: Partial<Reporter> = {}): Reporter {
  return {
    name,
    triggered: async () => void events.push(`${name}:triggered`),
    changed: async () => void events.push(`${name}:changed`),
    finished: async () => void events.push(`${name}:finished`),
    ...extra,
  };
}

function logger() {
  const warnings: string[] = [];
  return {
    warnings,
    info: () => undefined,
    debug: () => undefined,
    warning: (m: string) => void warnings.push(m),
  };
}

const outcome: Outcome = {
  status: 'cancelled',
  providerTitle: 'Fakeprov',
  build: { id: 'b-1', state: 'building', providerStatus: 'building' },
  durationMs: 1000,
  end: 'cancelled',
};
const build = { id: 'b-1', state: 'queued' as const, providerStatus: 'queued' };

describe('Lifecycle', () => {
  it('tells every reporter each event; a throwing reporter is one warning, not a lost event', async () => {
    const events: string[] = [];
    const log = logger();
    const broken = recorder('deployment', events, {
      triggered: async () => {
        throw new Error('boom');
      },
    });
    const lifecycle = new Lifecycle([broken, recorder('status', events)], log);
    await lifecycle.triggered({
      providerTitle: 'Fakeprov',
      build,
      waiting: true,
      link: undefined,
      at: 0,
    });
    await lifecycle.changed({ providerTitle: 'Fakeprov', build, link: undefined });
    await lifecycle.finished({ outcome, link: undefined, local: false });
    expect(events).toEqual([
      'status:triggered',
      'deployment:changed',
      'status:changed',
      'deployment:finished',
      'status:finished',
    ]);
    expect(log.warnings).toEqual(['Could not update the deployment: boom']);
  });

  it('announces one ending only, and cancelled falls back to finished', async () => {
    const events: string[] = [];
    const cancelledToo = recorder('comment', events, {
      cancelled: async () => void events.push('comment:cancelled'),
    });
    const lifecycle = new Lifecycle([recorder('status', events), cancelledToo], logger());
    await lifecycle.cancelled({ outcome, link: undefined, local: false });
    await lifecycle.finished({ outcome, link: undefined, local: false });
    expect(events).toEqual(['status:finished', 'comment:cancelled']);
  });
});

describe('runPost', () => {
  const saved = (phase: string) =>
    JSON.stringify({
      owner: 'o',
      repo: 'r',
      apiUrl: 'https://api.github.com',
      sha: 'a'.repeat(40),
      context: 'build/x',
      targetUrl: 'https://logs.test/1',
      phase,
    });
  const github = () => {
    const posted: { state: string; description: string }[] = [];
    const make = (): GitHubApi =>
      ({
        createStatus: async (s: { state: string; description: string }) => void posted.push(s),
      }) as unknown as GitHubApi;
    return { posted, make };
  };

  it('closes a pending commit status with error from the saved state', async () => {
    const gh = github();
    await runPost({
      getState: (k) => (k === STATUS_STATE_KEY ? saved('pending') : ''),
      token: 't',
      github: gh.make,
      log: logger(),
    });
    expect(gh.posted).toMatchObject([
      { state: 'error', description: expect.stringMatching(/Cancelled/) },
    ]);
  });

  it('does nothing when the main step finished it, or without a token', async () => {
    const gh = github();
    await runPost({ getState: () => saved('done'), token: 't', github: gh.make, log: logger() });
    await runPost({ getState: () => saved('pending'), token: '', github: gh.make, log: logger() });
    expect(gh.posted).toEqual([]);
  });
});
