/**
 * The reporting suites' shared world: one sandbox per test file (started before its tests,
 * reset before each), a pull-request event, the reporting inputs, and what to read back. The
 * suites are split by behaviour (reporting.test.ts per provider, reporting-lifecycles.test.ts,
 * reporting-comment.test.ts) so that they run side by side.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/server.mjs';
import type { RunActionOptions, RunActionResult } from '../../sandbox/run-action.mjs';

/** The pull request the events name. */
export const PR = 7;

/** The inputs that turn on the deployment and the comment. */
export const REPORTING = {
  environment: `preview-pr-${PR}`,
  'pr-comment': 'true',
  'poll-interval': '1s',
};

/** The world a reporting suite runs in; `sandbox` is set once the suite's hooks have run. */
export interface ReportingWorld {
  readonly sandbox: Sandbox;
  /** A `pull_request` event on the sandbox's head commit. */
  prEvent(): Partial<RunActionOptions>;
  /** The comments on PR by the action's identity. */
  ourComments(): Sandbox['comments'];
  /** The warnings a run printed. */
  warnings(result: RunActionResult): string[];
}

/** Registers the suite's hooks (start, reset before each test, close) and returns its world. */
export function useReportingWorld(): ReportingWorld {
  let sandbox: Sandbox | undefined;
  beforeAll(async () => {
    sandbox = await startSandbox({ buildMs: 900 });
  });
  afterAll(async () => {
    await sandbox?.close();
  });
  beforeEach(() => {
    const s = world.sandbox;
    s.reset();
    s.options.outcome = 'success';
    s.options.github.statusesForbidden = false;
    s.options.github.deploymentsForbidden = false;
    s.options.github.commentsForbidden = false;
    s.options.github.identity = 'github-actions[bot]';
    s.options.jamdeskPostsStatuses = true;
  });
  const world: ReportingWorld = {
    get sandbox(): Sandbox {
      if (!sandbox) throw new Error('the reporting sandbox is not started yet');
      return sandbox;
    },
    prEvent: () => ({
      event: {
        name: 'pull_request',
        payload: { number: PR, pull_request: { number: PR, head: { sha: world.sandbox.headSha } } },
      },
    }),
    ourComments: () =>
      world.sandbox.comments.filter(
        (c) => c.issue === PR && c.user.login === 'github-actions[bot]',
      ),
    warnings: (r) => r.commands.filter((c) => c.command === 'warning').map((c) => c.data),
  };
  return world;
}
