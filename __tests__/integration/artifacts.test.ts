/**
 * Artifacts, pages and downloads end to end: the JustDeploy zip and presigned upload (and its
 * 409), the Sitepaste pages, rate limit and site watching, and the Deskforge download and log
 * streaming, all through the bundled action against the sandbox.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunActionResult } from '../../sandbox/run-action.mjs';
import type { RequestRecord } from '../../sandbox/server.mjs';
import { useSandbox } from './sandbox-world.js';
import { unzip } from '../unzip.js';
import { writeStoredZip } from '../zip-reader.js';
import { actionStatuses, expectHygiene, runIn, SECRETS } from './helpers.js';

/** Every run is bounded well below the test's own limit, so a hang fails with output to read. */
const RUN_MS = 15_000;
const TEST_MS = 20_000;

const BUILD_MS = 900;
const sandbox = useSandbox({ buildMs: BUILD_MS });
let scratch: string;

beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tba-artifacts-'));
});
afterAll(() => {
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

/** A fresh directory under the file's scratch directory. */
function tempDir(name: string): string {
  return fs.mkdtempSync(path.join(scratch, `${name}-`));
}

function write(file: string, content: string | Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

const LODASH = 'module.exports = { chunk() {} };\n';

/**
 * A deployable app as real checkouts look: a pnpm node_modules (the top-level package a link into
 * the hidden store), an executable script, an empty uploads/ folder, a .env and a .git holding a
 * token.
 */
function appLayout(root: string): string {
  const app = path.join(root, 'app');
  const lodash = path.join(
    app,
    'node_modules',
    '.pnpm',
    'lodash@4.17.21',
    'node_modules',
    'lodash',
  );
  write(path.join(app, 'server.js'), "require('lodash');\n");
  write(path.join(app, 'bin', 'start.sh'), '#!/bin/sh\nexec node server.js\n');
  fs.chmodSync(path.join(app, 'bin', 'start.sh'), 0o755);
  fs.chmodSync(path.join(app, 'server.js'), 0o644);
  fs.mkdirSync(path.join(app, 'uploads'));
  fs.chmodSync(path.join(app, 'uploads'), 0o755);
  write(path.join(lodash, 'package.json'), '{"name":"lodash","main":"index.js"}');
  write(path.join(lodash, 'index.js'), LODASH);
  fs.symlinkSync(
    '.pnpm/lodash@4.17.21/node_modules/lodash',
    path.join(app, 'node_modules', 'lodash'),
  );
  write(path.join(app, '.env'), 'DOTENV-SECRET=1\n');
  write(
    path.join(app, '.git', 'config'),
    '[http]\n\textraheader = AUTHORIZATION: basic GIT-TOKEN\n',
  );
  return app;
}

/** Requests the sandbox's API host saw for a provider, optionally narrowed by method and path. */
function apiRequests(
  provider: string,
  method?: string,
  pathname?: string | RegExp,
): RequestRecord[] {
  return sandbox.requests.filter(
    (r) =>
      r.host === 'api' &&
      r.provider === provider &&
      (method === undefined || r.method === method) &&
      (pathname === undefined ||
        (typeof pathname === 'string' ? r.path === pathname : pathname.test(r.path))),
  );
}

function foreignRequests(method?: string): RequestRecord[] {
  return sandbox.requests.filter(
    (r) => r.host === 'foreign' && (method === undefined || r.method === method),
  );
}

function errors(result: RunActionResult): string[] {
  return result.commands.filter((c) => c.command === 'error').map((c) => c.data);
}

function occurrences(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

const ORG = 'org_1';
const JD_BASE = (project = 'proj_app'): string => `/organizations/${ORG}/projects/${project}`;

/** Lists a JustDeploy project's builds the way a user would (also seeds its running build). */
async function justdeployBuilds(
  project: string,
): Promise<{ id: string; stage: string; status: string }[]> {
  const res = await fetch(`${sandbox.apiUrl('justdeploy')}${JD_BASE(project)}/builds`, {
    headers: { 'x-access-key': SECRETS.accessKey, 'x-secret-key': SECRETS.secretKey },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { builds: { id: string; stage: string; status: string }[] }).builds;
}

/** The presigned URL's signature (from the PUT the upload host saw) appears nowhere in the log. */
function expectSignatureHidden(result: RunActionResult): void {
  const puts = foreignRequests('PUT');
  expect(puts.length).toBeGreaterThan(0);
  for (const put of puts) {
    const signature = new URLSearchParams(put.query).get('X-Amz-Signature');
    expect(signature, put.query).toMatch(/^[0-9a-f]{64}$/);
    const printed = result.stdout + result.stderr + result.summary;
    expect(printed).not.toContain(signature);
    expect(printed).not.toContain(put.query);
  }
}

/** The upload host saw a sized zip PUT and none of the provider's credentials. */
function expectAnonymousSizedUpload(): void {
  expect(sandbox.uploads).toHaveLength(1);
  const upload = sandbox.uploads[0]!;
  expect(upload.headers['content-type']).toBe('application/zip');
  expect(upload.headers['content-length']).toBe(String(upload.size));
  expect(upload.headers['transfer-encoding']).toBeUndefined();
  expect(upload.headers['authorization']).toBeUndefined();
  expect(upload.headers['x-access-key']).toBeUndefined();
  expect(upload.headers['x-secret-key']).toBeUndefined();
  for (const value of Object.values(upload.headers)) {
    for (const secret of Object.values(SECRETS)) expect(value).not.toContain(secret);
  }
  // What was stored is what was announced.
  const stored = fs.readFileSync(upload.file);
  expect(stored.length).toBe(upload.size);
  expect(createHash('sha256').update(stored).digest('hex')).toBe(upload.sha256);
}

describe('JustDeploy artifacts', () => {
  it(
    'zips a directory (relative names, no symlinks leading outside), creates the build with its stage, uploads anonymously, and reports the stage endpoint and domains',
    async () => {
      const root = tempDir('jd-dir');
      const app = path.join(root, 'app');
      const outside = path.join(root, 'outside');
      const png = randomBytes(2048);
      write(path.join(app, 'index.js'), 'console.log("hello")\n');
      write(path.join(app, 'public', 'app.css'), 'body { color: red }\n');
      write(path.join(app, 'public', 'logo.png'), png);
      write(path.join(app, 'lib', 'deep', 'util.js'), 'export const x = 1;\n');
      write(path.join(outside, 'secret.txt'), 'TOP-SECRET-OUTSIDE-CONTENT');
      fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(app, 'leak.txt'));
      fs.symlinkSync(outside, path.join(app, 'leak-dir'));
      fs.symlinkSync('index.js', path.join(app, 'alias.js'));

      const result = await runIn(sandbox, 'justdeploy', { artifact: app }, { timeoutMs: RUN_MS });

      expect(result.code, result.stdout).toBe(0);
      expect(result.outputs['status']).toBe('success');
      expect(result.outputs['provider-status']).toBe('ready');
      expect(sandbox.buildsCreated('justdeploy')).toBe(1);
      const build = sandbox.builds[0]!;
      expect(result.outputs['build-id']).toBe(build.id);

      // One POST with the stage, then the PUT, then polls of this build.
      const posts = apiRequests('justdeploy', 'POST', `${JD_BASE()}/builds`);
      expect(posts).toHaveLength(1);
      expect(posts[0]?.body).toEqual({ stage: 'production' });
      const put = foreignRequests('PUT');
      expect(put).toHaveLength(1);
      expect(put[0]?.path).toBe(`/upload/${build.id}`);
      expect(put[0]!.at).toBeGreaterThanOrEqual(posts[0]!.at);
      const polls = apiRequests('justdeploy', 'GET', `${JD_BASE()}/builds/${build.id}`);
      expect(polls.length).toBeGreaterThan(0);
      expect(polls.every((p) => p.at >= put[0]!.at)).toBe(true);

      expectAnonymousSizedUpload();
      const entries = await unzip(sandbox.uploads[0]!.file);
      expect(entries.map((e) => e.name)).toEqual([
        'alias.js',
        'index.js',
        'lib/',
        'lib/deep/',
        'lib/deep/util.js',
        'public/',
        'public/app.css',
        'public/logo.png',
      ]);
      const byName = new Map(entries.map((e) => [e.name, e.data]));
      expect(byName.get('index.js')?.toString()).toBe('console.log("hello")\n');
      expect(byName.get('alias.js')?.toString()).toBe('console.log("hello")\n');
      expect(byName.get('lib/deep/util.js')?.toString()).toBe('export const x = 1;\n');
      expect(byName.get('public/logo.png')?.equals(png)).toBe(true);
      const stored = fs.readFileSync(sandbox.uploads[0]!.file);
      expect(stored.includes('TOP-SECRET-OUTSIDE-CONTENT')).toBe(false);
      expect(stored.includes(root)).toBe(false);
      // The symlinks left out are named in a warning.
      const warnings = result.commands.filter((c) => c.command === 'warning').map((c) => c.data);
      expect(warnings.join('\n')).toMatch(
        /Left 2 symlinks out of the artifact.*leak-dir, leak\.txt/,
      );

      // deploy-url from the endpoints call for the stage; its custom domain in the summary.
      expect(apiRequests('justdeploy', 'GET', `${JD_BASE()}/endpoints`)).toHaveLength(1);
      expect(result.outputs['deploy-url']).toBe(`${sandbox.foreignUrl}/app/proj_app`);
      expect(result.summary).toContain('Custom domains: www.example.com');
      expect(actionStatuses(sandbox).map((s) => s.state)).toEqual(['pending', 'success']);
      expectSignatureHidden(result);
      expectHygiene(sandbox, result);
    },
    TEST_MS,
  );

  it(
    'uploads a .zip as it is, to the stage given',
    async () => {
      const dir = tempDir('jd-zip');
      const zip = writeStoredZip([
        { name: 'server.js', data: 'require("http").createServer().listen(3000);\n' },
        { name: 'package.json', data: '{"name":"app","version":"1.0.0"}\n' },
      ]);
      const file = path.join(dir, 'bundle.zip');
      fs.writeFileSync(file, zip);

      const result = await runIn(
        sandbox,
        'justdeploy',
        { artifact: file, stage: 'development' },
        { timeoutMs: RUN_MS },
      );

      expect(result.code, result.stdout).toBe(0);
      expect(result.outputs['status']).toBe('success');
      const posts = apiRequests('justdeploy', 'POST', `${JD_BASE()}/builds`);
      expect(posts.map((p) => p.body)).toEqual([{ stage: 'development' }]);
      expectAnonymousSizedUpload();
      // Byte for byte the file given: not re-zipped.
      expect(sandbox.uploads[0]?.size).toBe(zip.length);
      expect(sandbox.uploads[0]?.sha256).toBe(createHash('sha256').update(zip).digest('hex'));
      expect((await unzip(sandbox.uploads[0]!.file)).map((e) => e.name)).toEqual([
        'server.js',
        'package.json',
      ]);
      expect(result.outputs['deploy-url']).toBe(`${sandbox.foreignUrl}/app/proj_app-test`);
      expect(result.summary).not.toContain('Custom domains');
      expectSignatureHidden(result);
      expectHygiene(sandbox, result);
    },
    TEST_MS,
  );

  it(
    'sends a zip of many read buffers byte for byte, again from its start after a reset mid-upload',
    async () => {
      // 3 MB of random bytes: a dozen 256 KiB reads through the upload's four reused buffers. The
      // first PUT is dropped unread, so the action's writes fail mid-body and the retry reopens it.
      const dir = tempDir('jd-big-zip');
      const zip = writeStoredZip([
        { name: 'assets/blob.bin', data: randomBytes(3 * 1024 * 1024 + 77) },
        { name: 'server.js', data: 'require("http").createServer().listen(3000);\n' },
      ]);
      const file = path.join(dir, 'bundle.zip');
      fs.writeFileSync(file, zip);
      sandbox.inject({ provider: 'justdeploy', host: 'foreign', method: 'PUT', reset: 'before' });

      const result = await runIn(sandbox, 'justdeploy', { artifact: file }, { timeoutMs: RUN_MS });

      expect(result.code, result.stdout).toBe(0);
      expect(foreignRequests('PUT').map((q) => q.status)).toEqual(['reset', 200]);
      expectAnonymousSizedUpload();
      expect(sandbox.uploads[0]?.size).toBe(zip.length);
      expect(sandbox.uploads[0]?.sha256).toBe(createHash('sha256').update(zip).digest('hex'));
      expect((await unzip(sandbox.uploads[0]!.file)).map((e) => e.name)).toEqual([
        'assets/blob.bin',
        'server.js',
      ]);
      expectHygiene(sandbox, result);
    },
    TEST_MS,
  );

  it.each([
    [
      'a path that does not exist',
      (): string => path.join(scratch, 'no-such-dir'),
      /does not exist/,
    ],
    [
      'an empty directory',
      (): string => {
        const dir = tempDir('jd-empty');
        fs.mkdirSync(path.join(dir, 'only', 'folders'), { recursive: true });
        return dir;
      },
      /no files/,
    ],
    ['an empty input', (): string => '', /is required/],
  ])(
    'fails on %s with an artifact input error and sends nothing',
    async (_what, artifact, problem) => {
      const result = await runIn(
        sandbox,
        'justdeploy',
        { artifact: artifact() },
        { timeoutMs: RUN_MS },
      );

      expect(result.code).toBe(1);
      const lines = errors(result);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^Input 'artifact' /);
      expect(lines[0]).toMatch(problem);
      expect(lines[0]).toMatch(/Fix: /);
      expect(result.outputs['status']).toBe('failure');
      // Not the provider, not the upload host, not even a commit status.
      expect(sandbox.requests).toEqual([]);
      expectHygiene(sandbox, result);
    },
    TEST_MS,
  );

  it(
    'zips what zip -r would minus hidden files: pnpm links followed, empty dirs and modes kept, .git never, with one warning',
    async () => {
      const app = appLayout(tempDir('jd-layout'));

      const result = await runIn(sandbox, 'justdeploy', { artifact: app }, { timeoutMs: RUN_MS });

      expect(result.code, result.stdout).toBe(0);
      expectAnonymousSizedUpload();
      const entries = await unzip(sandbox.uploads[0]!.file);
      expect(entries.map((e) => e.name)).toEqual([
        'bin/',
        'bin/start.sh',
        'node_modules/',
        'node_modules/lodash/',
        'node_modules/lodash/index.js',
        'node_modules/lodash/package.json',
        'server.js',
        'uploads/',
      ]);
      const byName = new Map(entries.map((e) => [e.name, e]));
      // Windows has no execute bits to keep; its zip modes are whatever its stat reports.
      if (process.platform !== 'win32') {
        expect(byName.get('bin/start.sh')?.mode).toBe(0o100755);
        expect(byName.get('server.js')?.mode).toBe(0o100644);
        expect(byName.get('uploads/')?.mode).toBe(0o40755);
      }
      expect(byName.get('node_modules/lodash/index.js')?.data.toString()).toBe(LODASH);
      expect(byName.get('bin/start.sh')?.data.toString()).toBe('#!/bin/sh\nexec node server.js\n');
      const stored = fs.readFileSync(sandbox.uploads[0]!.file);
      expect(stored.includes('GIT-TOKEN')).toBe(false);
      expect(stored.includes('DOTENV-SECRET')).toBe(false);
      const warnings = result.commands.filter((c) => c.command === 'warning').map((c) => c.data);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(
        /^Left 3 hidden files and directories out of the artifact: \.env, \.git\/, node_modules\/\.pnpm\/\. Set include-hidden-files: true to zip them \(\.git never goes in\); node_modules\/\.pnpm is pnpm's store/,
      );
      expect(result.stdout).toMatch(/Artifact: zipped .* \(4 files, \d+ B\) into /);
      expectHygiene(sandbox, result);
    },
    TEST_MS,
  );

  it(
    'with include-hidden-files: true zips dotfiles and the pnpm store, still not .git',
    async () => {
      const app = appLayout(tempDir('jd-hidden'));

      const result = await runIn(
        sandbox,
        'justdeploy',
        { artifact: app, 'include-hidden-files': 'true' },
        { timeoutMs: RUN_MS },
      );

      expect(result.code, result.stdout).toBe(0);
      const entries = await unzip(sandbox.uploads[0]!.file);
      const names = entries.map((e) => e.name);
      expect(names).toContain('.env');
      expect(names).toContain('node_modules/.pnpm/lodash@4.17.21/node_modules/lodash/index.js');
      expect(names).toContain('node_modules/lodash/index.js');
      expect(names.filter((n) => n.startsWith('.git'))).toEqual([]);
      expect(entries.find((e) => e.name === '.env')?.data.toString()).toBe('DOTENV-SECRET=1\n');
      expect(fs.readFileSync(sandbox.uploads[0]!.file).includes('GIT-TOKEN')).toBe(false);
      const warnings = result.commands.filter((c) => c.command === 'warning').map((c) => c.data);
      expect(warnings).toEqual([
        "Left 1 .git directory out of the artifact: .git/ (.git never goes in: it can hold the checkout's token)",
      ]);
      expectHygiene(sandbox, result);
    },
    TEST_MS,
  );

  it.each([
    [
      'a name that is not UTF-8',
      (app: string): void => {
        fs.mkdirSync(path.join(app, 'data'));
        fs.writeFileSync(
          Buffer.concat([
            Buffer.from(`${app}/data/caf`),
            Buffer.from([0xe9, 0x2e, 0x74, 0x78, 0x74]),
          ]),
          'x',
        );
      },
      "Input 'artifact' holds a file whose name is not valid UTF-8 ('data/caf\\xe9.txt')",
    ],
    [
      'a name with a backslash',
      (app: string): void => write(path.join(app, 'lib\\util.js'), 'x'),
      "Input 'artifact' holds a file whose name contains a backslash ('lib\\x5cutil.js')",
    ],
  ])(
    'fails on %s before any request or commit status, naming the file',
    async (_what, make, message) => {
      const app = tempDir('jd-badname');
      write(path.join(app, 'index.js'), 'ok');
      write(path.join(app, 'lib', 'util.js'), 'ok');
      make(app);

      const result = await runIn(sandbox, 'justdeploy', { artifact: app }, { timeoutMs: RUN_MS });

      expect(result.code).toBe(1);
      const lines = errors(result);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(message);
      expect(lines[0]).toMatch(/Fix: rename the file/);
      expect(sandbox.requests).toEqual([]);
      expect(result.outputs['status']).toBe('failure');
      expectHygiene(sandbox, result);
    },
    TEST_MS,
  );

  it(
    'on a 409 waits for the running build to end, then creates this run’s build once',
    async () => {
      // The running build is someone else's: seeded on first sight, 4 s long.
      sandbox.options.justdeployRunning = true;
      sandbox.options.buildMs = 4000;
      const running = (await justdeployBuilds('proj_app')).find((b) => b.status === 'building');
      sandbox.options.buildMs = BUILD_MS;
      expect(running).toBeDefined();
      const runningId = running!.id;

      const result = await runIn(sandbox, 'justdeploy', {}, { timeoutMs: RUN_MS });

      expect(result.code, result.stdout).toBe(0);
      expect(result.outputs['status']).toBe('success');
      expect(sandbox.buildsCreated('justdeploy')).toBe(1);
      const own = sandbox.builds[0]!;
      expect(result.outputs['build-id']).toBe(own.id);
      expect(own.id).not.toBe(runningId);

      const posts = apiRequests('justdeploy', 'POST', `${JD_BASE()}/builds`);
      expect(posts.map((p) => p.status)).toEqual([409, 201]);
      // It polled the running build, and created its own only once that had ended.
      expect(
        apiRequests('justdeploy', 'GET', `${JD_BASE()}/builds/${runningId}`).length,
      ).toBeGreaterThan(0);
      const endedAt = sandbox.buildEndedAt(runningId);
      expect(endedAt).not.toBeNull();
      expect(posts[1]!.at).toBeGreaterThanOrEqual(endedAt!);
      expect(result.stdout).toContain(`already in progress: ${runningId}`);
      expect(result.stdout).toContain('on-conflict: wait');
      expect(sandbox.uploads.map((u) => u.buildId)).toEqual([own.id]);
      expect(actionStatuses(sandbox).map((s) => s.state)).toEqual(['pending', 'success']);
      expectSignatureHidden(result);
      expectHygiene(sandbox, result);
    },
    TEST_MS,
  );

  it(
    'with on-conflict: fail fails at once, naming the running build',
    async () => {
      // A `slow*` project's running build never ends.
      sandbox.options.justdeployRunning = true;
      const running = (await justdeployBuilds('slow-app')).find((b) => b.status === 'building');
      expect(running).toBeDefined();

      const result = await runIn(
        sandbox,
        'justdeploy',
        { project: 'slow-app', 'on-conflict': 'fail' },
        { timeoutMs: RUN_MS },
      );

      expect(result.code).toBe(1);
      const lines = errors(result);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(running!.id);
      expect(lines[0]).toMatch(/already in progress/);
      expect(lines[0]).toMatch(/Fix: .*on-conflict: wait/);
      expect(apiRequests('justdeploy', 'POST', `${JD_BASE('slow-app')}/builds`)).toHaveLength(1);
      expect(sandbox.buildsCreated('justdeploy')).toBe(0);
      expect(sandbox.uploads).toEqual([]);
      expect(foreignRequests()).toEqual([]);
      expect(result.outputs['status']).toBe('failure');
      expectHygiene(sandbox, result);
    },
    TEST_MS,
  );

  it(
    'shows build.error as the failure reason',
    async () => {
      sandbox.options.outcome = 'failure';

      const result = await runIn(sandbox, 'justdeploy', {}, { timeoutMs: RUN_MS });

      expect(result.code).toBe(1);
      expect(result.outputs['status']).toBe('failure');
      expect(result.outputs['provider-status']).toBe('error');
      const reason = 'Build failed: `npm run build` exited with code 1';
      const lines = errors(result);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(reason);
      expect(result.summary).toContain(reason);
      const statuses = actionStatuses(sandbox);
      expect(statuses.map((s) => s.state)).toEqual(['pending', 'failure']);
      expect(statuses[1]?.description).toContain('npm run build');
      // No endpoint is read for a failed build.
      expect(apiRequests('justdeploy', 'GET', `${JD_BASE()}/endpoints`)).toEqual([]);
      expectSignatureHidden(result);
      expectHygiene(sandbox, result);
    },
    TEST_MS,
  );

  it(
    'keeps the signature out of the log when the upload host refuses the URL',
    async () => {
      // Expires the moment it is issued: the upload host answers 403 AccessDenied.
      sandbox.options.uploadExpiresS = 0;

      const result = await runIn(sandbox, 'justdeploy', {}, { timeoutMs: RUN_MS });

      expect(result.code).toBe(1);
      const lines = errors(result);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`upload the artifact to 127.0.0.2:${sandbox.foreignPort}`);
      expect(lines[0]).toMatch(/HTTP 403/);
      expect(lines[0]).toMatch(/Fix: .*re-run/);
      expect(sandbox.uploads).toEqual([]);
      expect(foreignRequests('PUT').map((r) => r.status)).toEqual([403]);
      expectSignatureHidden(result);
      expectHygiene(sandbox, result);
    },
    TEST_MS,
  );
});

describe('Sitepaste pages, rate limit and site watching', () => {
  const siteUrl = (): string => `${sandbox.foreignUrl}/site/sandbox-user`;

  it(
    'upserts every Markdown page, then triggers one build and waits for the site to change',
    async () => {
      const workspace = tempDir('sp-pages');
      write(
        path.join(workspace, 'docs', 'intro.md'),
        '---\ntitle: "Welcome: Intro"\nsidebar: 1\n---\n\n# Not the title\n\nHello.\n',
      );
      write(
        path.join(workspace, 'docs', 'guide', 'Getting Started.md'),
        'Some text first.\n\n```\n# not a heading\n```\n\n# Getting started\n\nSteps.\n',
      );
      write(path.join(workspace, 'docs', 'notes.md'), 'Just notes, no heading at all.\n');
      write(path.join(workspace, 'docs', 'skip.txt'), 'not a page');
      write(path.join(workspace, 'other.md'), '# Outside the glob\n');

      const result = await runIn(
        sandbox,
        'sitepaste',
        { pages: 'docs/**/*.md' },
        { timeoutMs: RUN_MS, cwd: workspace, env: { GITHUB_WORKSPACE: workspace } },
      );

      expect(result.code, result.stdout).toBe(0);
      expect(result.outputs['status']).toBe('success');
      expect(result.outputs['provider-status']).toBe('live');
      expect(result.outputs['deploy-url']).toBe(siteUrl());

      const pagePosts = apiRequests('sitepaste', 'POST', '/public/pages');
      const buildPosts = apiRequests('sitepaste', 'POST', '/public/builds');
      expect(buildPosts).toHaveLength(1);
      expect(pagePosts.map((p) => p.status)).toEqual([201, 201, 201]);
      // Every page before the one build.
      const buildIndex = sandbox.requests.indexOf(buildPosts[0]!);
      for (const page of pagePosts) expect(sandbox.requests.indexOf(page)).toBeLessThan(buildIndex);
      expect(pagePosts.map((p) => p.body)).toEqual([
        {
          slug: 'docs-guide-getting-started',
          title: 'Getting started',
          content: 'Some text first.\n\n```\n# not a heading\n```\n\n# Getting started\n\nSteps.\n',
          contentType: 'docs',
        },
        {
          slug: 'docs-intro',
          title: 'Welcome: Intro',
          content: '# Not the title\n\nHello.\n',
          contentType: 'docs',
        },
        {
          slug: 'docs-notes',
          title: 'notes',
          content: 'Just notes, no heading at all.\n',
          contentType: 'docs',
        },
      ]);
      expect(sandbox.pages.map((p) => p.slug).sort()).toEqual([
        'docs-guide-getting-started',
        'docs-intro',
        'docs-notes',
      ]);
      // The build published them all.
      expect(sandbox.buildsCreated('sitepaste')).toBe(1);
      expect(sandbox.builds[0]?.['pages']).toEqual(
        expect.arrayContaining(['Getting started', 'Welcome: Intro', 'notes']),
      );

      // The quota from the rate-limit headers, in the log and the summary.
      expect(result.stdout).toContain('Builds left this hour: 19 of 20');
      expect(result.summary).toContain('Builds left this hour: 19 of 20');
      // It watched the site, anonymously (expectHygiene checks the foreign host's headers).
      const siteReads = foreignRequests('GET').filter((r) => r.path === '/site/sandbox-user');
      expect(siteReads.length).toBeGreaterThanOrEqual(2);
      expect(actionStatuses(sandbox).map((s) => s.state)).toEqual(['pending', 'success']);
      expectHygiene(sandbox, result);
    },
    TEST_MS,
  );

  it(
    'stops before the build when a page fails, naming the file',
    async () => {
      const workspace = tempDir('sp-bad-page');
      write(path.join(workspace, 'docs', 'a-good.md'), '# Good\n\nFine.\n');
      // Front matter only: Sitepaste refuses a page without content.
      write(path.join(workspace, 'docs', 'b-empty.md'), '---\ntitle: Empty\n---\n');
      write(path.join(workspace, 'docs', 'c-later.md'), '# Later\n\nNever sent.\n');

      const result = await runIn(
        sandbox,
        'sitepaste',
        { pages: 'docs/*.md' },
        { timeoutMs: RUN_MS, cwd: workspace, env: { GITHUB_WORKSPACE: workspace } },
      );

      expect(result.code).toBe(1);
      const lines = errors(result);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain('docs/b-empty.md');
      expect(lines[0]).toMatch(/HTTP 400/);
      expect(lines[0]).toContain('content is required');
      expect(apiRequests('sitepaste', 'POST', '/public/pages').map((p) => p.status)).toEqual([
        201, 400,
      ]);
      expect(apiRequests('sitepaste', 'POST', '/public/builds')).toEqual([]);
      expect(sandbox.buildsCreated('sitepaste')).toBe(0);
      expect(result.outputs['status']).toBe('failure');
      expectHygiene(sandbox, result);
    },
    TEST_MS,
  );

  it(
    'fails at once on a 429 whose Retry-After is beyond the timeout, naming the limit and when to retry',
    async () => {
      // All 20 builds of the hour used just now: Retry-After is the whole window (3600 s).
      sandbox.options.sitepasteUsed = 20;
      sandbox.reset();

      const result = await runIn(sandbox, 'sitepaste', { timeout: '30s' }, { timeoutMs: RUN_MS });

      expect(result.code).toBe(1);
      expect(result.durationMs).toBeLessThan(10_000);
      const builds = apiRequests('sitepaste', 'POST', '/public/builds');
      expect(builds.map((r) => r.status)).toEqual([429]);
      expect(sandbox.buildsCreated('sitepaste')).toBe(0);
      const lines = errors(result);
      expect(lines).toHaveLength(1);
      const line = lines[0]!;
      expect(line).toContain('HTTP 429');
      expect(line).toContain('20 builds an hour');
      expect(line).toMatch(/sliding 60-minute window/);
      expect(line).toMatch(/shared by all tokens/);
      expect(line).toMatch(/retry in 60 minutes, at \d\d:\d\d UTC/);
      // One line, one fix, after the explanation.
      expect(line.match(/Fix: /g)).toHaveLength(1);
      expect(line).toMatch(/retry in 60 minutes.*\. Fix: .*re-run after \d\d:\d\d UTC/);
      // The summary's Details cell is capped; the limit and when to retry must survive the cap.
      expect(result.summary).toMatch(/20 builds an hour.*retry in 60 minutes, at \d\d:\d\d UTC/);
      expect(result.outputs['status']).toBe('failure');
      expectHygiene(sandbox, result);
    },
    TEST_MS,
  );

  it(
    'waits out a 429 whose Retry-After fits in the timeout, then triggers once',
    async () => {
      // A 3-second window, full: the slot frees within the 30 s timeout.
      sandbox.options.sitepasteUsed = 20;
      sandbox.options.sitepasteWindowMs = 3000;
      sandbox.reset();

      const result = await runIn(sandbox, 'sitepaste', { timeout: '30s' }, { timeoutMs: RUN_MS });

      expect(result.code, result.stdout).toBe(0);
      expect(result.outputs['status']).toBe('success');
      const builds = apiRequests('sitepaste', 'POST', '/public/builds');
      expect(builds.map((r) => r.status)).toEqual([429, 202]);
      expect(builds[1]!.at - builds[0]!.at).toBeGreaterThanOrEqual(1000);
      expect(result.stdout).toMatch(/trigger the build failed \(HTTP 429\); retry 2\/\d+ in \d+s/);
      expect(sandbox.buildsCreated('sitepaste')).toBe(1);
      expectHygiene(sandbox, result);
    },
    TEST_MS,
  );

  it(
    'with wait: false returns queued with the deploy URL, without watching the site',
    async () => {
      const result = await runIn(sandbox, 'sitepaste', { wait: 'false' }, { timeoutMs: RUN_MS });

      expect(result.code, result.stdout).toBe(0);
      expect(result.outputs['status']).toBe('queued');
      expect(result.outputs['provider-status']).toBe('queued');
      expect(result.outputs['deploy-url']).toBe(siteUrl());
      expect(apiRequests('sitepaste', 'POST', '/public/builds')).toHaveLength(1);
      expect(foreignRequests()).toEqual([]);
      expect(actionStatuses(sandbox)).toEqual([]);
      expect(result.stdout).toContain('Builds left this hour: 19 of 20');
      expectHygiene(sandbox, result);
    },
    TEST_MS,
  );

  it(
    'times out saying the site did not change when the build never goes live',
    async () => {
      sandbox.options.outcome = 'never';

      const result = await runIn(sandbox, 'sitepaste', { timeout: '5s' }, { timeoutMs: RUN_MS });

      expect(result.code).toBe(1);
      expect(result.outputs['status']).toBe('timed_out');
      const lines = errors(result);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`The site at ${siteUrl()} did not change`);
      expect(lines[0]).toMatch(/Fix: raise the timeout/);
      expect(result.summary).toContain('did not change');
      expect(foreignRequests('GET').length).toBeGreaterThanOrEqual(2);
      expect(sandbox.buildsCreated('sitepaste')).toBe(1);
      expect(actionStatuses(sandbox).map((s) => s.state)).toEqual(['pending', 'error']);
      expectHygiene(sandbox, result);
    },
    TEST_MS,
  );
});

describe('Deskforge downloads and logs', () => {
  const artifactName = 'proj_desk-latest-linux-x64.AppImage';

  it(
    'downloads the artifact after success through the CDN redirect, without the token, byte for byte',
    async () => {
      // Several 64 KiB chunks and a partial one.
      sandbox.options.artifactBytes = 200_000;
      const dir = tempDir('df-download');
      const target = path.join(dir, 'nested', 'out', 'app.AppImage');

      const result = await runIn(
        sandbox,
        'deskforge',
        { 'download-to': target },
        { timeoutMs: RUN_MS },
      );

      expect(result.code, result.stdout).toBe(0);
      expect(result.outputs['status']).toBe('success');
      const id = result.outputs['build-id']!;
      const expected = sandbox.artifactContent(id);
      expect(expected.length).toBe(200_000);
      expect(fs.readFileSync(target).equals(expected)).toBe(true);
      // Nothing half-written left beside it.
      expect(fs.readdirSync(path.dirname(target))).toEqual(['app.AppImage']);

      const download = apiRequests('deskforge', 'GET', `/builds/${id}/download`);
      expect(download.map((r) => r.status)).toEqual([302]);
      expect(download[0]?.headers['authorization']).toBe(`Bearer ${SECRETS.token}`);
      const cdn = foreignRequests('GET');
      expect(cdn.map((r) => r.path)).toEqual([`/cdn/${id}/${artifactName}`]);
      expect(cdn[0]?.status).toBe(200);
      expect(cdn[0]?.headers['authorization']).toBeUndefined();
      expect(cdn[0]!.at).toBeGreaterThanOrEqual(download[0]!.at);
      expect(result.outputs['artifact-url']).toBe(
        `${sandbox.foreignUrl}/cdn/${id}/${artifactName}`,
      );
      expect(result.summary).toMatch(/Downloaded 195 KB to /);
      expect(actionStatuses(sandbox).map((s) => s.state)).toEqual(['pending', 'success']);
      expectHygiene(sandbox, result);
    },
    TEST_MS,
  );

  it(
    'saves into a directory under the artifact’s own name',
    async () => {
      const dir = tempDir('df-into-dir');

      const result = await runIn(
        sandbox,
        'deskforge',
        { 'download-to': dir },
        { timeoutMs: RUN_MS },
      );

      expect(result.code, result.stdout).toBe(0);
      const id = result.outputs['build-id']!;
      expect(fs.readdirSync(dir)).toEqual([artifactName]);
      expect(
        fs.readFileSync(path.join(dir, artifactName)).equals(sandbox.artifactContent(id)),
      ).toBe(true);
      expectHygiene(sandbox, result);
    },
    TEST_MS,
  );

  it(
    'fails when the downloaded size is not artifactSize, leaving no file',
    async () => {
      sandbox.inject({
        host: 'foreign',
        method: 'GET',
        path: /^\/cdn\//,
        status: 200,
        body: 'truncated',
      });
      const dir = tempDir('df-short');
      const target = path.join(dir, 'app.AppImage');

      const result = await runIn(
        sandbox,
        'deskforge',
        { 'download-to': target },
        { timeoutMs: RUN_MS },
      );

      expect(result.code).toBe(1);
      const lines = errors(result);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/wrong size: expected 65536 bytes \(artifactSize\), got 9/);
      expect(fs.readdirSync(dir)).toEqual([]);
      expect(actionStatuses(sandbox).at(-1)?.state).toBe('error');
      expectHygiene(sandbox, result);
    },
    TEST_MS,
  );

  it(
    'with show-logs: always prints new log lines while the build runs, each exactly once',
    async () => {
      // Long enough for the log to grow over several polls.
      sandbox.options.buildMs = 3000;

      const result = await runIn(
        sandbox,
        'deskforge',
        { 'show-logs': 'always' },
        { timeoutMs: RUN_MS },
      );

      expect(result.code, result.stdout).toBe(0);
      const id = result.outputs['build-id']!;
      const messages = [
        'Build queued for linux-x64',
        'Waiting for an available linux runner...',
        'Starting build process...',
        'Installing dependencies...',
        'Compiling Rust code...',
        'Bundling application...',
        `Signing ${artifactName}...`,
        'Build completed successfully',
      ];
      for (const message of messages) expect(occurrences(result.stdout, message), message).toBe(1);
      // Streamed: the first lines were out before the build was seen to succeed.
      const success = result.stdout.indexOf(`build ${id}: success (success)`);
      expect(success).toBeGreaterThan(0);
      expect(result.stdout.indexOf('Build queued for linux-x64')).toBeLessThan(success);
      expect(result.stdout.indexOf('Starting build process...')).toBeLessThan(success);
      // More than one log read while it ran.
      expect(apiRequests('deskforge', 'GET', `/builds/${id}/logs`).length).toBeGreaterThan(1);
      expectHygiene(sandbox, result);
    },
    TEST_MS,
  );
});
