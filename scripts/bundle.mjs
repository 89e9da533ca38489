// Bundles src/index.ts -> dist/index.js (and its lazy chunks) with ncc. The post step runs the same
// bundle (action.yml), so there is one entry and ncc's chunk names are used as they are.
// `--check` bundles into a temporary folder and fails when dist/ differs (CI's check-dist).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const ncc = path.join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tba-bundle-'));
// Build next to nothing that runs: tests read dist/ while someone may be bundling.
const out = path.join(work, 'dist');

execFileSync(
  process.execPath,
  [ncc, 'build', path.join(root, 'src/index.ts'), '-o', out, '-q', '--target', 'es2022'],
  { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
);
fs.writeFileSync(path.join(out, 'package.json'), '{ "type": "module" }\n');

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
  fs.mkdirSync(dist, { recursive: true });
  for (const file of files) {
    // Write then rename, so a reader never sees a half-written bundle.
    fs.copyFileSync(path.join(out, file), path.join(dist, `.${file}.tmp`));
    fs.renameSync(path.join(dist, `.${file}.tmp`), path.join(dist, file));
  }
  fs.rmSync(work, { recursive: true, force: true });
  console.log(`Bundled: ${files.join(', ')}`);
}

function listing(dir) {
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
}
