/**
 * The Jamdesk fake posts the build's result as a commit status when the build ends. Node may run
 * a timer before `Date.now()` reaches the time it was set for (the loop's clock was read before
 * the handler ran, which a loaded machine stretches to tens of milliseconds). The fake then read
 * the phase from the clock, saw `building` and posted `pending` again instead of the result, and
 * a run waited for a status that never came. Here the end timer fires as early as it can: the
 * moment the build is created.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startSandbox, type Sandbox } from '../../../sandbox/server.mjs';

let sandbox: Sandbox | undefined;

afterEach(async () => {
  vi.useRealTimers();
  await sandbox?.close();
  sandbox = undefined;
});

describe('sandbox: Jamdesk reports a build at its end', () => {
  it('posts the outcome even when the end timer fires before the clock reaches the end', async () => {
    sandbox = await startSandbox({ buildMs: 60_000 });
    // Only setTimeout is faked: the sockets keep their own timers, and Date.now() stays real, so
    // advancing the fake timers fires the end report while the clock still says "building".
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const res = await fetch(`${sandbox.apiUrl('jamdesk')}/projects/proj_docs/rebuild`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${sandbox.options.tokens.jamdesk}` },
      signal: AbortSignal.timeout(5000),
    });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    vi.advanceTimersByTime(60_000);
    const jamdesk = sandbox.statuses.filter((s) => s.source === 'jamdesk').map((s) => s.state);
    expect(jamdesk).toEqual(['pending', 'success']);
  }, 10_000);
});
