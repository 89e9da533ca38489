import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';

/** One thing to put in the zip, in the order it goes in. */
export type WalkItem =
  | {
      kind: 'file';
      /** Name inside the zip, relative to the directory, `/`-separated. */
      name: string;
      /** What to read: the file itself, or the real path a symlink inside the directory points to. */
      source: string;
      stats: fs.Stats;
    }
  | { kind: 'directory'; name: string; stats: fs.Stats };

/** What the walk left out, for the warnings. Lists are capped; the counts are not. */
export interface WalkReport {
  /** Symlinks left out: pointing outside the directory, broken, or looping back to an ancestor. */
  skipped: string[];
  skippedCount: number;
  /** Hidden files and directories left out (directories end with `/`), `.git` included. */
  hidden: string[];
  hiddenCount: number;
  /** How many of the left-out hidden entries are `.git` (never zipped, whatever the input says). */
  gitCount: number;
}

/** Names kept per list for the warnings; enough to recognise, bounded whatever the tree. */
const SAMPLE = 20;

export interface WalkOptions {
  /** Zip dotfiles and dot-directories too (`.git` never). */
  includeHidden: boolean;
  /** A path never to zip (the zip being written, should it sit inside the tree). */
  exclude?: string;
}

interface Frame {
  /** The directory read (a real path when it was reached through a symlink). */
  dir: string;
  /** Its name inside the zip, '' for the root. */
  prefix: string;
  names: string[];
  next: number;
  /** dev:ino, for loop detection. */
  key: string;
}

const FIX_NAME =
  'rename the file, or zip the directory yourself and set artifact to the .zip (entry names must be UTF-8 without backslashes)';

/**
 * Walks `root` depth-first in name order, yielding each directory before its contents, without
 * ever holding more than the directories on the current path in memory. What it does mirrors
 * `zip -r` with the rules of actions/upload-artifact:
 * - symlinks whose real path is inside the directory are followed and stored as what they point
 *   to (so pnpm's `node_modules/x -> .pnpm/...` arrives as a directory); one that resolves
 *   outside, is broken, or leads back to a directory on the current path (a loop) is left out;
 * - hidden entries (a name starting with `.`) are left out unless `includeHidden`, and `.git`
 *   always is: a checkout's `.git/config` holds the workflow token;
 * - a name that is not valid UTF-8 or contains `\` is an `artifact` input error naming the file:
 *   zip names are UTF-8, and unzip on Windows and the JVM read `\` as a separator, so `a\b` would
 *   land on top of `a/b`. Refusing beats storing a renamed file the app does not expect.
 * Sockets, FIFOs and devices have no content to ship and are passed over.
 */
export async function* walkArtifact(
  root: string,
  options: WalkOptions,
  report: WalkReport,
): AsyncGenerator<WalkItem> {
  const realRoot = await fs.promises.realpath(root);
  const inside = (target: string): boolean => {
    const rel = path.relative(realRoot, target);
    // `..config.json` is inside; only `..` itself or a path under it leaves.
    return rel === '' || !(rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel));
  };
  const frames: Frame[] = [];
  const onPath = new Set<string>();
  const enter = async (dir: string, prefix: string, stats: fs.Stats): Promise<void> => {
    const key = `${stats.dev}:${stats.ino}`;
    frames.push({ dir, prefix, names: readNames(dir, prefix, options), next: 0, key });
    onPath.add(key);
  };
  const skip = (name: string): void => {
    report.skippedCount += 1;
    if (report.skipped.length < SAMPLE) report.skipped.push(name);
  };

  await enter(realRoot, '', await fs.promises.stat(realRoot));
  while (frames.length > 0) {
    const frame = frames[frames.length - 1]!;
    if (frame.next >= frame.names.length) {
      frames.pop();
      onPath.delete(frame.key);
      continue;
    }
    const name = frame.names[frame.next++]!;
    const abs = path.join(frame.dir, name);
    const rel = frame.prefix ? `${frame.prefix}/${name}` : name;
    if (abs === options.exclude) continue;

    if (name === '.git' || (name.startsWith('.') && !options.includeHidden)) {
      report.hiddenCount += 1;
      if (name === '.git') report.gitCount += 1;
      if (report.hidden.length < SAMPLE) {
        // Only to mark directories in the warning; a name that is not UTF-8 cannot be looked up.
        const kind = lstat(abs);
        report.hidden.push(kind?.isDirectory() ? `${rel}/` : rel);
      }
      continue;
    }
    // Vanished since the readdir (a build still writing): nothing to zip.
    let stats = lstat(abs);
    if (!stats) continue;
    if (name.includes('\\')) {
      throw new InputError(
        'artifact',
        `holds a file whose name contains a backslash ('${escapeName(rel)}'), which unzip on Windows and Java would read as a folder`,
        FIX_NAME,
      );
    }

    let source = abs;
    if (stats.isSymbolicLink()) {
      const target = realpath(abs);
      const targetStats = target && inside(target) ? stat(target) : undefined;
      if (!target || !targetStats) {
        skip(rel);
        continue;
      }
      source = target;
      stats = targetStats;
    }
    if (stats.isDirectory()) {
      if (onPath.has(`${stats.dev}:${stats.ino}`)) {
        // A link back to a directory being walked: following it would never end.
        skip(rel);
        continue;
      }
      yield { kind: 'directory', name: rel, stats };
      await enter(source, rel, stats);
    } else if (stats.isFile()) {
      yield { kind: 'file', name: rel, source, stats };
    }
  }
}

/**
 * A directory's entries, sorted so the same tree gives the same zip. Node decodes names as UTF-8
 * and turns bytes that are not into U+FFFD; only then are the raw names read to tell a real
 * U+FFFD from a name that cannot be stored.
 */
function readNames(dir: string, prefix: string, options: WalkOptions): string[] {
  const names = fs.readdirSync(dir);
  if (names.some((name) => name.includes('\uFFFD'))) {
    for (const raw of fs.readdirSync(dir, { encoding: 'buffer' })) {
      if (Buffer.from(raw.toString('utf8'), 'utf8').equals(raw)) continue;
      // Left out anyway: a hidden name the walk will not look at.
      if (raw[0] === 0x2e && !options.includeHidden) continue;
      const rel = prefix ? `${escapeName(prefix)}/${escapeBytes(raw)}` : escapeBytes(raw);
      throw new InputError(
        'artifact',
        `holds a file whose name is not valid UTF-8 ('${rel}')`,
        FIX_NAME,
      );
    }
  }
  return names.sort();
}

/** Printable ASCII as it is, every other byte as \xNN: safe in a log line whatever the name. */
function escapeBytes(raw: Buffer): string {
  let out = '';
  for (const byte of raw) {
    out +=
      byte >= 0x20 && byte < 0x7f && byte !== 0x5c
        ? String.fromCharCode(byte)
        : `\\x${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}

function escapeName(name: string): string {
  return escapeBytes(Buffer.from(name, 'utf8'));
}

// The walk uses the synchronous calls on purpose: each is a few microseconds from the page cache,
// while the promise versions cost a thread pool round trip each, and that pool is what deflates
// the zip. On 20,600 small files (busy 2-core machine) the action took 17 s with the promise
// calls here and for the reads in zip.ts, and 6 s with the synchronous ones.

/** lstat, or undefined for an entry that vanished (ENOENT). */
function lstat(file: string): fs.Stats | undefined {
  return fs.lstatSync(file, { throwIfNoEntry: false });
}

function stat(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

function realpath(file: string): string | undefined {
  try {
    return fs.realpathSync.native(file);
  } catch {
    return undefined;
  }
}
