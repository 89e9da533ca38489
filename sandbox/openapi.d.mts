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
