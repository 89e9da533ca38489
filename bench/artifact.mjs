/**
 * Figure (c), artifact: zip a generated directory and upload it to the sandbox's presigned upload
 * host (127.0.0.2). The action (JustDeploy, `wait: false`) against `zip -qr` then `curl -T`:
 * wall time from spawn to exit, and peak RSS (GNU time's %M; for the baseline the larger of zip's
 * and curl's). Our uploads can be checked with Info-ZIP's `unzip -t` (an independent reader) and
 * counted entry by entry, outside the timed part.
 */
import { spawnSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ACTION, WORK_DIR, actionEnv, median, progress, runChild } from './lib.mjs';

const KEYS = {
  'x-access-key': 'sandbox-access',
  'x-secret-key': 'sandbox-secret',
  'content-type': 'application/json',
};

let projectSeq = 0;

/**
 * Checks the upload for `project` arrived whole (as many bytes as its Content-Length said; with
 * `files`, also that `unzip -t` finds no error in it and it holds exactly that many files), then
 * deletes the stored copy (hundreds of MB each).
 * @param {import('../sandbox/server.mjs').Sandbox} sandbox
 * @param {string} project
 * @param {number} [files]
 */
async function takeUpload(sandbox, project, files) {
  const build = sandbox.builds.find((b) => b.provider === 'justdeploy' && b.project === project);
  const upload = build && sandbox.uploads.find((u) => u.buildId === build.id);
  if (!upload) throw new Error(`artifact: nothing was uploaded for ${project}`);
  try {
    if (upload.headers['content-length'] !== String(upload.size)) {
      throw new Error(
        `artifact: ${upload.size} bytes arrived for ${project}, Content-Length said ${upload.headers['content-length']}`,
      );
    }
    if (files !== undefined) verifyZip(upload.file, files, upload.size);
  } finally {
    await rm(upload.file, { force: true });
  }
  return upload.size;
}

/**
 * `unzip -tq` (CRC of every entry) and `zipinfo -1` (the names) on an uploaded zip: throws unless
 * both succeed and it lists `files` files.
 * @param {string} file
 * @param {number} files
 * @param {number} size what the upload host received (Content-Length was checked by the sandbox)
 */
function verifyZip(file, files, size) {
  const test = spawnSync('unzip', ['-tq', file], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (test.status !== 0 || !/^No errors detected/.test(test.stdout)) {
    throw new Error(`artifact: unzip -t found errors in our upload:\n${test.stdout}${test.stderr}`);
  }
  const list = spawnSync('unzip', ['-Z1', file], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const names = list.stdout.split('\n').filter((line) => line && !line.endsWith('/'));
  if (list.status !== 0 || names.length !== files) {
    throw new Error(`artifact: our upload lists ${names.length} files, expected ${files}`);
  }
  progress(
    `artifact: unzip -t: no errors in ${files} files (${(size / 1e6).toFixed(1)} MB upload)`,
  );
}

/**
 * The action: JustDeploy with the directory as its artifact, not waiting for the build.
 * @param {import('../sandbox/server.mjs').Sandbox} sandbox
 * @param {string} dir
 * @param {number} [verifyFiles] check the upload with `unzip -t` and count its files
 */
export async function runOurs(sandbox, dir, verifyFiles) {
  const project = `artifact-ours-${++projectSeq}`;
  const run = await actionEnv({
    inputs: {
      provider: 'justdeploy',
      project,
      organization: 'bench',
      token: 'sandbox-access',
      'secret-key': 'sandbox-secret',
      'api-url': sandbox.apiUrl('justdeploy'),
      artifact: dir,
      wait: false,
      'commit-status': false,
    },
    githubApiUrl: sandbox.githubApiUrl,
    sha: sandbox.sha,
  });
  const result = await runChild(process.execPath, [ACTION], {
    env: run.env,
    cwd: run.cwd,
    measureRss: true,
    timeoutMs: 300_000,
  });
  await run.cleanup();
  if (result.code !== 0) {
    throw new Error(
      `artifact: the action failed (exit ${result.code})\n${result.stdout}${result.stderr}`,
    );
  }
  const bytes = await takeUpload(sandbox, project, verifyFiles);
  return { ms: result.exitedAt - result.spawnedAt, rssKb: result.peakRssKb ?? Number.NaN, bytes };
}

/**
 * The baseline: create the build (not timed: any script needs the URL first), then
 * `zip -qr out.zip .` in the directory and `curl -sS -f -T out.zip <url>`.
 * @param {import('../sandbox/server.mjs').Sandbox} sandbox
 * @param {string} dir
 */
export async function runBaseline(sandbox, dir) {
  const project = `artifact-base-${++projectSeq}`;
  const res = await fetch(
    `${sandbox.apiUrl('justdeploy')}/organizations/bench/projects/${project}/builds`,
    {
      method: 'POST',
      headers: KEYS,
      body: JSON.stringify({ stage: 'production' }),
    },
  );
  if (!res.ok) throw new Error(`artifact: creating the baseline build answered ${res.status}`);
  const { url } = /** @type {{url: string}} */ (await res.json());
  const zipFile = join(WORK_DIR, 'baseline.zip');
  await rm(zipFile, { force: true });
  const zip = await runChild('zip', ['-qr', zipFile, '.'], {
    cwd: dir,
    measureRss: true,
    timeoutMs: 300_000,
  });
  if (zip.code !== 0) throw new Error(`artifact: zip failed (exit ${zip.code})\n${zip.stderr}`);
  const curl = await runChild('curl', ['-sS', '-f', '-T', zipFile, url], {
    measureRss: true,
    timeoutMs: 300_000,
  });
  await rm(zipFile, { force: true });
  if (curl.code !== 0) throw new Error(`artifact: curl failed (exit ${curl.code})\n${curl.stderr}`);
  const bytes = await takeUpload(sandbox, project);
  return {
    ms: curl.exitedAt - zip.spawnedAt,
    rssKb: Math.max(zip.peakRssKb ?? Number.NaN, curl.peakRssKb ?? Number.NaN),
    bytes,
  };
}

/**
 * Alternating runs of both on one directory; medians.
 * @param {import('../sandbox/server.mjs').Sandbox} sandbox
 * @param {string} dir
 * @param {{runs: number, baseline: boolean, verifyFiles?: number}} opts `verifyFiles`: check our
 *   first upload with `unzip -t` and count its files
 */
export async function measureArtifact(sandbox, dir, { runs, baseline, verifyFiles }) {
  /** @type {Awaited<ReturnType<typeof runOurs>>[]} */
  const ours = [];
  /** @type {Awaited<ReturnType<typeof runBaseline>>[]} */
  const base = [];
  for (let i = 0; i < runs; i++) {
    const order = i % 2 === 0 ? ['base', 'ours'] : ['ours', 'base'];
    for (const which of order) {
      if (which === 'ours') {
        ours.push(await runOurs(sandbox, dir, ours.length === 0 ? verifyFiles : undefined));
      } else if (baseline) base.push(await runBaseline(sandbox, dir));
    }
  }
  const fmt = (/** @type {{ms: number, rssKb: number, bytes: number}[]} */ s) =>
    s
      .map((x) => `${x.ms} ms/${Math.round(x.rssKb / 1024)} MB/${(x.bytes / 1e6).toFixed(1)} MB up`)
      .join(', ');
  progress(`artifact ${dir}: ours ${fmt(ours)}${baseline ? `; zip+curl ${fmt(base)}` : ''}`);
  const summary = (/** @type {{ms: number, rssKb: number, bytes: number}[]} */ s) => ({
    ms: median(s.map((x) => x.ms)),
    rssMb: median(s.map((x) => x.rssKb)) / 1024,
    uploadMb: median(s.map((x) => x.bytes)) / 1e6,
  });
  return { ours: summary(ours), baseline: baseline ? summary(base) : undefined };
}
