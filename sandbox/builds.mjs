/**
 * Build lifecycle on real time. A build is a timeline (when it starts building, when it ends and
 * how) and every provider derives its own status words from it when asked, so nothing needs a
 * timer except side effects such as Jamdesk's own commit statuses.
 */
import { randomBytes, randomUUID } from 'node:crypto';

/** @typedef {'success' | 'failure' | 'never'} Outcome */

/**
 * A build the sandbox knows about. Providers add their own fields.
 * @typedef {{
 *   provider: string,
 *   id: string,
 *   project: string,
 *   createdAt: number,
 *   startsAt: number | null,
 *   endsAt: number | null,
 *   outcome: Outcome,
 *   seeded?: boolean,
 *   [extra: string]: unknown,
 * }} Build
 */

/** @typedef {'queued' | 'building' | 'success' | 'failure'} Phase */

/**
 * Outcome for a new build: the project id wins (`fail*` fails, `slow*` never ends), then
 * `options.outcome`.
 * @param {{outcome: Outcome}} options
 * @param {string} project
 * @returns {Outcome}
 */
export function outcomeFor(options, project) {
  if (project.startsWith('fail')) return 'failure';
  if (project.startsWith('slow')) return 'never';
  return options.outcome;
}

/**
 * When a build triggered at `start` builds and ends: building after a third of `buildMs` (or the
 * project's own `projectBuildMs`), finished after all of it (never, for outcome 'never').
 * @param {{buildMs: number, outcome: Outcome, projectBuildMs?: Record<string, number>}} options
 * @param {string} project
 * @param {number} start
 * @param {Outcome} [outcome]  decided earlier (JustDeploy decides at creation, starts at upload)
 */
export function timeline(options, project, start, outcome = outcomeFor(options, project)) {
  const buildMs = options.projectBuildMs?.[project] ?? options.buildMs;
  return {
    startsAt: start + Math.round(buildMs / 3),
    endsAt: outcome === 'never' ? null : start + buildMs,
    outcome,
  };
}

/**
 * Where a build is at `now`.
 * @param {Pick<Build, 'startsAt' | 'endsAt' | 'outcome'>} build
 * @returns {Phase}
 */
export function phaseOf(build, now = Date.now()) {
  if (build.startsAt === null || now < build.startsAt) return 'queued';
  if (build.endsAt === null || now < build.endsAt) return 'building';
  return build.outcome === 'failure' ? 'failure' : 'success';
}

/**
 * Finished builds from before the sandbox started, newest first: one an hour, each about
 * `historyMs` from creation to end (×1, ×0.9, ×1.1 in turn), every third-but-one failed.
 * @param {{historyMs: number, historyCount: number}} options
 * @param {number} anchor  ms epoch the history ends before
 */
export function history(options, anchor) {
  const factors = [1, 0.9, 1.1];
  const past = [];
  for (let i = 1; i <= options.historyCount; i++) {
    const createdAt = anchor - i * 3_600_000;
    const duration = Math.round(options.historyMs * /** @type {number} */ (factors[(i - 1) % 3]));
    past.push({
      createdAt,
      startsAt: createdAt + Math.round(duration / 3),
      endsAt: createdAt + duration,
      /** @type {Outcome} */
      outcome: (i - 1) % 3 === 1 ? 'failure' : 'success',
    });
  }
  return past;
}

/** `prefix` + n lowercase base-36 characters, like `build_8f3k2j`. */
export function shortId(prefix = '', n = 6) {
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';
  const bytes = randomBytes(n);
  let out = prefix;
  for (const b of bytes) out += alphabet[b % 36];
  return out;
}

/** A MongoDB ObjectId (24 hex; the first 8 are the creation time in seconds). */
export function objectId(ms = Date.now()) {
  const seconds = Math.floor(ms / 1000)
    .toString(16)
    .padStart(8, '0');
  return seconds + randomBytes(8).toString('hex');
}

/** A UUID v4 (JustDeploy build ids look like `b1234567-abcd-...`). */
export function uuid() {
  return randomUUID();
}

/** 40 random hex characters, for the commits of past builds. */
export function randomSha() {
  return randomBytes(20).toString('hex');
}
