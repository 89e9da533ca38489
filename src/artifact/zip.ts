import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';

/** What `prepareArtifact` hands to the uploader. */
export interface PreparedArtifact {
  /** Absolute path of the zip to upload. */
  file: string;
  /** Its size in bytes. */
  size: number;
  /** Files in the zip. */
  entries: number;
  /** True when the action zipped a directory; false when a .zip was given. */
  zipped: boolean;
  /** Symlinks left out of the zip (relative names): outside the directory, broken, or to a directory. */
  skipped: string[];
}

/**
 * Deflate level for files that are not compressed already. Measured on this machine (Node 24,
 * 2 cores, archiver 8), content-sniffed storing on, best of two runs:
 *   typescript/lib (23.6 MB of JS and .d.ts, 125 files):
 *     level 1: 5.56 MB in 0.54 s; level 3: 5.15 MB in 0.59 s; level 6: 4.46 MB in 0.89 s.
 *   the bench's 100 MB of numbered lorem-ipsum text (plus 100 MB of random bytes, stored):
 *     level 1: 132.4 MB in 5.6 s; level 3: 130.6 MB in 6.5 s; level 6: 127.1 MB in 10.6 s.
 * Each MB level 6 saves over level 1 costs 0.3-0.9 s more deflating, so 6 only pays off on an
 * upload slower than about 1-3 MB/s; runners upload to object storage one or two orders of
 * magnitude faster than that. Level 1 gives the shortest zip + upload; level 9 is slower still than 6.
 */
export const DEFLATE_LEVEL = 1;

/**
 * Extensions of formats that are compressed already: deflating them again costs CPU for (at best)
 * a few bytes, so they are stored as they are.
 */
const COMPRESSED_EXTENSIONS: ReadonlySet<string> = new Set([
  // archives and packages
  'zip', 'gz', 'tgz', 'bz2', 'tbz2', 'xz', 'txz', 'zst', 'lz', 'lz4', 'lzma', 'z', '7z', 'rar',
  'cab', 'jar', 'war', 'ear', 'aar', 'apk', 'whl', 'nupkg', 'vsix', 'epub', 'docx', 'xlsx', 'pptx',
  'odt', 'ods', 'odp', 'br',
  // images
  'png', 'jpg', 'jpeg', 'gif', 'webp', 'avif', 'heic', 'heif', 'jxl',
  // audio and video
  'mp4', 'm4v', 'mov', 'webm', 'mkv', 'avi', 'mp3', 'm4a', 'aac', 'ogg', 'oga', 'opus', 'flac',
  // fonts
  'woff', 'woff2',
]); // prettier-ignore

/** True when a file name's extension marks an already-compressed format. */
export function isCompressedName(name: string): boolean {
  const ext = path.extname(name).slice(1).toLowerCase();
  return COMPRESSED_EXTENSIONS.has(ext);
}

/** Files smaller than this are deflated without a look: sampling would cost more than it saves. */
const SNIFF_MIN_BYTES = 16 * 1024;
/** Bytes read from each of the start, middle and end of a file to judge it. */
const SNIFF_WINDOW = 8 * 1024;
/**
 * Order-0 entropy (bits per byte) above which content counts as compressed already. Measured on
 * the sample this module takes: random bytes, woff2 and gzip 7.99; PNG 7.88-7.94 (which deflate
 * still shrinks by 3-13%, so it stays below the line); executables 6.1, JS, JSON and text 4.4-5.0.
 */
const INCOMPRESSIBLE_BITS = 7.95;

/**
 * True when a file's content looks compressed already (an image, archive or encrypted blob under
 * a name that does not say so): a byte histogram of three small windows, no deflating.
 */
export async function looksCompressed(file: string, size: number): Promise<boolean> {
  if (size < SNIFF_MIN_BYTES) return false;
  const handle = await fs.promises.open(file, 'r');
  const counts = new Uint32Array(256);
  let total = 0;
  try {
    // A small file is read whole; a larger one at its start, middle and end, since headers and
    // trailers can differ from the body.
    const window = size <= 3 * SNIFF_WINDOW ? size : SNIFF_WINDOW;
    const offsets = window === size ? [0] : [0, Math.floor((size - window) / 2), size - window];
    const buffer = Buffer.allocUnsafe(window);
    for (const offset of offsets) {
      const { bytesRead } = await handle.read(buffer, 0, window, offset);
      for (let i = 0; i < bytesRead; i++) counts[buffer[i] as number]! += 1;
      total += bytesRead;
    }
  } finally {
    await handle.close();
  }
  if (total === 0) return false;
  let bits = 0;
  for (const count of counts) {
    if (count > 0) bits -= (count / total) * Math.log2(count / total);
  }
  return bits > INCOMPRESSIBLE_BITS;
}

interface Entry {
  /** What archiver reads: the file itself, or the file a symlink inside the directory points to. */
  source: string;
  /** Name inside the zip, relative to the directory, `/`-separated. */
  name: string;
  stats: fs.Stats;
}

const FIX = 'set artifact to a .zip file or a directory to upload';

/**
 * Turns the `artifact` input into a zip on disk. A `.zip` file is used as it is (after checking it
 * is a zip with entries); a directory is zipped into `tempDir`, streamed straight to a file so
 * memory stays flat whatever the size. Every problem is an InputError naming `artifact`, raised
 * before any build exists.
 */
export async function prepareArtifact(input: string, tempDir: string): Promise<PreparedArtifact> {
  const trimmed = input.trim();
  if (!trimmed) throw new InputError('artifact', 'is empty', FIX);
  const resolved = path.resolve(trimmed);
  let stats: fs.Stats;
  try {
    stats = await fs.promises.stat(resolved);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw code === 'ENOENT' || code === 'ENOTDIR'
      ? new InputError('artifact', `points at '${trimmed}', which does not exist`, FIX)
      : new InputError('artifact', `cannot be read ('${trimmed}': ${code ?? String(error)})`, FIX);
  }

  if (stats.isFile()) {
    if (path.extname(resolved).toLowerCase() !== '.zip') {
      throw new InputError(
        'artifact',
        `is a file but not a .zip ('${trimmed}')`,
        'point artifact at a .zip file, or at a directory for the action to zip',
      );
    }
    const entries = await countZipEntries(resolved);
    if (entries === undefined) {
      throw new InputError('artifact', `is not a valid zip file ('${trimmed}')`, FIX);
    }
    if (entries === 0) throw new InputError('artifact', `is an empty zip ('${trimmed}')`, FIX);
    return { file: resolved, size: stats.size, entries, zipped: false, skipped: [] };
  }
  if (!stats.isDirectory()) {
    throw new InputError('artifact', `is neither a file nor a directory ('${trimmed}')`, FIX);
  }

  await fs.promises.mkdir(tempDir, { recursive: true });
  const file = path.join(path.resolve(tempDir), `artifact-${randomUUID()}.zip`);
  const skipped: string[] = [];
  const entries = await collect(resolved, file, skipped);
  if (entries.length === 0) {
    throw new InputError('artifact', `is a directory with no files ('${trimmed}')`, FIX);
  }
  await writeZip(entries, file).catch(async (error: unknown) => {
    await fs.promises.rm(file, { force: true });
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError('artifact', `could not be zipped ('${trimmed}': ${reason})`, FIX);
  });
  const size = (await fs.promises.stat(file)).size;
  return { file, size, entries: entries.length, zipped: true, skipped };
}

/**
 * Lists the files to zip, sorted so the same tree gives the same zip. Symlinks are checked
 * against the directory's real path: one that resolves outside it is never followed (that is how
 * a stray `ln -s ~/.ssh` or `/etc` would leak into an upload). A symlink inside the directory
 * that points to a file is stored as a copy of that file, because a zip symlink entry may not
 * survive the provider's unzip; one that points to a directory is skipped, since its target is
 * already in the zip and following it could loop. Empty directories are not stored.
 */
async function collect(root: string, output: string, skipped: string[]): Promise<Entry[]> {
  const realRoot = await fs.promises.realpath(root);
  const inside = (target: string): boolean => {
    const rel = path.relative(realRoot, target);
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  };
  const entries: Entry[] = [];

  const walk = async (dir: string, prefix: string): Promise<void> => {
    const names: string[] = [];
    for await (const dirent of await fs.promises.opendir(dir)) names.push(dirent.name);
    names.sort();
    for (const name of names) {
      const abs = path.join(dir, name);
      const rel = prefix ? `${prefix}/${name}` : name;
      if (abs === output) continue;
      const stats = await fs.promises.lstat(abs);
      if (stats.isDirectory()) {
        await walk(abs, rel);
      } else if (stats.isFile()) {
        entries.push({ source: abs, name: rel, stats });
      } else if (stats.isSymbolicLink()) {
        const target = await fs.promises.realpath(abs).catch(() => undefined);
        const targetStats = target && inside(target) ? await statOrUndefined(target) : undefined;
        if (target && targetStats?.isFile()) {
          entries.push({ source: target, name: rel, stats: targetStats });
        } else {
          skipped.push(rel);
        }
      }
      // Sockets, FIFOs and devices have no content to ship.
    }
  };

  await walk(root, '');
  return entries;
}

async function statOrUndefined(file: string): Promise<fs.Stats | undefined> {
  return fs.promises.stat(file).catch(() => undefined);
}

/**
 * Memory notes (2 cores, Node 24, bench dirs of 200 MB / 2000 files and 400 MB / 4000 files):
 * zipping alone in a bare process idling at 50 MB peaks at 110-138 / 142-182 MB (VmHWM, noisy).
 * Tried and not kept, since none moved the bench's peak RSS beyond run-to-run noise: appending one
 * entry at a time (waiting for 'entry'); writing the central directory as one buffer (archiver
 * issues 19 small writes per entry synchronously at the end, a short V8-heap spike of ~60 MB
 * at 4000 files); own read streams with a 16 KB highWaterMark; archiver highWaterMark 64 KB; zlib
 * memLevel 4 + chunkSize 4 KB; a 64 KB output highWaterMark; reading each file whole; and
 * MALLOC_ARENA_MAX=1. One entry at a time plus the single central-directory write measured
 * 112-121 MB at 400 MB in the bare process, but 141 / 191 MB in the bench and 5.9 s instead of 4.0 s.
 */
async function writeZip(entries: Entry[], file: string): Promise<void> {
  // Loaded here so that runs which never zip (every other provider) do not pay for archiver.
  const { ZipArchive } = await import('archiver');
  const archive = new ZipArchive({ zlib: { level: DEFLATE_LEVEL } });
  const output = fs.createWriteStream(file, { flags: 'wx' });
  const closed = new Promise<void>((resolve, reject) => {
    output.once('error', reject);
    output.once('close', resolve);
    archive.on('error', reject);
    // archiver reports unreadable or vanished files as warnings; a partial upload is worse.
    archive.on('warning', reject);
  });
  try {
    archive.pipe(output);
    for (const entry of entries) {
      const store =
        isCompressedName(entry.name) || (await looksCompressed(entry.source, entry.stats.size));
      archive.file(entry.source, {
        name: entry.name,
        stats: entry.stats,
        ...(store ? { store: true } : {}),
      });
    }
    await Promise.all([archive.finalize(), closed]);
  } catch (error) {
    archive.abort();
    output.destroy();
    throw error;
  }
}

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;

/**
 * The number of entries a zip's end-of-central-directory record declares, or undefined when the
 * file has no such record (not a zip, or truncated). Reads only the tail of the file.
 */
export async function countZipEntries(file: string): Promise<number | undefined> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size < EOCD_SIZE) return undefined;
    const tailLength = Math.min(size, EOCD_SIZE + MAX_COMMENT);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    let at = -1;
    for (let i = tailLength - EOCD_SIZE; i >= 0; i -= 1) {
      if (tail.readUInt32LE(i) === EOCD_SIGNATURE) {
        at = i;
        break;
      }
    }
    if (at < 0) return undefined;
    const total = tail.readUInt16LE(at + 10);
    if (total !== 0xffff) return total;
    // Zip64: the real count is in the zip64 record the locator (just before the EOCD) points at.
    const locator = at - 20;
    if (locator < 0 || tail.readUInt32LE(locator) !== ZIP64_LOCATOR_SIGNATURE) return total;
    const recordOffset = Number(tail.readBigUInt64LE(locator + 8));
    const record = Buffer.alloc(40);
    await handle.read(record, 0, 40, recordOffset);
    if (record.readUInt32LE(0) !== ZIP64_EOCD_SIGNATURE) return undefined;
    return Number(record.readBigUInt64LE(32));
  } finally {
    await handle.close();
  }
}
