/**
 * Which commit and pull request a run reports on, for each event, through dist/: GitHub's own
 * webhook payload examples (@octokit/webhooks-examples), pointed at the sandbox's commits. The
 * runner's GITHUB_SHA is `sandbox.sha` (the default branch's tip on these events); the commit the
 * event is about is `sandbox.headSha`.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { useSandbox } from './sandbox-world.js';
import { actionStatuses, expectHygiene, runIn } from './helpers.js';

interface Definition {
  name: string;
  examples: Record<string, unknown>[];
}
const require = createRequire(import.meta.url);
const definitions = require('@octokit/webhooks-examples') as Definition[];

/** A copy of GitHub's first example of `name` that `pick` accepts. */
function example(
  name: string,
  pick: (p: Record<string, unknown>) => boolean = () => true,
): Record<string, unknown> {
  const found = definitions.find((d) => d.name === name)?.examples.find(pick);
  if (!found) throw new Error(`no ${name} example`);
  return JSON.parse(JSON.stringify(found)) as Record<string, unknown>;
}

type PullRequests = { number: number; base: { repo: { id: number } } }[];

const sandbox = useSandbox({ buildMs: 300 });

const REPORTING = { environment: 'preview', 'pr-comment': 'true', 'poll-interval': '1s' };

/** Where the run reported: status commits, deployment commits, commented pull requests. */
function reported(): { statuses: string[]; deployments: string[]; comments: number[] } {
  const name = (sha: string) =>
    sha === sandbox.headSha ? 'head' : sha === sandbox.sha ? 'GITHUB_SHA' : sha;
  return {
    statuses: [...new Set(actionStatuses(sandbox).map((s) => name(s.sha)))],
    deployments: sandbox.deployments.map((d) => name(d.sha)),
    comments: [...new Set(sandbox.comments.map((c) => c.issue))],
  };
}

describe('the run reports on the commit and pull request its event is about', () => {
  it('workflow_run: workflow_run.head_sha and its pull request, not the default branch', async () => {
    const payload = example('workflow_run', (p) =>
      Boolean((p['workflow_run'] as { pull_requests: unknown[] }).pull_requests.length),
    );
    const run = payload['workflow_run'] as { head_sha: string; pull_requests: PullRequests };
    run.head_sha = sandbox.headSha;
    // GitHub's example mixes two repositories; a same-repository pull request has our id.
    run.pull_requests[0]!.base.repo.id = (payload['repository'] as { id: number }).id;
    const pr = run.pull_requests[0]!.number;
    const result = await runIn(sandbox, 'deskforge', REPORTING, {
      event: { name: 'workflow_run', payload },
    });
    expect(result.code, result.stdout).toBe(0);
    expect(reported()).toEqual({ statuses: ['head'], deployments: ['head'], comments: [pr] });
    expectHygiene(sandbox, result);
  });

  it('check_suite: check_suite.head_sha and its pull request', async () => {
    const payload = example('check_suite', (p) =>
      Boolean((p['check_suite'] as { pull_requests: unknown[] }).pull_requests.length),
    );
    const suite = payload['check_suite'] as { head_sha: string; pull_requests: PullRequests };
    suite.head_sha = sandbox.headSha;
    const result = await runIn(sandbox, 'deskforge', REPORTING, {
      event: { name: 'check_suite', payload },
    });
    expect(result.code, result.stdout).toBe(0);
    expect(reported()).toEqual({
      statuses: ['head'],
      deployments: ['head'],
      comments: [suite.pull_requests[0]!.number],
    });
    expectHygiene(sandbox, result);
  });

  it("issue_comment on a pull request ('/deploy'): the pull request's head, read from GitHub, and a comment on it", async () => {
    const payload = example('issue_comment');
    const issue = payload['issue'] as { number: number; html_url: string } & Record<
      string,
      unknown
    >;
    issue.number = 7;
    issue['pull_request'] = {
      url: `https://api.github.com/repos/octo-org/octo-repo/pulls/7`,
      html_url: 'https://github.com/octo-org/octo-repo/pull/7',
      diff_url: 'https://github.com/octo-org/octo-repo/pull/7.diff',
      patch_url: 'https://github.com/octo-org/octo-repo/pull/7.patch',
      merged_at: null,
    };
    const result = await runIn(sandbox, 'deskforge', REPORTING, {
      event: { name: 'issue_comment', payload },
    });
    expect(result.code, result.stdout).toBe(0);
    expect(reported()).toEqual({ statuses: ['head'], deployments: ['head'], comments: [7] });
    expect(
      sandbox.requests.filter((r) => r.provider === 'github' && r.path.endsWith('/pulls/7')),
    ).toHaveLength(1);
    expect(result.stdout).toMatch(/the head of pull request #7/);
    expectHygiene(sandbox, result);
  });

  it('issue_comment on an issue: GITHUB_SHA, and no pull request comment', async () => {
    const result = await runIn(sandbox, 'deskforge', REPORTING, {
      event: { name: 'issue_comment', payload: example('issue_comment') },
    });
    expect(result.code, result.stdout).toBe(0);
    expect(reported()).toEqual({
      statuses: ['GITHUB_SHA'],
      deployments: ['GITHUB_SHA'],
      comments: [],
    });
    expectHygiene(sandbox, result);
  });

  it('the sha input wins over the event, and no pull request head is read for it', async () => {
    const payload = example('issue_comment');
    (payload['issue'] as Record<string, unknown>)['pull_request'] = {
      url: 'https://api.github.com/repos/octo-org/octo-repo/pulls/1',
    };
    const result = await runIn(
      sandbox,
      'deskforge',
      { ...REPORTING, sha: sandbox.sha },
      { event: { name: 'issue_comment', payload } },
    );
    expect(result.code, result.stdout).toBe(0);
    expect(reported().statuses).toEqual(['GITHUB_SHA']);
    expect(sandbox.requests.filter((r) => r.path.includes('/pulls/'))).toHaveLength(0);
    expectHygiene(sandbox, result);
  });
});
