/**
 * The sandbox's GitHub against GitHub's own OpenAPI description (api.github.com and GHES): every
 * operation the action uses, driven through the action's own GitHub client (so the requests are
 * the ones the action sends) and through raw calls for the error answers, both sides checked.
 * Integration tests check every exchange of every run the same way (expectHygiene).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { octokitApi } from '../../../src/engine/github.js';
import { githubConformance, UNDOCUMENTED_ANSWERS } from '../../../sandbox/openapi.mjs';
import { startSandbox, type Sandbox } from '../../../sandbox/server.mjs';

let sandbox: Sandbox;
const REPO = '/repos/octo-org/octo-repo';

beforeAll(async () => {
  sandbox = await startSandbox({ buildMs: 60_000 });
});
afterAll(() => sandbox.close());

const raw = async (method: string, path: string, body?: unknown, token = 'ghs_x') => {
  const res = await fetch(`${sandbox.githubApiUrl}${path}`, {
    method,
    headers: {
      accept: 'application/vnd.github+json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(5000),
  });
  const text = await res.text();
  return {
    status: res.status,
    etag: res.headers.get('etag'),
    body: text ? JSON.parse(text) : undefined,
  };
};

describe("sandbox GitHub holds to GitHub's OpenAPI description", () => {
  it('answers every operation the action uses with GitHub shapes, and the action sends valid requests', async () => {
    sandbox.reset();
    const api = octokitApi('ghs_x', 'octo-org', 'octo-repo', sandbox.githubApiUrl);
    await api.createStatus({
      sha: sandbox.sha,
      state: 'pending',
      context: 'ci/build',
      description: 'Building',
      targetUrl: 'https://ci.example.com/run/1',
    });
    await api.listStatuses(sandbox.sha);
    await api.listStatuses(sandbox.sha); // conditional: 304
    expect(await api.resolveCommit(sandbox.sha.slice(0, 7))).toBe(sandbox.sha);
    const id = await api.createDeployment({
      sha: sandbox.sha,
      environment: 'preview',
      description: 'Deskforge build b-1',
      productionEnvironment: false,
      transientEnvironment: true,
      payload: { provider: 'Deskforge' },
    });
    await api.createDeploymentStatus({
      deploymentId: id,
      state: 'in_progress',
      description: 'building',
      logUrl: 'https://logs.example.com/1',
      autoInactive: false,
    });
    await api.createDeploymentStatus({
      deploymentId: id,
      state: 'success',
      description: 'done',
      environmentUrl: 'https://preview.example.com/',
      autoInactive: true,
    });
    const comment = await api.createIssueComment(7, 'hello');
    await api.updateIssueComment(comment.id, 'hello again');
    for await (const page of api.listIssueComments(7)) expect(page.length).toBe(1);
    const check = await api.createCheckRun({
      sha: sandbox.sha,
      name: 'build/deskforge',
      externalId: 'trigger-build-action:1',
      status: 'in_progress',
      startedAt: Date.now(),
      detailsUrl: 'https://logs.example.com/1',
      output: { title: 'Deskforge build b-1 is building', summary: '| | |\n|---|---|' },
    });
    await api.updateCheckRun(check.id, {
      status: 'completed',
      conclusion: 'failure',
      completedAt: Date.now(),
      output: {
        title: 'Deskforge build b-1 failed',
        summary: 'Reason: it failed',
        text: '```text\nsrc/app.ts:1:1 - error TS1: x\n```',
        annotations: [{ path: 'src/app.ts', line: 1, column: 1, level: 'failure', message: 'x' }],
      },
    });
    expect(
      await api.findCheckRun({
        sha: sandbox.sha,
        name: 'build/deskforge',
        externalId: 'trigger-build-action:1',
      }),
    ).toMatchObject({ id: check.id });
    await raw('GET', `${REPO}/deployments?sha=${sandbox.sha}&environment=preview`);
    await raw('GET', `${REPO}/deployments/${id}/statuses`);
    await raw('GET', `${REPO}/commits/${sandbox.sha}/status`);

    const operations = new Set(
      sandbox.requests.map((r) => `${r.method} ${r.path.replace(/\d+|[0-9a-f]{40}/g, ':n')}`),
    );
    expect(operations.size).toBeGreaterThanOrEqual(10);
    expect(sandbox.requests.some((r) => r.reply?.status === 304)).toBe(true);
    expect(githubConformance(sandbox.requests)).toEqual([]);
  }, 30_000);

  it('answers errors with GitHub error bodies, at documented or listed statuses', async () => {
    sandbox.reset();
    await raw('POST', `${REPO}/statuses/${sandbox.sha}`, { state: 'pending' }, '');
    await raw('POST', `${REPO}/statuses/${sandbox.sha.slice(0, 7)}`, { state: 'pending' });
    await raw('POST', `${REPO}/statuses/${sandbox.sha}`, {
      state: 'success',
      description: 'x'.repeat(141),
    });
    await raw('GET', `${REPO}/commits/ffffffffff/statuses`);
    await raw('POST', `${REPO}/deployments/424242/statuses`, { state: 'success' });
    await raw('PATCH', `${REPO}/issues/comments/424242`, { body: 'x' });
    await raw('POST', `${REPO}/issues/7/comments`, { body: '' });
    await raw('PATCH', `${REPO}/check-runs/424242`, { status: 'completed', conclusion: 'success' });
    await raw('POST', `${REPO}/check-runs`, {
      name: 'x',
      head_sha: sandbox.sha,
      status: 'completed',
    });
    sandbox.options.github.statusesForbidden = true;
    sandbox.options.github.deploymentsForbidden = true;
    sandbox.options.github.commentsForbidden = true;
    try {
      await raw('POST', `${REPO}/statuses/${sandbox.sha}`, { state: 'pending' });
      await raw('POST', `${REPO}/deployments`, { ref: sandbox.sha });
      await raw('POST', `${REPO}/issues/7/comments`, { body: 'x' });
      sandbox.options.github.checksForbidden = true;
      await raw('POST', `${REPO}/check-runs`, { name: 'x', head_sha: sandbox.sha });
    } finally {
      sandbox.options.github.checksForbidden = false;
      sandbox.options.github.statusesForbidden = false;
      sandbox.options.github.deploymentsForbidden = false;
      sandbox.options.github.commentsForbidden = false;
    }
    const statuses = sandbox.requests.map((r) => r.reply?.status);
    expect(statuses).toEqual([401, 422, 422, 404, 404, 404, 422, 404, 422, 403, 403, 403, 403]);
    expect(githubConformance(sandbox.requests)).toEqual([]);
  }, 30_000);

  it('catches the shapes GitHub never sends (the checker can fail)', () => {
    const sha = '8f14e45fceea167a5a36dedd4bea2543c0ffee42';
    const cutDown = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };
    const problems = githubConformance(
      [
        {
          host: 'api',
          provider: 'github',
          method: 'GET',
          path: `${REPO}/commits/${sha}`,
          fullPath: '',
          query: '',
          headers: {},
          body: undefined,
          bytes: 0,
          at: 0,
          // What the sandbox answered before: no author, committer or tree.
          reply: {
            status: 200,
            headers: {},
            injected: false,
            body: {
              sha,
              node_id: 'C_1',
              url: 'http://x/',
              html_url: 'http://x/',
              commit: { message: 'm', author: { name: 'a', email: 'a@b.c' } },
              parents: [],
            },
          },
        },
        {
          host: 'api',
          provider: 'github',
          method: 'POST',
          path: `${REPO}/issues/7/comments`,
          fullPath: '',
          query: '',
          headers: {},
          body: { body: 'hi', bogus: 1 },
          bytes: 0,
          at: 0,
          reply: {
            status: 201,
            headers: {},
            injected: false,
            body: {
              id: 1,
              node_id: 'IC_1',
              url: 'http://x/',
              html_url: 'http://x/',
              issue_url: 'http://x/',
              body: 'hi',
              user: cutDown,
              author_association: 'NONE',
              created_at: '2026-01-01T00:00:00Z',
              updated_at: '2026-01-01T00:00:00Z',
            },
          },
        },
        {
          host: 'api',
          provider: 'github',
          method: 'POST',
          path: `${REPO}/statuses/${sha}`,
          fullPath: '',
          query: '',
          headers: {},
          body: { state: 'pending' },
          bytes: 0,
          at: 0,
          reply: { status: 418, headers: {}, injected: false, body: { message: 'teapot' } },
        },
      ],
      ['api.github.com'],
    );
    const text = problems.join('\n');
    expect(text).toMatch(/get-commit.*lacks required property author/);
    expect(text).toMatch(/commit lacks required property tree/);
    expect(text).toMatch(/create-comment.*user lacks required property avatar_url/);
    expect(text).toMatch(/create-commit-status.*answered 418/);
  });

  it('lists each undocumented answer once, with its reason', () => {
    const keys = UNDOCUMENTED_ANSWERS.map((a) => `${a.op} ${a.method ?? '*'} ${a.status}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const a of UNDOCUMENTED_ANSWERS) expect(a.why).not.toBe('');
  });
});
