/**
 * The one owner of "files we read stay inside their root": the artifact directory for the zip,
 * the workspace for Sitepaste pages. A path is judged by where it really leads (symlinks
 * resolved), never by its name, and a file is judged after it is opened, by the descriptor, so a
 * directory swapped for a link between our check and our read cannot let an outside file in.
 *
 * How the open is checked, and why: Node has no openat(), so a path we open is resolved again by
 * the kernel, through every parent, at the moment of the open. Checking a path before or after the
 * open (realpath, then open) leaves a window another process can use by swapping a parent
 * directory for a link and back. So:
 * - On Linux, directories are opened once (O_DIRECTORY | O_NOFOLLOW) and their children are
 *   reached through `/proc/self/fd/<dir fd>/<name>`: the kernel resolves that from the directory
 *   we hold, not from its path, which is openat() in all but name. Every opened descriptor is then
 *   located by reading `/proc/self/fd/<fd>`, the kernel's own answer for that open file, and
 *   refused when it lies outside the root. The last component is opened O_NOFOLLOW (a child
 *   swapped for a link fails with ELOOP instead of being followed).
 * - Elsewhere (macOS, Windows: no /proc), the descriptor is compared with the file at its
 *   resolved path (same device and inode, path inside the root). That narrows the window to the
 *   few microseconds between the open and the check, but cannot close it; this is stated in
 *   docs/providers/justdeploy.md.
 * Every open also has O_NONBLOCK, so a FIFO swapped in (or matched by a glob) cannot block us: it
 * is opened, seen not to be a regular file, and closed.
 */
import fs from 'node:fs';
import path from 'node:path';

/**
 * The `/`-joined path of `target` relative to `root` when `target` is `root` itself ('') or below
 * it; undefined when it is anywhere else (a parent, a sibling, another drive). `p` is `path.win32`
 * or `path.posix` in tests; on Windows the comparison is case-insensitive, as `path.win32` does it.
 */
export function relativeInside(
  root: string,
  target: string,
  p: path.PlatformPath = path,
): string | undefined {
  const rel = p.relative(root, target);
  if (rel === '') return '';
  // Another drive (or UNC share) on Windows: relative() gives back an absolute path.
  if (p.isAbsolute(rel) || /^[a-zA-Z]:/.test(rel)) return undefined;
  const parts = rel.split(p.sep);
  // `..config.json` is inside; only `..` itself as a component leaves.
  if (parts[0] === '..') return undefined;
  return parts.join('/');
}

/** What a path inside the root counts as, judged component by component. */
export type HiddenKind = 'git' | 'hidden' | undefined;

/**
 * Whether a root-relative `/`-joined path is hidden: `'git'` when any component is `.git` (a
 * checkout's `.git/config` can hold the workflow's token), `'hidden'` when any component starts
 * with a dot, except one directly inside a `node_modules` directory: package managers keep their
 * stores and links there (pnpm's `node_modules/.pnpm`, `node_modules/.bin`), and a pnpm tree's
 * top-level packages are links into that store.
 */
export function hiddenKind(rel: string): HiddenKind {
  if (rel === '') return undefined;
  const parts = rel.split('/');
  if (parts.includes('.git')) return 'git';
  for (let i = 0; i < parts.length; i++) {
    if (parts[i]!.startsWith('.') && parts[i - 1] !== 'node_modules') return 'hidden';
  }
  return undefined;
}

const C = fs.constants;
// Undefined on Windows, where 0 leaves the open as it was.
const NOFOLLOW = C.O_NOFOLLOW ?? 0;
const NONBLOCK = C.O_NONBLOCK ?? 0;
const DIRECTORY = C.O_DIRECTORY ?? 0;

/** A file opened inside the root: read it through `fd`, then close it. */
export interface InsideFile {
  fd: number;
  stats: fs.Stats;
  /** Where it really is, relative to the root, `/`-joined. */
  rel: string;
}

/** A directory entered inside the root. */
export interface InsideDirectory {
  /** What to join a child's name to, to reach it through this very directory. */
  base: string;
  stats: fs.Stats;
  /** Where it really is, relative to the root, `/`-joined. */
  rel: string;
  close(): void;
}

/** Why an open was refused: gone (or swapped meanwhile), not the expected kind, or outside. */
export type Refusal = 'missing' | 'kind' | 'outside';

/**
 * A root whose files we read: every open goes through here and is checked to lie inside it.
 * Create with `openRoot`.
 */
export class Root {
  private constructor(
    /** The root's real path (symlinks resolved). */
    readonly real: string,
    private readonly proc: boolean,
    private readonly rootFd: number | undefined,
  ) {}

  /** Opens `root` (which must be a directory); throws what fs throws when it cannot. */
  static open(root: string): Root {
    const real = fs.realpathSync.native(root);
    if (process.platform === 'linux') {
      let fd: number | undefined;
      try {
        fd = fs.openSync(real, C.O_RDONLY | DIRECTORY | NONBLOCK);
        // /proc may be missing in a minimal container: then the portable check is used.
        if (fs.readlinkSync(`/proc/self/fd/${fd}`) === real) return new Root(real, true, fd);
      } catch {
        // fall through to the portable check
      }
      if (fd !== undefined) fs.closeSync(fd);
    }
    return new Root(real, false, undefined);
  }

  /** The root directory itself, entered. */
  top(): InsideDirectory {
    const stats = fs.statSync(this.real);
    return {
      base: this.proc ? `/proc/self/fd/${this.rootFd}` : this.real,
      stats,
      rel: '',
      close: () => undefined,
    };
  }

  /** Lets go of the root's own descriptor. */
  close(): void {
    if (this.rootFd !== undefined) fs.closeSync(this.rootFd);
  }

  /** The path of `name` inside an entered directory (not following anything by itself). */
  child(dir: InsideDirectory, name: string): string {
    return this.proc ? `${dir.base}/${name}` : path.join(dir.base, name);
  }

  /** Where a path leads now, relative to the root; undefined when outside, broken or gone. */
  resolve(file: string): string | undefined {
    try {
      return relativeInside(this.real, fs.realpathSync.native(file));
    } catch {
      return undefined;
    }
  }

  /**
   * Opens a regular file for reading and checks the descriptor lies inside the root. With
   * `follow: false` the last component must not be a link (a child swapped for one is
   * `'missing'`, as if it had gone).
   */
  openFile(file: string, follow: boolean): InsideFile | Refusal {
    let fd: number;
    try {
      fd = fs.openSync(file, C.O_RDONLY | NONBLOCK | (follow ? 0 : NOFOLLOW));
    } catch (error) {
      // Windows will not open a directory as a file.
      return (error as NodeJS.ErrnoException).code === 'EISDIR' ? 'kind' : 'missing';
    }
    const stats = fs.fstatSync(fd);
    const rel = stats.isFile() ? this.locate(fd, file, stats) : undefined;
    if (rel === undefined) {
      fs.closeSync(fd);
      return stats.isFile() ? 'outside' : 'kind';
    }
    return { fd, stats, rel };
  }

  /** Enters a directory (the last component not a link) and checks it lies inside the root. */
  openDirectory(dir: string): InsideDirectory | Refusal {
    if (!this.proc) {
      // No directory descriptors to hold: the real path, checked against the directory's inode.
      let real: string;
      let stats: fs.Stats;
      try {
        if (fs.lstatSync(dir).isSymbolicLink()) return 'missing';
        real = fs.realpathSync.native(dir);
        stats = fs.statSync(real);
      } catch {
        return 'missing';
      }
      if (!stats.isDirectory()) return 'kind';
      const rel = relativeInside(this.real, real);
      return rel === undefined ? 'outside' : { base: real, stats, rel, close: () => undefined };
    }
    let fd: number;
    try {
      fd = fs.openSync(dir, C.O_RDONLY | DIRECTORY | NOFOLLOW | NONBLOCK);
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ENOTDIR' ? 'kind' : 'missing';
    }
    const stats = fs.fstatSync(fd);
    const rel = this.locate(fd, dir, stats);
    if (rel === undefined) {
      fs.closeSync(fd);
      return 'outside';
    }
    let open = true;
    return {
      base: `/proc/self/fd/${fd}`,
      stats,
      rel,
      close: () => {
        if (open) fs.closeSync(fd);
        open = false;
      },
    };
  }

  /** The root-relative place of an open descriptor, or undefined when it is not inside. */
  private locate(fd: number, opened: string, stats: fs.Stats): string | undefined {
    try {
      if (this.proc) return relativeInside(this.real, fs.readlinkSync(`/proc/self/fd/${fd}`));
      const real = fs.realpathSync.native(opened);
      const now = fs.statSync(real);
      if (now.dev !== stats.dev || now.ino !== stats.ino) return undefined;
      return relativeInside(this.real, real);
    } catch {
      return undefined;
    }
  }
}
