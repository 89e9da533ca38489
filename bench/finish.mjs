/**
 * Figure (b), finish: a build that ends `FINISH_BUILD_MS` after its trigger, in three worlds of
 * what the provider's list says about past builds (`FINISH_WORLDS`: history predicts the build
 * within +-10%, misleads at 5x its length, or is absent). For the action with default inputs
 * (commit statuses to the fake GitHub included) and for `fixed-poll.mjs` (trigger, then fetch the
 * status every 5 s): milliseconds from the build's end (`sandbox.buildEndedAt`, the sandbox
 * decides it) to the first status read after it and to the process exiting, and the number of
 * status reads (build detail and build list GETs) each sent.
 *
 * Each round starts all contenders a couple of seconds apart, so rounds take ~40 s instead of
 * ~20 s per contender, while no two of them poll or exit at the same instant.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ACTION, REPO_ROOT, WORK_DIR, actionEnv, median, progress, runChild } from './lib.mjs';

/** Providers that list past builds with their times; Deskforge is the headline row. */
export const FINISH_PROVIDERS = /** @type {const} */ (['deskforge', 'deployhub', 'justdeploy']);
/** The build's length in every world: short, so the figure runs in a few minutes. */
export const FINISH_BUILD_MS = 12_000;
/**
 * What the provider's list says about past builds, as sandbox options (see sandbox/worlds.mjs).
 * "predicts" mixes 0.9x, 1x and 1.1x the build (the sandbox's history cycles those factors).
 */
export const FINISH_WORLDS = /** @type {const} */ ({
  predicts: { buildMs: FINISH_BUILD_MS, historyMs: FINISH_BUILD_MS, historyCount: 3 },
  misleads: { buildMs: FINISH_BUILD_MS, historyMs: FINISH_BUILD_MS * 5, historyCount: 3 },
  absent: { buildMs: FINISH_BUILD_MS, historyMs: FINISH_BUILD_MS, historyCount: 0 },
});
/** Gap between starting two contenders in a round. */
const STAGGER_MS = 1700;

/**
 * The action's inputs for one provider.
 * @param {import('../sandbox/server.mjs').Sandbox} sandbox
 * @param {string} provider
 * @param {string} project
 * @param {string} site  a small directory, JustDeploy's artifact
 */
function inputs(sandbox, provider, project, site) {
  const common = { provider, project, 'api-url': sandbox.apiUrl(provider), token: 'sandbox-token' };
  if (provider === 'deskforge') return { ...common, platform: 'mac' };
  if (provider === 'justdeploy') {
    return {
      ...common,
      token: 'sandbox-access',
      'secret-key': 'sandbox-secret',
      organization: 'bench',
      artifact: site,
    };
  }
  return common;
}

/**
 * Status reads for a build: GETs of its detail, or of its project's build list.
 * @param {import('../sandbox/server.mjs').Sandbox} sandbox
 * @param {string} provider
 * @param {string} project
 * @param {string} id
 */
function statusReads(sandbox, provider, project, id) {
  return sandbox.requests.filter(
    (r) =>
      r.host === 'api' &&
      r.provider === provider &&
      r.method === 'GET' &&
      (r.path.endsWith(`/builds/${id}`) || r.path.endsWith(`/${project}/builds`)),
  );
}

/** @typedef {{ms: number, seenMs: number, reads: number}} FinishSample */

/**
 * @param {import('../sandbox/server.mjs').Sandbox} sandbox  started with one of `FINISH_WORLDS`
 * @param {{rounds: number, providers?: readonly string[], label?: string}} opts
 */
export async function measureFinish(
  sandbox,
  { rounds, providers = FINISH_PROVIDERS, label = 'finish' },
) {
  const site = join(WORK_DIR, 'site');
  await mkdir(site, { recursive: true });
  await writeFile(join(site, 'index.html'), '<!doctype html><h1>bench</h1>\n');

  /** @type {Record<string, {ours: FinishSample[], base: FinishSample[]}>} */
  const results = Object.fromEntries(providers.map((p) => [p, { ours: [], base: [] }]));

  for (let round = 1; round <= rounds; round++) {
    progress(
      `${label}: round ${round}/${rounds} (about ${Math.round(sandbox.options.buildMs / 1000 + (providers.length * 2 * STAGGER_MS) / 1000 + 5)} s)`,
    );
    /** @type {Promise<void>[]} */
    const running = [];
    let slot = 0;
    for (const provider of providers) {
      // Alternate who starts first, as in every figure.
      const kinds = round % 2 ? ['ours', 'base'] : ['base', 'ours'];
      for (const kind of kinds) {
        const delay = slot++ * STAGGER_MS;
        const project = `finish-${kind}-${round}`;
        running.push(
          (async () => {
            await sleep(delay);
            /** @type {import('./lib.mjs').ChildResult} */
            let result;
            if (kind === 'ours') {
              const run = await actionEnv({
                inputs: inputs(sandbox, provider, project, site),
                githubApiUrl: sandbox.githubApiUrl,
                sha: sandbox.sha,
              });
              result = await runChild(process.execPath, [ACTION], {
                env: run.env,
                cwd: run.cwd,
                timeoutMs: 90_000,
              });
              await run.cleanup();
            } else {
              result = await runChild(
                process.execPath,
                [
                  join(REPO_ROOT, 'bench', 'fixed-poll.mjs'),
                  provider,
                  sandbox.apiUrl(provider),
                  project,
                ],
                { timeoutMs: 90_000 },
              );
            }
            const build = sandbox.builds.find(
              (b) => b.provider === provider && b.project === project,
            );
            const endedAt = build ? sandbox.buildEndedAt(build.id) : null;
            if (result.code !== 0 || !build || endedAt === null) {
              throw new Error(
                `finish: ${kind} ${provider} failed (exit ${result.code})\n${result.stdout}${result.stderr}`,
              );
            }
            const reads = statusReads(sandbox, provider, project, build.id);
            const after = reads.map((r) => r.at).filter((at) => at >= endedAt);
            /** @type {FinishSample} */
            const sample = {
              ms: result.exitedAt - endedAt,
              // No read after the end would mean it exited on a read stamped just before; 0 then.
              seenMs: after.length > 0 ? Math.min(...after) - endedAt : 0,
              reads: reads.length,
            };
            (kind === 'ours' ? results[provider]?.ours : results[provider]?.base)?.push(sample);
          })(),
        );
      }
    }
    await Promise.all(running);
  }

  return Object.fromEntries(
    Object.entries(results).map(([provider, { ours, base }]) => {
      const fmt = (/** @type {FinishSample[]} */ s) =>
        s.map((x) => `${x.seenMs}/${x.ms} ms/${x.reads}`).join(', ');
      progress(`${label} ${provider} (seen/exit/reads): ours ${fmt(ours)}; fixed 5 s ${fmt(base)}`);
      const sum = (/** @type {FinishSample[]} */ s) => ({
        ms: Math.round(median(s.map((x) => x.ms))),
        seenMs: Math.round(median(s.map((x) => x.seenMs))),
        maxSeenMs: Math.max(...s.map((x) => x.seenMs)),
        maxMs: Math.max(...s.map((x) => x.ms)),
        reads: median(s.map((x) => x.reads)),
      });
      return [provider, { ours: sum(ours), baseline: sum(base), samples: { ours, base } }];
    }),
  );
}
