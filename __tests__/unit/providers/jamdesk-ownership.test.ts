/**
 * Issue 8, defect 2: which Jamdesk commit status belongs to this run's build. A status is ours
 * when it appeared after the trigger (GitHub's created_at, second precision, small skew allowed)
 * or differs from a baseline read before the trigger; a missing baseline never hides one.
 */
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UnexpectedGitHubBody, type CommitStatusInfo } from '../../../src/providers/types.js';
import { API, FULL_SHA, fakeGitHub, instantClock, makeProvider } from './harness.js';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

function rebuild(): void {
  nock(API)
    .post('/projects/proj_1/rebuild')
    .reply(200, {
      buildId: 'build_1',
      status: 'queued',
      createdAt: '2026-11-23T10:00:00Z',
      commit: { sha: FULL_SHA.slice(0, 7) },
    });
}

const jamdeskStatus = (
  state: CommitStatusInfo['state'],
  createdAt: number,
  description = `jamdesk ${state}`,
): CommitStatusInfo => ({
  context: 'Jamdesk',
  state,
  description,
  targetUrl: 'https://dashboard.jamdesk.com/deployments/build_1',
  createdAt,
});

/** GitHub whose first read (the pre-trigger baseline) fails the way `fail` says. */
function githubFailingFirst(fail: () => never, statuses: () => CommitStatusInfo[]) {
  let calls = 0;
  return {
    ...fakeGitHub(),
    listStatuses: async () => {
      calls += 1;
      if (calls === 1) fail();
      return statuses();
    },
  };
}

describe('defect 2: a failed pre-trigger read never hides a status that already arrived', () => {
  const failures: [string, () => never][] = [
    [
      '502',
      () => {
        throw Object.assign(new Error('Bad Gateway'), { status: 502 });
      },
    ],
    [
      'reset',
      () => {
        throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      },
    ],
    [
      'HTML 200',
      () => {
        throw new UnexpectedGitHubBody('list the statuses');
      },
    ],
  ];

  it.each(failures)(
    'baseline read fails with %s; Jamdesk already posted success',
    async (_n, fail) => {
      const clock = instantClock();
      const triggeredAt = clock.now();
      rebuild();
      const github = githubFailingFirst(fail, () => [
        jamdeskStatus('success', triggeredAt + 1000, 'Deployed'),
      ]);
      const { adapter } = makeProvider('jamdesk', {}, { github, clock });
      const build = await adapter.trigger();
      clock.advance(2000);
      const polled = await adapter.poll(build);
      expect(polled.state).toBe('success');
    },
  );

  it('without a baseline, an old status from before the trigger is not this build', async () => {
    const clock = instantClock();
    const old = clock.now() - 3_600_000;
    rebuild();
    let fresh: CommitStatusInfo[] = [];
    const github = githubFailingFirst(
      () => {
        throw Object.assign(new Error('Bad Gateway'), { status: 502 });
      },
      () => [...fresh, jamdeskStatus('failure', old)],
    );
    const { adapter } = makeProvider('jamdesk', {}, { github, clock });
    const build = await adapter.trigger();
    clock.advance(2000);
    expect((await adapter.poll(build)).state).toBe('queued');
    // GitHub's created_at has second precision and clocks differ a little.
    fresh = [jamdeskStatus('success', Math.floor((clock.now() - 2500) / 1000) * 1000)];
    expect((await adapter.poll(build)).state).toBe('success');
  });

  it('with a baseline, a rebuild that posts the same words again still counts once its time is newer', async () => {
    const clock = instantClock();
    const before = jamdeskStatus('success', clock.now() - 600_000, 'Deployed');
    rebuild();
    let list = [before];
    const github = { ...fakeGitHub(), listStatuses: async () => list };
    const { adapter } = makeProvider('jamdesk', {}, { github, clock });
    const build = await adapter.trigger();
    clock.advance(3000);
    expect((await adapter.poll(build)).state).toBe('queued');
    list = [jamdeskStatus('success', clock.now(), 'Deployed'), before];
    expect((await adapter.poll(build)).state).toBe('success');
  });
});
