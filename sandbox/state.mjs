/**
 * The sandbox's shared state and resolved options, handed to every provider module. The fakes
 * (providers/index.mjs) add their own options and state to both.
 */
import { DEFAULT_HEAD_SHA, DEFAULT_REPOSITORY, DEFAULT_SHA } from './constants.mjs';
import { FaultQueue, TimerSet } from './core.mjs';

/**
 * Credentials per fake (`fake.token` gives the default), and GitHub's when it is checked.
 * @typedef {Record<string, string | Record<string, string> | undefined> & {github?: string}} Tokens
 */

/**
 * Options after defaults: the sandbox's own below, plus every fake's `options` (declared in its
 * module). The object is live: changing a field (say `outcome`) affects every later request.
 * @typedef {{
 *   port: number,
 *   buildMs: number,
 *   historyMs: number,
 *   historyCount: number,
 *   outcome: import('./builds.mjs').Outcome,
 *   tokens: Tokens,
 *   github: {
 *     sha: string,
 *     headSha: string,
 *     shas: string[],
 *     repository: string,
 *     statusesForbidden: boolean,
 *     deploymentsForbidden: boolean,
 *     commentsForbidden: boolean,
 *     checksForbidden: boolean,
 *     identity: string,
 *   },
 *   projectBuildMs: Record<string, number>,
 *   onRequest?: (rec: import('./core.mjs').RequestRecord) => void,
 *   [fakeOption: string]: any,
 * }} ResolvedOptions
 */

/**
 * What `startSandbox` accepts: every field optional, `tokens` and `github` merged over the
 * defaults.
 * @typedef {Partial<Omit<ResolvedOptions, 'tokens' | 'github'>> & {
 *   tokens?: Partial<Tokens>,
 *   github?: Partial<ResolvedOptions['github']>,
 * }} SandboxOptions
 */

/**
 * A commit status as the fake GitHub stored it.
 * @typedef {{
 *   id: number,
 *   owner: string,
 *   repo: string,
 *   sha: string,
 *   state: 'error' | 'failure' | 'pending' | 'success',
 *   context: string,
 *   description: string | null,
 *   target_url: string | null,
 *   source: 'action' | 'jamdesk',
 *   at: number,
 * }} StatusRecord
 */

/**
 * @typedef {{login: string, id: number, type: string}} GithubUser
 */

/**
 * A deployment status as the fake GitHub stored it.
 * @typedef {{
 *   id: number,
 *   state: 'error' | 'failure' | 'inactive' | 'in_progress' | 'queued' | 'pending' | 'success',
 *   description: string,
 *   log_url: string | null,
 *   environment_url: string | null,
 *   auto_inactive: boolean,
 *   creator: GithubUser,
 *   at: number,
 * }} DeploymentStatusRecord
 */

/**
 * A deployment as the fake GitHub stored it, with its statuses oldest first.
 * @typedef {{
 *   id: number,
 *   owner: string,
 *   repo: string,
 *   sha: string,
 *   ref: string,
 *   environment: string,
 *   description: string | null,
 *   payload: unknown,
 *   production_environment: boolean,
 *   transient_environment: boolean,
 *   auto_merge: boolean,
 *   required_contexts: unknown[] | null,
 *   creator: GithubUser,
 *   statuses: DeploymentStatusRecord[],
 *   at: number,
 * }} DeploymentRecord
 */

/**
 * An issue or pull request comment as the fake GitHub stored it.
 * @typedef {{
 *   id: number,
 *   owner: string,
 *   repo: string,
 *   issue: number,
 *   body: string,
 *   user: GithubUser,
 *   at: number,
 *   updatedAt: number,
 *   updates: number,
 * }} CommentRecord
 */

/**
 * A check run as the fake GitHub stored it, with every write it received.
 * @typedef {{
 *   id: number,
 *   owner: string,
 *   repo: string,
 *   head_sha: string,
 *   name: string,
 *   external_id: string,
 *   details_url: string | null,
 *   status: string,
 *   conclusion: string | null,
 *   started_at: string | null,
 *   completed_at: string | null,
 *   output: {title: string | null, summary: string | null, text: string | null},
 *   annotations: Record<string, unknown>[],
 *   writes: Record<string, unknown>[],
 * }} CheckRunRecord
 */

/**
 * State every module shares, plus each fake's `lists` (`env.uploads`, `env.pages`...). Arrays are
 * only ever emptied in place, so references held by tests stay valid across `reset()`.
 * @typedef {{
 *   options: ResolvedOptions,
 *   requests: import('./core.mjs').RequestRecord[],
 *   builds: import('./builds.mjs').Build[],
 *   index: Map<string, import('./builds.mjs').Build>,
 *   statuses: StatusRecord[],
 *   deployments: DeploymentRecord[],
 *   comments: CommentRecord[],
 *   checkRuns: CheckRunRecord[],
 *   faults: FaultQueue,
 *   timers: TimerSet,
 *   apiBase: string,
 *   foreignBase: string,
 *   knownShas: () => string[],
 *   addBuild: (build: import('./builds.mjs').Build, opts?: {seeded?: boolean}) => void,
 *   postStatus: (status: Omit<StatusRecord, 'id' | 'at'>) => StatusRecord,
 *   [fakeList: string]: any,
 * }} Env
 */

/** A given value over a default: objects field by field, anything else whole. */
function over(/** @type {unknown} */ fallback, /** @type {unknown} */ given) {
  const isObject = (/** @type {unknown} */ v) =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(fallback))
    return { .../** @type {object} */ (fallback), ...(isObject(given) ? given : {}) };
  if (given !== undefined) return given;
  // A fresh copy, so that a sandbox changing its array in place never changes another's.
  return Array.isArray(fallback) ? [...fallback] : fallback;
}

/**
 * @param {SandboxOptions} options
 * @param {readonly import('./core.mjs').FakeModule[]} fakes
 * @returns {ResolvedOptions}
 */
export function resolveOptions(options, fakes) {
  const buildMs = options.buildMs ?? 1500;
  /** @type {Record<string, unknown>} */
  const given = options;
  const tokens = /** @type {Record<string, unknown>} */ (options.tokens ?? {});
  const github = options.github ?? {};
  /** @type {Tokens} */
  const resolvedTokens = {};
  /** @type {Record<string, unknown>} */
  const fakeOptions = {};
  for (const fake of fakes) {
    if (fake.token !== undefined)
      resolvedTokens[fake.name] = /** @type {string} */ (over(fake.token, tokens[fake.name]));
    for (const [key, fallback] of Object.entries(fake.options ?? {})) {
      if (key in fakeOptions) throw new Error(`sandbox option "${key}" is declared twice`);
      fakeOptions[key] = over(fallback, given[key]);
    }
  }
  if (tokens.github !== undefined) resolvedTokens.github = /** @type {string} */ (tokens.github);
  return {
    port: options.port ?? 0,
    buildMs,
    historyMs: options.historyMs ?? buildMs,
    historyCount: options.historyCount ?? 3,
    outcome: options.outcome ?? 'success',
    tokens: resolvedTokens,
    github: {
      sha: github.sha ?? DEFAULT_SHA,
      headSha: github.headSha ?? DEFAULT_HEAD_SHA,
      shas: github.shas ?? [],
      repository: github.repository ?? DEFAULT_REPOSITORY,
      statusesForbidden: github.statusesForbidden ?? false,
      deploymentsForbidden: github.deploymentsForbidden ?? false,
      commentsForbidden: github.commentsForbidden ?? false,
      checksForbidden: github.checksForbidden ?? false,
      identity: github.identity ?? 'github-actions[bot]',
    },
    ...fakeOptions,
    projectBuildMs: options.projectBuildMs ?? {},
    ...(options.onRequest ? { onRequest: options.onRequest } : {}),
  };
}

/**
 * @param {ResolvedOptions} options
 * @param {readonly import('./core.mjs').FakeModule[]} fakes
 * @returns {Env}
 */
export function createEnv(options, fakes) {
  /** @type {Env} */
  const env = {
    options,
    requests: [],
    builds: [],
    index: new Map(),
    statuses: [],
    deployments: [],
    comments: [],
    checkRuns: [],
    faults: new FaultQueue(),
    timers: new TimerSet(),
    apiBase: '',
    foreignBase: '',
    knownShas: () => [options.github.sha, options.github.headSha, ...options.github.shas],
    addBuild(build, { seeded = false } = {}) {
      // Seeded builds (history, a running JustDeploy build) are findable but not "created".
      if (seeded) build.seeded = true;
      else env.builds.push(build);
      env.index.set(build.id, build);
    },
    postStatus() {
      throw new Error('github module not mounted');
    },
  };
  for (const list of fakes.flatMap((f) => f.lists ?? [])) {
    if (list in env) throw new Error(`sandbox state "${list}" is declared twice`);
    env[list] = [];
  }
  return env;
}
