// Bundles src/index.ts -> dist/index.js (the action; the post step runs the same bundle, see
// action.yml) and src/cli.ts -> dist/cli.js (the CLI, package.json `bin`), with the code they share
// in dist/chunks/. The CLI's flags come from action.yml: src/cli/action-inputs.generated.ts is
// written here first, and so are the inputs and outputs tables of README.md and docs/
// (scripts/readme-tables.mjs).
// `--check` bundles into a temporary folder and fails when dist/ (or the generated file) differs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { readActionInputs, renderInputsModule } from './action-inputs.mjs';
import { updateTables } from './readme-tables.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tba-bundle-'));
// Build next to nothing that runs: tests read dist/ while someone may be bundling.
const out = path.join(work, 'dist');

const generated = path.join(root, 'src', 'cli', 'action-inputs.generated.ts');
const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
const inputsModule = renderInputsModule(readActionInputs(path.join(root, 'action.yml')), version);
const current = fs.existsSync(generated) ? fs.readFileSync(generated, 'utf8') : '';
if (current !== inputsModule) {
  if (check) {
    console.error(
      'src/cli/action-inputs.generated.ts does not match action.yml. Run: npm run bundle.',
    );
    process.exit(1);
  }
  fs.writeFileSync(generated, inputsModule);
}
const staleTables = await updateTables(root, check);
if (check && staleTables.length > 0) {
  console.error(
    `The inputs/outputs tables of ${staleTables.join(', ')} do not match action.yml. Run: npm run bundle.`,
  );
  process.exit(1);
}

// One esbuild run for both entries: the action (dist/index.js, also the post step) and the CLI
// (dist/cli.js) share their code as chunks in dist/chunks/ instead of shipping two copies, and the
// modules only some runs need (Octokit, glob, zip, YAML) stay lazy chunks off the start path.
// Chunk names carry a content hash, so a rebuild of the same source writes the same files.
await esbuild.build({
  absWorkingDir: root,
  entryPoints: { index: 'src/index.ts', cli: 'src/cli.ts' },
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
  // Some dependencies are CommonJS and call require() for Node's own modules; in an ES module
  // there is no require, so each output file gets one made for it.
  banner: {
    js: "import { createRequire as __tbaCreateRequire } from 'node:module';\nconst require = __tbaCreateRequire(import.meta.url);",
  },
});
fs.writeFileSync(path.join(out, 'package.json'), '{ "type": "module" }\n');
const cli = path.join(out, 'cli.js');
fs.writeFileSync(cli, `#!/usr/bin/env node\n${fs.readFileSync(cli, 'utf8')}`);
fs.chmodSync(cli, 0o755);

if (check) {
  const committed = path.join(root, 'dist');
  const names = new Set([...listing(out), ...listing(committed)]);
  const stale = [...names].filter((name) => {
    const a = path.join(out, name);
    const b = path.join(committed, name);
    return !fs.existsSync(a) || !fs.existsSync(b) || !fs.readFileSync(a).equals(fs.readFileSync(b));
  });
  fs.rmSync(work, { recursive: true, force: true });
  if (stale.length > 0) {
    console.error(
      `dist/ is out of date (${stale.join(', ')}). Run: npm run bundle, then commit dist/.`,
    );
    process.exit(1);
  }
  console.log('dist/ is in sync with src/.');
} else {
  const dist = path.join(root, 'dist');
  const files = listing(out);
  fs.mkdirSync(dist, { recursive: true });
  for (const stale of listing(dist)) if (!files.includes(stale)) fs.rmSync(path.join(dist, stale));
  // Folders an older layout left behind, now empty (git does not keep them either).
  for (const entry of fs.readdirSync(dist, { withFileTypes: true })) {
    const folder = path.join(dist, entry.name);
    if (entry.isDirectory() && fs.readdirSync(folder).length === 0) fs.rmdirSync(folder);
  }
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(dist, file)), { recursive: true });
    // Write then rename, so a reader never sees a half-written bundle.
    const temp = path.join(path.dirname(path.join(dist, file)), `.${path.basename(file)}.tmp`);
    fs.copyFileSync(path.join(out, file), temp);
    fs.chmodSync(temp, fs.statSync(path.join(out, file)).mode);
    fs.renameSync(temp, path.join(dist, file));
  }
  fs.rmSync(work, { recursive: true, force: true });
  console.log(`Bundled: ${files.join(', ')}`);
}

/** Every file under `dir`, as sorted relative paths. */
function listing(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath ?? entry.path, entry.name)))
    .sort();
}
