import fs from 'node:fs';
import path from 'node:path';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ActionError } from '../../../src/errors.js';
import { HttpError } from '../../../src/http/errors.js';
import { deskforge, type DeskforgeSettings } from '../../../src/providers/deskforge/index.js';
import type { Build } from '../../../src/providers/types.js';
import { API, makeProvider } from './harness.js';
import { scratchDir } from '../../scratch.js';

const AUTH = { authorization: 'Bearer secret-token' };
const MAC = { platform: 'mac', arch: 'arm64', version: '1.0.0' } as const;
const ARTIFACT = 'https://cdn.test/builds/build_xyz789/MyApp-1.0.0-mac-arm64.dmg';

function detail(extra: Record<string, unknown> = {}) {
  return {
    id: 'build_xyz789',
    projectId: 'proj_1',
    version: '1.0.0',
    platform: 'mac',
    arch: 'arm64',
    status: 'queued',
    createdAt: '2026-11-23T10:00:00Z',
    ...extra,
  };
}

function mac(inputs: Record<string, string> = {}) {
  return makeProvider('deskforge', { inputs: { ...MAC, ...inputs } });
}

const QUEUED: Build = { id: 'build_xyz789', state: 'queued', providerStatus: 'queued' };

beforeAll(() => {
  nock.disableNetConnect();
});

afterEach(() => {
  nock.cleanAll();
});

describe('deskforge spec', () => {
  it('needs a project and a platform, and sends the key as a Bearer token', () => {
    expect(deskforge.defaultApiUrl).toBe('https://api.deskforge.app');
    expect(deskforge.inputs.filter((i) => i.required).map((i) => i.name)).toEqual([
      'token',
      'project',
      'platform',
    ]);
    const { ctx } = mac();
    expect(deskforge.credentials(ctx.settings, ctx.own as DeskforgeSettings)).toEqual(AUTH);
  });
});

describe('deskforge trigger', () => {
  it('POSTs platform, arch and version and reports the queued build', async () => {
    const api = nock(API, { reqheaders: AUTH })
      .post('/projects/proj_1/builds', { platform: 'mac', arch: 'arm64', version: '1.0.0' })
      .reply(200, { ...detail(), message: 'Build queued successfully' });
    await expect(mac().adapter.trigger()).resolves.toEqual(QUEUED);
    api.done();
  });

  it('sends a tag name as its semantic version, and refuses what is not one before any request', async () => {
    const api = nock(API)
      .post('/projects/proj_1/builds', {
        platform: 'linux',
        arch: 'x64',
        version: '2.3.4-rc.1+b.5',
      })
      .reply(200, detail({ platform: 'linux', arch: 'x64', version: '2.3.4-rc.1+b.5' }));
    const { adapter } = makeProvider('deskforge', {
      inputs: { platform: 'linux', version: 'v2.3.4-rc.1+b.5' },
    });
    await adapter.trigger();
    api.done();
    for (const bad of ['v', 'vv1.2.3', '1.2', 'version-1.2.3', '1.2.3_rc']) {
      expect(() =>
        makeProvider('deskforge', { inputs: { platform: 'linux', version: bad } }),
      ).toThrow(
        `Input 'version' must be a semantic version like 1.2.3 (or 1.2.3-rc.1+build.5), got '${bad}'`,
      );
    }
  });

  it('leaves version out when none is set', async () => {
    const api = nock(API)
      .post(
        '/projects/proj_1/builds',
        (body) => JSON.stringify(body) === '{"platform":"linux","arch":"x64"}',
      )
      .reply(200, detail({ platform: 'linux', arch: 'x64' }));
    const { adapter } = makeProvider('deskforge', { inputs: { platform: 'linux' } });
    await adapter.trigger();
    api.done();
  });

  it('never repeats the trigger after a 500: exactly one POST', async () => {
    let posts = 0;
    nock(API)
      .post('/projects/proj_1/builds')
      .times(3)
      .reply(() => {
        posts += 1;
        return [500, { error: 'internal', message: 'Server error' }];
      });
    const error = await mac()
      .adapter.trigger()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).ambiguous).toBe(true);
    expect(posts).toBe(1);
  });
});

describe('deskforge poll', () => {
  it.each([
    ['queued', 'queued'],
    ['building', 'building'],
    ['success', 'success'],
    ['failed', 'failure'],
  ] as const)('maps %s to %s', async (word, state) => {
    nock(API, { reqheaders: AUTH })
      .get('/builds/build_xyz789')
      .reply(200, detail({ status: word }));
    await expect(mac().adapter.poll(QUEUED)).resolves.toEqual({
      id: 'build_xyz789',
      state,
      providerStatus: word,
    });
  });

  it('reports the artifact and log URLs', async () => {
    nock(API)
      .get('/builds/build_xyz789')
      .reply(
        200,
        detail({
          status: 'success',
          artifactUrl: ARTIFACT,
          artifactSize: 45678912,
          buildLog: 'https://api.provider.test/builds/build_xyz789/logs',
        }),
      );
    await expect(mac().adapter.poll(QUEUED)).resolves.toMatchObject({
      state: 'success',
      artifactUrl: ARTIFACT,
      logUrl: 'https://api.provider.test/builds/build_xyz789/logs',
    });
  });

  it('keeps a path-hostile build id inside its segment', async () => {
    const api = nock(API)
      .get('/builds/..%2Fadmin')
      .reply(200, detail({ id: '../admin' }));
    await mac().adapter.poll({ ...QUEUED, id: '../admin' });
    api.done();
  });
});

describe('deskforge logs', () => {
  const entry = (time: string, level: string, message: string) => ({
    timestamp: `2026-11-23T${time}Z`,
    level,
    message,
  });

  it('returns each line once, formatted HH:MM:SS level message', async () => {
    const first = [
      entry('10:01:00', 'info', 'Starting build process...'),
      entry('10:02:30', 'info', 'Compiling Rust code...'),
    ];
    const second = [
      ...first,
      entry('10:03:00', 'warn', 'Retrying download'),
      entry('10:03:00', 'warn', 'Retrying download'),
    ];
    const third = [...second, entry('10:15:00', 'success', 'Build completed successfully')];
    nock(API, { reqheaders: AUTH })
      .get('/builds/build_xyz789/logs')
      .reply(200, { buildId: 'build_xyz789', logs: first })
      .get('/builds/build_xyz789/logs')
      .reply(200, { buildId: 'build_xyz789', logs: second })
      .get('/builds/build_xyz789/logs')
      .reply(200, { buildId: 'build_xyz789', logs: third })
      .get('/builds/build_xyz789/logs')
      .reply(200, { buildId: 'build_xyz789', logs: third });
    const { adapter } = mac();
    const read = adapter.logs?.bind(adapter);
    expect(read).toBeDefined();
    if (!read) return;
    const logs = async (build: Build) => (await read(build, { maxBytes: 1 << 20 })).lines;
    expect(await logs(QUEUED)).toEqual([
      '10:01:00 info Starting build process...',
      '10:02:30 info Compiling Rust code...',
    ]);
    // A line the build really printed twice is shown twice, but only once per printing.
    expect(await logs(QUEUED)).toEqual([
      '10:03:00 warn Retrying download',
      '10:03:00 warn Retrying download',
    ]);
    expect(await logs(QUEUED)).toEqual(['10:15:00 success Build completed successfully']);
    expect(await logs(QUEUED)).toEqual([]);
  });

  it('keeps the last part of a big log, counting what came before', async () => {
    const many = Array.from({ length: 5000 }, (_, i) => entry('10:01:00', 'info', `line ${i}`));
    nock(API).get('/builds/build_xyz789/logs').reply(200, { buildId: 'build_xyz789', logs: many });
    const { adapter } = mac();
    const page = await adapter.logs!(QUEUED, { maxBytes: 1000 });
    expect(page.lines.at(-1)).toBe('10:01:00 info line 4999');
    expect(page.lines.length + page.omittedLines).toBe(5000);
    expect(page.lines.length).toBeLessThan(20);
    expect(page.readBytes).toBe(JSON.stringify({ buildId: 'build_xyz789', logs: many }).length);
  });

  it('explains a failure with the last three error-level lines, read once with the shown log', async () => {
    const logs = [
      entry('10:01:00', 'error', 'first error, not among the last three'),
      entry('10:02:00', 'ERROR', 'second'),
      entry('10:03:00', 'info', 'error in an info line does not count'),
      entry('10:04:00', 'fatal', 'third'),
      entry('10:05:00', 'error', 'Build failed with exit code 101'),
    ];
    const api = nock(API)
      .get('/builds/build_xyz789/logs')
      .reply(200, { buildId: 'build_xyz789', logs });
    const { adapter } = mac();
    const failed: Build = { ...QUEUED, state: 'failure', providerStatus: 'failed' };
    expect((await adapter.logs!(failed, { maxBytes: 1 << 20 })).lines).toHaveLength(5);
    const explained = await adapter.explainFailure!(failed);
    expect(explained.failureReason).toBe('second; third; Build failed with exit code 101');
    api.done();
  });

  it('asks whether the log changed when the server gives it an ETag, and a 304 is nothing new', async () => {
    const logs = [entry('10:01:00', 'info', 'Starting build process...')];
    const api = nock(API)
      .get('/builds/build_xyz789/logs')
      .reply(200, { buildId: 'build_xyz789', logs }, { ETag: 'W/"v1"' })
      .get('/builds/build_xyz789/logs')
      .matchHeader('if-none-match', 'W/"v1"')
      .reply(304);
    const { adapter } = mac();
    expect((await adapter.logs!(QUEUED, { maxBytes: 1 << 20 })).lines).toHaveLength(1);
    expect(await adapter.logs!(QUEUED, { maxBytes: 1 << 20 })).toEqual({
      lines: [],
      omittedLines: 0,
      omittedBytes: 0,
      readBytes: 0,
    });
    api.done();
  });

  it('keeps a log message on one line and out of workflow commands', async () => {
    nock(API)
      .get('/builds/build_xyz789/logs')
      .reply(200, { logs: [entry('10:01:00', 'error', 'boom\n::error::injected')] });
    const { adapter } = mac();
    const [line] = (await adapter.logs?.(QUEUED, { maxBytes: 1 << 20 }))?.lines ?? [];
    expect(line).not.toContain('\n');
    expect(line).not.toContain('::');
  });
});

describe('deskforge list-based answers', () => {
  const since = Date.parse('2026-11-23T10:00:00Z');
  const listed = [
    detail({ id: 'other_platform', platform: 'windows', createdAt: '2026-11-23T10:00:02Z' }),
    detail({ id: 'other_version', version: '0.9.0', createdAt: '2026-11-23T10:00:02Z' }),
    detail({ id: 'skewed', createdAt: '2026-11-23T09:59:57Z' }),
    detail({ id: 'too_old', createdAt: '2026-11-23T09:59:50Z' }),
    detail({ id: 'other_arch', arch: 'x64', createdAt: '2026-11-23T10:00:03Z' }),
  ];

  it('finds the build a failed trigger may have created', async () => {
    nock(API, { reqheaders: AUTH })
      .get('/projects/proj_1/builds')
      .reply(200, { builds: listed, total: listed.length });
    await expect(mac().adapter.findTriggered?.(since)).resolves.toEqual({
      id: 'skewed',
      state: 'queued',
      providerStatus: 'queued',
    });
  });

  it('finds nothing when no build matches', async () => {
    nock(API)
      .get('/projects/proj_1/builds')
      .reply(200, { builds: listed.filter((b) => b.id !== 'skewed'), total: 4 });
    await expect(mac().adapter.findTriggered?.(since)).resolves.toBeUndefined();
  });

  it('takes the median duration of recent successful builds on the same platform', async () => {
    const builds = [
      detail({ status: 'success', duration: 840, createdAt: '2026-11-20T10:00:00Z' }),
      detail({ status: 'success', duration: 600, createdAt: '2026-11-19T10:00:00Z' }),
      // No duration: completedAt - createdAt (15 minutes).
      detail({
        status: 'success',
        createdAt: '2026-11-18T10:00:00Z',
        completedAt: '2026-11-18T10:15:00Z',
      }),
      detail({ status: 'failed', duration: 10, createdAt: '2026-11-21T10:00:00Z' }),
      detail({
        status: 'success',
        platform: 'linux',
        duration: 30,
        createdAt: '2026-11-21T10:00:00Z',
      }),
    ];
    nock(API).get('/projects/proj_1/builds').reply(200, { builds, total: builds.length });
    await expect(mac().adapter.typicalDurationMs?.()).resolves.toBe(840_000);
  });

  it('has no typical duration without a successful build', async () => {
    nock(API)
      .get('/projects/proj_1/builds')
      .reply(200, { builds: [detail({ status: 'failed', duration: 10 })], total: 1 });
    await expect(mac().adapter.typicalDurationMs?.()).resolves.toBeUndefined();
  });
});

describe('deskforge download', () => {
  const bytes = Buffer.alloc(64 * 1024, 7);
  const success: Build = {
    id: 'build_xyz789',
    state: 'success',
    providerStatus: 'success',
    artifactUrl: ARTIFACT,
  };

  function mockArtifact(size: number, body: Buffer = bytes) {
    nock(API, { reqheaders: AUTH })
      .get('/builds/build_xyz789')
      .reply(200, detail({ status: 'success', artifactUrl: ARTIFACT, artifactSize: size }));
    nock(API, { reqheaders: AUTH })
      .get('/builds/build_xyz789/download')
      .reply(302, '', { location: ARTIFACT });
    // The CDN must never see the API key: this mock does not match if it carries one.
    return nock('https://cdn.test', { badheaders: ['authorization'] })
      .get('/builds/build_xyz789/MyApp-1.0.0-mac-arm64.dmg')
      .reply(200, body, { 'content-type': 'application/octet-stream' });
  }

  function tempDir(): string {
    return scratchDir('tba-deskforge');
  }

  it('follows the redirect to the CDN without credentials and saves into a directory', async () => {
    const dir = tempDir();
    const cdn = mockArtifact(bytes.length);
    const { adapter, logs } = mac({ 'download-to': `${dir}/out/` });
    const finished = await adapter.finish?.(await adapter.poll(success));
    cdn.done();
    const saved = path.join(dir, 'out', 'MyApp-1.0.0-mac-arm64.dmg');
    expect(fs.readFileSync(saved).equals(bytes)).toBe(true);
    expect(fs.readdirSync(path.join(dir, 'out'))).toEqual(['MyApp-1.0.0-mac-arm64.dmg']);
    expect(finished?.notes).toEqual([`Downloaded 64 KB to ${saved}`]);
    expect(logs).toContain(`Downloaded 64 KB to ${saved}`);
  });

  it('saves inside an existing directory and to an exact file path', async () => {
    const dir = tempDir();
    mockArtifact(bytes.length);
    const first = mac({ 'download-to': dir });
    await first.adapter.finish?.(await first.adapter.poll(success));
    expect(fs.existsSync(path.join(dir, 'MyApp-1.0.0-mac-arm64.dmg'))).toBe(true);

    mockArtifact(bytes.length);
    const file = path.join(dir, 'nested', 'deeper', 'app.dmg');
    const second = mac({ 'download-to': file });
    await second.adapter.finish?.(await second.adapter.poll(success));
    expect(fs.statSync(file).size).toBe(bytes.length);
  });

  it('deletes a download whose size differs from artifactSize', async () => {
    const dir = tempDir();
    mockArtifact(bytes.length + 1);
    const { adapter } = mac({ 'download-to': `${dir}/` });
    const error = await adapter.finish?.(await adapter.poll(success)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionError);
    expect(String(error)).toContain(`expected ${bytes.length + 1} bytes`);
    expect(String(error)).toContain(`got ${bytes.length}`);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('downloads nothing for a failed build or without download-to', async () => {
    const dir = tempDir();
    const failed: Build = { ...success, state: 'failure', providerStatus: 'failed' };
    await expect(mac({ 'download-to': dir }).adapter.finish?.(failed)).resolves.toEqual(failed);
    await expect(mac().adapter.finish?.(success)).resolves.toEqual(success);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
