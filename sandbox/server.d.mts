// Types for server.mjs, so TypeScript tests can import the sandbox (tsconfig has allowJs off).
// Keep in sync with the JSDoc in server.mjs, state.mjs, core.mjs and builds.mjs.
// Nothing here names a provider fake: each one's `providers/<name>.d.mts` adds its options, its
// token and what it adds to the sandbox to `ResolvedOptions`, `Tokens` and `Sandbox` (interfaces
// merge; tsconfig includes every sandbox/**/*.d.mts).

/** Every provider fake's name (its route prefix), in providers/index.mjs's order. */
export declare const PROVIDERS: readonly string[];

export type Outcome = 'success' | 'failure' | 'never';

/** Credentials: each fake's (default: its `fake.token`), and GitHub's. */
export interface Tokens {
  /** When set, the fake GitHub rejects any other token with 401 "Bad credentials". */
  github?: string;
}

/**
 * Options after defaults: the sandbox's own, and each fake's (from its `providers/<name>.d.mts`).
 * Live: changing a field affects every later request.
 */
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
  /** Build time per project id, overriding `buildMs` (builds of different lengths in one run). */
  projectBuildMs: Record<string, number>;
  onRequest?: (rec: RequestRecord) => void;
}

/** What `startSandbox` takes: every field optional, object tokens (a key pair) field by field. */
export type SandboxOptions = Partial<Omit<ResolvedOptions, 'tokens' | 'github'>> & {
  tokens?: {
    [K in keyof Tokens]?: Tokens[K] extends string | undefined ? Tokens[K] : Partial<Tokens[K]>;
  };
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

/** A started sandbox; each fake's `providers/<name>.d.mts` adds its records and methods. */
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
  faults: Fault[];
  apiUrl(provider: string): string;
  buildsCreated(provider?: string): number;
  buildEndedAt(id: string): number | null;
  inject(fault: FaultSpec): Fault;
  reset(): void;
  close(): Promise<void>;
}

export declare function startSandbox(options?: SandboxOptions): Promise<Sandbox>;
