/**
 * The event resolver against GitHub's own webhook payload examples (@octokit/webhooks-examples):
 * every example of every event resolves to a commit (or a pull request head to read) and to a
 * branch of this repository or a reason there is none, and each event reads the field GitHub
 * documents for it.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRunContext } from '../../src/github-context.js';
import { pullRequestBranch, resolveEvent } from '../../src/github-event.js';
import { scratchDir } from '../scratch.js';

interface Definition {
  name: string;
  examples: Record<string, unknown>[];
}

const require = createRequire(import.meta.url);
const definitions = require('@octokit/webhooks-examples') as Definition[];
const GITHUB_SHA = 'f'.repeat(40);
/** The runner's GITHUB_REF on events about no branch of their own: the default branch. */
const GITHUB_REF = 'refs/heads/main';
const DEFAULT_BRANCH = { name: 'main', from: 'GITHUB_REF' };

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
      expect(resolveEvent('issue_comment', payload, GITHUB_SHA, GITHUB_REF)).toEqual({
        sha: GITHUB_SHA,
        from: 'GITHUB_SHA',
        ref: DEFAULT_BRANCH,
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
      expect(resolveEvent('issue_comment', onPr, GITHUB_SHA, GITHUB_REF)).toMatchObject({
        sha: '',
        prNumber: issue.number,
        readHeadOf: issue.number,
        // The branch comes with the head commit, from the same read (pullRequestBranch).
        ref: {
          name: '',
          from: `pull request #${issue.number}'s head branch was not read from GitHub`,
        },
      });
    },
  );

  it.each(examples('merge_group'))('%s: merge_group.head_sha', (_, payload) => {
    const group = payload['merge_group'] as { head_sha: string };
    expect(resolveEvent('merge_group', payload, GITHUB_SHA)).toMatchObject({
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

  it('events without a commit of their own, and unreadable payloads, use GITHUB_SHA and GITHUB_REF', () => {
    for (const [name, payload] of [
      ...examples('release'),
      ...examples('workflow_dispatch'),
      ['schedule', {}],
      ['workflow_run', undefined],
      ['workflow_run', { workflow_run: { head_sha: 'not-a-sha' } }],
      ['check_suite', []],
    ] as [string, unknown][]) {
      const got = resolveEvent(name.split(' ')[0]!, payload, GITHUB_SHA, GITHUB_REF);
      expect(got, name).toMatchObject({ sha: GITHUB_SHA, from: 'GITHUB_SHA' });
      // A release names its tag; the others are about the branch the run is on.
      if (!name.startsWith('release')) expect(got.ref, name).toEqual(DEFAULT_BRANCH);
    }
  });
});

/** What `GET /repos/{owner}/{repo}/pulls/{number}` answers: GitHub's example (@octokit/openapi). */
function pullRequestExample(): Record<string, unknown> {
  const file = path.join(
    path.dirname(require.resolve('@octokit/openapi')),
    'generated',
    'api.github.com.json',
  );
  const spec = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    components: { examples: Record<string, { value: Record<string, unknown> }> };
  };
  return clone(spec.components.examples['pull-request']!.value);
}

/** Git's rules for a branch or tag name that the provider's `ref` check also holds. */
// eslint-disable-next-line no-control-regex
const BRANCH_NAME = /^(?!refs\/)(?!.*\.\.)[^\s\u0000-\u001f\u007f~^:?*[\\]+$/;

type Repo = { id: number; full_name: string };

describe('resolveEvent: the branch of this repository a run is about', () => {
  it('every example of every event: a branch or tag name, or a reason there is none', () => {
    for (const { name, examples: list } of definitions) {
      for (const payload of list) {
        const { ref } = resolveEvent(name, payload, GITHUB_SHA, GITHUB_REF);
        expect(ref.from, name).not.toBe('');
        if (ref.name) expect(ref.name, name).toMatch(BRANCH_NAME);
      }
    }
  });

  it.each(
    [
      'pull_request',
      'pull_request_review',
      'pull_request_review_comment',
      'pull_request_review_thread',
    ].flatMap(examples),
  )("%s: the pull request's head branch, none when it is a fork's", (name, payload) => {
    const pr = payload['pull_request'] as { number: number; head: { ref: string; repo: Repo } };
    // GITHUB_REF is refs/pull/N/merge (the base branch on pull_request_target): never dispatched.
    for (const [event, runnerRef] of [
      [name.split(' ')[0]!, `refs/pull/${pr.number}/merge`],
      ['pull_request_target', GITHUB_REF],
    ] as const) {
      expect(resolveEvent(event, payload, GITHUB_SHA, runnerRef).ref).toEqual({
        name: pr.head.ref,
        from: 'pull_request.head.ref',
      });
    }
    const fork = clone(payload);
    const head = (fork['pull_request'] as { head: { repo: Repo | null } }).head;
    head.repo = { ...pr.head.repo, id: pr.head.repo.id + 1, full_name: 'someone/fork' };
    const forked = resolveEvent('pull_request_target', fork, GITHUB_SHA, GITHUB_REF).ref;
    expect(forked.name).toBe('');
    expect(forked.from).toContain('fork someone/fork');
    head.repo = null;
    expect(resolveEvent('pull_request', fork, GITHUB_SHA, GITHUB_REF).ref).toEqual({
      name: '',
      from: "the pull request's head repository was deleted",
    });
  });

  it.each(['workflow_run', 'check_suite', 'check_run'].flatMap(examples))(
    "%s: head_branch, none when the run's head is another repository's",
    (name, payload) => {
      const event = name.split(' ')[0]!;
      const run = payload[event] as {
        head_branch?: string;
        head_repository?: Repo;
        check_suite?: { head_branch: string };
      };
      const branch = event === 'check_run' ? run.check_suite!.head_branch : run.head_branch!;
      const elsewhere =
        run.head_repository && run.head_repository.id !== (payload['repository'] as Repo).id;
      const { ref } = resolveEvent(event, payload, GITHUB_SHA, GITHUB_REF);
      if (elsewhere) {
        // GitHub's first workflow_run example: a run of octo-org/octo-repo in Codertocat's.
        expect(ref.name).toBe('');
        expect(ref.from).toContain(run.head_repository!.full_name);
      } else {
        expect(ref).toEqual({
          name: branch,
          from:
            event === 'check_run' ? 'check_run.check_suite.head_branch' : `${event}.head_branch`,
        });
      }
    },
  );

  it('issue_comment on a pull request: the head branch of the pull request read from GitHub', () => {
    const pr = pullRequestExample() as { head: { ref: string; repo: Repo } };
    expect(pullRequestBranch(pr, "pull request #1347's head branch")).toEqual({
      name: pr.head.ref,
      from: "pull request #1347's head branch",
    });
    pr.head.repo = { ...pr.head.repo, id: 1, full_name: 'someone/fork' };
    expect(pullRequestBranch(pr).name).toBe('');
  });

  it.each(examples('merge_group'))("%s: the queue's branch, merge_group.head_ref", (_, payload) => {
    const group = payload['merge_group'] as { head_ref: string };
    expect(resolveEvent('merge_group', payload, GITHUB_SHA, GITHUB_REF).ref).toEqual({
      name: group.head_ref.replace(/^refs\/heads\//, ''),
      from: 'merge_group.head_ref',
    });
  });

  it.each([...examples('deployment'), ...examples('deployment_status')])(
    '%s: deployment.ref, none when it names a commit',
    (name, payload) => {
      const event = name.split(' ')[0]!;
      const deployment = payload['deployment'] as { ref: string; sha: string };
      expect(resolveEvent(event, payload, GITHUB_SHA, GITHUB_REF).ref).toEqual({
        name: deployment.ref,
        from: 'deployment.ref',
      });
      deployment.ref = deployment.sha.slice(0, 7);
      expect(resolveEvent(event, payload, GITHUB_SHA, GITHUB_REF).ref.name).toBe('');
      deployment.ref = 'refs/tags/v1.2.0';
      expect(resolveEvent(event, payload, GITHUB_SHA, GITHUB_REF).ref.name).toBe('v1.2.0');
    },
  );

  it.each(examples('status'))('%s: the first branch whose tip is the commit', (_, payload) => {
    const branches = payload['branches'] as { name: string; commit: { sha: string } }[];
    // In GitHub's examples no listed branch has the commit at its tip: none holds exactly it.
    expect(resolveEvent('status', payload, GITHUB_SHA, GITHUB_REF).ref.name).toBe('');
    const tip = branches.at(-1)!;
    tip.commit.sha = payload['sha'] as string;
    expect(resolveEvent('status', payload, GITHUB_SHA, GITHUB_REF).ref.name).toBe(tip.name);
  });

  it.each(examples('push'))(
    '%s: the pushed branch or tag, none when it was deleted',
    (_, payload) => {
      const { ref } = resolveEvent('push', payload, GITHUB_SHA, GITHUB_REF);
      const pushed = payload['ref'] as string;
      if (payload['deleted']) expect(ref).toEqual({ name: '', from: `the push deleted ${pushed}` });
      else expect(ref.name).toBe(pushed.replace(/^refs\/(heads|tags)\//, ''));
    },
  );

  it.each(examples('release'))('%s: the release tag', (_, payload) => {
    const tag = (payload['release'] as { tag_name: string }).tag_name;
    expect(resolveEvent('release', payload, GITHUB_SHA, GITHUB_REF).ref).toEqual({
      name: tag,
      from: 'release.tag_name',
    });
  });

  it.each(examples('create'))('%s: the created branch or tag', (_, payload) => {
    expect(resolveEvent('create', payload, GITHUB_SHA, GITHUB_REF).ref.name).toBe(payload['ref']);
  });

  it('anything else: GITHUB_REF when it is a branch or tag, else none saying what it is', () => {
    const [, dispatch] = examples('workflow_dispatch')[0]!;
    for (const [runnerRef, name] of [
      ['refs/heads/release/2.x', 'release/2.x'],
      ['refs/tags/v2.0.0', 'v2.0.0'],
      ['refs/pull/7/merge', ''],
      ['', ''],
    ]) {
      for (const [event, payload] of [
        ['workflow_dispatch', dispatch],
        ['repository_dispatch', examples('repository_dispatch')[0]![1]],
        ['schedule', {}],
        ['delete', examples('delete')[0]![1]],
      ] as const) {
        const { ref } = resolveEvent(event, payload, GITHUB_SHA, runnerRef);
        expect(ref.name, `${event} ${runnerRef}`).toBe(name);
        if (!name) expect(ref.from).toMatch(/^GITHUB_REF is .*not a branch or tag$/);
      }
    }
  });
});

describe("readRunContext: the runner's event, resolved once", () => {
  /** The run context for `payload` of `event`, as the runner lays it out. */
  function contextOf(event: string, payload: unknown, shaInput = '', ref = GITHUB_REF) {
    const dir = scratchDir('tba-event');
    try {
      const file = path.join(dir, 'event.json');
      fs.writeFileSync(file, JSON.stringify(payload));
      return readRunContext(shaInput, {
        GITHUB_REPOSITORY: 'octo-org/octo-repo',
        GITHUB_EVENT_NAME: event,
        GITHUB_EVENT_PATH: file,
        GITHUB_SHA,
        GITHUB_REF: ref,
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  it('carries the branch the event is about, beside its commit', () => {
    const [, payload] = examples('workflow_run').find(
      ([, p]) => (p['workflow_run'] as { head_branch: string }).head_branch === 'master',
    )!;
    expect(contextOf('workflow_run', payload).ref).toEqual({
      name: 'master',
      from: 'workflow_run.head_branch',
    });
    expect(contextOf('schedule', {}, '', 'refs/heads/release').ref?.name).toBe('release');
  });

  it('issue_comment with the sha input: the pull request is not read, so there is no branch, and it says why', () => {
    const [, base] = examples('issue_comment')[0]!;
    const payload = clone(base);
    const issue = payload['issue'] as Record<string, unknown>;
    issue['pull_request'] = { url: 'https://api.github.com/repos/o/r/pulls/1' };
    const unread = contextOf('issue_comment', payload);
    expect(unread.readHeadOf).toBe(issue['number']);
    const pinned = contextOf('issue_comment', payload, 'a'.repeat(40));
    expect(pinned.readHeadOf).toBeUndefined();
    expect(pinned.ref?.name).toBe('');
    expect(pinned.ref?.from).toMatch(/not read \(the sha input names the commit\)/);
  });
});
