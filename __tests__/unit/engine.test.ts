import { describe, expect, it, vi } from 'vitest';
import { runBuild } from '../../src/engine/run.js';
import { STATUS_STATE_KEY } from '../../src/engine/reporters/commit-status.js';
import { HttpError } from '../../src/http/errors.js';
import { BuildConflict, type Build } from '../../src/providers/types.js';
import { deps, scripted } from './engine-harness.js';

describe('runBuild', () => {
  it('posts pending then success, prints each change once with the elapsed time', async () => {
    const { spec } = scripted(['queued', 'building', 'building', 'success']);
    const { d, github, log, state } = deps(spec);
    const outcome = await runBuild(d);
    expect(outcome.status).toBe('success');
    expect(outcome.build?.id).toBe('b-1');
    expect(github.posted.map((p) => p.state)).toEqual(['pending', 'success']);
    expect(github.posted[0]).toMatchObject({
      context: 'build/deskforge',
      targetUrl: 'https://logs.test/b-1',
    });
    expect(log.lines.filter((l) => l.includes(': building ('))).toHaveLength(1);
    expect(log.lines.some((l) => /^\[\d+s\] Fakeprov build b-1: success/.test(l))).toBe(true);
    expect(JSON.parse(state[STATUS_STATE_KEY]!).phase).toBe('done');
  });

  it('reports a failed build with the provider reason and a failure status', async () => {
    const { spec } = scripted(['building', 'failure']);
    const { d, github } = deps(spec);
    const outcome = await runBuild(d);
    expect(outcome).toMatchObject({ status: 'failure', end: 'build' });
    expect(outcome.message).toContain('tests failed');
    expect(github.posted.at(-1)?.state).toBe('failure');
  });

  it('stops at the timeout with timed_out and an error status', async () => {
    const { spec } = scripted(['building']);
    const { d, github, clock } = deps(spec, { timeoutMs: 60_000 });
    const start = clock.now();
    const outcome = await runBuild(d);
    expect(outcome.status).toBe('timed_out');
    expect(clock.now() - start).toBe(60_000);
    expect(outcome.message).toMatch(/Timed out after 1m 0s/);
    expect(github.posted.at(-1)?.state).toBe('error');
  });

  it('returns right after the trigger when wait is false, posting no status', async () => {
    const { spec, calls } = scripted(['success']);
    const { d, github } = deps(spec, { wait: false });
    const outcome = await runBuild(d);
    expect(outcome.status).toBe('queued');
    expect(calls.poll).toBe(0);
    expect(github.posted).toEqual([]);
  });

  it('turns a cancellation mid-wait into cancelled and an error status', async () => {
    const controller = new AbortController();
    const { spec } = scripted(['building'], {});
    const { d, github } = deps(spec, {}, controller.signal);
    const sleep = d.clock.sleep.bind(d.clock);
    let n = 0;
    d.clock.sleep = async (ms, signal) => {
      n += 1;
      if (n === 3) controller.abort(new Error('SIGINT'));
      return sleep(ms, signal);
    };
    const outcome = await runBuild(d);
    expect(outcome.status).toBe('cancelled');
    expect(github.posted.map((p) => p.state)).toEqual(['pending', 'error']);
  });

  it('truncates descriptions to 140 characters', async () => {
    const { spec } = scripted(['failure'], {
      poll: async (b) => ({
        ...b,
        state: 'failure',
        providerStatus: 'failed',
        failureReason: 'x'.repeat(500),
      }),
    });
    const { d, github } = deps(spec);
    await runBuild(d);
    for (const p of github.posted) expect(p.description.length).toBeLessThanOrEqual(140);
  });

  it('warns instead of failing when GitHub refuses the status (403)', async () => {
    const { spec } = scripted(['success']);
    const { d, github, log } = deps(spec);
    github.fail = 403;
    const outcome = await runBuild(d);
    expect(outcome.status).toBe('success');
    expect(
      log.lines.some((l) => l.startsWith('warning:') && l.includes('permissions: statuses: write')),
    ).toBe(true);
  });

  it('posts an error status when the trigger itself fails', async () => {
    const { spec } = scripted([], {
      trigger: async () => {
        throw new HttpError({
          provider: 'Fakeprov',
          what: 'trigger the build',
          kind: 'status',
          status: 401,
          details: { code: 'unauthorized', message: 'Invalid API key', fix: 'Regenerate the key' },
        });
      },
    });
    const { d, github } = deps(spec);
    const outcome = await runBuild(d);
    expect(outcome).toMatchObject({ status: 'failure', end: 'action-error' });
    expect(outcome.message).toBe(
      'Fakeprov: trigger the build failed: HTTP 401 unauthorized "Invalid API key". Fix: Regenerate the key.',
    );
    expect(github.posted.map((p) => p.state)).toEqual(['error']);
  });

  it("waits for a conflicting build, then triggers once more, in the provider's words", async () => {
    let triggers = 0;
    const { spec } = scripted(['success'], {
      trigger: async () => {
        triggers += 1;
        if (triggers === 1)
          throw new BuildConflict(
            { id: 'running-1', state: 'building', providerStatus: 'building' },
            'A build is already in progress (running-1)',
            { why: 'queue: wait', timeoutFix: 'raise timeout', againFix: 're-run later' },
          );
        return { id: 'b-2', state: 'queued', providerStatus: 'pending' };
      },
    });
    const { d, log } = deps(spec);
    const outcome = await runBuild(d);
    expect(log.lines).toContain(
      'A build is already in progress (running-1). Waiting for it to end (queue: wait).',
    );
    expect(triggers).toBe(2);
    expect(outcome).toMatchObject({ status: 'success', build: { id: 'b-2' } });
  });

  it('after an ambiguous trigger failure finds the created build instead of triggering again', async () => {
    const trigger = vi.fn(async (): Promise<Build> => {
      throw new HttpError({
        provider: 'Fakeprov',
        what: 'trigger',
        kind: 'network',
        ambiguous: true,
        details: { code: 'connection reset' },
      });
    });
    const { spec } = scripted(['success'], {
      trigger,
      findTriggered: async () => ({ id: 'found-1', state: 'building', providerStatus: 'building' }),
    });
    const { d } = deps(spec);
    const outcome = await runBuild(d);
    expect(trigger).toHaveBeenCalledTimes(1);
    expect(outcome.build?.id).toBe('found-1');
  });

  it('does not retry an ambiguous trigger when the provider cannot look for the build', async () => {
    const trigger = vi.fn(async (): Promise<Build> => {
      throw new HttpError({
        provider: 'Fakeprov',
        what: 'trigger',
        kind: 'status',
        status: 502,
        ambiguous: true,
      });
    });
    const { spec } = scripted([], { trigger });
    const { d } = deps(spec);
    const outcome = await runBuild(d);
    expect(trigger).toHaveBeenCalledTimes(1);
    expect(outcome.message).toMatch(/not sent again/);
  });

  it('prints the build log on failure, fenced as untrusted', async () => {
    const { spec } = scripted(['failure'], {
      logs: async () => ({
        lines: ['::error::injected', 'compile failed'],
        omittedLines: 0,
        omittedBytes: 0,
        readBytes: 40,
      }),
    });
    const { d, log } = deps(spec);
    await runBuild(d);
    expect(log.lines).toContain('log| ::error::injected');
  });
});
