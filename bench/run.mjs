/**
 * `npm run bench`: starts the sandbox and measures the bundled action (dist/index.js) against a
 * baseline for each figure of docs/performance.md, then prints one table.
 *
 *   npm run bench [-- --quick] [-- --trees 2k,20k,70k,1g] [-- --markdown]
 *                 [-- --only start,finish,artifact,targets]
 *                 [-- --keep]
 *
 * --quick     fewer runs, Deskforge only for (b), one round per history world
 * --trees     artifact trees to run, of 2k,20k,70k,1g (default all: 200 MB / 2,000 files,
 *             20,000 and 70,000 files of 1-8 KB, 1 GB / 50,000 files; the last needs 2.5 GB of
 *             disk for the data and the zips, and several minutes)
 * --markdown  also write the table into docs/performance.md between <!-- bench:start --> and <!-- bench:end -->
 * --only      run some figures only
 * --keep      keep the generated directories in bench/.work/ for the next run
 *
 * Progress goes to stderr, the table to stdout. No figure is asserted in the test suite: timings
 * belong here, where they are compared with a baseline measured on the same machine, same minute.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startSandbox } from '../sandbox/server.mjs';
import { measureArtifact } from './artifact.mjs';
import { generateDataset, generateSmallFiles } from './dataset.mjs';
import { FINISH_BUILD_MS, FINISH_PROVIDERS, FINISH_WORLDS, measureFinish } from './finish.mjs';
import {
  GNU_TIME,
  cleanWorkSync,
  REPO_ROOT,
  WORK_DIR,
  hasCommand,
  machine,
  progress,
  snapshotDist,
} from './lib.mjs';
import { measureStart } from './start.mjs';
import { markdownTable, plainTable } from './table.mjs';
import { TARGET_BUILD_MS, measureTargets } from './targets.mjs';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    trees: { type: 'string' },
    markdown: { type: 'boolean', default: false },
    only: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const only = new Set(
  (values.only ?? 'start,finish,artifact,targets').split(',').map((s) => s.trim()),
);
const quick = values.quick;
const trees = new Set((values.trees ?? '2k,20k,70k,1g').split(',').map((s) => s.trim()));
const loadAtStart = os.loadavg()[0];
const started = Date.now();

/** @typedef {import('./table.mjs').Row} Row */
/** @type {Row[]} */
const rows = [];
/** @type {string[]} */
const skipped = [];
/**
 * What the table cannot say by itself. Reasons for a miss are printed only when it is missed;
 * they come from the investigation recorded in docs/performance.md and in zip.ts.
 * @type {string[]}
 */
const notes = [];
const MISSES = {
  start:
    'Start: a CPU profile of dist/index.js on Node 24 (about 100 ms) spends ~30 ms compiling the ' +
    '1.3 MB bundle and ~38 ms evaluating @actions/core, which imports @actions/http-client, which ' +
    "imports the npm copy of undici (~18 ms, for a ProxyAgent this action never uses) and 'tunnel'. " +
    'Loading undici only when a proxy agent is made is the next thing to try.',
  artifactTime:
    'Artifact wall time, 200 MB: one core does the zip (reading, CRC-32 and deflating every file up to ' +
    "1 MiB run on the main thread; only larger files are deflated on zlib's thread pool), then the " +
    'upload starts: nothing overlaps the two.',
  artifactSmallTime:
    'Artifact wall time, many small files: per file the walk opens it through its directory ' +
    '(/proc/self/fd), fstats it, reads /proc/self/fd/<fd> to check where it really lies (what keeps ' +
    'files outside the directory out), reads and closes it: five system calls where zip needs about ' +
    'three, then one deflate per file on one core. A CPU profile of 20,000 files (loaded machine): ' +
    'deflate ~48%, open ~9%, read ~7%, readlink ~6%, close ~4%, fstat ~3%.',
  artifactRss:
    'Artifact peak RSS, measured by sampling /proc/<pid>/status during a run ' +
    '(node bench/rss-timeline.mjs <dir>): the action holds ~70-76 MB before it zips (Node 24 alone ' +
    '~43 MB, plus the bundle and @actions/core). Zipping adds ~10 MB on 2,000 files and ~28 MB on ' +
    "50,000: the writer's 2 MiB output and 1 MiB read buffers, one zlib stream, the central " +
    "directory (~70 bytes plus the name per entry), and V8's young generation, which grows to " +
    '~17 MB with the allocation rate of a long walk (the live heap stays ~8 MB). The upload adds ' +
    '~2 MB: it reads the zip into four reused 256 KiB buffers, each reused only once the socket ' +
    'write that carries it has completed (src/http/body.ts fileBody); fresh read chunks ' +
    '(fs.createReadStream, before 2026-12-03) added 30-60 MB, freed only at a later GC.',
  artifactGrowth:
    'Artifact growth: the zip itself grows by its central directory only (~70 bytes plus the name ' +
    'per entry, 4 MB at 50,000 files); the rest is the young generation (see the RSS note).',
  finishLate:
    'Finish: the action saw the build end late; the per-run samples are printed on stderr.',
  finishReads:
    'Finish reads: more than 2.5x the reads of fixed 5 s polling. Without history the gaps start ' +
    'brisk and double up to poll-interval; with it, polls are brisk across 90-110% of the ' +
    'expected duration. Per-run samples are printed on stderr.',
};

/**
 * The artifact trees, smallest first: the time target (ours / `zip -qr` + `curl -T`) each must
 * meet, and how to make it (kept between runs with --keep).
 * @type {{key: string, label: string, files: number, timeLimit: number | undefined,
 *   generate: (dir: string) => Promise<{dir: string, files: number, bytes: number}>}[]}
 */
const ARTIFACT_TREES = [
  {
    key: '2k',
    label: '200 MB / 2,000 files (half random, half text)',
    files: 2000,
    timeLimit: 1.0,
    generate: (dir) => generateDataset(dir, { scale: 1 }),
  },
  {
    key: '20k',
    label: '20,000 files of 1-8 KB',
    files: 20_000,
    timeLimit: 1.5,
    generate: (dir) => generateSmallFiles(dir, { files: 20_000 }),
  },
  {
    key: '70k',
    label: '70,000 files of 1-8 KB (Zip64: more than 65,535 entries)',
    files: 70_000,
    timeLimit: 1.5,
    generate: (dir) => generateSmallFiles(dir, { files: 70_000 }),
  },
  {
    key: '1g',
    label: '1 GB / 50,000 files (half random, half text)',
    files: 50_000,
    // The issue sets no time target here, only the memory one.
    timeLimit: undefined,
    generate: (dir) => generateDataset(dir, { files: 50_000, bytes: 1_000_000_000 }),
  },
];

const TITLES = { deskforge: 'Deskforge', deployhub: 'DeployHub', justdeploy: 'JustDeploy' };

process.once('exit', cleanWorkSync);
await snapshotDist();

if (only.has('start')) {
  const sandbox = await startSandbox({ buildMs: 60_000 });
  try {
    progress('start: spawn to first provider request');
    const runs = quick ? 5 : 9;
    const start = await measureStart(sandbox, { runs });
    rows.push({
      figure: `(a) start: spawn → first provider request (median of ${runs})`,
      ours: `${start.ours} ms`,
      baseline: `${start.baseline} ms (\`node -e "fetch(url)"\`)`,
      ratio: start.ours / start.baseline,
      // Issue 5 asked for 1.25x when the action carried its own runner protocol; since it uses
      // @actions/core and @actions/http-client as designed (their imports cost ~40 ms), issue 19
      // holds start at 2.0x and asks for less only where it is cheap and safe.
      target: '≤ 2.0x',
      met: start.ours / start.baseline <= 2.0,
    });
    if (start.ours / start.baseline > 2.0) notes.push(MISSES.start);
  } finally {
    await sandbox.close();
  }
}

if (only.has('finish')) {
  const rounds = quick ? 1 : 2;
  const providers = quick ? ['deskforge'] : FINISH_PROVIDERS;
  // The action's default poll-interval (action.yml): the longest gap between two status reads.
  const pollMs = 5000;
  for (const [world, options] of Object.entries(FINISH_WORLDS)) {
    const sandbox = await startSandbox({ ...options });
    try {
      const finish = await measureFinish(sandbox, {
        rounds,
        providers,
        label: `finish, history ${world}`,
      });
      for (const [provider, r] of Object.entries(finish)) {
        const name = TITLES[/** @type {keyof typeof TITLES} */ (provider)] ?? provider;
        const fast = world === 'predicts';
        const late = r.ours.maxMs > pollMs + 500 || (fast && r.ours.ms > 1000);
        if (late) notes.push(MISSES.finishLate);
        if (r.ours.reads > r.baseline.reads * 2.5) notes.push(MISSES.finishReads);
        rows.push({
          figure:
            `(b) finish, ${name}, history ${world}: build end → first status read / exit ` +
            `(median of ${rounds}, worst exit)`,
          ours: `${r.ours.seenMs} / ${r.ours.ms} ms (${r.ours.maxMs})`,
          baseline: `${r.baseline.seenMs} / ${r.baseline.ms} ms (${r.baseline.maxMs}) (fixed 5 s polling)`,
          ratio: r.ours.ms / r.baseline.ms,
          target: fast ? '≤ 5.5 s all; median ≤ 1 s' : '≤ 5.5 s all',
          met: !late,
        });
        rows.push({
          figure: `(b) finish, ${name}, history ${world}: status reads`,
          ours: `${r.ours.reads}`,
          baseline: `${r.baseline.reads}`,
          ratio: r.ours.reads / r.baseline.reads,
          target: '≤ 2.5x fixed 5 s',
          met: r.ours.reads <= r.baseline.reads * 2.5,
        });
      }
    } finally {
      await sandbox.close();
    }
  }
  notes.push(
    `Finish: ${FINISH_BUILD_MS / 1000} s builds (short, so the three worlds run in a few ` +
      'minutes); history predicts = past builds 0.9-1.1x the build, misleads = 5x, absent = none. ' +
      'Latency target: poll-interval (default 5 s) + 0.5 s in every world.',
  );
}

if (only.has('artifact')) {
  const haveZip = hasCommand('zip', ['-v']) && hasCommand('curl');
  const haveUnzip = hasCommand('unzip', ['-v']);
  const haveTime = hasCommand(GNU_TIME);
  if (!haveTime) {
    const why = `${GNU_TIME} is missing (peak RSS needs GNU time): apt-get install time`;
    progress(`artifact: skipped, ${why}`);
    skipped.push(`(c) artifact: ${why}`);
  } else {
    if (!haveZip) {
      const why = 'zip or curl is missing: apt-get install zip curl';
      progress(`artifact: baseline skipped, ${why}`);
      skipped.push(`(c) artifact baseline: ${why}`);
    }
    if (!haveUnzip)
      skipped.push('(c) artifact: unzip is missing, uploads not checked (apt-get install unzip)');
    // buildMs is irrelevant (wait: false); uploads go to a scratch folder and are deleted per run.
    const sandbox = await startSandbox({ buildMs: 1000 });
    const runs = quick ? 1 : 3;
    /** @type {Record<string, {ms: number, rssMb: number, uploadMb: number}>} */
    const oursRss = {};
    try {
      for (const tree of ARTIFACT_TREES.filter((t) => trees.has(t.key))) {
        const dir = join(WORK_DIR, `data-${tree.key}`);
        progress(`artifact: generating ${tree.label}`);
        const data = await tree.generate(dir);
        const treeRuns = tree.key === '1g' ? Math.min(runs, 2) : runs;
        const r = await measureArtifact(sandbox, data.dir, {
          runs: treeRuns,
          baseline: haveZip,
          ...(haveUnzip ? { verifyFiles: data.files } : {}),
        });
        if (!values.keep) {
          await rm(dir, { recursive: true, force: true });
          await rm(`${dir}.complete`, { force: true });
        }
        oursRss[tree.key] = r.ours;
        const size = `${(data.bytes / 1e6).toFixed(0)} MB, ${data.files.toLocaleString('en-US')} files`;
        const base = r.baseline;
        if (base) {
          const ratio = r.ours.ms / base.ms;
          const limit = tree.timeLimit ?? Number.POSITIVE_INFINITY;
          rows.push({
            figure: `(c) artifact ${size}: zip + upload wall time (median of ${treeRuns})`,
            ours: `${(r.ours.ms / 1000).toFixed(1)} s (${r.ours.uploadMb.toFixed(1)} MB sent)`,
            baseline: `${(base.ms / 1000).toFixed(1)} s (\`zip -qr\` + \`curl -T\`, ${base.uploadMb.toFixed(1)} MB)`,
            ratio,
            target: tree.timeLimit === undefined ? '-' : `≤ ${tree.timeLimit.toFixed(1)}x`,
            met: ratio <= limit,
          });
          if (ratio > limit)
            notes.push(tree.files > 10_000 ? MISSES.artifactSmallTime : MISSES.artifactTime);
        }
        rows.push({
          figure: `(c) artifact ${size}: peak RSS${haveUnzip ? ' (upload checked by unzip -t)' : ''}`,
          ours: `${r.ours.rssMb.toFixed(0)} MB`,
          baseline: base ? `${base.rssMb.toFixed(0)} MB (zip, curl)` : '-',
          ratio: base ? r.ours.rssMb / base.rssMb : Number.NaN,
          target: '≤ 128 MB',
          met: r.ours.rssMb <= 128,
        });
        if (r.ours.rssMb > 128) notes.push(MISSES.artifactRss);
      }
      const small = oursRss['2k'];
      const grown = oursRss['1g'];
      if (small && grown) {
        rows.push({
          figure: '(c) artifact growth: peak RSS at 1 GB / 50,000 files against 200 MB / 2,000',
          ours: `${grown.rssMb.toFixed(0)} MB`,
          baseline: `${small.rssMb.toFixed(0)} MB (ours at 200 MB)`,
          ratio: grown.rssMb / small.rssMb,
          // Allow for noise: the allocator and the GC never land on exactly the same peak.
          target: 'no growth (≤ 1.1x)',
          met: grown.rssMb <= small.rssMb * 1.1,
        });
        if (grown.rssMb > small.rssMb * 1.1) notes.push(MISSES.artifactGrowth);
      }
    } finally {
      await sandbox.close();
    }
  }
}

if (only.has('targets')) {
  const sandbox = await startSandbox({ buildMs: 10_000, historyMs: 10_000 });
  try {
    const rounds = quick ? 1 : 2;
    const t = await measureTargets(sandbox, { rounds });
    const lengths = Object.values(TARGET_BUILD_MS)
      .map((ms) => `${ms / 1000}`)
      .join(', ');
    rows.push({
      figure: `(d) targets: 3 builds (${lengths} s) in one step, spawn → exit (median of ${rounds})`,
      ours: `${(t.together / 1000).toFixed(1)} s`,
      baseline: `${(t.slowest / 1000).toFixed(1)} s (the slowest alone; one after another: ${(t.sum / 1000).toFixed(1)} s)`,
      ratio: t.together / t.slowest,
      target: '≤ 1.2x',
      met: t.together <= t.slowest * 1.2,
    });
  } finally {
    await sandbox.close();
  }
}

const info = machine();
const loaded = Math.max(loadAtStart, os.loadavg()[0]) > info.cores / 2;
const seconds = Math.round((Date.now() - started) / 1000);
const caption =
  `${info.cpu}, ${info.cores} cores, ${info.memoryGb} GB RAM, ${info.os}, Node ${info.node}` +
  `${quick ? ', --quick' : ''}; bench took ${seconds} s; load average ${loadAtStart.toFixed(1)} at ` +
  `the start, ${os.loadavg()[0].toFixed(1)} at the end${loaded ? ' (a loaded machine: times and RSS vary run to run)' : ''}`;

const unique = [...new Set(notes)];
process.stdout.write(`\n${plainTable(rows)}\n\nMachine: ${caption}\n`);
for (const line of unique) process.stdout.write(`Note: ${line}\n`);
for (const line of skipped) process.stdout.write(`Skipped: ${line}\n`);

if (values.markdown) {
  const readme = join(REPO_ROOT, 'docs', 'performance.md');
  const text = await readFile(readme, 'utf8');
  const start = text.indexOf('<!-- bench:start -->');
  const end = text.indexOf('<!-- bench:end -->');
  if (start < 0 || end < start)
    throw new Error('docs/performance.md has no <!-- bench:start --> … <!-- bench:end --> block');
  let block = markdownTable(rows, caption, unique, skipped);
  // Format the block as `npm run format` would (aligned table), so format:check stays green.
  try {
    const prettier = await import('prettier');
    const config = (await prettier.resolveConfig(readme)) ?? {};
    block = await prettier.format(block, { ...config, parser: 'markdown' });
  } catch {
    progress('prettier not found: the table is left unaligned');
  }
  await writeFile(
    readme,
    `${text.slice(0, start)}<!-- bench:start -->\n\n${block}\n<!-- bench:end -->${text.slice(end + '<!-- bench:end -->'.length)}`,
  );
  progress('docs/performance.md: table updated');
}
