/**
 * The event resolver against GitHub's own webhook payload examples (@octokit/webhooks-examples):
 * every example of every event resolves to a commit (or a pull request head to read), and each
 * event reads the field GitHub documents for it.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { resolveEvent } from '../../src/github-event.js';

interface Definition {
  name: string;
  examples: Record<string, unknown>[];
}

const require = createRequire(import.meta.url);
const definitions = require('@octokit/webhooks-examples') as Definition[];
const GITHUB_SHA = 'f'.repeat(40);

/** Every example of one event, named for the test title. */
function examples(name: string): [string, Record<string, unknown>][] {
  const found = definitions.find((d) => d.name === name)?.examples ?? [];
  expect(found.length, `${name} has examples`).toBeGreaterThan(0);
  return found.map((e, i) => [`${name} #${i + 1} (${String(e['action'] ?? '')})`, e]);
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

type PullRequests = { number: number; base: { repo: { id: number } } }[];

describe('resolveEvent on GitHub webhook examples', () => {
  it('every example of every event resolves: a full commit id, or a pull request head to read', () => {
    for (const { name, examples: list } of definitions) {
      for (const payload of list) {
        const got = resolveEvent(name, payload, GITHUB_SHA);
        if (got.readHeadOf === undefined) expect(got.sha, name).toMatch(/^[0-9a-f]{40}$/);
        else expect([got.sha, got.prNumber]).toEqual(['', got.readHeadOf]);
        if (got.prNumber !== undefined) expect(Number.isInteger(got.prNumber)).toBe(true);
      }
    }
  });

  const prEvents = [
    'pull_request',
    'pull_request_review',
    'pull_request_review_comment',
    'pull_request_review_thread',
  ];
  it.each(prEvents.flatMap(examples))('%s: the pull request head and number', (_, payload) => {
    const pr = payload['pull_request'] as { number: number; head: { sha: string } };
    expect(resolveEvent('pull_request', payload, GITHUB_SHA)).toMatchObject({
      sha: pr.head.sha,
      prNumber: pr.number,
    });
    // pull_request_target carries the same payload; GITHUB_SHA is the base branch's tip there.
    expect(resolveEvent('pull_request_target', payload, GITHUB_SHA).sha).toBe(pr.head.sha);
  });

  it.each(['workflow_run', 'check_suite', 'check_run'].flatMap(examples))(
    '%s: head_sha, and the first pull request of this repository',
    (name, payload) => {
      const event = name.split(' ')[0]!;
      const run = payload[event] as { head_sha: string; pull_requests: PullRequests };
      const repoId = (payload['repository'] as { id: number }).id;
      const own = run.pull_requests.find((p) => p.base.repo.id === repoId);
      const got = resolveEvent(event, payload, GITHUB_SHA);
      expect(got.sha).toBe(run.head_sha);
      expect(got.sha).not.toBe(GITHUB_SHA);
      expect(got.prNumber).toBe(own?.number);
    },
  );

  it('workflow_run: a pull request of another repository (whose head is this branch) is not ours', () => {
    const [, base] = examples('workflow_run').find(
      ([, p]) => (p['workflow_run'] as { pull_requests: PullRequests }).pull_requests.length > 0,
    )!;
    const payload = clone(base);
    const run = payload['workflow_run'] as { pull_requests: PullRequests };
    const ours = run.pull_requests[0]!;
    // GitHub's example mixes two repositories (octo-org/octo-repo runs, Codertocat's pull
    // request): make the pull request this repository's, as a same-repository one is.
    ours.base.repo.id = (payload['repository'] as { id: number }).id;
    const foreign = { ...clone(ours), number: 99, base: { repo: { id: 1 } } };
    run.pull_requests = [foreign, ours];
    expect(resolveEvent('workflow_run', payload, GITHUB_SHA).prNumber).toBe(ours.number);
    run.pull_requests = [foreign];
    expect(resolveEvent('workflow_run', payload, GITHUB_SHA).prNumber).toBeUndefined();
  });

  it.each(examples('issue_comment'))(
    '%s: on an issue, GITHUB_SHA and no pull request; on a pull request, its head to read',
    (_, payload) => {
      expect(resolveEvent('issue_comment', payload, GITHUB_SHA)).toEqual({
        sha: GITHUB_SHA,
        from: 'GITHUB_SHA',
      });
      // The same comment on a pull request: GitHub adds `issue.pull_request` (webhooks-types).
      const onPr = clone(payload);
      const issue = onPr['issue'] as { number: number; html_url: string; url: string } & Record<
        string,
        unknown
      >;
      issue['pull_request'] = {
        url: issue.url.replace('/issues/', '/pulls/'),
        html_url: issue.html_url.replace('/issues/', '/pull/'),
        diff_url: `${issue.html_url.replace('/issues/', '/pull/')}.diff`,
        patch_url: `${issue.html_url.replace('/issues/', '/pull/')}.patch`,
        merged_at: null,
      };
      expect(resolveEvent('issue_comment', onPr, GITHUB_SHA)).toMatchObject({
        sha: '',
        prNumber: issue.number,
        readHeadOf: issue.number,
      });
    },
  );

  it.each(examples('merge_group'))('%s: merge_group.head_sha', (_, payload) => {
    const group = payload['merge_group'] as { head_sha: string };
    expect(resolveEvent('merge_group', payload, GITHUB_SHA)).toEqual({
      sha: group.head_sha,
      from: 'merge_group.head_sha',
    });
  });

  it.each([...examples('deployment'), ...examples('deployment_status')])(
    '%s: deployment.sha',
    (name, payload) => {
      const sha = (payload['deployment'] as { sha: string }).sha;
      expect(resolveEvent(name.split(' ')[0]!, payload, GITHUB_SHA).sha).toBe(sha);
    },
  );

  it.each(examples('status'))('%s: the commit the status is on', (_, payload) => {
    expect(resolveEvent('status', payload, GITHUB_SHA).sha).toBe(payload['sha']);
  });

  it.each(examples('push'))('%s: after, unless the branch was deleted', (_, payload) => {
    const after = payload['after'] as string;
    expect(resolveEvent('push', payload, GITHUB_SHA).sha).toBe(
      /^0+$/.test(after) ? GITHUB_SHA : after,
    );
  });

  it('events without a commit of their own, and unreadable payloads, use GITHUB_SHA', () => {
    for (const [name, payload] of [
      ...examples('release'),
      ...examples('workflow_dispatch'),
      ['schedule', {}],
      ['workflow_run', undefined],
      ['workflow_run', { workflow_run: { head_sha: 'not-a-sha' } }],
      ['check_suite', []],
    ] as [string, unknown][]) {
      expect(resolveEvent(name.split(' ')[0]!, payload, GITHUB_SHA), name).toEqual({
        sha: GITHUB_SHA,
        from: 'GITHUB_SHA',
      });
    }
  });
});
