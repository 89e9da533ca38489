import fs from 'node:fs';
import path from 'node:path';
import {
  hiddenKind,
  relativeInside,
  Root,
  type HiddenKind,
  type InsideDirectory,
  type InsideFile,
  type Refusal,
} from '../files/inside.js';
import { ArtifactError, type ArtifactWords } from './error.js';

/** One thing to put in the zip, in the order it goes in. */
export type WalkItem =
  | {
      kind: 'file';
      /** Name inside the zip, relative to the directory, `/`-separated. */
      name: string;
      /**
       * The file, opened and checked to lie inside the directory (see ../files/inside.ts). The
       * consumer reads it through this descriptor and closes it.
       */
      fd: number;
      stats: fs.Stats;
    }
  | { kind: 'directory'; name: string; stats: fs.Stats };

/** What the walk left out, for the warnings. Lists are capped; the counts are not. */
export interface WalkReport {
  /** Symlinks left out: pointing outside the directory, broken, or looping back to an ancestor. */
  skipped: string[];
  skippedCount: number;
  /**
   * Hidden files and directories left out (directories end with `/`), `.git` included, and links
   * to them: what an entry is judged by is where it leads, not its name.
   */
  hidden: string[];
  hiddenCount: number;
  /** How many of the left-out hidden entries are (or lead into) `.git`: never zipped. */
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
  dir: InsideDirectory;
  /** Its name inside the zip, '' for the root. */
  prefix: string;
  names: Entry[];
  next: number;
  /** dev:ino, for loop detection. */
  key: string;
}

const FIX_NAME: ArtifactWords = (n) =>
  `rename the file, or zip the directory yourself and set ${n.path} to the .zip (entry names must be UTF-8 without backslashes)`;

/**
 * Walks `root` depth-first in name order, yielding each directory before its contents, without
 * ever holding more than the directories on the current path in memory. What it does mirrors
 * `zip -r` with the rules of actions/upload-artifact:
 * - symlinks whose real path is inside the directory are followed and stored as what they point
 *   to (so pnpm's `node_modules/x -> .pnpm/...` arrives as a directory); one that resolves
 *   outside, is broken, or leads back to a directory on the current path (a loop) is left out;
 * - hidden entries (a name starting with `.`) are left out unless `includeHidden`, and `.git`
 *   always is: a checkout's `.git/config` holds the workflow token. A link is judged by where it
 *   leads (`leak -> .git` is `.git`, `env.txt -> .env` is hidden), see `hiddenKind`;
 * - every directory and file is opened through `Root`, which refuses anything that lies outside
 *   the directory when it is opened, so a directory swapped for a link during the walk lets
 *   nothing from outside in (it is passed over like an entry that vanished);
 * - a name that is not valid UTF-8 or contains `\` is an ArtifactError naming the file:
 *   zip names are UTF-8, and unzip on Windows and the JVM read `\` as a separator, so `a\b` would
 *   land on top of `a/b`. Refusing beats storing a renamed file the app does not expect.
 * Sockets, FIFOs and devices have no content to ship and are passed over.
 */
export function* walkArtifact(
  rootPath: string,
  options: WalkOptions,
  report: WalkReport,
): Generator<WalkItem, void, undefined> {
  const root = Root.open(rootPath);
  const exclude = options.exclude === undefined ? undefined : excluded(root, options.exclude);
  const frames: Frame[] = [];
  const onPath = new Set<string>();
  const enter = (dir: InsideDirectory, prefix: string): void => {
    const key = `${dir.stats.dev}:${dir.stats.ino}`;
    frames.push({ dir, prefix, names: readNames(dir.base, prefix, options), next: 0, key });
    onPath.add(key);
  };
  const skip = (name: string): void => {
    report.skippedCount += 1;
    if (report.skipped.length < SAMPLE) report.skipped.push(name);
  };
  const hide = (rel: string, kind: HiddenKind, directory: boolean): void => {
    report.hiddenCount += 1;
    if (kind === 'git') report.gitCount += 1;
    if (report.hidden.length < SAMPLE) report.hidden.push(directory ? `${rel}/` : rel);
  };

  try {
    enter(root.top(), '');
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      if (frame.next >= frame.names.length) {
        frames.pop();
        onPath.delete(frame.key);
        frame.dir.close();
        continue;
      }
      const entry = frame.names[frame.next++]!;
      const name = entry.name;
      const abs = root.child(frame.dir, name);
      const rel = frame.prefix ? `${frame.prefix}/${name}` : name;
      if (
        exclude !== undefined &&
        exclude === (frame.dir.rel ? `${frame.dir.rel}/${name}` : name)
      ) {
        continue;
      }

      const ownKind: HiddenKind =
        name === '.git' ? 'git' : name.startsWith('.') ? 'hidden' : undefined;
      if (ownKind === 'git' || (ownKind === 'hidden' && !options.includeHidden)) {
        // Only to mark directories in the warning (what readdir said it was).
        hide(rel, ownKind, entry.isDirectory());
        continue;
      }
      zipEntryName(frame.prefix, name);

      // What readdir said it was (Node lstats by itself where the file system does not say): a
      // hint only, one lstat per file fewer. What counts is what the open finds: files and
      // directories are opened without following a link, and checked by their descriptor.
      let opened: InsideDirectory | InsideFile | Refusal;
      if (entry.isSymbolicLink()) {
        const target = root.resolve(abs);
        const targetStats = target === undefined ? undefined : stat(abs);
        const real = target === undefined ? '' : path.join(root.real, ...target.split('/'));
        opened = !targetStats
          ? 'missing'
          : targetStats.isDirectory()
            ? root.openDirectory(real)
            : targetStats.isFile()
              ? root.openFile(real, false)
              : 'kind';
        // Outside, broken, or swapped meanwhile for something else: left out like a broken link.
        if (opened === 'missing' || opened === 'outside') {
          skip(rel);
          continue;
        }
        if (typeof opened !== 'string') {
          // Judged by where the descriptor really is, not by the link's name (nor by where the
          // link led a moment before the open).
          const kind = hiddenKind(opened.rel);
          if (kind === 'git' || (kind === 'hidden' && !options.includeHidden)) {
            const directory = !('fd' in opened);
            if ('fd' in opened) fs.closeSync(opened.fd);
            else opened.close();
            hide(rel, kind, directory);
            continue;
          }
        }
      } else if (entry.isDirectory()) {
        opened = root.openDirectory(abs);
      } else if (entry.isFile()) {
        opened = root.openFile(abs, false);
      } else {
        continue;
      }
      // Gone (a build still writing), or swapped for a link, a FIFO or a directory elsewhere since
      // the readdir.
      if (typeof opened === 'string') continue;

      if ('fd' in opened) {
        yield { kind: 'file', name: rel, fd: opened.fd, stats: opened.stats };
        continue;
      }
      if (onPath.has(`${opened.stats.dev}:${opened.stats.ino}`)) {
        // A link back to a directory being walked: following it would never end.
        opened.close();
        skip(rel);
        continue;
      }
      try {
        enter(opened, rel);
      } catch (error) {
        opened.close();
        throw error;
      }
      yield { kind: 'directory', name: rel, stats: opened.stats };
    }
  } finally {
    for (const frame of frames) frame.dir.close();
    root.close();
  }
}

/**
 * The zip entry name of `name` in the directory whose entry name is `prefix` ('' for the root):
 * always `/`-joined, whatever the OS. A name holding `\` is an ArtifactError: unzip on
 * Windows and the JVM read it as a separator, so `a\b` would land on top of `a/b`.
 */
export function zipEntryName(prefix: string, name: string): string {
  const rel = prefix ? `${prefix}/${name}` : name;
  if (name.includes('\\')) {
    throw new ArtifactError(
      `holds a file whose name contains a backslash ('${escapeName(rel)}'), which unzip on Windows and Java would read as a folder`,
      FIX_NAME,
    );
  }
  return rel;
}

/** Where the excluded file sits relative to the root (its directory resolved), if inside. */
function excluded(root: Root, file: string): string | undefined {
  try {
    const dir = fs.realpathSync.native(path.dirname(file));
    return relativeInside(root.real, path.join(dir, path.basename(file)));
  } catch {
    return undefined;
  }
}

/**
 * A directory's entries, sorted so the same tree gives the same zip. Node decodes names as UTF-8
 * and turns bytes that are not into U+FFFD; only then are the raw names read to tell a real
 * U+FFFD from a name that cannot be stored.
 */
/** A directory entry's name and what readdir (or an lstat) said it was. */
type Entry = Pick<fs.Dirent, 'name' | 'isFile' | 'isDirectory' | 'isSymbolicLink'>;

/**
 * The entries of a directory with their types. Where the file system gives no type, Node lstats
 * each entry itself, and one that vanished meanwhile (or a name that is not UTF-8, which it cannot
 * look up) fails the whole listing: then the names are listed and each is lstat'ed here, one
 * that cannot be being of no kind (passed over, like an entry that vanished).
 */
function listEntries(dir: string): Entry[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return fs.readdirSync(dir).map((name) => {
    const stats = fs.lstatSync(path.join(dir, name), { throwIfNoEntry: false });
    return {
      name,
      isFile: () => stats?.isFile() ?? false,
      isDirectory: () => stats?.isDirectory() ?? false,
      isSymbolicLink: () => stats?.isSymbolicLink() ?? false,
    };
  });
}

function readNames(dir: string, prefix: string, options: WalkOptions): Entry[] {
  let names: Entry[];
  try {
    names = listEntries(dir);
  } catch (error) {
    // Gone (or swapped) since it was entered, where the directory is reached by its path (not
    // Linux): nothing to list; whatever is listed instead is checked file by file anyway.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw error;
  }
  if (names.some((entry) => entry.name.includes('\uFFFD'))) {
    for (const raw of fs.readdirSync(dir, { encoding: 'buffer' })) {
      if (Buffer.from(raw.toString('utf8'), 'utf8').equals(raw)) continue;
      // Left out anyway: a hidden name the walk will not look at.
      if (raw[0] === 0x2e && !options.includeHidden) continue;
      const rel = prefix ? `${escapeName(prefix)}/${escapeBytes(raw)}` : escapeBytes(raw);
      throw new ArtifactError(`holds a file whose name is not valid UTF-8 ('${rel}')`, FIX_NAME);
    }
  }
  // The order of a plain sort of the names (UTF-16 code units), as before.
  return names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
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

function stat(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}
