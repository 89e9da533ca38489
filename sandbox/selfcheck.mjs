/**
 * Quick self-check of the sandbox (not a test suite): drives one build through each provider
 * with fetch, plus faults, a 409, a 429, the download redirect, the fake GitHub and runAction.
 * Prints one line per check and exits 0 when all pass. `node sandbox/selfcheck.mjs`
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from './server.mjs';
import { runAction, secretsLeaked, workflowCommands } from './run-action.mjs';

const BUILD_MS = 500;
const started = Date.now();
const sb = await startSandbox({ buildMs: BUILD_MS, sitepasteUsed: 18 });
const bearer = { Authorization: 'Bearer sandbox-token' };
const jd = { 'X-Access-Key': 'sandbox-access', 'X-Secret-Key': 'sandbox-secret' };
let failures = 0;

/** Run one named check and report it. */
async function check(/** @type {string} */ name, /** @type {() => Promise<string | void>} */ fn) {
  const t = Date.now();
  try {
    const note = await fn();
    console.log(`ok   ${name} (${Date.now() - t} ms)${note ? ` - ${note}` : ''}`);
  } catch (err) {
    failures++;
    console.log(`FAIL ${name}: ${err instanceof Error ? (err.stack ?? err.message) : err}`);
  }
}

/** Poll `fn` every 50 ms until it returns something truthy. */
/** @returns {Promise<any>} */
async function waitFor(/** @type {() => Promise<unknown>} */ fn, timeoutMs = 5000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** fetch + JSON. */
/** @returns {Promise<{status: number, headers: Headers, body: any}>} */
async function call(/** @type {string} */ url, /** @type {RequestInit} */ init = {}) {
  const res = await fetch(url, init);
  const body = (res.headers.get('content-type') ?? '').includes('json')
    ? await res.json()
    : await res.text();
  return { status: res.status, headers: res.headers, body };
}

const post = (
  /** @type {Record<string, string>} */ headers,
  /** @type {unknown} */ body = undefined,
) => ({
  method: 'POST',
  headers: { ...headers, 'Content-Type': 'application/json' },
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});

await check('documented auth and 404 errors', async () => {
  const bad = { Authorization: 'Bearer nope' };
  let r = await call(`${sb.apiUrl('jamdesk')}/projects/p/rebuild`, post(bad));
  assert.equal(r.status, 401);
  assert.deepEqual(r.body, {
    error: { code: 'unauthorized', message: 'Invalid API key', status: 401 },
  });
  r = await call(`${sb.apiUrl('jamdesk')}/projects/missing-1/rebuild`, post(bearer));
  assert.deepEqual(r.body, {
    error: { code: 'project_not_found', message: 'Project not found', status: 404 },
  });
  r = await call(`${sb.apiUrl('sitepaste')}/public/builds`, post(bad));
  assert.deepEqual([r.status, r.body], [401, { error: 'invalid or revoked token' }]);
  r = await call(`${sb.apiUrl('deployhub')}/api/projects/p/builds`, { headers: bad });
  assert.deepEqual([r.status, r.body], [401, { success: false, message: 'Unauthorized' }]);
  r = await call(`${sb.apiUrl('deployhub')}/api/redeploy/missing-x`, post(bearer));
  assert.deepEqual([r.status, r.body], [404, { success: false, message: 'Project not found' }]);
  r = await call(`${sb.apiUrl('justdeploy')}/organizations/o/projects/p/builds`, {
    headers: { 'X-Access-Key': 'sandbox-access' },
  });
  assert.equal(r.status, 401);
  r = await call(`${sb.apiUrl('deskforge')}/projects/p/builds`, {});
  assert.equal(r.status, 401);
});

await check('jamdesk: rebuild, then its own commit statuses', async () => {
  const r = await call(`${sb.apiUrl('jamdesk')}/projects/docs/rebuild`, post(bearer));
  assert.equal(r.status, 200);
  assert.equal(r.body.status, 'queued');
  assert.equal(r.body.commit.sha, sb.sha.slice(0, 7));
  assert.match(r.body.buildId, /^build_[0-9a-z]{6}$/);
  const url = `${sb.githubApiUrl}/repos/octo-org/octo-repo/commits/${sb.sha}/statuses`;
  const first = await call(url);
  assert.equal(first.body[0].state, 'pending');
  const done = await waitFor(async () => {
    const s = await call(url);
    return s.body[0].state === 'success' ? s.body : undefined;
  });
  assert.equal(done[0].context, 'Jamdesk');
  assert.ok(sb.buildEndedAt(r.body.buildId));
  return `statuses ${done.map((/** @type {any} */ s) => s.state).join(' <- ')}`;
});

await check('sitepaste: page, build, site ETag change, 429', async () => {
  let r = await call(`${sb.apiUrl('sitepaste')}/public/pages`, post(bearer, { content: 'x' }));
  assert.deepEqual([r.status, r.body], [400, { error: 'title is required' }]);
  r = await call(
    `${sb.apiUrl('sitepaste')}/public/pages`,
    post(bearer, { title: 'Intro', content: '# Hi', contentType: 'docs' }),
  );
  assert.equal(r.status, 201);
  assert.equal(sb.pages.length, 1);
  r = await call(`${sb.apiUrl('sitepaste')}/public/builds`, post(bearer));
  assert.equal(r.status, 202);
  assert.equal(r.body.status, 'queued');
  assert.equal(r.headers.get('x-ratelimit-remaining'), '1');
  const site = r.body.deployUrl;
  const before = await fetch(site);
  const etag = before.headers.get('etag');
  assert.ok(etag && before.headers.get('last-modified'));
  const after = await waitFor(async () => {
    const res = await fetch(site);
    return res.headers.get('etag') !== etag ? res : undefined;
  });
  assert.match(await after.text(), /Intro/);
  const cached = await fetch(site, {
    headers: { 'If-None-Match': /** @type {string} */ (after.headers.get('etag')) },
  });
  assert.equal(cached.status, 304);
  r = await call(`${sb.apiUrl('sitepaste')}/public/builds`, post(bearer));
  assert.equal(r.headers.get('x-ratelimit-remaining'), '0');
  r = await call(`${sb.apiUrl('sitepaste')}/public/builds`, post(bearer));
  assert.equal(r.status, 429);
  assert.deepEqual(r.body, {
    error: 'rate limit exceeded',
    message: 'too many requests, please try again later',
  });
  // The 18 pre-used builds entered the window when the sandbox started, a few seconds ago.
  const retryAfter = Number(r.headers.get('retry-after'));
  assert.ok(retryAfter > 3500 && retryAfter <= 3600, `Retry-After ${retryAfter}`);
  return `429 Retry-After ${r.headers.get('retry-after')}`;
});

await check('justdeploy: create, 409, presigned upload, ready', async () => {
  const base = `${sb.apiUrl('justdeploy')}/organizations/org1/projects/app1`;
  let r = await call(`${base}/endpoints`, { headers: jd });
  assert.equal(r.body.endpoints[0].domains.length, 1);
  r = await call(`${base}/builds`, post(jd, { stage: 'production' }));
  assert.equal(r.status, 201);
  const { build, url } = r.body;
  assert.equal(build.status, 'pending');
  assert.match(url, /^http:\/\/127\.0\.0\.2:\d+\/upload\/.+X-Amz-Signature=.+&X-Amz-Expires=600$/);
  r = await call(`${base}/builds`, post(jd, { stage: 'production' }));
  assert.equal(r.status, 409);
  assert.equal(r.body.build.id, build.id);
  const zip = Buffer.from('PK\u0003\u0004 pretend zip');
  const wrong = await fetch(url.replace(/Signature=[0-9a-f]+/, 'Signature=00'), {
    method: 'PUT',
    body: zip,
  });
  assert.equal(wrong.status, 403);
  const good = await fetch(url, {
    method: 'PUT',
    body: zip,
    headers: { 'Content-Type': 'application/zip' },
  });
  assert.equal(good.status, 200);
  assert.equal(sb.uploads[0]?.sha256, createHash('sha256').update(zip).digest('hex'));
  assert.equal(sb.uploads[0]?.headers['x-access-key'], undefined);
  const seen = new Set();
  const final = await waitFor(async () => {
    const s = await call(`${base}/builds/${build.id}`, { headers: jd });
    seen.add(s.body.build.status);
    return s.body.build.status === 'ready' ? s.body.build : undefined;
  });
  assert.equal(final.size, zip.length);
  r = await call(`${base}/builds`, { headers: jd });
  assert.equal(r.body.builds[0].id, build.id);
  // A build someone else started: seeded by the live option on a project not seen yet.
  sb.options.justdeployRunning = true;
  r = await call(
    `${sb.apiUrl('justdeploy')}/organizations/org1/projects/busy/builds`,
    post(jd, { stage: 'production' }),
  );
  sb.options.justdeployRunning = false;
  assert.equal(r.status, 409);
  assert.equal(r.body.build.status, 'building');
  return `statuses seen: ${[...seen].join(', ')}`;
});

await check('deskforge: validation, logs growing, download redirect', async () => {
  let r = await call(
    `${sb.apiUrl('deskforge')}/projects/app/builds`,
    post(bearer, { platform: 'amiga' }),
  );
  assert.equal(r.status, 400);
  r = await call(
    `${sb.apiUrl('deskforge')}/projects/app/builds`,
    post(bearer, { platform: 'mac', arch: 'arm64', version: '1.2.3' }),
  );
  assert.equal(r.status, 201);
  const id = r.body.id;
  const logs = async () =>
    (await call(`${sb.apiUrl('deskforge')}/builds/${id}/logs`, { headers: bearer })).body.logs;
  const early = (await logs()).length;
  const detail = await waitFor(async () => {
    const d = await call(`${sb.apiUrl('deskforge')}/builds/${id}`, { headers: bearer });
    return d.body.status === 'success' ? d.body : undefined;
  });
  const late = await logs();
  assert.ok(late.length > early, 'logs grow');
  assert.equal(late.at(-1).message, 'Build completed successfully');
  assert.equal(detail.artifactSize, 64 * 1024);
  const redirect = await fetch(`${sb.apiUrl('deskforge')}/builds/${id}/download`, {
    headers: bearer,
    redirect: 'manual',
  });
  assert.equal(redirect.status, 302);
  const location = /** @type {string} */ (redirect.headers.get('location'));
  assert.ok(location.startsWith(sb.foreignUrl));
  assert.equal(location, detail.artifactUrl);
  const bytes = Buffer.from(await (await fetch(location)).arrayBuffer());
  assert.ok(bytes.equals(sb.artifactContent(id)));
  r = await call(`${sb.apiUrl('deskforge')}/projects/app/builds`, { headers: bearer });
  assert.equal(r.body.builds[0].id, id);
  return `logs ${early} -> ${late.length} lines, ${bytes.length} bytes`;
});

await check('deployhub: redeploy without id, find it in the list', async () => {
  const t0 = Date.now();
  let r = await call(`${sb.apiUrl('deployhub')}/api/redeploy/site1`, post(bearer));
  assert.deepEqual(r.body, { success: true, message: 'Redeploy triggered' });
  r = await call(`${sb.apiUrl('deployhub')}/api/projects/site1/builds`, { headers: bearer });
  const mine = r.body.builds[0];
  assert.ok(Date.parse(mine.createdAt) >= t0 - 5);
  assert.equal(mine.status, 'pending');
  const done = await waitFor(async () => {
    const d = await call(`${sb.apiUrl('deployhub')}/api/projects/site1/builds/${mine._id}`, {
      headers: bearer,
    });
    return d.body.build.status === 'success' ? d.body.build : undefined;
  });
  assert.equal(done.dockerImage, `deployhub/site1:${sb.sha.slice(0, 7)}`);
  const log = await (await fetch(done.logUrl)).text();
  assert.match(log, /Deploy succeeded/);
  sb.options.historyCount = 60;
  r = await call(`${sb.apiUrl('deployhub')}/api/projects/big/builds`, { headers: bearer });
  sb.options.historyCount = 3;
  assert.deepEqual([r.body.builds.length, r.body.total], [50, 60]);
});

await check('faults: status, reset after, delay, html, redirect', async () => {
  sb.inject({ provider: 'deployhub', method: 'GET', status: 500 });
  let r = await call(`${sb.apiUrl('deployhub')}/api/projects/p/builds`, { headers: bearer });
  assert.deepEqual([r.status, r.body], [500, { success: false, message: 'Server error' }]);
  r = await call(`${sb.apiUrl('deployhub')}/api/projects/p/builds`, { headers: bearer });
  assert.equal(r.status, 200);

  const before = sb.buildsCreated('jamdesk');
  sb.inject({ provider: 'jamdesk', path: /rebuild$/, reset: 'after' });
  await assert.rejects(fetch(`${sb.apiUrl('jamdesk')}/projects/p/rebuild`, post(bearer)));
  assert.equal(sb.buildsCreated('jamdesk'), before + 1, 'the build was created anyway');

  sb.inject({ provider: 'deskforge', path: '/projects/p/builds', method: 'POST', delayMs: 300 });
  const t = Date.now();
  r = await call(
    `${sb.apiUrl('deskforge')}/projects/p/builds`,
    post(bearer, { platform: 'linux' }),
  );
  assert.equal(r.status, 201);
  assert.ok(Date.now() - t >= 280);

  sb.inject({ host: 'api', provider: 'deskforge', html: true, status: 502 });
  r = await call(`${sb.apiUrl('deskforge')}/builds/${r.body.id}`, { headers: bearer });
  assert.equal(r.status, 502);
  assert.match(r.body, /<html>/);

  sb.inject({ provider: 'jamdesk', reset: 'before', times: 2 });
  await assert.rejects(fetch(`${sb.apiUrl('jamdesk')}/projects/p/rebuild`, post(bearer)));
  await assert.rejects(fetch(`${sb.apiUrl('jamdesk')}/projects/p/rebuild`, post(bearer)));
  assert.equal(sb.buildsCreated('jamdesk'), before + 1, 'reset before creates nothing');

  sb.inject({ provider: 'deployhub', redirectTo: 'foreign' });
  r = await call(`${sb.apiUrl('deployhub')}/api/projects/p/builds`, { headers: bearer });
  const evil = sb.requests.filter((q) => q.host === 'foreign' && q.path.startsWith('/evil/'));
  assert.equal(evil.length, 1);
  return `fetch across the redirect sent authorization: ${evil[0]?.headers.authorization !== undefined}`;
});

await check('fake GitHub: statuses, validation, paging, 403', async () => {
  const gh = { Authorization: 'token gh-secret', 'Content-Type': 'application/json' };
  const url = `${sb.githubApiUrl}/repos/octo-org/octo-repo/statuses/${sb.sha}`;
  let r = await call(url, {
    method: 'POST',
    headers: gh,
    body: JSON.stringify({ state: 'pending', context: 'build/x' }),
  });
  assert.equal(r.status, 201);
  r = await call(`${sb.githubApiUrl}/repos/octo-org/octo-repo/statuses/${sb.sha.slice(0, 7)}`, {
    method: 'POST',
    headers: gh,
    body: JSON.stringify({ state: 'pending' }),
  });
  assert.equal(r.status, 422);
  r = await call(url, {
    method: 'POST',
    headers: gh,
    body: JSON.stringify({ state: 'success', description: 'x'.repeat(141) }),
  });
  assert.equal(r.status, 422);
  r = await call(url, { method: 'POST', body: JSON.stringify({ state: 'success' }) });
  assert.equal(r.status, 401);
  r = await call(`${sb.githubApiUrl}/repos/octo-org/octo-repo/commits/${sb.sha.slice(0, 7)}`);
  assert.equal(r.body.sha, sb.sha);
  r = await call(
    `${sb.githubApiUrl}/repos/octo-org/octo-repo/commits/${sb.sha}/statuses?per_page=1&page=1`,
  );
  assert.equal(r.body[0].context, 'build/x');
  assert.match(/** @type {string} */ (r.headers.get('link')), /rel="next"/);
  r = await call(`${sb.githubApiUrl}/repos/octo-org/octo-repo/commits/${sb.sha}/status`);
  assert.equal(r.body.state, 'pending');
  sb.options.github.statusesForbidden = true;
  r = await call(url, { method: 'POST', headers: gh, body: JSON.stringify({ state: 'success' }) });
  sb.options.github.statusesForbidden = false;
  assert.deepEqual([r.status, r.body.message], [403, 'Resource not accessible by integration']);
  assert.equal(sb.statuses.at(-1)?.source, 'action');
});

await check('runAction: env, file commands, signal, timeout', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'selfcheck-'));
  try {
    const stub = join(dir, 'stub.mjs');
    await writeFile(
      stub,
      `import { appendFileSync } from 'node:fs';
const e = process.env;
// Handler first: the parent signals as soon as it sees this run's commit status.
if (e.INPUT_MODE === 'hang') process.on('SIGTERM', () => { console.log('got SIGTERM'); process.exit(143); });
console.log('::add-mask::' + e['INPUT_TOKEN']);
appendFileSync(e.GITHUB_OUTPUT, 'status=queued\\nlog<<EOF_1\\nline 1\\nline 2\\nEOF_1\\n');
appendFileSync(e.GITHUB_OUTPUT, 'status=success\\n');
appendFileSync(e.GITHUB_STATE, 'build-id=b1\\n');
appendFileSync(e.GITHUB_STEP_SUMMARY, '| a | b |\\n');
console.log(JSON.stringify({ url: e['INPUT_API-URL'], leak: e.INPUT_LEAK ?? null, state: e.STATE_x ?? null, api: e.GITHUB_API_URL }));
const res = await fetch(e.GITHUB_API_URL + '/repos/octo-org/octo-repo/statuses/' + e.GITHUB_SHA, {
  method: 'POST', headers: { Authorization: 'Bearer t' }, body: JSON.stringify({ state: 'success', context: 'stub' }) });
console.log('::warning title=Posted%3A ok::status %25 ' + res.status);
if (e.INPUT_MODE === 'hang') setInterval(() => {}, 1000);
`,
    );
    process.env.INPUT_LEAK = 'parent-value';
    const run = await runAction({
      entry: stub,
      inputs: { 'api-url': sb.apiUrl('deskforge'), token: 'tok-123' },
      state: { x: 'saved' },
      sandbox: sb,
    });
    delete process.env.INPUT_LEAK;
    assert.equal(run.code, 0, run.stderr);
    const line = JSON.parse(
      /** @type {string} */ (run.stdout.split('\n').find((l) => l.startsWith('{'))),
    );
    assert.deepEqual(line, {
      url: sb.apiUrl('deskforge'),
      leak: null,
      state: 'saved',
      api: sb.githubApiUrl,
    });
    assert.deepEqual(run.outputs, { status: 'success', log: 'line 1\nline 2' });
    assert.deepEqual(run.state, { 'build-id': 'b1' });
    assert.equal(run.summary, '| a | b |\n');
    const warning = run.commands.find((c) => c.command === 'warning');
    assert.deepEqual([warning?.properties.title, warning?.data], ['Posted: ok', 'status % 201']);
    assert.deepEqual(secretsLeaked(run.stdout + run.stderr, ['tok-123', '']), []);
    assert.deepEqual(secretsLeaked('token is tok-123', ['tok-123']), ['tok-123']);
    assert.equal(workflowCommands('::add-mask::abc')[0]?.data, 'abc');

    const hang = await runAction({
      entry: stub,
      inputs: { mode: 'hang', token: 't' },
      sandbox: sb,
      signal: {
        name: 'SIGTERM',
        // The first run posted one 'stub' status; this one posts the second.
        when: () => sb.statuses.filter((s) => s.context === 'stub').length >= 2,
      },
    });
    assert.equal(hang.code, 143);
    assert.match(hang.stdout, /got SIGTERM/);
    const killed = await runAction({
      entry: stub,
      inputs: { mode: 'hang', token: 't' },
      sandbox: sb,
      timeoutMs: 500,
    });
    assert.deepEqual([killed.timedOut, killed.signal], [true, 'SIGKILL']);
  } finally {
    delete process.env.INPUT_LEAK;
    await rm(dir, { recursive: true, force: true });
  }
});

await check('reset and prompt close', async () => {
  sb.reset();
  assert.deepEqual(
    [sb.requests.length, sb.builds.length, sb.statuses.length, sb.faults.length],
    [0, 0, 0, 0],
  );
  sb.inject({ provider: 'deployhub', delayMs: 10_000 });
  const pending = fetch(`${sb.apiUrl('deployhub')}/api/projects/p/builds`, {
    headers: bearer,
  }).catch(() => 'dropped');
  await new Promise((r) => setTimeout(r, 50));
  const t = Date.now();
  await sb.close();
  await pending;
  assert.ok(Date.now() - t < 500, `close took ${Date.now() - t} ms`);
});

await sb.close();
console.log(
  `${failures ? 'FAILED' : 'passed'}: node ${process.version}, ${Date.now() - started} ms`,
);
process.exit(failures ? 1 : 0);
