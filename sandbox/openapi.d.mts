import type { RequestRecord } from './server.mjs';

/** The descriptions checked: GitHub.com and the newest GitHub Enterprise Server shipped. */
export declare const GITHUB_SPECS: readonly ['api.github.com', 'ghes-3.19'];

/** Answers GitHub gives that its description omits; nothing else undocumented is accepted. */
export declare const UNDOCUMENTED_ANSWERS: readonly {
  op: string;
  method?: string;
  status: number;
  schema: string | null;
  why: string;
}[];

/** Every problem with the GitHub exchanges among `requests`; [] when all is well. */
export declare function githubConformance(
  requests: readonly RequestRecord[],
  specs?: readonly string[],
): string[];

/** One exchange as the checker reads it (a sandbox request record fits). */
export interface Exchange {
  method: string;
  path: string;
  query?: string;
  body?: unknown;
  text?: string;
  reply?: {
    status: number;
    headers?: Record<string, string | number>;
    body?: unknown;
    injected?: boolean;
  };
}

/** The checker for one description (loaded once per process). */
export declare function conformance(name?: string): {
  /** The description itself (paths, components). */
  readonly spec: { paths: Record<string, Record<string, unknown>> };
  /** Problems with one exchange; [] when both sides are what the description allows. */
  check(rec: Exchange): string[];
};
