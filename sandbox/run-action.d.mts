// Types for run-action.mjs, so TypeScript tests can import it (tsconfig has allowJs off).
// Keep in sync with the JSDoc in run-action.mjs.

export interface SignalSpec {
  name: 'SIGINT' | 'SIGTERM' | 'SIGKILL';
  /** Checked every 20 ms; the signal is sent once, when it first returns true. */
  when?: () => boolean;
  afterMs?: number;
}

export interface RunActionOptions {
  /** 'main' (dist/index.js), 'post' (dist/post.js) or a script path relative to the repo root. */
  entry?: 'main' | 'post' | (string & {});
  inputs?: Record<string, string | number | boolean | null | undefined>;
  /** Extra variables; `undefined` removes one. */
  env?: Record<string, string | undefined>;
  event?: { name: string; payload?: Record<string, unknown> };
  sandbox?: { githubApiUrl: string; sha: string };
  state?: Record<string, string>;
  timeoutMs?: number;
  signal?: SignalSpec | SignalSpec[];
  nodePath?: string;
  cwd?: string;
  repoRoot?: string;
  /** Value of `${{ github.token }}` in action.yml defaults. */
  githubToken?: string;
  /** Apply action.yml input defaults like the runner (default true). */
  actionDefaults?: boolean;
  /** Record the run's peak resident set size (`peakRssKb`), through a preloaded module. */
  measureMemory?: boolean;
}

export interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  data: string;
  line: string;
}

export interface RunActionResult {
  code: number | null;
  signal: string | null;
  timedOut: boolean;
  signalsSent: string[];
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  state: Record<string, string>;
  exportedEnv: Record<string, string>;
  addedPath: string[];
  commands: WorkflowCommand[];
  durationMs: number;
  /** Peak resident set size in kilobytes, with `measureMemory`. */
  peakRssKb?: number;
}

export declare function runAction(opts?: RunActionOptions): Promise<RunActionResult>;
export declare function actionDefaults(root: string, githubToken?: string): Record<string, string>;
export declare function parseFileCommand(content: string): Record<string, string>;
export declare function workflowCommands(stdout: string): WorkflowCommand[];
export declare function secretsLeaked(
  text: string,
  secrets: (string | undefined | null)[],
): string[];
