// Bundles src/index.ts -> dist/index.js and src/post.ts -> dist/post.js with ncc.
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

/** Builds one entry; lazy chunks get the entry's name so the two bundles never collide. */
function build(entry, name) {
  const dir = path.join(work, name);
  execFileSync(
    process.execPath,
    [ncc, 'build', path.join(root, entry), '-o', dir, '-q', '--target', 'es2022'],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  for (const file of fs.readdirSync(dir)) {
    const src = path.join(dir, file);
    if (file === 'package.json') continue;
    let text = fs.readFileSync(src, 'utf8');
    if (name !== 'index') text = text.replaceAll('".index.js"', `".${name}.js"`);
    const target = file === 'index.js' ? `${name}.js` : file.replace(/\.index\.js$/, `.${name}.js`);
    fs.writeFileSync(path.join(out, target), text);
  }
}

fs.mkdirSync(out, { recursive: true });
build('src/index.ts', 'index');
build('src/post.ts', 'post');
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
