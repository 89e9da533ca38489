import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HttpError } from '../../../src/http/errors.js';
import { jamdesk } from '../../../src/providers/jamdesk/index.js';
import type { Build, CommitStatusInfo, GitHubReader } from '../../../src/providers/types.js';
import { API, FULL_SHA, fakeGitHub, makeProvider } from './harness.js';

const AUTH = { authorization: 'Bearer secret-token' };
const OTHER_SHA = 'ffffffffffffffffffffffffffffffffffffffff';
const QUEUED: Build = { id: 'build_8f3k2j', state: 'queued', providerStatus: 'queued' };

function rebuildAnswer(commit: { sha: string } | null = { sha: FULL_SHA.slice(0, 7) }) {
  return {
    buildId: 'build_8f3k2j',
    status: 'queued',
    createdAt: '2026-11-23T10:00:00Z',
    ...(commit
      ? { commit: { ...commit, message: 'Update API docs', author: 'jane@example.com' } }
      : {}),
    project: { id: 'proj_1', name: 'My Docs' },
  };
}

/** A GitHub reader that records which commits were read, with statuses the test controls. */
function recordingGitHub(
  statuses: CommitStatusInfo[],
  sha = FULL_SHA,
): GitHubReader & { read: string[]; statuses: CommitStatusInfo[] } {
  const read: string[] = [];
  return {
    ...fakeGitHub(),
    sha,
    statuses,
    read,
    listStatuses: async (ref) => {
      read.push(ref);
      return statuses;
    },
  };
}

const status = (
  state: CommitStatusInfo['state'],
  context = 'Jamdesk',
  extra: Partial<CommitStatusInfo> = {},
): CommitStatusInfo => ({
  context,
  state,
  description: `jamdesk ${state}`,
  targetUrl: 'https://dashboard.jamdesk.com/deployments/build_8f3k2j',
  ...extra,
});

beforeAll(() => {
  nock.disableNetConnect();
});

afterEach(() => {
  nock.cleanAll();
});

describe('jamdesk spec', () => {
  it('describes the provider and sends the key as a Bearer token', () => {
    expect(jamdesk.defaultApiUrl).toBe('https://api.jamdesk.com');
    expect(jamdesk.inputs.filter((i) => i.required).map((i) => i.name)).toEqual([
      'token',
      'project',
    ]);
    const { ctx } = makeProvider('jamdesk');
    expect(jamdesk.credentials(ctx.settings, ctx.own)).toEqual({
      authorization: 'Bearer secret-token',
    });
  });

  it.each([
    [401, 'unauthorized', 'Invalid API key', 'Regenerate the key in Settings > API'],
    [
      403,
      'forbidden',
      'Unauthorized project access',
      "Confirm the project ID matches the API key's project",
    ],
    [404, 'project_not_found', 'Project not found', 'Verify the project ID in the dashboard'],
    [429, 'rate_limited', 'Too many requests', 'Back off and retry with exponential backoff'],
    [
      500,
      'internal_error',
      'Internal server error',
      'Retry after a few seconds. Contact support if it persists',
    ],
  ])('maps %i %s to the documented fix', (httpStatus, code, message, fix) => {
    const body = { error: { code, message, status: httpStatus } };
    expect(jamdesk.describeError?.(httpStatus, body)).toEqual({ code, message, fix });
    // Without a body, the table's own code and message stand in.
    expect(jamdesk.describeError?.(httpStatus, undefined)).toEqual({ code, message, fix });
  });

  it("prefers the body's words and leaves undocumented errors to the defaults", () => {
    expect(
      jamdesk.describeError?.(404, { error: { code: 'project_not_found', message: 'No proj_9' } }),
    ).toEqual({
      code: 'project_not_found',
      message: 'No proj_9',
      fix: 'Verify the project ID in the dashboard',
    });
    expect(jamdesk.describeError?.(418, undefined)).toBeUndefined();
    expect(jamdesk.describeError?.(400, { error: { code: 'bad', message: 'Bad' } })).toEqual({
      code: 'bad',
      message: 'Bad',
    });
  });
});

describe('jamdesk trigger', () => {
  it('POSTs the rebuild without a body and reports the queued build', async () => {
    const api = nock(API, { reqheaders: AUTH })
      .post('/projects/proj_1/rebuild', (body) => body === '' || Object.keys(body).length === 0)
      .reply(200, rebuildAnswer());
    const { adapter } = makeProvider('jamdesk');
    await expect(adapter.trigger()).resolves.toEqual(QUEUED);
    api.done();
    expect(adapter.minPollIntervalMs).toBe(2000);
  });

  it('retries a 500 internal_error, which the document calls safe', async () => {
    const api = nock(API)
      .post('/projects/proj_1/rebuild')
      .reply(500, {
        error: { code: 'internal_error', message: 'Internal server error', status: 500 },
      })
      .post('/projects/proj_1/rebuild')
      .reply(200, rebuildAnswer());
    const { adapter } = makeProvider('jamdesk');
    await expect(adapter.trigger()).resolves.toMatchObject({ id: 'build_8f3k2j' });
    api.done();
  });

  it('does not retry other server errors: exactly one POST', async () => {
    let posts = 0;
    nock(API)
      .post('/projects/proj_1/rebuild')
      .times(3)
      .reply(() => {
        posts += 1;
        return [502, 'Bad Gateway'];
      });
    const { adapter } = makeProvider('jamdesk');
    await expect(adapter.trigger()).rejects.toBeInstanceOf(HttpError);
    expect(posts).toBe(1);
  });

  it('turns a 404 into one line with code, message and the exact fix', async () => {
    nock(API)
      .post('/projects/proj_1/rebuild')
      .reply(404, {
        error: { code: 'project_not_found', message: 'Project not found', status: 404 },
      });
    const { adapter } = makeProvider('jamdesk');
    const error = await adapter.trigger().catch((e: unknown) => e);
    expect(String(error)).toBe(
      'Jamdesk: trigger the rebuild failed: HTTP 404 project_not_found "Project not found". ' +
        'Fix: Verify the project ID in the dashboard.',
    );
  });
});

describe('jamdesk poll through commit statuses', () => {
  async function triggered(github: GitHubReader, commit?: { sha: string } | null) {
    nock(API).post('/projects/proj_1/rebuild').reply(200, rebuildAnswer(commit));
    const made = makeProvider('jamdesk', {}, { github });
    const build = await made.adapter.trigger();
    return { ...made, build };
  }

  it.each([
    ['pending', 'building', 'building'],
    ['success', 'success', 'deployed'],
    ['failure', 'failure', 'failed'],
    ['error', 'failure', 'failed'],
  ] as const)('maps %s to %s (%s)', async (githubState, state, word) => {
    const github = recordingGitHub([]);
    const { adapter, build } = await triggered(github);
    github.statuses.unshift(status(githubState));
    const polled = await adapter.poll(build);
    expect(polled).toMatchObject({ id: 'build_8f3k2j', state, providerStatus: word });
    expect(polled.logUrl).toBe('https://dashboard.jamdesk.com/deployments/build_8f3k2j');
    if (state === 'failure') expect(polled.failureReason).toBe(`jamdesk ${githubState}`);
    else expect(polled.failureReason).toBeUndefined();
  });

  it('stays queued until a Jamdesk status appears', async () => {
    const github = recordingGitHub([]);
    const { adapter, build } = await triggered(github);
    await expect(adapter.poll(build)).resolves.toEqual(QUEUED);
  });

  it('ignores the action\'s own context and other contexts, matching "jamdesk" in any case', async () => {
    const github = recordingGitHub([]);
    const { adapter, build } = await triggered(github);
    github.statuses.unshift(
      status('success', 'ci/circleci'),
      status('failure', 'build/jamdesk'),
      status('pending', 'deploy/preview'),
    );
    await expect(adapter.poll(build)).resolves.toEqual(QUEUED);

    github.statuses.unshift(status('success', 'docs/JamDesk-Build'));
    await expect(adapter.poll(build)).resolves.toMatchObject({
      state: 'success',
      providerStatus: 'deployed',
    });
  });

  it("resolves Jamdesk's short sha once and reads statuses on the full commit", async () => {
    const github = recordingGitHub([], OTHER_SHA);
    let resolved = 0;
    github.resolveCommit = async (ref) => {
      resolved += 1;
      expect(ref).toBe(FULL_SHA.slice(0, 7));
      return FULL_SHA;
    };
    const { adapter, build } = await triggered(github);
    await adapter.poll(build);
    await adapter.poll(build);
    expect(resolved).toBe(1);
    // Before the trigger: our own commit; afterwards only Jamdesk's, and no baseline read after
    // the trigger (it could hold this build's own status already: issue 8, defect 2).
    expect(github.read).toEqual([OTHER_SHA, FULL_SHA, FULL_SHA]);
  });

  it.each([
    ['has no commit', null],
    ['names a commit GitHub does not know', { sha: '0000000' }],
  ])('follows our own commit when the answer %s', async (_why, commit) => {
    const github = recordingGitHub([], OTHER_SHA);
    const { adapter, build } = await triggered(github, commit);
    await adapter.poll(build);
    expect(github.read).toEqual([OTHER_SHA, OTHER_SHA]);
  });

  it("does not report the previous build's status on a rebuilt commit", async () => {
    const old = status('success', 'Jamdesk', { description: 'Deployed' });
    const github = recordingGitHub([old]);
    const { adapter, build } = await triggered(github);
    await expect(adapter.poll(build)).resolves.toEqual(QUEUED);

    github.statuses.unshift(status('pending', 'Jamdesk', { description: 'Building' }));
    await expect(adapter.poll(build)).resolves.toMatchObject({ state: 'building' });
    // The new result may read exactly like the old one; it is ours now.
    github.statuses.unshift({ ...old });
    await expect(adapter.poll(build)).resolves.toMatchObject({ state: 'success' });
  });

  it('explains a timeout without any Jamdesk status, and defers once one was seen', async () => {
    const github = recordingGitHub([]);
    const { adapter, build } = await triggered(github);
    await adapter.poll(build);
    const message = adapter.describeTimeout?.(build);
    expect(message).toContain(`No Jamdesk commit status appeared on ${FULL_SHA.slice(0, 7)}`);
    expect(message).toContain('connect the repository to GitHub in Jamdesk');
    expect(message).toContain('wait: false');

    github.statuses.unshift(status('pending'));
    await adapter.poll(build);
    expect(adapter.describeTimeout?.(build)).toBeUndefined();
  });
});
