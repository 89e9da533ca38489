/**
 * Shared helpers for `npm run bench`: spawning the bundled action the way the runner does (but
 * with our own hands on the child, so we can time it and read its memory), statistics, and a
 * description of the machine.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { actionDefaults } from '../sandbox/run-action.mjs';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Scratch space for generated data, run directories and zips (git-ignored). */
export const WORK_DIR = join(REPO_ROOT, 'bench', '.work');
/** The bundle under test: a snapshot of dist/ (see `snapshotDist`), else dist/ itself. */
export let ACTION = join(REPO_ROOT, 'dist', 'index.js');
/** `/usr/bin/time` (GNU time): the only portable way to get a child's peak RSS on Linux. */
export const GNU_TIME = '/usr/bin/time';

/**
 * Copies dist/ into the work directory and points `ACTION` at the copy. The bench then measures
 * one bundle from start to end even if `npm run bundle` rewrites dist/ meanwhile (it deletes the
 * folder first, so a run starting mid-bundle would find no dist/index.js). Waits (up to a minute)
 * for a complete, settled dist/: package.json is written last, and no file changed for 1 s.
 */
export async function snapshotDist() {
  const dist = join(REPO_ROOT, 'dist');
  const target = join(WORK_DIR, 'dist');
  const signature = async () => {
    const names = (await readdir(dist)).sort();
    const times = await Promise.all(names.map(async (n) => (await stat(join(dist, n))).mtimeMs));
    return names.map((n, i) => `${n}@${times[i]}`).join(',');
  };
  for (let tries = 0; ; tries++) {
    try {
      if (existsSync(join(dist, 'index.js')) && existsSync(join(dist, 'package.json'))) {
        const before = await signature();
        await new Promise((done) => setTimeout(done, 1000));
        if ((await signature()) === before) {
          await mkdir(WORK_DIR, { recursive: true });
          await rm(target, { recursive: true, force: true });
          await cp(dist, target, { recursive: true });
          ACTION = join(target, 'index.js');
          return;
        }
      }
    } catch {
      // dist/ vanished between two looks: a bundle is running, try again.
    }
    if (tries >= 60) throw new Error('dist/index.js is missing: run npm run bundle first');
    await new Promise((done) => setTimeout(done, 1000));
  }
}

/** Parent variables a child may inherit (like the runner: no INPUT_*, no proxies). */
const INHERITED = ['PATH', 'HOME', 'TMPDIR', 'TEMP', 'TMP', 'LANG'];

/**
 * The median of some numbers (NaN for none).
 * @param {number[]} values
 */
export function median(values) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? /** @type {number} */ (sorted[mid])
    : /** @type {number} */ (sorted[mid - 1] + /** @type {number} */ (sorted[mid])) / 2;
}

/**
 * A fresh run directory with the runner's file-command files, and the environment the runner
 * would give `node dist/index.js` for these inputs (action.yml defaults applied first).
 * @param {{
 *   inputs: Record<string, string | number | boolean>,
 *   githubApiUrl?: string,
 *   sha?: string,
 * }} opts
 * @returns {Promise<{env: Record<string, string>, dir: string, cwd: string,
 *   outputs: () => Promise<string>, cleanup: () => Promise<void>}>}
 */
export async function actionEnv(opts) {
  await mkdir(WORK_DIR, { recursive: true });
  const dir = await mkdtemp(join(WORK_DIR, 'run-'));
  const cwd = join(dir, 'workspace');
  const temp = join(dir, 'runner-temp');
  await mkdir(cwd);
  await mkdir(temp);
  const files = ['output', 'summary', 'state', 'env', 'path'].map((f) => join(dir, f));
  await Promise.all(files.map((f) => writeFile(f, '')));
  const event = join(dir, 'event.json');
  await writeFile(event, JSON.stringify({ ref: 'refs/heads/main', after: opts.sha ?? '' }));

  /** @type {Record<string, string>} */
  const env = {};
  for (const name of INHERITED) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  Object.assign(env, {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_REPOSITORY_OWNER: 'octo-org',
    GITHUB_SHA: opts.sha ?? '8f14e45fceea167a5a36dedd4bea2543c0ffee42',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: opts.githubApiUrl ?? 'http://127.0.0.1:9/github',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_NUMBER: '7',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKFLOW: 'bench',
    GITHUB_JOB: 'bench',
    GITHUB_ACTION: 'trigger',
    GITHUB_ACTOR: 'octocat',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_EVENT_PATH: event,
    GITHUB_WORKSPACE: cwd,
    GITHUB_OUTPUT: /** @type {string} */ (files[0]),
    GITHUB_STEP_SUMMARY: /** @type {string} */ (files[1]),
    GITHUB_STATE: /** @type {string} */ (files[2]),
    GITHUB_ENV: /** @type {string} */ (files[3]),
    GITHUB_PATH: /** @type {string} */ (files[4]),
    RUNNER_TEMP: temp,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
  });
  // Like the runner: inputs left out get their action.yml default; names keep their hyphens.
  const inputs = { ...actionDefaults(REPO_ROOT, 'sandbox-github-token'), ...opts.inputs };
  for (const [name, value] of Object.entries(inputs)) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = String(value);
  }
  return {
    env,
    dir,
    cwd,
    outputs: () => readFile(/** @type {string} */ (files[0]), 'utf8'),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/**
 * @typedef {{
 *   code: number | null,
 *   signal: string | null,
 *   spawnedAt: number,
 *   exitedAt: number,
 *   stdout: string,
 *   stderr: string,
 *   peakRssKb?: number,
 * }} ChildResult
 */

/**
 * Spawns a command and resolves when it exits. `spawnedAt` / `exitedAt` are `Date.now()`, the
 * clock the sandbox stamps requests (`at`) and build ends with, so the two can be subtracted.
 * With `measureRss`, the command runs under GNU time and `peakRssKb` is its maximum resident set.
 * @param {string} command
 * @param {string[]} args
 * @param {{env?: Record<string, string>, cwd?: string, measureRss?: boolean,
 *   timeoutMs?: number, onSpawn?: (child: import('node:child_process').ChildProcess) => void}} [opts]
 * @returns {Promise<ChildResult>}
 */
export async function runChild(command, args, opts = {}) {
  let rssFile;
  if (opts.measureRss) {
    await mkdir(WORK_DIR, { recursive: true });
    rssFile = join(WORK_DIR, `rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
    args = ['-f', '%M', '-o', rssFile, command, ...args];
    command = GNU_TIME;
  }
  const spawnedAt = Date.now();
  const child = spawn(command, args, {
    env: opts.env ?? /** @type {Record<string, string>} */ (process.env),
    cwd: opts.cwd ?? REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  opts.onSpawn?.(child);
  // 'close' comes after 'exit' once the pipes are drained; listen before anything can emit.
  const closed = new Promise((done) => child.once('close', done));
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d) => (stdout += d));
  child.stderr?.setEncoding('utf8').on('data', (d) => (stderr += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
  /** @type {{code: number | null, signal: string | null, exitedAt: number}} */
  const ended = await new Promise((done, fail) => {
    child.once('error', fail);
    // 'exit', not 'close': the process is gone at this point, whatever its pipes still hold.
    child.once('exit', (code, signal) => done({ code, signal, exitedAt: Date.now() }));
  });
  clearTimeout(timer);
  await closed;
  /** @type {ChildResult} */
  const result = { ...ended, spawnedAt, stdout, stderr };
  if (rssFile) {
    const text = await readFile(rssFile, 'utf8').catch(() => '');
    await rm(rssFile, { force: true });
    // GNU time prints "Command exited with non-zero status N" before the format on failure.
    const kb = Number(text.trim().split('\n').pop());
    if (Number.isFinite(kb) && kb > 0) result.peakRssKb = kb;
  }
  return result;
}

/** True when `cmd` runs (used to skip parts whose tools are missing). */
export function hasCommand(
  /** @type {string} */ cmd,
  /** @type {string[]} */ args = ['--version'],
) {
  if (cmd.startsWith('/') && !existsSync(cmd)) return false;
  const r = spawnSync(cmd, args, { stdio: 'ignore' });
  return r.error === undefined;
}

/** CPU model, cores, memory, OS and Node version, for the table's caption. */
export function machine() {
  let cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) cpu = line.split(':')[1]?.trim() ?? cpu;
  } catch {
    // Not Linux: os.cpus() has it.
  }
  return {
    cpu: cpu.replace(/\s+/g, ' '),
    cores: os.availableParallelism?.() ?? os.cpus().length,
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
  };
}

/**
 * Removes what a run leaves in the work directory (run folders, GNU time outputs, the dist
 * snapshot, the baseline zip) even when a figure failed half-way. Synchronous, for 'exit'.
 */
export function cleanWorkSync() {
  if (!existsSync(WORK_DIR)) return;
  for (const name of readdirSync(WORK_DIR)) {
    if (/^(run-|rss-|dist$|baseline\.zip$)/.test(name)) {
      rmSync(join(WORK_DIR, name), { recursive: true, force: true });
    }
  }
}

/** Progress goes to stderr, so stdout carries only the table. */
export function progress(/** @type {string} */ message) {
  process.stderr.write(`[bench] ${message}\n`);
}
