import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HttpError } from '../../../src/http/errors.js';
import { deployhub } from '../../../src/providers/deployhub/index.js';
import type { Build } from '../../../src/providers/types.js';
import { API, makeProvider } from './harness.js';

const AUTH = { authorization: 'Bearer secret-token' };
const PROJECT = '65f3a2b1c4d5e6f7a8b9c0d1';
const LIST = `/api/projects/${PROJECT}/builds`;
const REDEPLOY = `/api/redeploy/${PROJECT}`;
/** The harness clock starts here; the trigger happens at this instant. */
const NOW = Date.parse('2026-11-23T10:00:00Z');

function listed(id: string, createdAt: string, extra: Record<string, unknown> = {}) {
  return { _id: id, commitSha: 'a3f7d9e2c1b4', status: 'pending', createdAt, ...extra };
}

const BEFORE = listed('old_success', '2026-11-22T14:20:10.000Z', {
  status: 'success',
  startedAt: '2026-11-22T14:20:15.000Z',
  finishedAt: '2026-11-22T14:22:10.000Z',
});
/** Already running when we triggered, and created within the skew window: not ours. */
const ALREADY_THERE = listed('already_there', '2026-11-23T09:59:58.000Z', {
  startedAt: '2026-11-23T09:59:59.000Z',
});

function list(builds: unknown[]) {
  return { success: true, total: builds.length, builds };
}

function hub() {
  return makeProvider('deployhub', { inputs: { project: PROJECT } });
}

const QUEUED: Build = { id: '', state: 'queued', providerStatus: 'pending' };

beforeAll(() => {
  nock.disableNetConnect();
});

afterEach(() => {
  nock.cleanAll();
});

describe('deployhub spec and errors', () => {
  it('describes the provider and sends the token as a Bearer token', () => {
    expect(deployhub.defaultApiUrl).toBe('https://api.deployhub.online');
    expect(deployhub.inputs.filter((i) => i.required).map((i) => i.name)).toEqual([
      'token',
      'project',
    ]);
    const { ctx } = hub();
    expect(deployhub.credentials(ctx.settings, ctx.own)).toEqual(AUTH);
  });

  it('shows a 404 Project not found as it is, with the ObjectId fix and no code', async () => {
    nock(API).get(LIST).reply(404, { success: false, message: 'Project not found' });
    const error = await hub()
      .adapter.trigger()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).code).toBeUndefined();
    expect(String(error)).toBe(
      'DeployHub: list builds failed: HTTP 404 "Project not found". ' +
        'Fix: check the project id (a MongoDB ObjectId) and that your token owns it.',
    );
  });

  it('explains a 401 with the access-token fix', () => {
    expect(deployhub.describeError?.(401, { success: false, message: 'Not authorized' })).toEqual({
      message: 'Not authorized',
      fix: 'check the token (a DeployHub access token)',
    });
  });

  it('keeps the default fix for a server error', () => {
    expect(deployhub.describeError?.(500, { success: false, message: 'Server error' })).toEqual({
      message: 'Server error',
    });
  });

  it('never repeats the redeploy after a 500: exactly one POST, nothing triggered before it', async () => {
    let posts = 0;
    nock(API)
      .get(LIST)
      .reply(200, list([BEFORE]));
    nock(API)
      .post(REDEPLOY)
      .times(3)
      .reply(() => {
        posts += 1;
        return [500, { success: false, message: 'Server error' }];
      });
    const error = await hub()
      .adapter.trigger()
      .catch((e: unknown) => e);
    expect(String(error)).toContain('HTTP 500 "Server error"');
    expect(posts).toBe(1);
  });
});

describe('deployhub build id discovery', () => {
  it('finds the new build in the list when the redeploy answer names none', async () => {
    const api = nock(API, { reqheaders: AUTH })
      .get(LIST)
      .reply(200, list([ALREADY_THERE, BEFORE]))
      .post(REDEPLOY)
      .reply(200, { success: true, message: 'Redeploy started' })
      // 1st poll: only an older build and one that was listed before the trigger.
      .get(LIST)
      .reply(200, list([ALREADY_THERE, listed('older', '2026-11-23T09:59:50.000Z'), BEFORE]))
      // 2nd poll: ours appears (created just before our clock: skew).
      .get(LIST)
      .reply(200, list([listed('ours', '2026-11-23T09:59:57.000Z'), ALREADY_THERE, BEFORE]))
      .get(`${LIST}/ours`)
      .reply(200, {
        success: true,
        build: listed('ours', '2026-11-23T09:59:57.000Z', {
          startedAt: '2026-11-23T10:00:05.000Z',
          logUrl: 'https://logs.deployhub.online/builds/ours.log',
        }),
      })
      .get(`${LIST}/ours`)
      .reply(200, {
        success: true,
        build: listed('ours', '2026-11-23T09:59:57.000Z', {
          status: 'success',
          startedAt: '2026-11-23T10:00:05.000Z',
          finishedAt: '2026-11-23T10:02:00.000Z',
          logUrl: 'https://logs.deployhub.online/builds/ours.log',
          dockerImage: `deployhub/${PROJECT}:a3f7d9e`,
        }),
      });
    const { adapter } = hub();
    const triggered = await adapter.trigger();
    expect(triggered).toEqual(QUEUED);
    const first = await adapter.poll(triggered);
    expect(first).toEqual(QUEUED);
    const second = await adapter.poll(first);
    expect(second).toEqual({ id: 'ours', state: 'queued', providerStatus: 'pending' });
    // The engine may hand back the build from the trigger; the adapter remembers the id.
    await expect(adapter.poll(triggered)).resolves.toMatchObject({ id: 'ours', state: 'building' });
    await expect(adapter.poll(second)).resolves.toEqual({
      id: 'ours',
      state: 'success',
      providerStatus: 'success',
      logUrl: 'https://logs.deployhub.online/builds/ours.log',
      dockerImage: `deployhub/${PROJECT}:a3f7d9e`,
    });
    api.done();
  });

  it('reads the detail at once when the build is found already finished', async () => {
    const done = listed('ours', '2026-11-23T10:00:01.000Z', {
      status: 'success',
      startedAt: '2026-11-23T10:00:02.000Z',
      finishedAt: '2026-11-23T10:00:30.000Z',
    });
    const api = nock(API)
      .get(LIST)
      .reply(200, list([BEFORE]))
      .post(REDEPLOY)
      .reply(200, 'OK', { 'content-type': 'text/plain' })
      .get(LIST)
      .reply(200, list([done, BEFORE]))
      .get(`${LIST}/ours`)
      .reply(200, { success: true, build: { ...done, dockerImage: 'deployhub/x:1' } });
    const { adapter } = hub();
    const build = await adapter.poll(await adapter.trigger());
    expect(build).toMatchObject({ id: 'ours', state: 'success', dockerImage: 'deployhub/x:1' });
    api.done();
  });

  it.each([
    ['build._id', { success: true, build: { _id: 'b1', status: 'pending' } }],
    ['buildId', { success: true, buildId: 'b1' }],
    ['_id', { _id: 'b1', status: 'pending' }],
    ['id', { id: 'b1' }],
  ])('uses the build id from %s in the redeploy answer', async (_where, answer) => {
    const api = nock(API)
      .get(LIST)
      .reply(200, list([BEFORE]))
      .post(REDEPLOY)
      .reply(200, answer)
      .get(`${LIST}/b1`)
      .reply(200, { success: true, build: listed('b1', '2026-11-23T10:00:01.000Z') });
    const { adapter } = hub();
    const build = await adapter.trigger();
    expect(build).toEqual({ id: 'b1', state: 'queued', providerStatus: 'pending' });
    await adapter.poll(build);
    api.done();
  });

  it("does not take the project's own id for a build id", async () => {
    nock(API)
      .get(LIST)
      .reply(200, list([BEFORE]))
      .post(REDEPLOY)
      .reply(200, { _id: PROJECT, name: 'api' });
    await expect(hub().adapter.trigger()).resolves.toEqual(QUEUED);
  });

  it('finds the build a failed redeploy may have created', async () => {
    nock(API)
      .get(LIST)
      .reply(200, list([ALREADY_THERE, BEFORE]))
      .post(REDEPLOY)
      .reply(502, 'Bad Gateway')
      .get(LIST)
      .reply(200, list([listed('ours', '2026-11-23T10:00:00.500Z'), ALREADY_THERE, BEFORE]));
    const { adapter } = hub();
    await expect(adapter.trigger()).rejects.toBeInstanceOf(HttpError);
    await expect(adapter.findTriggered?.(NOW)).resolves.toEqual({
      id: 'ours',
      state: 'queued',
      providerStatus: 'pending',
    });
  });
});

describe('deployhub poll', () => {
  it.each([
    ['pending', undefined, 'queued'],
    ['pending', '2026-11-23T10:00:05.000Z', 'building'],
    ['success', '2026-11-23T10:00:05.000Z', 'success'],
    ['failed', '2026-11-23T10:00:05.000Z', 'failure'],
  ] as const)('maps %s (startedAt %s) to %s', async (word, startedAt, state) => {
    nock(API, { reqheaders: AUTH })
      .get(`${LIST}/b1`)
      .reply(200, {
        success: true,
        build: listed('b1', '2026-11-23T10:00:01.000Z', {
          status: word,
          startedAt: startedAt ?? null,
          logUrl: null,
          dockerImage: null,
        }),
      });
    await expect(hub().adapter.poll({ ...QUEUED, id: 'b1' })).resolves.toEqual({
      id: 'b1',
      state,
      providerStatus: word,
    });
  });
});

describe('deployhub typical duration', () => {
  const history = [
    listed('a', '2026-11-22T10:00:00.000Z', {
      status: 'success',
      finishedAt: '2026-11-22T10:02:00.000Z',
    }),
    listed('b', '2026-11-21T10:00:00.000Z', {
      status: 'failed',
      finishedAt: '2026-11-21T10:01:00.000Z',
    }),
    listed('c', '2026-11-20T10:00:00.000Z', {
      status: 'success',
      finishedAt: '2026-11-20T10:03:00.000Z',
    }),
    listed('d', '2026-11-19T10:00:00.000Z'),
  ];

  it('takes the median of finishedAt - createdAt over finished builds', async () => {
    nock(API).get(LIST).reply(200, list(history));
    await expect(hub().adapter.typicalDurationMs?.()).resolves.toBe(120_000);
  });

  it('reuses the list read for the trigger instead of asking again', async () => {
    const api = nock(API)
      .get(LIST)
      .reply(200, list(history))
      .post(REDEPLOY)
      .reply(200, { success: true });
    const { adapter } = hub();
    await adapter.trigger();
    await expect(adapter.typicalDurationMs?.()).resolves.toBe(120_000);
    api.done();
  });

  it('has none without a finished build', async () => {
    nock(API)
      .get(LIST)
      .reply(200, list([listed('d', '2026-11-19T10:00:00.000Z')]));
    await expect(hub().adapter.typicalDurationMs?.()).resolves.toBeUndefined();
  });
});

describe('deployhub logs', () => {
  const LOGS = 'https://logs.deployhub.test';
  const LOG_PATH = '/builds/b1.log';
  const building: Build = {
    id: 'b1',
    state: 'building',
    providerStatus: 'pending',
    logUrl: `${LOGS}${LOG_PATH}`,
  };
  const failed: Build = { ...building, state: 'failure', providerStatus: 'failed' };
  const first = '2026-11-23T10:00:01Z Cloning repository\n2026-11-23T10:00:02Z Building';
  const rest = ' image\n2026-11-23T10:00:09Z ERROR: npm ci exited with code 1\nDeploy failed';

  it('reads from where it left off with Range, keeps a partial line for later, and explains a failure from its error lines', async () => {
    const head = '2026-11-23T10:00:01Z Cloning repository\n';
    const logs = nock(LOGS, { badheaders: ['authorization'] })
      .get(LOG_PATH)
      .reply(200, first)
      .get(LOG_PATH)
      .matchHeader('range', `bytes=${head.length}-`)
      .reply(206, first.slice(head.length) + rest, {
        'content-range': `bytes ${head.length}-${(first + rest).length - 1}/${(first + rest).length}`,
      });
    const { adapter } = hub();
    const read = (build: Build) => adapter.logs!(build, { maxBytes: 1 << 20 });
    expect((await read(building)).lines).toEqual(['2026-11-23T10:00:01Z Cloning repository']);
    expect((await read(failed)).lines).toEqual([
      '2026-11-23T10:00:02Z Building image',
      '2026-11-23T10:00:09Z ERROR: npm ci exited with code 1',
      'Deploy failed',
    ]);
    expect((await adapter.explainFailure!(failed)).failureReason).toBe(
      'ERROR: npm ci exited with code 1',
    );
    logs.done();
  });

  it('skips what it has read when the log host ignores Range, and counts what it leaves out', async () => {
    const lines = Array.from({ length: 400 }, (_, i) => `line ${i}`).join('\n') + '\n';
    nock(LOGS).get(LOG_PATH).reply(200, 'line a\n').get(LOG_PATH).reply(200, `line a\n${lines}`);
    const { adapter } = hub();
    expect((await adapter.logs!(building, { maxBytes: 100 })).lines).toEqual(['line a']);
    const page = await adapter.logs!(building, { maxBytes: 100 });
    expect(page.lines.at(-1)).toBe('line 399');
    expect(page.lines.length + page.omittedLines).toBe(400);
    expect(page.lines.length).toBeLessThan(20);
  });
});
