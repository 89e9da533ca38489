/**
 * The sticky pull-request comment: found among many, on the pr-number input, skipped off pull requests.
 */
import { describe, expect, it, vi } from 'vitest';
import { runIn } from './helpers.js';
import { useReportingWorld, PR } from './reporting-world.js';

const world = useReportingWorld();
const { prEvent, ourComments, warnings } = world;

// Each test runs the bundled action two or three times against builds of about a second.
vi.setConfig({ testTimeout: 60_000 });

describe('the comment', () => {
  it("is found through many pages, past other authors' look-alikes, and two contexts keep two comments", async () => {
    const marker = (context: string) =>
      `<!-- trigger-build-action:pr-comment context=${encodeURIComponent(context)} -->`;
    const at = Date.now();
    const seed = (body: string, login: string) =>
      world.sandbox.comments.push({
        id: 100 + world.sandbox.comments.length,
        owner: 'octo-org',
        repo: 'octo-repo',
        issue: PR,
        body,
        user: { login, id: 1, type: login.endsWith('[bot]') ? 'Bot' : 'User' },
        at,
        updatedAt: at,
        updates: 0,
      });
    for (let i = 0; i < 130; i++) seed(`review note ${i}`, 'reviewer');
    seed(`${marker('build/deskforge')}\nplanted`, 'mallory');
    const first = await runIn(
      world.sandbox,
      'deskforge',
      { 'pr-comment': 'true', 'poll-interval': '1s' },
      prEvent(),
    );
    expect(first.code).toBe(0);
    expect(world.sandbox.comments.find((c) => c.user.login === 'mallory')?.body).toContain(
      'planted',
    );
    expect(ourComments()).toHaveLength(1);
    const ours = ourComments()[0]!;

    const other = await runIn(
      world.sandbox,
      'deskforge',
      { 'pr-comment': 'true', 'poll-interval': '1s', 'status-context': 'deskforge/mac' },
      prEvent(),
    );
    expect(other.code).toBe(0);
    expect(ourComments()).toHaveLength(2);

    await runIn(
      world.sandbox,
      'deskforge',
      { 'pr-comment': 'true', 'poll-interval': '1s' },
      prEvent(),
    );
    expect(ourComments()).toHaveLength(2);
    expect(ourComments()[0]!.id).toBe(ours.id);
    // It was found on a later page: the list was read past the first 100.
    expect(
      world.sandbox.requests.some(
        (r) =>
          r.provider === 'github' && r.path.includes('/comments') && r.query.includes('page=2'),
      ),
    ).toBe(true);
  });

  it('goes on the pr-number input in a push workflow, by a user token identity', async () => {
    world.sandbox.options.github.identity = 'release-bot';
    const result = await runIn(world.sandbox, 'deskforge', {
      'pr-comment': 'true',
      'pr-number': '12',
      'poll-interval': '1s',
    });
    expect(result.code).toBe(0);
    await runIn(world.sandbox, 'deskforge', {
      'pr-comment': 'true',
      'pr-number': '12',
      'poll-interval': '1s',
    });
    const comments = world.sandbox.comments.filter((c) => c.issue === 12);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.user.login).toBe('release-bot');
  });

  it('is skipped quietly when the run is not about a pull request', async () => {
    const result = await runIn(world.sandbox, 'deskforge', {
      'pr-comment': 'true',
      'poll-interval': '1s',
    });
    expect(result.code).toBe(0);
    expect(world.sandbox.comments).toHaveLength(0);
    expect(warnings(result)).toEqual([]);
  });
});
