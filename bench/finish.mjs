/**
 * Figure (b), finish: a build that ends 20 s after its trigger, with a history of ~20 s builds in
 * the provider's list. For the action with default inputs (commit statuses to the fake GitHub
 * included) and for `fixed-poll.mjs` (trigger, then fetch the status every 5 s): milliseconds
 * from the build's end (`sandbox.buildEndedAt`, the sandbox decides it) to the process exiting,
 * and the number of status reads (build detail and build list GETs) each sent.
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
  ).length;
}

/**
 * @param {import('../sandbox/server.mjs').Sandbox} sandbox  started with buildMs/historyMs 20000
 * @param {{rounds: number, providers?: readonly string[]}} opts
 */
export async function measureFinish(sandbox, { rounds, providers = FINISH_PROVIDERS }) {
  const site = join(WORK_DIR, 'site');
  await mkdir(site, { recursive: true });
  await writeFile(join(site, 'index.html'), '<!doctype html><h1>bench</h1>\n');

  /** @type {Record<string, {ours: {ms: number, reads: number}[], base: {ms: number, reads: number}[]}>} */
  const results = Object.fromEntries(providers.map((p) => [p, { ours: [], base: [] }]));

  for (let round = 1; round <= rounds; round++) {
    progress(
      `finish: round ${round}/${rounds} (about ${20 + (providers.length * 2 * STAGGER_MS) / 1000 + 5} s)`,
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
            const sample = {
              ms: result.exitedAt - endedAt,
              reads: statusReads(sandbox, provider, project, build.id),
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
      const fmt = (/** @type {{ms: number, reads: number}[]} */ s) =>
        s.map((x) => `${x.ms} ms/${x.reads}`).join(', ');
      progress(`finish ${provider}: ours ${fmt(ours)}; fixed 5 s ${fmt(base)}`);
      return [
        provider,
        {
          ours: { ms: median(ours.map((s) => s.ms)), reads: median(ours.map((s) => s.reads)) },
          baseline: { ms: median(base.map((s) => s.ms)), reads: median(base.map((s) => s.reads)) },
          samples: { ours, base },
        },
      ];
    }),
  );
}
