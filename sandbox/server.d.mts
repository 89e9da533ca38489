// Types for server.mjs, so TypeScript tests can import the sandbox (tsconfig has allowJs off).
// Keep in sync with the JSDoc in server.mjs, state.mjs, core.mjs and builds.mjs.

export declare const PROVIDERS: readonly [
  'jamdesk',
  'sitepaste',
  'justdeploy',
  'deskforge',
  'deployhub',
  'custom',
  'github-workflow',
];

export type Outcome = 'success' | 'failure' | 'never';

/** Where the custom API puts ids and words, how it authenticates and answers a cancel. */
export interface CustomApiOptions {
  /** Lower-case header name carrying the credential. */
  authHeader: string;
  /** Prefix before the token in that header ('Bearer ', or '' for a bare key). */
  authScheme: string;
  /** Dotted path of the build id in every answer. */
  idPath: string;
  /** Dotted path of the status word in every answer. */
  statusPath: string;
  words: { queued: string; building: string; success: string; failure: string; cancelled: string };
  /** What POST /builds/:id/cancel answers (2xx accepts, anything else refuses). */
  cancelStatus: number;
  /** Wrap every status answer as {items: [answer]}. */
  listWrapped: boolean;
  /** 'bigint': build ids are 20-digit integers written as bare JSON numbers. */
  idStyle: 'short' | 'bigint';
  /** The first this many status reads of a build answer `emptyStatus` with no body. */
  emptyPolls: number;
  emptyStatus: 204 | 202;
  /** Also answer a conclusion here: null until the build ends, then the final word ('' for none). */
  conclusionPath: string;
  /** Take only OIDC tokens from the sandbox's token service, for this audience. */
  oidc: { audience: string } | null;
  /** How long the token service's tokens live, in seconds. */
  oidcTokenLifeS: number;
  /** A careless API: its failure text repeats the request's Authorization header. */
  echoAuth: boolean;
  /** The log at links.log is a dashboard page (text/html), not the log's text. */
  logHtml: boolean;
}

/** How the fake Actions API (sandbox/providers/github-workflow.mjs) plays GitHub. */
export interface WorkflowApiOptions {
  /** GHES 3.19: dispatch answers 204, return_run_details is refused with 422. */
  ghes: boolean;
  /** With ghes: answers carry X-GitHub-Enterprise-Version (default true). */
  ghesHeader: boolean;
  /** Other dispatches by another actor landing with each of ours. */
  concurrent: number;
  concurrentOutcome: Outcome;
  /** A run shows in the run list this long after its dispatch. */
  listDelayMs: number;
  /** The input the workflow's run-name shows (default distinct_id). */
  runNameInput: string;
  /** The only token accepted; empty accepts any. */
  token: string;
}

export interface Tokens {
  jamdesk: string;
  sitepaste: string;
  deskforge: string;
  deployhub: string;
  custom: string;
  justdeploy: { accessKey: string; secretKey: string };
  /** When set, the fake GitHub rejects any other token with 401 "Bad credentials". */
  github?: string;
}

/** Options after defaults. Live: changing a field affects every later request. */
export interface ResolvedOptions {
  port: number;
  buildMs: number;
  historyMs: number;
  historyCount: number;
  outcome: Outcome;
  tokens: Tokens;
  github: {
    sha: string;
    headSha: string;
    shas: string[];
    repository: string;
    statusesForbidden: boolean;
    /** Deployment and deployment-status writes answer 403. */
    deploymentsForbidden: boolean;
    /** Comment writes answer 403 (reads still work, as on fork pull requests). */
    commentsForbidden: boolean;
    /** Check run writes answer 403 (a fork pull request's token, no `checks: write`). */
    checksForbidden: boolean;
    /** Who the token acts as; a `[bot]` login is an installation token (GET /user is 403). */
    identity: string;
  };
  jamdeskContext: string;
  jamdeskPostsStatuses: boolean;
  artifactBytes: number;
  /**
   * Deskforge: extra build-log lines of about this many bytes in all, appearing evenly while the
   * build runs (a desktop build's multi-megabyte log, still one JSON answer).
   */
  deskforgeLogBytes: number;
  /** The error-level lines a failing Deskforge build logs (compiler output). */
  deskforgeErrorLines: string[];
  /** Deskforge: log lines that keep appearing at this many bytes a second while a build runs. */
  deskforgeLogBytesPerSecond: number;
  deployhubReturnsId: boolean;
  deployhubListDelayMs: number;
  justdeployRunning: boolean;
  uploadExpiresS: number;
  uploadRequiresLength: boolean;
  uploadDir: string;
  sitepasteLimit: number;
  sitepasteUsed: number;
  sitepasteWindowMs: number;
  sitepasteAccount: string;
  /** The custom API's shape (sandbox/providers/custom.mjs); live, merged over its defaults. */
  custom: Partial<CustomApiOptions>;
  /** The fake Actions API's behaviour (github-workflow); live, merged over its defaults. */
  workflow: Partial<WorkflowApiOptions>;
  /** Build time per project id, overriding `buildMs` (builds of different lengths in one run). */
  projectBuildMs: Record<string, number>;
  onRequest?: (rec: RequestRecord) => void;
}

export type SandboxOptions = Partial<Omit<ResolvedOptions, 'tokens' | 'github'>> & {
  tokens?: Partial<Omit<Tokens, 'justdeploy'>> & { justdeploy?: Partial<Tokens['justdeploy']> };
  github?: Partial<ResolvedOptions['github']>;
};

export interface RequestRecord {
  host: 'api' | 'foreign';
  /** Provider name, 'github', or null (API root, /evil). */
  provider: string | null;
  method: string;
  /** Path relative to the provider base (API host), or the whole path (foreign host). */
  path: string;
  /** The whole path as received, provider prefix included. */
  fullPath: string;
  /** Query string without '?'. */
  query: string;
  headers: Record<string, string>;
  body: unknown;
  /** A body that was not JSON, as text. */
  text?: string;
  bytes: number;
  at: number;
  status?: number | 'reset' | 'aborted';
  ms?: number;
  /** Id of the fault that hit this request. */
  fault?: number;
  /** The answer, kept by services that record them (the fake GitHub); `injected`: a fault's. */
  reply?: {
    status: number;
    headers: Record<string, string | number>;
    body: unknown;
    injected: boolean;
  };
}

export interface FaultSpec {
  provider?: string;
  host?: 'api' | 'foreign';
  method?: string;
  path?: string | RegExp;
  times?: number;
  status?: number;
  headers?: Record<string, string | number>;
  body?: unknown;
  html?: boolean;
  reset?: 'before' | 'after';
  delayMs?: number;
  redirectTo?: 'foreign' | 'foreign-https' | (string & {});
  /** The handler does the work, then the fault's answer replaces the real one (processed, then 5xx). */
  processed?: boolean;
}

export type Fault = FaultSpec & { id: number; times: number; hits: number; remaining: number };

export interface Build {
  provider: string;
  id: string;
  project: string;
  createdAt: number;
  startsAt: number | null;
  endsAt: number | null;
  outcome: Outcome;
  seeded?: boolean;
  [extra: string]: unknown;
}

export interface StatusRecord {
  id: number;
  owner: string;
  repo: string;
  sha: string;
  state: 'error' | 'failure' | 'pending' | 'success';
  context: string;
  description: string | null;
  target_url: string | null;
  source: 'action' | 'jamdesk';
  at: number;
}

export interface GithubUser {
  login: string;
  id: number;
  type: string;
}

export interface DeploymentStatusRecord {
  id: number;
  state: 'error' | 'failure' | 'inactive' | 'in_progress' | 'queued' | 'pending' | 'success';
  description: string;
  log_url: string | null;
  environment_url: string | null;
  auto_inactive: boolean;
  creator: GithubUser;
  at: number;
}

export interface DeploymentRecord {
  id: number;
  owner: string;
  repo: string;
  sha: string;
  ref: string;
  environment: string;
  description: string | null;
  payload: unknown;
  production_environment: boolean;
  transient_environment: boolean;
  auto_merge: boolean;
  required_contexts: unknown[] | null;
  creator: GithubUser;
  /** Oldest first. */
  statuses: DeploymentStatusRecord[];
  at: number;
}

export interface CommentRecord {
  id: number;
  owner: string;
  repo: string;
  issue: number;
  body: string;
  user: GithubUser;
  at: number;
  updatedAt: number;
  updates: number;
}

export interface CheckRunRecord {
  id: number;
  owner: string;
  repo: string;
  head_sha: string;
  name: string;
  external_id: string;
  details_url: string | null;
  status: string;
  conclusion: string | null;
  started_at: string | null;
  completed_at: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  /** Every annotation sent, as sent. */
  annotations: Record<string, unknown>[];
  /** Every create/update body, oldest first. */
  writes: Record<string, unknown>[];
}

export interface UploadRecord {
  buildId: string;
  headers: Record<string, string>;
  size: number;
  sha256: string;
  file: string;
  at: number;
}

export interface PageRecord {
  id: string;
  slug: string;
  title: string;
  content: string;
  contentType: string;
  draft: boolean;
  createdAt: string;
  updatedAt: string;
  writes: number;
}

export interface Sandbox {
  port: number;
  foreignPort: number;
  apiBase: string;
  foreignUrl: string;
  githubApiUrl: string;
  sha: string;
  headSha: string;
  options: ResolvedOptions;
  requests: RequestRecord[];
  builds: Build[];
  statuses: StatusRecord[];
  deployments: DeploymentRecord[];
  comments: CommentRecord[];
  checkRuns: CheckRunRecord[];
  uploads: UploadRecord[];
  pages: PageRecord[];
  faults: Fault[];
  apiUrl(provider: string): string;
  buildsCreated(provider?: string): number;
  buildEndedAt(id: string): number | null;
  artifactContent(buildId: string): Buffer;
  inject(fault: FaultSpec): Fault;
  reset(): void;
  close(): Promise<void>;
}

export declare function startSandbox(options?: SandboxOptions): Promise<Sandbox>;
