/**
 * Files we read, zip and write stay inside their roots (issue 23, items 1-4), through the bundled
 * action against the sandbox: a pages symlink to a secret, in-tree links to `.git` and dotfiles,
 * a directory swapped for a link while the zip is walked, and a provider-chosen download name
 * that climbs out of `download-to` or lands on an existing file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunActionResult } from '../../sandbox/run-action.mjs';
import { useSandbox } from './sandbox-world.js';
import { scratchDir } from '../scratch.js';
import { unzip } from '../unzip.js';
import { expectHygiene, runIn, SECRETS } from './helpers.js';

const RUN_MS = 15_000;
const TEST_MS = 25_000;

const sandbox = useSandbox({ buildMs: 300 });

function write(file: string, content: string | Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

function errors(result: RunActionResult): string[] {
  return result.commands.filter((c) => c.command === 'error').map((c) => c.data);
}

function warnings(result: RunActionResult): string[] {
  return result.commands.filter((c) => c.command === 'warning').map((c) => c.data);
}

const GIT_CONFIG = '[http]\n\textraheader = AUTHORIZATION: basic GIT-TOKEN-IN-CONFIG\n';

describe('Sitepaste pages are read from the workspace only (issue 23.1)', () => {
  it.each([
    ['/proc/self/environ', (): string => '/proc/self/environ', 'outside the workspace'],
    ['../.git/config', (): string => '../.git/config', 'into .git'],
    [
      'a file outside the workspace',
      (): string => '../../outside/notes.md',
      'outside the workspace',
    ],
    ['../.env', (): string => '../.env', 'into a hidden file'],
  ])(
    'refuses a page that is a link to %s, and publishes nothing',
    async (_what, target, reason) => {
      if (target().startsWith('/proc') && process.platform !== 'linux') return;
      const top = scratchDir('tba-pages');
      const workspace = path.join(top, 'ws');
      write(path.join(top, 'outside', 'notes.md'), '# Outside\n\nOUTSIDE-PAGE-SECRET\n');
      write(path.join(workspace, 'docs', 'intro.md'), '# Intro\n\nHello.\n');
      write(path.join(workspace, '.git', 'config'), GIT_CONFIG);
      write(path.join(workspace, '.env'), 'DOTENV-PAGE-SECRET=1\n');
      fs.symlinkSync(target(), path.join(workspace, 'docs', 'changelog.md'));

      const result = await runIn(
        sandbox,
        'sitepaste',
        { pages: 'docs/*.md' },
        { timeoutMs: RUN_MS, cwd: workspace, env: { GITHUB_WORKSPACE: workspace } },
      );

      const posted = JSON.stringify(sandbox.requests.map((r) => r.body));
      expect(posted).not.toContain(SECRETS.token);
      expect(posted).not.toContain('GIT-TOKEN-IN-CONFIG');
      expect(posted).not.toContain('OUTSIDE-PAGE-SECRET');
      expect(posted).not.toContain('DOTENV-PAGE-SECRET');
      expect(result.code).toBe(1);
      const lines = errors(result);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^Input 'pages' matched 'docs\/changelog\.md', which leads /);
      expect(lines[0]).toContain(reason);
      expect(lines[0]).toMatch(/Fix: /);
      // Refused before the first page went out.
      expect(sandbox.requests.filter((r) => r.host === 'api')).toEqual([]);
      expectHygiene(sandbox, result);
    },
    TEST_MS,
  );
});

describe('JustDeploy artifacts judge links by where they lead (issue 23.2)', () => {
  /** An app whose innocent-looking links lead into .git and to a dotfile. */
  function linkedApp(): string {
    const app = path.join(scratchDir('tba-links'), 'app');
    write(path.join(app, 'index.js'), 'console.log("hi")\n');
    write(path.join(app, '.git', 'config'), GIT_CONFIG);
    write(path.join(app, '.env'), 'DOTENV-LINK-SECRET=1\n');
    fs.symlinkSync('.git', path.join(app, 'leak'));
    fs.symlinkSync('.git/config', path.join(app, 'config.txt'));
    fs.symlinkSync('.env', path.join(app, 'env.txt'));
    return app;
  }

  it(
    'leaves out links to .git and to hidden files, and says so',
    async () => {
      const app = linkedApp();

      const result = await runIn(sandbox, 'justdeploy', { artifact: app }, { timeoutMs: RUN_MS });

      expect(result.code, result.stdout).toBe(0);
      const stored = fs.readFileSync(sandbox.uploads[0]!.file);
      expect(stored.includes('GIT-TOKEN-IN-CONFIG')).toBe(false);
      expect(stored.includes('DOTENV-LINK-SECRET')).toBe(false);
      const entries = await unzip(sandbox.uploads[0]!.file);
      expect(entries.map((e) => e.name)).toEqual(['index.js']);
      expect(warnings(result).join('\n')).toMatch(
        /Left 5 hidden files and directories out of the artifact: \.env, \.git\/, config\.txt, env\.txt, leak\//,
      );
      expectHygiene(sandbox, result);
    },
    TEST_MS,
  );

  it(
    'with include-hidden-files: true ships the dotfile a link leads to, never .git',
    async () => {
      const app = linkedApp();

      const result = await runIn(
        sandbox,
        'justdeploy',
        { artifact: app, 'include-hidden-files': 'true' },
        { timeoutMs: RUN_MS },
      );

      expect(result.code, result.stdout).toBe(0);
      const stored = fs.readFileSync(sandbox.uploads[0]!.file);
      expect(stored.includes('GIT-TOKEN-IN-CONFIG')).toBe(false);
      const entries = await unzip(sandbox.uploads[0]!.file);
      expect(entries.map((e) => e.name)).toEqual(['.env', 'env.txt', 'index.js']);
      expect(entries.find((e) => e.name === 'env.txt')?.data.toString()).toBe(
        'DOTENV-LINK-SECRET=1\n',
      );
      expectHygiene(sandbox, result);
    },
    TEST_MS,
  );
});

describe('A directory swapped for a link during the walk lets nothing in (issue 23.3)', () => {
  const VICTIMS = 6;

  /**
   * Another process flips each `victim<i>` between the real directory and a link to an outside
   * directory holding files of the same names, for as long as the action runs, one after the
   * other, each a link for about a millisecond: the walk enters most of them as directories and
   * then meets the link while it reads their files.
   */
  function swapper(app: string, outside: string): ChildProcess {
    const script = `
      const fs = require('node:fs');
      const path = require('node:path');
      const [app, outside, count] = process.argv.slice(1);
      const nap = new Int32Array(new SharedArrayBuffer(4));
      const victims = Array.from({ length: Number(count) }, (_, i) => path.join(app, 'victim' + i));
      // The loop never yields, so a signal handler would never run: SIGTERM's default action ends
      // it, and it ends by itself too, should the test that started it die first.
      const end = Date.now() + 120000;
      while (Date.now() < end) {
        for (const victim of victims) {
          const parked = victim.replace(app, app + '-parked');
          try {
            fs.renameSync(victim, parked);
            fs.symlinkSync(outside, victim);
            Atomics.wait(nap, 0, 0, 1);
            fs.unlinkSync(victim);
            fs.renameSync(parked, victim);
          } catch {}
        }
      }`;
    fs.mkdirSync(`${app}-parked`);
    return spawn(process.execPath, ['-e', script, app, outside, String(VICTIMS)], {
      stdio: 'ignore',
    });
  }

  it.skipIf(process.platform === 'win32')(
    'zips only files from inside the directory while another process swaps one of its folders',
    async () => {
      const top = scratchDir('tba-swap');
      const app = path.join(top, 'app');
      const outside = path.join(top, 'outside');
      write(path.join(app, 'index.js'), 'inside\n');
      for (let i = 0; i < 300; i++) {
        const name = `f${String(i).padStart(4, '0')}.txt`;
        for (let v = 0; v < VICTIMS; v++) write(path.join(app, `victim${v}`, name), 'inside\n');
        write(path.join(outside, name), 'OUTSIDE-SWAPPED-SECRET\n');
      }
      const child = swapper(app, outside);
      let result: RunActionResult;
      try {
        // Let it get going before the walk starts.
        await new Promise((resolve) => setTimeout(resolve, 200));
        result = await runIn(sandbox, 'justdeploy', { artifact: app }, { timeoutMs: RUN_MS });
      } finally {
        child.kill('SIGTERM');
        // It must really end: a swapper left behind runs on after the suite, on the CPU.
        const ended = await new Promise<boolean>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve(true);
          const timer = setTimeout(() => resolve(false), 5000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve(true);
          });
        });
        if (!ended) child.kill('SIGKILL');
        expect(ended, 'the swapper process ended on SIGTERM').toBe(true);
      }

      expect(result.code, result.stdout).toBe(0);
      const stored = fs.readFileSync(sandbox.uploads[0]!.file);
      expect(stored.includes('OUTSIDE-SWAPPED-SECRET')).toBe(false);
      for (const entry of await unzip(sandbox.uploads[0]!.file)) {
        if (!entry.directory) expect(entry.data.toString(), entry.name).toBe('inside\n');
      }
      expectHygiene(sandbox, result);
    },
    TEST_MS,
  );
});

describe('download-to keeps a provider-chosen name inside it, replacing nothing (issue 23.4)', () => {
  const HOSTILE_ID = '../../escaped';
  const BYTES = 'artifact-bytes-from-the-cdn\n';

  /** Deskforge answers with a build id that climbs, and URLs whose last segment names nothing. */
  function hostileDeskforge(urlPath = '/'): void {
    const id = encodeURIComponent(HOSTILE_ID);
    const detail = {
      id: HOSTILE_ID,
      projectId: 'proj_desk',
      platform: 'linux',
      arch: 'x64',
      createdAt: new Date().toISOString(),
      completedAt: new Date().toISOString(),
      artifactUrl: `${sandbox.foreignUrl}${urlPath}`,
      artifactSize: BYTES.length,
    };
    sandbox.inject({
      host: 'api',
      method: 'POST',
      path: /\/builds$/,
      status: 201,
      body: { ...detail, status: 'queued' },
    });
    sandbox.inject({
      host: 'api',
      method: 'GET',
      path: new RegExp(`/builds/${id.replace(/\./g, '\\.')}$`),
      times: 100,
      status: 200,
      body: { ...detail, status: 'success' },
    });
    sandbox.inject({
      host: 'api',
      method: 'GET',
      path: /\/download$/,
      redirectTo: `${sandbox.foreignUrl}${urlPath}`,
    });
    sandbox.inject({ host: 'foreign', method: 'GET', path: urlPath, status: 200, body: BYTES });
  }

  it(
    'saves under a safe name inside the directory',
    async () => {
      const top = scratchDir('tba-download');
      const dir = path.join(top, 'a', 'b', 'downloads');
      fs.mkdirSync(dir, { recursive: true });
      hostileDeskforge();

      const result = await runIn(
        sandbox,
        'deskforge',
        { 'download-to': dir, 'show-logs': 'never' },
        { timeoutMs: RUN_MS },
      );

      expect(result.code, result.stdout).toBe(0);
      expect(result.outputs['build-id']).toBe(HOSTILE_ID);
      // Nothing next to or above the directory.
      expect(fs.readdirSync(path.join(top, 'a'))).toEqual(['b']);
      expect(fs.readdirSync(path.join(top, 'a', 'b'))).toEqual(['downloads']);
      const saved = fs.readdirSync(dir);
      expect(saved).toHaveLength(1);
      expect(saved[0]).toMatch(/^[\w.+-]+\.bin$/);
      expect(saved[0]).not.toMatch(/^\./);
      expect(fs.readFileSync(path.join(dir, saved[0]!), 'utf8')).toBe(BYTES);
      expectHygiene(sandbox, result);
    },
    TEST_MS,
  );

  it(
    'never replaces a file already there, a dotfile included',
    async () => {
      const dir = scratchDir('tba-download-exists');
      fs.writeFileSync(path.join(dir, '.bashrc'), 'MY-DOTFILE');
      // The CDN names the file `.bashrc`: saved under a name that is not a dotfile.
      hostileDeskforge('/cdn/.bashrc');
      const first = await runIn(
        sandbox,
        'deskforge',
        { 'download-to': dir, 'show-logs': 'never' },
        { timeoutMs: RUN_MS },
      );
      expect(first.code, first.stdout).toBe(0);
      expect(fs.readFileSync(path.join(dir, '.bashrc'), 'utf8')).toBe('MY-DOTFILE');
      const saved = fs.readdirSync(dir).filter((name) => name !== '.bashrc');
      expect(saved).toHaveLength(1);
      expect(saved[0]).not.toMatch(/^\./);
      expect(fs.readFileSync(path.join(dir, saved[0]!), 'utf8')).toBe(BYTES);

      // The same name again, now taken by a file of the user's: left as it is, and a clear error.
      fs.writeFileSync(path.join(dir, saved[0]!), 'MINE-DO-NOT-REPLACE');
      sandbox.reset();
      hostileDeskforge('/cdn/.bashrc');
      const result = await runIn(
        sandbox,
        'deskforge',
        { 'download-to': dir, 'show-logs': 'never' },
        { timeoutMs: RUN_MS },
      );

      expect(result.code).toBe(1);
      const lines = errors(result);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        /cannot save the artifact to .*: a file of that name is already there/,
      );
      expect(lines[0]).toMatch(/Fix: /);
      expect(fs.readFileSync(path.join(dir, saved[0]!), 'utf8')).toBe('MINE-DO-NOT-REPLACE');
      expect(fs.readFileSync(path.join(dir, '.bashrc'), 'utf8')).toBe('MY-DOTFILE');
      // No half-written file left behind either.
      expect(fs.readdirSync(dir).sort()).toEqual(['.bashrc', saved[0]!].sort());
      expectHygiene(sandbox, result);
    },
    TEST_MS,
  );
});
