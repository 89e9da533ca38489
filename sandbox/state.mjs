/**
 * The sandbox's shared state and resolved options, handed to every provider module.
 */
import { DEFAULT_HEAD_SHA, DEFAULT_REPOSITORY, DEFAULT_SHA, DEFAULT_TOKENS } from './constants.mjs';
import { FaultQueue, TimerSet } from './core.mjs';

/**
 * @typedef {{
 *   jamdesk: string,
 *   sitepaste: string,
 *   deskforge: string,
 *   deployhub: string,
 *   custom: string,
 *   justdeploy: {accessKey: string, secretKey: string},
 *   github?: string,
 * }} Tokens
 */

/**
 * Options after defaults. The object is live: changing a field (say `outcome`) affects every
 * later request.
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
 *   jamdeskContext: string,
 *   jamdeskPostsStatuses: boolean,
 *   artifactBytes: number,
 *   deskforgeLogBytes: number,
 *   deskforgeErrorLines: string[],
 *   deskforgeLogBytesPerSecond: number,
 *   deployhubReturnsId: boolean,
 *   deployhubListDelayMs: number,
 *   justdeployRunning: boolean,
 *   uploadExpiresS: number,
 *   uploadRequiresLength: boolean,
 *   uploadDir: string,
 *   sitepasteLimit: number,
 *   sitepasteUsed: number,
 *   sitepasteWindowMs: number,
 *   sitepasteAccount: string,
 *   custom: Partial<import('./providers/custom.mjs').CustomApiOptions>,
 *   workflow: Partial<import('./providers/github-workflow.mjs').WorkflowApiOptions>,
 *   projectBuildMs: Record<string, number>,
 *   onRequest?: (rec: import('./core.mjs').RequestRecord) => void,
 * }} ResolvedOptions
 */

/**
 * What `startSandbox` accepts: every field optional, `tokens` and `github` merged over the
 * defaults.
 * @typedef {Partial<Omit<ResolvedOptions, 'tokens' | 'github'>> & {
 *   tokens?: Partial<Omit<Tokens, 'justdeploy'>> & {
 *     justdeploy?: Partial<Tokens['justdeploy']>,
 *   },
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
 * One PUT to a JustDeploy presigned URL (body streamed to `file`).
 * @typedef {{
 *   buildId: string,
 *   headers: Record<string, string>,
 *   size: number,
 *   sha256: string,
 *   file: string,
 *   at: number,
 * }} UploadRecord
 */

/**
 * A Sitepaste page.
 * @typedef {{
 *   id: string,
 *   slug: string,
 *   title: string,
 *   content: string,
 *   contentType: string,
 *   draft: boolean,
 *   createdAt: string,
 *   updatedAt: string,
 *   writes: number,
 * }} PageRecord
 */

/**
 * State every module shares. Arrays are only ever emptied in place, so references held by
 * tests stay valid across `reset()`.
 * @typedef {{
 *   options: ResolvedOptions,
 *   requests: import('./core.mjs').RequestRecord[],
 *   builds: import('./builds.mjs').Build[],
 *   index: Map<string, import('./builds.mjs').Build>,
 *   statuses: StatusRecord[],
 *   deployments: DeploymentRecord[],
 *   comments: CommentRecord[],
 *   checkRuns: CheckRunRecord[],
 *   uploads: UploadRecord[],
 *   pages: PageRecord[],
 *   faults: FaultQueue,
 *   timers: TimerSet,
 *   apiBase: string,
 *   foreignBase: string,
 *   knownShas: () => string[],
 *   addBuild: (build: import('./builds.mjs').Build, opts?: {seeded?: boolean}) => void,
 *   postStatus: (status: Omit<StatusRecord, 'id' | 'at'>) => StatusRecord,
 * }} Env
 */

/**
 * @param {SandboxOptions} options
 * @returns {ResolvedOptions}
 */
export function resolveOptions(options) {
  const buildMs = options.buildMs ?? 1500;
  const tokens = options.tokens ?? {};
  const github = options.github ?? {};
  return {
    port: options.port ?? 0,
    buildMs,
    historyMs: options.historyMs ?? buildMs,
    historyCount: options.historyCount ?? 3,
    outcome: options.outcome ?? 'success',
    tokens: {
      jamdesk: tokens.jamdesk ?? DEFAULT_TOKENS.jamdesk,
      sitepaste: tokens.sitepaste ?? DEFAULT_TOKENS.sitepaste,
      deskforge: tokens.deskforge ?? DEFAULT_TOKENS.deskforge,
      deployhub: tokens.deployhub ?? DEFAULT_TOKENS.deployhub,
      custom: tokens.custom ?? DEFAULT_TOKENS.custom,
      justdeploy: {
        accessKey: tokens.justdeploy?.accessKey ?? DEFAULT_TOKENS.justdeploy.accessKey,
        secretKey: tokens.justdeploy?.secretKey ?? DEFAULT_TOKENS.justdeploy.secretKey,
      },
      ...(tokens.github !== undefined ? { github: tokens.github } : {}),
    },
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
    jamdeskContext: options.jamdeskContext ?? 'Jamdesk',
    jamdeskPostsStatuses: options.jamdeskPostsStatuses ?? true,
    artifactBytes: options.artifactBytes ?? 64 * 1024,
    deskforgeLogBytes: options.deskforgeLogBytes ?? 0,
    deskforgeErrorLines: options.deskforgeErrorLines ?? [
      'error[E0425]: cannot find value `window_handle` in this scope',
    ],
    deskforgeLogBytesPerSecond: options.deskforgeLogBytesPerSecond ?? 0,
    deployhubReturnsId: options.deployhubReturnsId ?? false,
    deployhubListDelayMs: options.deployhubListDelayMs ?? 0,
    justdeployRunning: options.justdeployRunning ?? false,
    uploadExpiresS: options.uploadExpiresS ?? 600,
    uploadRequiresLength: options.uploadRequiresLength ?? true,
    uploadDir: options.uploadDir ?? '',
    sitepasteLimit: options.sitepasteLimit ?? 20,
    sitepasteUsed: options.sitepasteUsed ?? 0,
    sitepasteWindowMs: options.sitepasteWindowMs ?? 3_600_000,
    sitepasteAccount: options.sitepasteAccount ?? 'sandbox-user',
    custom: { ...options.custom },
    workflow: { ...options.workflow },
    projectBuildMs: options.projectBuildMs ?? {},
    ...(options.onRequest ? { onRequest: options.onRequest } : {}),
  };
}

/**
 * @param {ResolvedOptions} options
 * @returns {Env}
 */
export function createEnv(options) {
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
    uploads: [],
    pages: [],
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
  return env;
}
