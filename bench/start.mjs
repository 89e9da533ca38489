/**
 * Figure (a), start: from just before `spawn` to the sandbox receiving the first provider request,
 * for the action (Deskforge, `commit-status: false`) and for a bare `node -e "fetch(url)"`.
 *
 * Both ends use `Date.now()`: the sandbox stamps `RequestRecord.at` with it, in this process, so
 * there is a single clock and no cross-process skew. Its millisecond resolution is small next to
 * the ~50-100 ms being measured, and the median of several runs smooths the rounding.
 */
import { ACTION, actionEnv, median, progress, runChild } from './lib.mjs';

/**
 * @param {import('../sandbox/server.mjs').Sandbox} sandbox
 * @param {{runs: number}} opts
 */
export async function measureStart(sandbox, { runs }) {
  const url = sandbox.apiUrl('deskforge');
  /** @type {number[]} */
  const ours = [];
  /** @type {number[]} */
  const bare = [];

  /** Spawns, waits for the exit, returns ms from spawn to the first Deskforge request. */
  const once = async (/** @type {() => Promise<import('./lib.mjs').ChildResult>} */ run) => {
    const before = sandbox.requests.length;
    const result = await run();
    const first = sandbox.requests.slice(before).find((r) => r.provider === 'deskforge');
    if (!first) {
      throw new Error(
        `start: no Deskforge request arrived (exit ${result.code})\n${result.stdout}${result.stderr}`,
      );
    }
    return first.at - result.spawnedAt;
  };

  // One unmeasured round first: the page cache and the sandbox's JIT warm up for both alike.
  for (let i = -1; i < runs; i++) {
    // Alternate which goes first, so a drift in machine load does not favour either side.
    const order = i % 2 === 0 ? ['ours', 'bare'] : ['bare', 'ours'];
    for (const which of order) {
      let ms;
      if (which === 'ours') {
        const run = await actionEnv({
          inputs: {
            provider: 'deskforge',
            project: 'start',
            platform: 'mac',
            token: 'sandbox-token',
            'api-url': url,
            'commit-status': false,
            wait: false,
          },
          githubApiUrl: sandbox.githubApiUrl,
          sha: sandbox.sha,
        });
        ms = await once(() =>
          runChild(process.execPath, [ACTION], { env: run.env, cwd: run.cwd, timeoutMs: 30_000 }),
        );
        await run.cleanup();
        if (i >= 0) ours.push(ms);
      } else {
        const target = `${url}/projects/start/builds`;
        ms = await once(() =>
          runChild(process.execPath, ['-e', `fetch(${JSON.stringify(target)})`], {
            timeoutMs: 30_000,
          }),
        );
        if (i >= 0) bare.push(ms);
      }
    }
  }
  progress(`start: ours ${ours.join(', ')} ms; bare fetch ${bare.join(', ')} ms`);
  return { ours: median(ours), baseline: median(bare), samples: { ours, bare } };
}
