// Types for github-workflow.mjs: what it adds to the sandbox's types (interfaces merge).
import type { Outcome } from '../server.mjs';

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

declare module '../server.mjs' {
  interface ResolvedOptions {
    /** The fake Actions API's behaviour; live, merged over its defaults. */
    workflow: Partial<WorkflowApiOptions>;
  }
}
