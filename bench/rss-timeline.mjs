/**
 * Where the action's memory goes during an artifact upload: runs the bundled action once
 * (JustDeploy, `wait: false`) on a directory against the sandbox, and prints its log lines and
 * its RSS (sampled from /proc/<pid>/status every 20 ms, Linux only) on one time line.
 *
 *   node bench/rss-timeline.mjs <directory> [--every 10]
 *
 * Every 10th rise of the RSS is printed (--every), so the phases (start, zipping, upload) show.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startSandbox } from '../sandbox/server.mjs';
import { ACTION, actionEnv } from './lib.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { every: { type: 'string', default: '10' } },
});
const dir = positionals[0];
if (!dir) throw new Error('usage: node bench/rss-timeline.mjs <directory> [--every 10]');
const every = Number(values.every);

const sandbox = await startSandbox({ buildMs: 1000 });
const run = await actionEnv({
  inputs: {
    provider: 'justdeploy',
    project: 'rss-timeline',
    organization: 'bench',
    token: 'sandbox-access',
    'secret-key': 'sandbox-secret',
    'api-url': sandbox.apiUrl('justdeploy'),
    artifact: resolve(dir),
    wait: false,
    'commit-status': false,
  },
  githubApiUrl: sandbox.githubApiUrl,
  sha: sandbox.sha,
});
const started = Date.now();
const child = spawn(process.execPath, [ACTION], {
  env: run.env,
  cwd: run.cwd,
  stdio: ['ignore', 'pipe', 'inherit'],
});
child.stdout.setEncoding('utf8').on('data', (text) => {
  for (const line of String(text).split('\n')) {
    if (line.trim()) process.stdout.write(`${Date.now() - started} ms  ${line.slice(0, 140)}\n`);
  }
});
let peakKb = 0;
let rises = 0;
const timer = setInterval(() => {
  let kb;
  try {
    kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1]);
  } catch {
    return; // exited
  }
  if (!(kb > peakKb)) return;
  peakKb = kb;
  if (rises++ % every === 0) {
    process.stdout.write(`${Date.now() - started} ms  RSS ${Math.round(kb / 1024)} MB\n`);
  }
}, 20);
const code = await new Promise((done) => child.once('exit', done));
clearInterval(timer);
process.stdout.write(`exit ${code}; peak RSS sampled ${Math.round(peakKb / 1024)} MB\n`);
for (const upload of sandbox.uploads) await rm(upload.file, { force: true });
await run.cleanup();
await sandbox.close();
