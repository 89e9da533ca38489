/**
 * Seeded random worlds: the sandbox configured by a seed instead of by the test that wants a
 * result. Durations, what the provider's history says about them (predicts, misleads 5x either
 * way, absent), outcomes, list lag, and fault sequences on every route (GitHub's included) are
 * drawn from the seed, so a failing world is reproduced exactly by its seed.
 *
 *   const world = generateWorld('deployhub', 123);
 *   const sandbox = await startSandbox(world.sandbox);
 *   for (const fault of world.faults) sandbox.inject(fault);
 *   // run the action with world.inputs ...
 */

/** Mulberry32: a small, fast, seeded PRNG (uniform in [0, 1)). */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Providers whose list endpoint reports past builds with their durations. */
export const HISTORY_PROVIDERS = ['deskforge', 'deployhub', 'justdeploy'];

/**
 * Fault kinds and what each injects. `ra` marks a wait the server asked for (Retry-After), which
 * the latency invariant allows to stretch a gap.
 * @type {Record<string, (r: () => number) => import('./core.mjs').FaultSpec & {ra?: boolean, slow?: boolean}>}
 */
const FAULTS = {
  '429+Retry-After': () => ({ status: 429, headers: { 'Retry-After': 1 }, ra: true }),
  429: () => ({ status: 429 }),
  500: () => ({ status: 500 }),
  502: () => ({ status: 502 }),
  503: () => ({ status: 503 }),
  'reset-before': () => ({ reset: 'before' }),
  'reset-after': () => ({ reset: 'after' }),
  'html-200': () => ({ html: true }),
  truncated: () => ({
    status: 200,
    body: '{"id": "b',
    headers: { 'Content-Type': 'application/json' },
  }),
  slow: (r) => ({ delayMs: 300 + Math.floor(r() * 900), slow: true }),
  redirect: () => ({ redirectTo: 'foreign' }),
};
const KINDS = Object.keys(FAULTS);

/** The routes a world may put faults on, per provider: [label, fault matcher]. */
function routes(provider) {
  /** @type {[string, import('./core.mjs').FaultSpec][]} */
  const own = [
    ['provider GET', { provider, host: 'api', method: 'GET' }],
    ['provider POST', { provider, host: 'api', method: 'POST' }],
  ];
  if (provider === 'justdeploy')
    own.push(['upload PUT', { provider, host: 'foreign', method: 'PUT' }]);
  if (provider === 'sitepaste')
    own.push(['site GET', { provider, host: 'foreign', method: 'GET' }]);
  return [
    ...own,
    ['github GET', { provider: 'github', host: 'api', method: 'GET' }],
    ['github POST', { provider: 'github', host: 'api', method: 'POST' }],
  ];
}

/** A number in [lo, hi) spread evenly on a log scale: as many 0.5-1 s worlds as 2-4 s ones. */
function logUniform(r, lo, hi) {
  return Math.round(Math.exp(Math.log(lo) + r() * (Math.log(hi) - Math.log(lo))));
}

/**
 * One world for `provider`, fully determined by `seed`.
 * @param {string} provider
 * @param {number} seed
 * @param {{maxBuildMs?: number}} [opts]
 */
export function generateWorld(provider, seed, opts = {}) {
  const r = rng(seed * 7919 + provider.length);
  const pick = (/** @type {readonly any[]} */ list) => list[Math.floor(r() * list.length)];
  const buildMs = logUniform(r, 500, opts.maxBuildMs ?? 5000);
  const history = HISTORY_PROVIDERS.includes(provider)
    ? pick(['predicts', 'predicts', 'misleads-longer', 'misleads-shorter', 'absent'])
    : 'absent';
  const historyMs =
    history === 'predicts'
      ? Math.round(buildMs * (0.9 + r() * 0.2))
      : history === 'misleads-longer'
        ? buildMs * 5
        : history === 'misleads-shorter'
          ? Math.max(100, Math.round(buildMs / 5))
          : buildMs;
  const outcome = r() < 0.3 ? 'failure' : r() < 0.08 ? 'never' : 'success';
  const pollMs = pick([1000, 1000, 2000]);
  const failOnError = r() < 0.7;

  /** @type {(import('./core.mjs').FaultSpec & {label: string, ra?: boolean, slow?: boolean})[]} */
  const faults = [];
  const count = pick([0, 1, 1, 2, 2, 3]);
  const where = routes(provider);
  for (let i = 0; i < count; i += 1) {
    const [label, match] = pick(where);
    const kind = pick(KINDS);
    const { ra, slow, ...spec } = FAULTS[kind](r);
    faults.push({
      ...match,
      ...spec,
      times: r() < 0.8 ? 1 : 2,
      label: `${kind} on ${label}`,
      ...(ra ? { ra } : {}),
      ...(slow ? { slow } : {}),
    });
  }
  // Shuffle, so the order in which routes meet their faults is random too.
  for (let i = faults.length - 1; i > 0; i -= 1) {
    const j = Math.floor(r() * (i + 1));
    [faults[i], faults[j]] = [/** @type {any} */ (faults[j]), /** @type {any} */ (faults[i])];
  }

  return {
    seed,
    provider,
    history,
    outcome,
    sandbox: {
      buildMs,
      historyMs,
      historyCount: history === 'absent' ? 0 : 3,
      outcome,
      deployhubListDelayMs: provider === 'deployhub' ? pick([0, 0, 1000, 3000, 6000]) : 0,
    },
    inputs: {
      'poll-interval': `${pollMs / 1000}s`,
      timeout: outcome === 'never' ? '6s' : '40s',
      'fail-on-error': String(failOnError),
    },
    pollMs,
    failOnError,
    faults,
  };
}

/** One line describing a world, for failure messages. */
export function describeWorld(world) {
  return (
    `${world.provider} seed ${world.seed}: build ${world.sandbox.buildMs} ms ${world.outcome}, ` +
    `history ${world.history} (${world.sandbox.historyMs} ms), poll ${world.pollMs} ms, ` +
    `fail-on-error ${world.failOnError}, list lag ${world.sandbox.deployhubListDelayMs} ms, ` +
    `faults: ${world.faults.map((f) => `${f.label}${f.times > 1 ? ' x2' : ''}`).join(', ') || 'none'}`
  );
}
