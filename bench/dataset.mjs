/**
 * The artifact of figure (c): a directory of files, half random bytes (incompressible: think
 * images, wasm, fonts under a neutral name) and half text (compressible: think HTML, JS, JSON),
 * the same bytes for the same seed on every machine. 2000 files / 200 MB at scale 1.
 */
import { createCipheriv, createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { rng } from '../sandbox/worlds.mjs';

/** Files and bytes at scale 1 (half of each is random, half text). */
const FILES = 2000;
const BYTES = 200_000_000;
/** Sub-directories, so the walk is a tree as in a real build output. */
const DIRS = 20;

const WORDS = (
  'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut ' +
  'labore et dolore magna aliqua enim ad minim veniam quis nostrud exercitation ullamco laboris ' +
  'nisi aliquip ex ea commodo consequat duis aute irure in reprehenderit voluptate velit esse ' +
  'cillum fugiat nulla pariatur excepteur sint occaecat cupidatat non proident sunt culpa qui ' +
  'officia deserunt mollit anim id est laborum'
).split(' ');

/** 32 bits of sha256(text), to derive per-file seeds. */
function hash32(/** @type {string} */ text) {
  return createHash('sha256').update(text).digest().readUInt32LE(0);
}

/** `size` random-looking bytes: an AES-256-CTR keystream, fast and fully determined by the key. */
function randomBytesFrom(/** @type {string} */ key, /** @type {number} */ size) {
  const digest = createHash('sha256').update(key).digest();
  const cipher = createCipheriv('aes-256-ctr', digest, digest.subarray(0, 16));
  return cipher.update(Buffer.alloc(size));
}

/** About `size` bytes of numbered lorem-ipsum lines (exactly `size`, cut at the end). */
function textFrom(/** @type {number} */ seed, /** @type {number} */ size) {
  const next = rng(seed);
  const lines = [];
  let length = 0;
  for (let n = 1; length < size; n++) {
    const words = [];
    const count = 6 + Math.floor(next() * 10);
    for (let w = 0; w < count; w++) words.push(WORDS[Math.floor(next() * WORDS.length)]);
    const line = `${String(n).padStart(6, '0')} ${words.join(' ')} ${Math.floor(next() * 1e6)}\n`;
    lines.push(line);
    length += line.length;
  }
  return Buffer.from(lines.join('').slice(0, size));
}

/**
 * Sizes for `count` files adding up to `total`: spread between ~0.25x and ~1.75x the mean, so
 * there are small and large files.
 */
function sizes(
  /** @type {number} */ seed,
  /** @type {number} */ count,
  /** @type {number} */ total,
) {
  const next = rng(seed);
  const weights = Array.from({ length: count }, () => 0.25 + 1.5 * next());
  const sum = weights.reduce((a, b) => a + b, 0);
  const out = weights.map((w) => Math.floor((w / sum) * total));
  out[0] = /** @type {number} */ (out[0]) + total - out.reduce((a, b) => a + b, 0);
  return out;
}

/**
 * Creates (or reuses, when a previous run left it complete) the dataset at `dir`. The marker
 * `<dir>.complete` sits next to the directory, so it is not part of the artifact.
 * @param {string} dir
 * @param {{scale?: number, files?: number, bytes?: number, seed?: string}} [opts]
 * @returns {Promise<{dir: string, files: number, bytes: number}>}
 */
export async function generateDataset(
  dir,
  { scale = 1, files = FILES * scale, bytes = BYTES * scale, seed = 'trigger-build-bench' } = {},
) {
  const marker = `${dir}.complete`;
  const want = JSON.stringify({ files, bytes, seed, version: 1 });
  if (existsSync(marker) && (await readFile(marker, 'utf8')) === want) {
    return { dir, files, bytes };
  }
  await rm(marker, { force: true });
  await rm(dir, { recursive: true, force: true });
  const half = files / 2;
  const randomSizes = sizes(hash32(`${seed}:random`), half, bytes / 2);
  const textSizes = sizes(hash32(`${seed}:text`), half, bytes / 2);
  for (let d = 0; d < DIRS; d++)
    await mkdir(join(dir, `d${String(d).padStart(2, '0')}`), { recursive: true });
  for (let i = 0; i < files; i++) {
    const k = Math.floor(i / 2);
    const sub = join(dir, `d${String(i % DIRS).padStart(2, '0')}`);
    if (i % 2 === 0) {
      const size = /** @type {number} */ (randomSizes[k]);
      await writeFile(join(sub, `blob-${k}.bin`), randomBytesFrom(`${seed}:${k}`, size));
    } else {
      const size = /** @type {number} */ (textSizes[k]);
      await writeFile(join(sub, `page-${k}.txt`), textFrom(hash32(`${seed}:text:${k}`), size));
    }
  }
  await writeFile(marker, want);
  return { dir, files, bytes };
}

/**
 * The small-file case: `files` files of 1-8 KB of JavaScript-like text, 50 to a folder, folders
 * nested three deep (`p07/lib/m3/f123.js`), like a node_modules tree.
 * @param {string} dir
 * @param {{files?: number, seed?: string}} [opts]
 * @returns {Promise<{dir: string, files: number, bytes: number}>}
 */
export async function generateSmallFiles(
  dir,
  { files = 20_000, seed = 'trigger-build-small' } = {},
) {
  const marker = `${dir}.complete`;
  const want = JSON.stringify({ files, seed, version: 1 });
  if (existsSync(marker)) {
    const done = JSON.parse(await readFile(marker, 'utf8'));
    if (JSON.stringify({ files: done.files, seed: done.seed, version: done.version }) === want) {
      return { dir, files, bytes: done.bytes };
    }
  }
  await rm(marker, { force: true });
  await rm(dir, { recursive: true, force: true });
  const next = rng(hash32(seed));
  let bytes = 0;
  for (let i = 0; i < files; i++) {
    const folder = Math.floor(i / 50);
    const sub = join(
      dir,
      `p${String(folder % 40).padStart(2, '0')}`,
      'lib',
      `m${Math.floor(folder / 40)}`,
    );
    if (i % 50 === 0) await mkdir(sub, { recursive: true });
    const size = 1024 + Math.floor(next() * 7 * 1024);
    const text = textFrom(hash32(`${seed}:${i}`), size);
    await writeFile(join(sub, `f${i}.js`), text);
    bytes += text.length;
  }
  await writeFile(marker, JSON.stringify({ files, seed, version: 1, bytes }));
  return { dir, files, bytes };
}
