import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ArtifactError, type ArtifactWords } from './error.js';
import { walkArtifact, type WalkItem, type WalkReport } from './walk.js';
import { ZipWriter } from './zip-writer.js';

/**
 * Deflate level for files that are not compressed already. Measured on this machine (Node 24,
 * 2 cores, archiver 8, before ZipWriter), content-sniffed storing on, best of two runs:
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
export function looksCompressed(fd: number, size: number): boolean {
  if (size < SNIFF_MIN_BYTES) return false;
  const counts = new Uint32Array(256);
  let total = 0;
  const buffer = Buffer.allocUnsafe(sniffWindow(size));
  // Positioned reads: the descriptor's own offset stays at 0 for the read that follows.
  for (const offset of sniffOffsets(size)) {
    const bytesRead = fs.readSync(fd, buffer, 0, buffer.length, offset);
    total += count(buffer.subarray(0, bytesRead), counts);
  }
  return entropyAbove(counts, total);
}

/** `looksCompressed` for content already in memory: the same windows, no reading. */
export function bufferLooksCompressed(data: Buffer): boolean {
  if (data.length < SNIFF_MIN_BYTES) return false;
  const counts = new Uint32Array(256);
  const window = sniffWindow(data.length);
  let total = 0;
  for (const offset of sniffOffsets(data.length)) {
    total += count(data.subarray(offset, offset + window), counts);
  }
  return entropyAbove(counts, total);
}

// A small file is judged whole; a larger one at its start, middle and end, since headers and
// trailers can differ from the body.
function sniffWindow(size: number): number {
  return size <= 3 * SNIFF_WINDOW ? size : SNIFF_WINDOW;
}

function sniffOffsets(size: number): number[] {
  const window = sniffWindow(size);
  return window === size ? [0] : [0, Math.floor((size - window) / 2), size - window];
}

function count(bytes: Buffer, counts: Uint32Array): number {
  for (let i = 0; i < bytes.length; i++) counts[bytes[i] as number]! += 1;
  return bytes.length;
}

function entropyAbove(counts: Uint32Array, total: number): boolean {
  if (total === 0) return false;
  let bits = 0;
  for (const n of counts) {
    if (n > 0) bits -= (n / total) * Math.log2(n / total);
  }
  return bits > INCOMPRESSIBLE_BITS;
}

/** Progress while zipping: files and bytes (uncompressed) done so far. */
export interface ZipProgress {
  files: number;
  bytes: number;
}

/** How `prepareArtifact` zips a directory. */
export interface ArtifactOptions {
  /** Zip dotfiles and dot-directories too (`.git` never); JustDeploy's `include-hidden-files`. */
  includeHidden?: boolean;
  /** Called after every entry; the caller decides how often to print. */
  onProgress?: (progress: ZipProgress) => void;
}

/** What `prepareArtifact` hands to the uploader. */
export interface PreparedArtifact extends WalkReport {
  /** Absolute path of the zip to upload. */
  file: string;
  /** Its size in bytes. */
  size: number;
  /** Files in the zip (for a given .zip: all its entries). */
  entries: number;
  /** Directory entries in the zip (0 for a given .zip). */
  directories: number;
  /** Bytes of the files before compression (0 for a given .zip). */
  bytes: number;
  /** True when the action zipped a directory; false when a .zip was given. */
  zipped: boolean;
}

const FIX: ArtifactWords = (n) => `set ${n.path} to a .zip file or a directory to upload`;

/**
 * Turns a path to ship (JustDeploy's `artifact` input) into a zip on disk. A `.zip` file is used as
 * it is (after checking it is a zip with entries); a directory is zipped into `tempDir` as it is
 * walked, so memory stays flat whatever the number of files or bytes (see `writeZip`). Every
 * problem is an ArtifactError, raised before any request; the caller words it with its own input's
 * name.
 */
export async function prepareArtifact(
  input: string,
  tempDir: string,
  options: ArtifactOptions = {},
): Promise<PreparedArtifact> {
  const trimmed = input.trim();
  if (!trimmed) throw new ArtifactError('is empty', FIX);
  const resolved = path.resolve(trimmed);
  let stats: fs.Stats;
  try {
    stats = await fs.promises.stat(resolved);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw code === 'ENOENT' || code === 'ENOTDIR'
      ? new ArtifactError(`points at '${trimmed}', which does not exist`, FIX)
      : new ArtifactError(`cannot be read ('${trimmed}': ${code ?? String(error)})`, FIX);
  }
  const report: WalkReport = {
    skipped: [],
    skippedCount: 0,
    hidden: [],
    hiddenCount: 0,
    gitCount: 0,
  };

  if (stats.isFile()) {
    if (path.extname(resolved).toLowerCase() !== '.zip') {
      throw new ArtifactError(
        `is a file but not a .zip ('${trimmed}')`,
        (n) => `point ${n.path} at a .zip file, or at a directory for the action to zip`,
      );
    }
    const entries = await countZipEntries(resolved);
    if (entries === undefined) {
      throw new ArtifactError(`is not a valid zip file ('${trimmed}')`, FIX);
    }
    if (entries === 0) throw new ArtifactError(`is an empty zip ('${trimmed}')`, FIX);
    return {
      file: resolved,
      size: stats.size,
      entries,
      directories: 0,
      bytes: 0,
      zipped: false,
      ...report,
    };
  }
  if (!stats.isDirectory()) {
    throw new ArtifactError(`is neither a file nor a directory ('${trimmed}')`, FIX);
  }

  await fs.promises.mkdir(tempDir, { recursive: true });
  const file = path.join(path.resolve(tempDir), `artifact-${randomUUID()}.zip`);
  const items = walkArtifact(
    resolved,
    { includeHidden: options.includeHidden ?? false, exclude: file },
    report,
  );
  let counts: ZipCounts;
  try {
    counts = await writeZip(items, file, options.onProgress);
  } catch (error) {
    await fs.promises.rm(file, { force: true });
    if (error instanceof ArtifactError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ArtifactError(`could not be zipped ('${trimmed}': ${reason})`, FIX);
  }
  if (counts.files === 0) {
    await fs.promises.rm(file, { force: true });
    const hidden = report.hiddenCount - report.gitCount;
    throw new ArtifactError(
      (n) =>
        `is a directory with no files ('${trimmed}'${hidden > 0 ? `; ${hidden} hidden entries were left out (${n.includeHidden}: true zips them)` : ''})`,
      FIX,
    );
  }
  const size = (await fs.promises.stat(file)).size;
  return {
    file,
    size,
    entries: counts.files,
    directories: counts.directories,
    bytes: counts.bytes,
    zipped: true,
    ...report,
  };
}

interface ZipCounts {
  files: number;
  directories: number;
  bytes: number;
}

/** Files up to this size are read whole into one reused buffer; larger ones in chunks of it. */
const READ_WHOLE_BYTES = 1024 * 1024;
/** Work done between two turns of the event loop, so timers and signals are not held up. */
const SLICE_MS = 20;

/**
 * Writes the walk into a zip file with `ZipWriter`, one entry at a time, synchronously, with a
 * turn of the event loop every SLICE_MS. A small file is read with one read into a reused buffer
 * and deflated by the writer's one reused zlib stream straight into its output buffer; a large one
 * the same way chunk by chunk. Nothing per entry outlives it but its central directory record
 * (bytes, not objects). So memory is the read buffer, the writer's output buffer and ~60 bytes
 * plus the name per entry, whatever the tree.
 *
 * Why not zip-stream (archiver's writer, used before): per entry it made a zlib stream, two thread
 * pool round trips, about 20 small header writes and a ZipArchiveEntry object kept until the end.
 * Measured on the bench's 20,000 files of 1-8 KB (loaded 2-core machine, Node 24): see
 * docs/performance.md for the numbers side by side with `zip -qr`.
 */
async function writeZip(
  items: Generator<WalkItem, void, undefined>,
  file: string,
  onProgress?: (progress: ZipProgress) => void,
): Promise<ZipCounts> {
  const counts: ZipCounts = { files: 0, directories: 0, bytes: 0 };
  const fd = fs.openSync(file, 'wx');
  const zip = new ZipWriter(fd, DEFLATE_LEVEL);
  const chunk = Buffer.allocUnsafeSlow(READ_WHOLE_BYTES);
  let sliceStart = performance.now();
  try {
    for (const item of items) {
      const meta = { name: item.name, mode: item.stats.mode, mtime: item.stats.mtime };
      if (item.kind === 'directory') {
        zip.addDirectory({ ...meta, name: `${item.name}/` });
        counts.directories += 1;
      } else {
        try {
          const size = item.stats.size;
          if (size <= READ_WHOLE_BYTES) {
            const data = readWhole(item.fd, chunk, size);
            zip.addBuffer(meta, data, isCompressedName(item.name) || bufferLooksCompressed(data));
            counts.bytes += data.length;
          } else {
            const store = isCompressedName(item.name) || looksCompressed(item.fd, size);
            counts.bytes += await zip.addLargeFile(meta, item.fd, size, store, chunk);
          }
        } finally {
          fs.closeSync(item.fd);
        }
        counts.files += 1;
        onProgress?.({ files: counts.files, bytes: counts.bytes });
      }
      if (performance.now() - sliceStart >= SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    }
    zip.finish();
    return counts;
  } catch (error) {
    // Closes what the walk holds open.
    items.return(undefined);
    throw error;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Reads up to `size` bytes (the size stat gave) from offset 0 into `buffer`; fewer when the file
 * shrank meanwhile. What grew after the stat is left out, as a snapshot would.
 */
function readWhole(fd: number, buffer: Buffer, size: number): Buffer {
  let done = 0;
  while (done < size) {
    const n = fs.readSync(fd, buffer, done, size - done, done);
    if (n === 0) break;
    done += n;
  }
  return buffer.subarray(0, done);
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
