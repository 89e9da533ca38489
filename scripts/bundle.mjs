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

/**
 * Builds one entry. The main bundle's lazy chunks are `<id>.index.js`. The post bundle reuses each
 * of them that is byte-identical (webpack ids derive from module paths, so shared modules such as
 * Octokit get the same chunk) and names its other chunks `<id>.post.js`, so the bundles never collide.
 */
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
  const chunks = fs.readdirSync(dir).filter((f) => f !== 'index.js' && f !== 'package.json');
  const own = chunks.filter((f) => {
    const main = path.join(out, f);
    return (
      name !== 'index' &&
      !(fs.existsSync(main) && fs.readFileSync(main).equals(fs.readFileSync(path.join(dir, f))))
    );
  });
  for (const f of chunks) {
    if (name === 'index') fs.copyFileSync(path.join(dir, f), path.join(out, f));
    else if (own.includes(f)) {
      fs.copyFileSync(path.join(dir, f), path.join(out, f.replace(/\.index\.js$/, `.${name}.js`)));
    }
  }
  let entryText = fs.readFileSync(path.join(dir, 'index.js'), 'utf8');
  if (own.length > 0) {
    const ids = JSON.stringify(own.map((f) => f.replace(/\.index\.js$/, '')));
    const runtime = 'return "" + chunkId + ".index.js";';
    if (!entryText.includes(runtime)) throw new Error(`${entry}: ncc's chunk loader changed`);
    entryText = entryText.replace(
      runtime,
      `return "" + chunkId + (${ids}.includes(String(chunkId)) ? ".${name}.js" : ".index.js");`,
    );
  }
  fs.writeFileSync(path.join(out, `${name}.js`), entryText);
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
