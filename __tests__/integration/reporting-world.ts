/**
 * The reporting suites' shared world: one sandbox per test file (started before its tests,
 * reset before each), a pull-request event, the reporting inputs, and what to read back. The
 * suites are split by behaviour (reporting.test.ts per provider, reporting-lifecycles.test.ts,
 * reporting-comment.test.ts) so that they run side by side.
 */
import type { Sandbox } from '../../sandbox/server.mjs';
import type { RunActionOptions, RunActionResult } from '../../sandbox/run-action.mjs';
import { ourComments, PR, prEvent, useSandbox, warnings } from './sandbox-world.js';

export { PR };

/** The inputs that turn on the deployment and the comment. */
export const REPORTING = {
  environment: `preview-pr-${PR}`,
  'pr-comment': 'true',
  'poll-interval': '1s',
};

/** The world a reporting suite runs in; `sandbox` is usable once the suite's hooks have run. */
export interface ReportingWorld {
  readonly sandbox: Sandbox;
  /** A `pull_request` event on the sandbox's head commit. */
  prEvent(): Partial<RunActionOptions>;
  /** The comments on PR by the action's identity. */
  ourComments(): Sandbox['comments'];
  /** The warnings a run printed. */
  warnings(result: RunActionResult): string[];
}

/** Registers the suite's hooks (the shared ones of `useSandbox`) and returns its world. */
export function useReportingWorld(): ReportingWorld {
  const sandbox = useSandbox({ buildMs: 900 });
  return {
    sandbox,
    prEvent: () => prEvent(sandbox),
    ourComments: () => ourComments(sandbox),
    warnings,
  };
}
