// Bundles src/index.ts -> dist/index.js (and its lazy chunks) with ncc. The post step runs the same
// bundle (action.yml), so there is one entry and ncc's chunk names are used as they are.
// The CLI (src/cli.ts) is bundled apart into dist/cli/, so its chunks never collide with the
// action's, and dist/cli.js is the executable that loads it (package.json `bin`). Its flags come
// from action.yml: src/cli/action-inputs.generated.ts is written here first.
// `--check` bundles into a temporary folder and fails when dist/ (or the generated file) differs.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readActionInputs, renderInputsModule } from './action-inputs.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const ncc = path.join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');
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

function nccBuild(entry, dir) {
  execFileSync(
    process.execPath,
    [ncc, 'build', path.join(root, entry), '-o', dir, '-q', '--target', 'es2022'],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
}

nccBuild('src/index.ts', out);
nccBuild('src/cli.ts', path.join(out, 'cli'));
fs.writeFileSync(path.join(out, 'package.json'), '{ "type": "module" }\n');
fs.writeFileSync(
  path.join(out, 'cli.js'),
  '#!/usr/bin/env node\n// The trigger-build CLI (see README, "The CLI"); the bundle is in ./cli/.\nimport \'./cli/index.js\';\n',
);
fs.chmodSync(path.join(out, 'cli.js'), 0o755);

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
  for (const stale of listing(dist)) if (!files.includes(stale)) fs.rmSync(path.join(dist, stale));
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
