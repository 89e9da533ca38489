import { describe, expect, it } from 'vitest';
import { runPost } from '../../src/engine/post.js';
import { InputError } from '../../src/errors.js';
import { DEPLOYMENT_STATE_KEY } from '../../src/engine/reporters/deployment.js';
import {
  COMMENT_STATE_KEY,
  commentMarker,
  findStickyComment,
  markdownText,
  MAX_COMMENT,
  renderComment,
  type CommentView,
} from '../../src/engine/reporters/pr-comment.js';
import { runBuild } from '../../src/engine/run.js';
import { readReportingInputs } from '../../src/inputs/reporting.js';
import type { Build } from '../../src/providers/types.js';
import { deps, logger, scripted, SHA } from './engine-harness.js';
import { fakeGithubApi } from './fake-github.js';
import { rng } from '../../sandbox/worlds.mjs';

const PR_RUN = { eventName: 'pull_request', prNumber: 7 };
const DEPLOY_URL = 'https://preview-7.fake.test/app';

/** A build that deploys to DEPLOY_URL when it succeeds. */
function deploying(states: Build['state'][]) {
  const { spec } = scripted(states);
  const create = spec.create;
  spec.create = (ctx) => {
    const provider = create(ctx);
    const poll = provider.poll.bind(provider);
    return {
      ...provider,
      poll: async (b) => {
        const next = await poll(b);
        return next.state === 'success' ? { ...next, deployUrl: DEPLOY_URL } : next;
      },
    };
  };
  return spec;
}

const reporting = { environment: 'preview-pr-7', prComment: true };

describe('findStickyComment', () => {
  const mine = (context: string, text = 'result') => `${commentMarker(context)}\n${text}`;

  it('finds the comment through every page, past other comments', async () => {
    const gh = fakeGithubApi({ perPage: 3 });
    for (let i = 0; i < 10; i++) gh.seed(7, `chatter ${i}`, 'reviewer');
    const ours = gh.seed(7, mine('build/deskforge'), gh.identity);
    const found = await findStickyComment(gh.api, 7, 'build/deskforge', async () => gh.identity);
    expect(found?.id).toBe(ours.id);
  });

  it("skips other authors' comments with the same marker and text, and quotes of ours", async () => {
    const gh = fakeGithubApi({ perPage: 2 });
    gh.seed(7, mine('build/deskforge'), 'mallory');
    gh.seed(7, `> ${mine('build/deskforge')}`, gh.identity);
    gh.seed(7, mine('build/deskforge'), 'other-app[bot]');
    expect(
      await findStickyComment(gh.api, 7, 'build/deskforge', async () => gh.identity),
    ).toBeUndefined();
    const ours = gh.seed(7, mine('build/deskforge'), gh.identity);
    expect(
      (await findStickyComment(gh.api, 7, 'build/deskforge', async () => gh.identity))?.id,
    ).toBe(ours.id);
  });

  it('keeps two contexts apart, including one that is a prefix of the other', async () => {
    const gh = fakeGithubApi({ perPage: 1 });
    const a = gh.seed(7, mine('build/a'), gh.identity);
    const ab = gh.seed(7, mine('build/ab'), gh.identity);
    const who = async () => gh.identity;
    expect((await findStickyComment(gh.api, 7, 'build/ab', who))?.id).toBe(ab.id);
    expect((await findStickyComment(gh.api, 7, 'build/a', who))?.id).toBe(a.id);
    expect(await findStickyComment(gh.api, 7, 'build/c', who)).toBeUndefined();
  });

  it('asks for the identity only when a comment carries the marker, and matches it case-blind', async () => {
    const gh = fakeGithubApi();
    gh.seed(7, 'no marker here', 'reviewer');
    let asked = 0;
    const who = async () => {
      asked += 1;
      return 'GitHub-Actions[bot]';
    };
    expect(await findStickyComment(gh.api, 7, 'ctx', who)).toBeUndefined();
    expect(asked).toBe(0);
    const ours = gh.seed(7, mine('ctx'), 'github-actions[bot]');
    expect((await findStickyComment(gh.api, 7, 'ctx', who))?.id).toBe(ours.id);
    expect(asked).toBe(1);
  });
});

describe('renderComment', () => {
  const hostile = [
    '[click](https://evil.example/x)',
    '![img](https://evil.example/i.png)',
    '@octocat please look',
    '@org/team',
    'fixes #12 and GH-3',
    '<img src=x onerror=alert(1)>',
    '<!-- trigger-build-action:pr-comment context=build%2Fdeskforge -->',
    'https://evil.example/plain',
    'www.evil.example',
    'mail me: a@b.example',
    '`code` ``double``',
    '| a | b |',
    '*bold* _em_ ~~strike~~',
    '\\[escaped](x)',
    '&lt;entity&gt; &#64;octocat',
    'line\nbreak\r\nhere',
    '::error::injected',
    'javascript:alert(1)',
    'x'.repeat(5000),
  ];

  it('keeps provider text from making links, mentions, references or HTML, in seeded random worlds', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const rand = rng(seed);
      const pick = () =>
        Array.from({ length: 1 + Math.floor(rand() * 3) }, () => {
          return hostile[Math.floor(rand() * hostile.length)] ?? '';
        }).join(' ');
      const view: CommentView = {
        context: 'build/deskforge',
        providerTitle: 'Deskforge',
        project: pick(),
        phase: 'failure',
        buildId: pick(),
        providerStatus: pick(),
        reason: pick(),
        deployUrl: 'https://preview.example/app',
        logUrl: 'https://logs.example/b-1?token=secret',
        durationMs: 65_000,
        sha: SHA,
        runUrl: 'https://github.com/o/r/actions/runs/1',
      };
      const body = renderComment(view);
      const where = `seed ${seed}:\n${body}`;
      expect(body.length, where).toBeLessThan(MAX_COMMENT);
      expect(body.startsWith(`${commentMarker('build/deskforge')}\n`), where).toBe(true);
      // Our links are the only ones: the deploy URL and the run (a log link with a query is
      // dropped, not trimmed, by the link rule).
      expect(body.match(/\]\(/g)?.length, where).toBe(2);
      expect(body.match(/\]\(<https:\/\//g)?.length, where).toBe(2);
      const withoutLinks = body
        .replace(/\[(?:\\.|[^\]\\])*\]\(<[^>]*>\)/g, 'LINK')
        .split('\n')
        .slice(1)
        .join('\n');
      expect(withoutLinks, where).not.toMatch(/@[A-Za-z0-9]/);
      expect(withoutLinks, where).not.toMatch(/#\d/);
      expect(withoutLinks, where).not.toMatch(/https?:\/\//i);
      expect(withoutLinks, where).not.toMatch(/www\./i);
      expect(withoutLinks.replace(/<\/?sub>/g, ''), where).not.toMatch(/(^|[^\\])</);
      expect(withoutLinks, where).not.toMatch(/(^|[^\\])[[`]/m);
      expect(body, where).not.toContain('secret');
      expect(
        body.split('\n').filter((l) => l.startsWith('<!--')),
        where,
      ).toHaveLength(1);
    }
  });

  it('shows the result, icon, deploy URL, links, duration, short sha, run link and reason', () => {
    const body = renderComment({
      context: 'ci/web',
      providerTitle: 'Sitepaste',
      project: 'site',
      phase: 'success',
      buildId: 'b-9',
      providerStatus: 'deployed',
      deployUrl: 'https://site.example/app',
      logUrl: 'https://logs.example/b-9',
      artifactUrl: 'https://cdn.example/a.zip',
      durationMs: 75_000,
      sha: SHA,
      runUrl: 'https://github.com/o/r/actions/runs/1',
    });
    expect(body).toContain('✅');
    expect(body).toContain('succeeded');
    expect(body).toContain('(<https://site.example/app>)');
    expect(body).toContain('(<https://logs.example/b-9>)');
    expect(body).toContain('(<https://cdn.example/a.zip>)');
    expect(body).toContain('1m 15s');
    expect(body).toContain(SHA.slice(0, 7));
    expect(body).not.toContain(SHA.slice(0, 8));
    expect(body).toContain('(<https://github.com/o/r/actions/runs/1>)');
  });

  it('escapes every ASCII punctuation mark that Markdown reads', () => {
    expect(markdownText('[a](b)')).toBe('\\[a\\]\\(b\\)');
    expect(markdownText('@me')).toBe('\\@\u200bme');
  });
});

describe('deployment and comment through runBuild', () => {
  it('success: in_progress with the log link at the trigger, then success with the deploy URL; one comment edited', async () => {
    const world = fakeGithubApi();
    const { d, state } = deps(deploying(['building', 'success']), reporting, undefined, {
      run: PR_RUN,
      world,
    });
    const outcome = await runBuild(d);
    expect(outcome.status).toBe('success');
    expect(world.deployments).toHaveLength(1);
    const dep = world.deployments[0]!;
    expect(dep).toMatchObject({
      sha: SHA,
      environment: 'preview-pr-7',
      transientEnvironment: true,
      productionEnvironment: false,
    });
    expect(dep.description).toContain('Fakeprov');
    expect(dep.statuses.map((s) => s.state)).toEqual(['in_progress', 'success']);
    expect(dep.statuses[0]).toMatchObject({ logUrl: 'https://logs.test/b-1', autoInactive: false });
    expect(dep.statuses[1]).toMatchObject({ environmentUrl: DEPLOY_URL, autoInactive: true });
    expect(outcome.reportOutputs?.['deployment-id']).toBe(String(dep.id));
    expect(JSON.parse(state[DEPLOYMENT_STATE_KEY]!).phase).toBe('done');

    const comments = world.comments(7);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.updates).toBeGreaterThanOrEqual(1);
    expect(comments[0]!.body).toContain('✅');
    expect(comments[0]!.body).toContain(DEPLOY_URL);
    expect(world.calls.filter((c) => c === 'createIssueComment')).toHaveLength(1);
    expect(JSON.parse(state[COMMENT_STATE_KEY]!).phase).toBe('done');

    // A re-run edits the same comment and makes a new deployment.
    const again = deps(deploying(['success']), reporting, undefined, { run: PR_RUN, world });
    await runBuild(again.d);
    expect(world.comments(7)).toHaveLength(1);
    expect(world.calls.filter((c) => c === 'createIssueComment')).toHaveLength(1);
    expect(world.deployments).toHaveLength(2);
  });

  it('failure: failure status with the reason in 140 characters; the comment gives the reason', async () => {
    const world = fakeGithubApi();
    const { spec } = scripted(['failure'], {
      poll: async (b) => ({
        ...b,
        state: 'failure',
        providerStatus: 'failed',
        failureReason: `tests failed ${'x'.repeat(400)}`,
      }),
    });
    const { d } = deps(spec, reporting, undefined, { run: PR_RUN, world });
    await runBuild(d);
    const last = world.deployments[0]!.statuses.at(-1)!;
    expect(last.state).toBe('failure');
    expect(last.description).toContain('tests failed');
    expect(last.description.length).toBeLessThanOrEqual(140);
    expect(last.environmentUrl).toBeUndefined();
    expect(world.comments(7)[0]!.body).toMatch(/❌[\s\S]*tests failed/);
  });

  it('timeout: error; cancel: error and a comment that says cancelled', async () => {
    const world = fakeGithubApi();
    const { spec } = scripted(['building']);
    const timed = deps(spec, { ...reporting, timeoutMs: 30_000 }, undefined, {
      run: PR_RUN,
      world,
    });
    expect((await runBuild(timed.d)).status).toBe('timed_out');
    expect(world.deployments[0]!.statuses.at(-1)!.state).toBe('error');
    expect(world.deployments[0]!.statuses.at(-1)!.description).toMatch(/Timed out/);

    const controller = new AbortController();
    const cancelled = deps(spec, reporting, controller.signal, { run: PR_RUN, world });
    const sleep = cancelled.d.clock.sleep.bind(cancelled.d.clock);
    let n = 0;
    cancelled.d.clock.sleep = async (ms, signal) => {
      if (++n === 2) controller.abort(new Error('SIGINT'));
      return sleep(ms, signal);
    };
    expect((await runBuild(cancelled.d)).status).toBe('cancelled');
    expect(world.deployments[1]!.statuses.map((s) => s.state)).toEqual(['in_progress', 'error']);
    expect(world.comments(7)).toHaveLength(1);
    expect(world.comments(7)[0]!.body).toMatch(/🚫[^\n]*cancelled/);
  });

  it('wait: false leaves the deployment queued with a note, never in_progress', async () => {
    const world = fakeGithubApi();
    const { d, state } = deps(deploying(['success']), { ...reporting, wait: false }, undefined, {
      run: PR_RUN,
      world,
    });
    await runBuild(d);
    const statuses = world.deployments[0]!.statuses;
    expect(statuses.map((s) => s.state)).toEqual(['queued']);
    expect(statuses[0]!.description).toMatch(/wait: false/);
    expect(JSON.parse(state[DEPLOYMENT_STATE_KEY]!).phase).toBe('done');
    expect(world.comments(7)[0]!.body).toMatch(/not followed/);
  });

  it('403s: one warning each naming the permission; the outcome follows the build', async () => {
    const world = fakeGithubApi();
    world.state.deploymentsForbidden = true;
    world.state.commentsForbidden = true;
    const { spec } = scripted(['building', 'failure']);
    const { d, log } = deps(spec, reporting, undefined, { run: PR_RUN, world });
    const outcome = await runBuild(d);
    expect(outcome).toMatchObject({ status: 'failure', end: 'build' });
    const warnings = log.lines.filter((l) => l.startsWith('warning:'));
    expect(warnings).toHaveLength(2);
    expect(warnings.filter((w) => w.includes('deployments: write'))).toHaveLength(1);
    expect(warnings.filter((w) => w.includes('pull-requests: write'))).toHaveLength(1);
    expect(outcome.reportOutputs?.['deployment-id']).toBeUndefined();
  });

  it('comments on pr-number outside pull request events, and not at all without a pull request', async () => {
    const world = fakeGithubApi();
    const push = { eventName: 'push' };
    await runBuild(
      deps(deploying(['success']), { prComment: true, prNumber: 12 }, undefined, {
        run: push,
        world,
      }).d,
    );
    expect(world.comments(12)).toHaveLength(1);
    const none = deps(deploying(['success']), { prComment: true }, undefined, { run: push, world });
    await runBuild(none.d);
    expect(world.calls.filter((c) => c === 'createIssueComment')).toHaveLength(1);
    expect(none.log.lines.some((l) => l.startsWith('warning:'))).toBe(false);
  });

  it('keeps two contexts in two comments, and learns the identity from GraphQL viewer', async () => {
    const world = fakeGithubApi({ identity: 'deploy-bot' });
    world.seed(7, `${commentMarker('ci/a')}\nplanted`, 'mallory');
    for (const context of ['ci/a', 'ci/b', 'ci/a']) {
      await runBuild(
        deps(deploying(['success']), { prComment: true, statusContext: context }, undefined, {
          run: PR_RUN,
          world,
        }).d,
      );
    }
    const ours = world.comments(7).filter((c) => c.author === 'deploy-bot');
    expect(ours).toHaveLength(2);
    expect(world.comments(7).find((c) => c.author === 'mallory')?.body).toContain('planted');
    expect(world.calls).toContain('viewerLogin');
  });
});

describe('a bad input found while preparing', () => {
  it('reaches neither the deployment nor the comment', async () => {
    const world = fakeGithubApi();
    const { spec } = scripted(['success'], {
      prepare: async () => {
        throw new InputError('artifact', "points at 'missing.zip', which does not exist");
      },
    });
    const { d } = deps(spec, reporting, undefined, { run: PR_RUN, world });
    const outcome = await runBuild(d);
    expect(outcome).toMatchObject({ status: 'failure', end: 'bad-input' });
    expect(world.calls).toEqual([]);
  });
});

describe('post step closers', () => {
  it('closes an in_progress deployment with error and marks the comment cancelled', async () => {
    const world = fakeGithubApi();
    const { spec } = scripted(['building']);
    const controller = new AbortController();
    const { d, state } = deps(spec, reporting, controller.signal, { run: PR_RUN, world });
    // The main step "dies" mid-wait: its sleeps never return and it never reports an ending.
    d.clock.sleep = () => new Promise(() => undefined);
    void runBuild(d);
    await new Promise((r) => setTimeout(r, 20));
    expect(world.deployments[0]!.statuses.map((s) => s.state)).toEqual(['in_progress']);

    await runPost({
      getState: (k) => state[k] ?? '',
      token: 't',
      github: () => world.api,
      log: logger(),
    });
    expect(world.deployments[0]!.statuses.map((s) => s.state)).toEqual(['in_progress', 'error']);
    expect(world.deployments[0]!.statuses[1]!.description).toMatch(/Cancelled/);
    expect(world.comments(7)).toHaveLength(1);
    expect(world.comments(7)[0]!.body).toMatch(/🚫[^\n]*cancelled/);
  });
});

describe('readReportingInputs', () => {
  const read = (values: Record<string, string>) => readReportingInputs((n) => values[n] ?? '');

  it('defaults: production follows the environment name, transient follows the event', () => {
    expect(read({})).toMatchObject({ environment: '', prComment: false, autoInactive: true });
    expect(read({ environment: 'production' }).productionEnvironment).toBe(true);
    expect(read({ environment: 'preview' }).productionEnvironment).toBe(false);
    expect(read({}).transientEnvironment).toBeUndefined();
    expect(read({ 'transient-environment': 'false' }).transientEnvironment).toBe(false);
    expect(read({ 'pr-number': '42' }).prNumber).toBe(42);
  });

  it.each([
    [{ 'pr-number': 'abc' }, 'pr-number'],
    [{ 'pr-number': '0' }, 'pr-number'],
    [{ 'environment-url': 'ftp://x' }, 'environment-url'],
    [{ 'auto-inactive': 'maybe' }, 'auto-inactive'],
    [{ environment: 'x'.repeat(256) }, 'environment'],
  ])('%o fails naming %s', (values, input) => {
    expect(() => read(values)).toThrow(new RegExp(`Input '${input}'`));
  });
});
