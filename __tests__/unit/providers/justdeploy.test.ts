import fs from 'node:fs';
import path from 'node:path';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ActionError, InputError } from '../../../src/errors.js';
import { HttpError } from '../../../src/http/errors.js';
import { BuildConflict, type Build } from '../../../src/providers/types.js';
import { startUploadHost } from '../upload-host.js';
import { API, makeProvider } from './harness.js';
import { scratchDir } from '../../scratch.js';

const BASE = '/organizations/org_1/projects/proj_1';
const SIGNATURE = 'SIG0123456789abcdef';
// The presigned upload host is a real loopback server: nock 15 does not reliably intercept a
// request body piped from a file, and the zip is always piped.
const uploadHost = await startUploadHost();
const UPLOAD_HOST = new URL(uploadHost.origin).host;
const UPLOAD_URL = `${uploadHost.origin}/bucket/b-1.zip?X-Amz-Credential=AKIDEXAMPLE&X-Amz-Signature=${SIGNATURE}`;
const KEYS = { 'x-access-key': 'secret-token', 'x-secret-key': 'secret-key-2' };

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(UPLOAD_HOST);
});

afterEach(() => {
  nock.cleanAll();
  uploadHost.reset();
});

afterAll(() => uploadHost.close());

function appDir(): string {
  const dir = scratchDir('tba-jd');
  fs.mkdirSync(path.join(dir, 'app', 'lib'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'app', 'index.js'), 'console.log("hi");\n'.repeat(50));
  fs.writeFileSync(path.join(dir, 'app', 'lib', 'util.js'), 'export const x = 1;\n');
  return path.join(dir, 'app');
}

function setup(inputs: Record<string, string> = {}) {
  return makeProvider('justdeploy', {
    inputs: { organization: 'org_1', 'secret-key': 'secret-key-2', artifact: appDir(), ...inputs },
  });
}

const api = () => nock(API, { reqheaders: KEYS });

function jdBuild(id: string, status: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    stage: 'production',
    commit: null,
    version: null,
    runtime: null,
    size: null,
    status,
    error: null,
    createdAt: '2026-11-23T10:00:00.000Z',
    updatedAt: '2026-11-23T10:00:00.000Z',
    ...extra,
  };
}

/** The one PUT the upload host must have seen: the presigned path and query, no credentials. */
function expectUpload() {
  expect(uploadHost.requests).toHaveLength(1);
  const put = uploadHost.requests[0]!;
  expect(put.method).toBe('PUT');
  expect(put.path).toBe('/bucket/b-1.zip');
  expect(put.query.get('X-Amz-Signature')).toBe(SIGNATURE);
  expect(put.headers['content-type']).toBe('application/zip');
  for (const header of ['authorization', 'x-access-key', 'x-secret-key']) {
    expect(put.headers[header]).toBeUndefined();
  }
  return put;
}

describe('justdeploy adapter', () => {
  it('zips the artifact in prepare and logs its size and entries', async () => {
    const { adapter, logs } = setup();
    await adapter.prepare?.();
    expect(logs.join('\n')).toMatch(
      /Artifact: zipped .*app \(2 files, \d+ B\) into [\d.]+ (B|KB)$/m,
    );
  });

  it('fails a bad artifact before any request', async () => {
    const { adapter } = setup({ artifact: '/definitely/not/here' });
    const error = await adapter.prepare!().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(String(error)).toContain("Input 'artifact'");
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('words every bad artifact as one input error naming artifact, with its fix', async () => {
    const dir = scratchDir('tba-jd-bad');
    const at = (name: string): string => path.join(dir, name);
    fs.writeFileSync(at('app.tar.gz'), 'not a zip');
    fs.writeFileSync(at('fake.zip'), 'not a zip either');
    // An end-of-central-directory record with no entries.
    fs.writeFileSync(at('empty.zip'), Buffer.concat([Buffer.from('PK\x05\x06'), Buffer.alloc(18)]));
    fs.mkdirSync(at('hidden-only'));
    fs.writeFileSync(path.join(at('hidden-only'), '.env'), 'x');
    fs.mkdirSync(at('backslash'));
    fs.writeFileSync(path.join(at('backslash'), 'a\\b.txt'), 'x');
    fs.mkdirSync(at('latin1'));
    fs.writeFileSync(Buffer.concat([Buffer.from(`${at('latin1')}/caf`), Buffer.from([0xe9])]), 'x');
    const choose = 'Fix: set artifact to a .zip file or a directory to upload.';
    const cases: [string, string][] = [
      ['  ', `Input 'artifact' is empty. ${choose}`],
      [at('nope'), `Input 'artifact' points at '${at('nope')}', which does not exist. ${choose}`],
      [
        at('app.tar.gz'),
        `Input 'artifact' is a file but not a .zip ('${at('app.tar.gz')}'). Fix: point artifact at a .zip file, or at a directory for the action to zip.`,
      ],
      [at('fake.zip'), `Input 'artifact' is not a valid zip file ('${at('fake.zip')}'). ${choose}`],
      [at('empty.zip'), `Input 'artifact' is an empty zip ('${at('empty.zip')}'). ${choose}`],
      ['/dev/null', `Input 'artifact' is neither a file nor a directory ('/dev/null'). ${choose}`],
      [
        at('hidden-only'),
        `Input 'artifact' is a directory with no files ('${at('hidden-only')}'; 1 hidden entries were left out (include-hidden-files: true zips them)). ${choose}`,
      ],
      [
        at('backslash'),
        "Input 'artifact' holds a file whose name contains a backslash ('a\\x5cb.txt'), which unzip on Windows and Java would read as a folder. Fix: rename the file, or zip the directory yourself and set artifact to the .zip (entry names must be UTF-8 without backslashes).",
      ],
      [
        at('latin1'),
        "Input 'artifact' holds a file whose name is not valid UTF-8 ('caf\\xe9'). Fix: rename the file, or zip the directory yourself and set artifact to the .zip (entry names must be UTF-8 without backslashes).",
      ],
    ];
    for (const [artifact, line] of cases) {
      const { adapter } = setup({ artifact });
      const error = await adapter.prepare!().catch((e: unknown) => e);
      expect(error, artifact).toBeInstanceOf(InputError);
      expect((error as InputError).input).toBe('artifact');
      expect(String(error)).toBe(line);
    }
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('creates the build, then uploads the zip to the presigned URL without credentials', async () => {
    const { adapter, ctx, logs } = setup();
    await adapter.prepare?.();
    const created = api()
      .post(`${BASE}/builds`, { stage: 'production' })
      .reply(201, { build: jdBuild('b-1', 'pending'), url: UPLOAD_URL });

    const build = await adapter.trigger();

    expect(build).toEqual({ id: 'b-1', state: 'queued', providerStatus: 'pending' });
    created.done();
    const put = expectUpload();
    const length = Number(put.headers['content-length']);
    expect(put.body.length).toBe(length);
    const zips = fs.readdirSync(ctx.tempDir).filter((f) => f.endsWith('.zip'));
    expect(zips).toHaveLength(1);
    expect(length).toBe(fs.statSync(path.join(ctx.tempDir, zips[0]!)).size);
    expect(logs.join('\n')).toContain(UPLOAD_HOST);
    expect(logs.join('\n')).not.toContain(SIGNATURE);
    expect(logs.join('\n')).not.toContain('AKIDEXAMPLE');
  });

  it('keeps the signature out of the error when the upload is refused', async () => {
    const { adapter, logs } = setup();
    api()
      .post(`${BASE}/builds`)
      .reply(201, { build: jdBuild('b-1', 'pending'), url: UPLOAD_URL });
    uploadHost.respond(403, `SignatureDoesNotMatch for X-Amz-Signature=${SIGNATURE}`);

    const error = await adapter.trigger().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(HttpError);
    const line = String(error);
    expect(line).toContain(`JustDeploy: upload the artifact to ${UPLOAD_HOST} failed: HTTP 403`);
    expect(line).toContain('build b-1 was created but has no artifact');
    expect(line).toContain('"SignatureDoesNotMatch for X-Amz-Signature=…"');
    expect(line).not.toContain(SIGNATURE);
    expect(line).not.toContain('AKIDEXAMPLE');
    expect(line).not.toContain('\n');
    expect(JSON.stringify((error as HttpError).body ?? null)).not.toContain(SIGNATURE);
    expect(logs.join('\n')).not.toContain(SIGNATURE);
  });

  it('sends the artifact over plain http only to a loopback host, as api-url', async () => {
    for (const url of ['http://uploads.example/bucket/b-1.zip', 'http://127.0.0.1.example/b.zip']) {
      const { adapter } = setup();
      api()
        .post(`${BASE}/builds`)
        .reply(201, { build: jdBuild('b-1', 'pending'), url });
      const error = await adapter.trigger().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ActionError);
      expect(String(error)).toContain(
        `came with a http upload URL (${new URL(url).host}); the artifact is only sent over https`,
      );
    }
    expect(uploadHost.requests).toHaveLength(0);
  });

  it('turns a 409 into a BuildConflict carrying the running build, and uploads nothing', async () => {
    const { adapter } = setup();
    api()
      .post(`${BASE}/builds`)
      .reply(409, {
        status: 'Conflict',
        message: 'A build is already in progress for this stage.',
        build: {
          id: 'b-running',
          stage: 'production',
          status: 'building',
          createdAt: '2026-11-23T09:59:00Z',
        },
      });

    const error = await adapter.trigger().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(BuildConflict);
    const conflict = error as BuildConflict;
    expect(conflict.running).toEqual({
      id: 'b-running',
      state: 'building',
      providerStatus: 'building',
    });
    expect(conflict.message).toContain('b-running');
    expect(conflict.message).toContain('production');
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('with on-conflict: fail turns the 409 into a failure naming the running build', async () => {
    const { adapter } = setup({ 'on-conflict': 'fail' });
    api()
      .post(`${BASE}/builds`)
      .reply(409, {
        status: 'Conflict',
        message: 'A build is already in progress for this stage.',
        build: { id: 'b-running', stage: 'production', status: 'building' },
      });

    const error = await adapter.trigger().catch((e: unknown) => e);

    expect(error).not.toBeInstanceOf(BuildConflict);
    expect(error).toBeInstanceOf(ActionError);
    expect((error as ActionError).reason).toBe(
      'JustDeploy: a production build is already in progress: b-running (building)',
    );
    expect((error as ActionError).fix).toMatch(/on-conflict: wait/);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('describes a 401 with the keys fix', async () => {
    const { adapter } = setup();
    api()
      .post(`${BASE}/builds`)
      .reply(401, { status: 'Unauthorized', message: 'Invalid access key' });
    const error = await adapter.trigger().catch((e: unknown) => e);
    expect(String(error)).toMatch(
      /JustDeploy: create a production build failed: HTTP 401 Unauthorized "Invalid access key". Fix: check the token input \(JustDeploy access key\) and secret-key/,
    );
  });

  it('describes a 404 with the ids fix', async () => {
    const { adapter } = setup();
    api().post(`${BASE}/builds`).reply(404, { status: 'Not Found', message: 'Project not found' });
    const error = await adapter.trigger().catch((e: unknown) => e);
    expect(String(error)).toContain('Fix: check the organization and project inputs');
  });

  it('maps the build statuses, and error to failure with its reason', async () => {
    const { adapter } = setup();
    const start: Build = { id: 'b-1', state: 'queued', providerStatus: 'pending' };
    api()
      .get(`${BASE}/builds/b-1`)
      .reply(200, { build: jdBuild('b-1', 'pending') })
      .get(`${BASE}/builds/b-1`)
      .reply(200, { build: jdBuild('b-1', 'building') })
      .get(`${BASE}/builds/b-1`)
      .reply(200, { build: jdBuild('b-1', 'ready') })
      .get(`${BASE}/builds/b-1`)
      .reply(200, {
        build: jdBuild('b-1', 'error', { error: 'npm install failed: ENOENT package.json' }),
      });

    expect(await adapter.poll(start)).toMatchObject({ state: 'queued', providerStatus: 'pending' });
    expect(await adapter.poll(start)).toMatchObject({
      state: 'building',
      providerStatus: 'building',
    });
    expect(await adapter.poll(start)).toMatchObject({ state: 'success', providerStatus: 'ready' });
    expect(await adapter.poll(start)).toEqual({
      id: 'b-1',
      state: 'failure',
      providerStatus: 'error',
      failureReason: 'npm install failed: ENOENT package.json',
    });
  });

  it('fills the deploy URL from the stage endpoint and notes custom domains', async () => {
    const { adapter } = setup();
    api()
      .get(`${BASE}/endpoints`)
      .reply(200, {
        endpoints: [
          {
            stage: 'production',
            endpoint: 'https://abc123.justdeploy.site',
            domains: [
              { domain: 'www.example.com', type: 'subdomain' },
              { domain: 'example.com', type: 'apex' },
            ],
          },
          { stage: 'development', endpoint: 'https://abc123-test.justdeploy.site', domains: [] },
        ],
      });
    const done = await adapter.finish!({ id: 'b-1', state: 'success', providerStatus: 'ready' });
    expect(done.deployUrl).toBe('https://abc123.justdeploy.site');
    expect(done.notes).toEqual(['Custom domains: www.example.com, example.com']);
  });

  it('uses the stage endpoint without a note when there are no custom domains', async () => {
    const { adapter } = setup({ stage: 'development' });
    api()
      .get(`${BASE}/endpoints`)
      .reply(200, {
        endpoints: [
          { stage: 'production', endpoint: 'https://abc123.justdeploy.site', domains: [] },
          { stage: 'development', endpoint: 'https://abc123-test.justdeploy.site', domains: [] },
        ],
      });
    const done = await adapter.finish!({ id: 'b-1', state: 'success', providerStatus: 'ready' });
    expect(done).toEqual({
      id: 'b-1',
      state: 'success',
      providerStatus: 'ready',
      deployUrl: 'https://abc123-test.justdeploy.site',
    });
  });

  it('finds the newest build of the stage created since the trigger', async () => {
    const { adapter } = setup();
    const since = Date.parse('2026-11-23T10:00:00Z');
    api()
      .get(`${BASE}/builds`)
      .reply(200, {
        builds: [
          jdBuild('old', 'ready', { createdAt: '2026-11-23T09:50:00Z' }),
          jdBuild('other-stage', 'building', {
            stage: 'development',
            createdAt: '2026-11-23T10:00:02Z',
          }),
          jdBuild('ours', 'building', { createdAt: '2026-11-23T09:59:57Z' }),
        ],
      });
    expect(await adapter.findTriggered!(since)).toEqual({
      id: 'ours',
      state: 'building',
      providerStatus: 'building',
    });

    api()
      .get(`${BASE}/builds`)
      .reply(200, { builds: [jdBuild('old', 'ready', { createdAt: '2026-11-23T09:50:00Z' })] });
    expect(await adapter.findTriggered!(since)).toBeUndefined();
  });

  it('says a found build that never got its upload cannot start', async () => {
    const { adapter } = setup();
    api()
      .get(`${BASE}/builds`)
      .reply(200, { builds: [jdBuild('lost', 'pending', { createdAt: '2026-11-23T10:00:01Z' })] });
    const error = await adapter.findTriggered!(Date.parse('2026-11-23T10:00:00Z')).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ActionError);
    expect(String(error)).toContain('build lost was created');
  });

  it('takes the median of recent ready builds of the stage as the typical duration', async () => {
    const { adapter } = setup();
    const took = (id: string, seconds: number, extra: Record<string, unknown> = {}) =>
      jdBuild(id, 'ready', {
        createdAt: '2026-11-23T09:00:00.000Z',
        updatedAt: new Date(Date.parse('2026-11-23T09:00:00.000Z') + seconds * 1000).toISOString(),
        ...extra,
      });
    api()
      .get(`${BASE}/builds`)
      .reply(200, {
        builds: [
          took('a', 30),
          took('b', 90),
          took('c', 60),
          took('failed', 5, { status: 'error' }),
          took('dev', 600, { stage: 'development' }),
        ],
      });
    expect(await adapter.typicalDurationMs!()).toBe(60_000);
  });
});
