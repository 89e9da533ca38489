/**
 * Figure (d), targets: three Deskforge builds of different lengths (the sandbox's
 * `projectBuildMs`) in one step with the default `max-parallel`, against the slowest of them
 * alone and the three one after another. Each is spawn -> exit of the bundled action, statuses
 * to the fake GitHub included, so the figure is what a workflow step would take.
 */
import { ACTION, actionEnv, median, progress, runChild } from './lib.mjs';

/** Build lengths, fastest first; the slowest sets the figure's baseline. */
export const TARGET_BUILD_MS = { 'bench-a': 6000, 'bench-b': 9000, 'bench-c': 12000 };

/**
 * @param {import('../sandbox/server.mjs').Sandbox} sandbox
 * @param {{rounds: number}} opts
 */
export async function measureTargets(sandbox, { rounds }) {
  sandbox.options.projectBuildMs = TARGET_BUILD_MS;
  const projects = Object.keys(TARGET_BUILD_MS);
  const common = {
    provider: 'deskforge',
    platform: 'linux',
    token: 'sandbox-token',
    'api-url': sandbox.apiUrl('deskforge'),
  };
  /** Spawn -> exit of one step, in ms; throws unless it succeeded. */
  const step = async (/** @type {Record<string, string>} */ inputs) => {
    const run = await actionEnv({
      inputs: { ...common, ...inputs },
      githubApiUrl: sandbox.githubApiUrl,
      sha: sandbox.sha,
    });
    try {
      const result = await runChild(process.execPath, [ACTION], { env: run.env, cwd: run.cwd });
      if (result.code !== 0) {
        throw new Error(
          `targets: the action failed (exit ${result.code})\n${result.stdout}${result.stderr}`,
        );
      }
      return result.exitedAt - result.spawnedAt;
    } finally {
      await run.cleanup();
    }
  };

  /** @type {number[]} */
  const together = [];
  /** @type {number[]} */
  const slowest = [];
  /** @type {number[]} */
  const sum = [];
  for (let round = 1; round <= rounds; round++) {
    progress(`targets: round ${round}/${rounds}: three targets in one step (about 13 s)`);
    together.push(
      await step({ project: 'unused', targets: projects.map((p) => `- project: ${p}`).join('\n') }),
    );
    progress(
      `targets: round ${round}/${rounds}: the same three builds one after another (about 30 s)`,
    );
    const singles = [];
    for (const project of projects) singles.push(await step({ project }));
    slowest.push(/** @type {number} */ (singles.at(-1)));
    sum.push(singles.reduce((a, b) => a + b, 0));
  }
  return { together: median(together), slowest: median(slowest), sum: median(sum) };
}
