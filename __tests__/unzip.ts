/**
 * Reads a zip the action wrote with yauzl, an independent reader (not our writer's library), so
 * tests check what any unzip would see: names, directory entries, Unix modes, flags and bytes.
 */
import fs from 'node:fs';
import yauzl from 'yauzl';

export interface UnzippedEntry {
  /** As stored, decoded as UTF-8 (directories end with `/`). */
  name: string;
  directory: boolean;
  /** Unix mode (type and permission bits) from the external attributes; 0 when not Unix. */
  mode: number;
  /** General purpose flag bit 11: the name is UTF-8. */
  utf8: boolean;
  /** 0 stored, 8 deflated. */
  method: number;
  /** Inflated content, checked against the CRC-32 and sizes by yauzl. */
  data: Buffer;
}

/** Every entry of a zip file, in order, with its content. */
export function unzip(file: string): Promise<UnzippedEntry[]> {
  return new Promise((resolve, reject) => {
    // strictFileNames: a `\` in a name is an error, never silently turned into `/`.
    yauzl.open(
      file,
      { lazyEntries: true, decodeStrings: true, strictFileNames: true, validateEntrySizes: true },
      (error, zip) => {
        if (error || !zip) {
          reject(error ?? new Error('no zip'));
          return;
        }
        const entries: UnzippedEntry[] = [];
        zip.on('error', reject);
        zip.on('end', () => resolve(entries));
        zip.on('entry', (entry: yauzl.Entry) => {
          const madeOnUnix = entry.versionMadeBy >> 8 === 3;
          const base = {
            name: entry.fileName,
            directory: entry.fileName.endsWith('/'),
            mode: madeOnUnix ? entry.externalFileAttributes >>> 16 : 0,
            utf8: (entry.generalPurposeBitFlag & 0x800) !== 0,
            method: entry.compressionMethod,
          };
          if (base.directory) {
            entries.push({ ...base, data: Buffer.alloc(0) });
            zip.readEntry();
            return;
          }
          zip.openReadStream(entry, (streamError, stream) => {
            if (streamError || !stream) {
              reject(streamError ?? new Error('no stream'));
              return;
            }
            const chunks: Buffer[] = [];
            stream.on('data', (chunk: Buffer) => chunks.push(chunk));
            stream.on('error', reject);
            stream.on('end', () => {
              entries.push({ ...base, data: Buffer.concat(chunks) });
              zip.readEntry();
            });
          });
        });
        zip.readEntry();
      },
    );
  });
}

/**
 * What a streaming reader (one that reads local headers front to back, like Java's
 * ZipInputStream) would find wrong: for every entry of the central directory, its local header's
 * signature, name, CRC-32 and sizes (Zip64 ones when the 32-bit fields say so) must agree with
 * the central record, and no entry may defer them to a data descriptor. Empty when all agree.
 */
export function localHeaderProblems(file: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, decodeStrings: false }, (error, zip) => {
      if (error || !zip) {
        reject(error ?? new Error('no zip'));
        return;
      }
      const fd = fs.openSync(file, 'r');
      const problems: string[] = [];
      zip.on('error', (e: Error) => {
        fs.closeSync(fd);
        reject(e);
      });
      zip.on('end', () => {
        fs.closeSync(fd);
        resolve(problems);
      });
      zip.on('entry', (entry: yauzl.Entry) => {
        const name = entry.fileName as unknown as Buffer;
        const head = Buffer.alloc(30 + name.length + 64);
        fs.readSync(fd, head, 0, head.length, entry.relativeOffsetOfLocalHeader);
        const label = name.toString('utf8');
        const nameLength = head.readUInt16LE(26);
        const extraLength = head.readUInt16LE(28);
        let compressed = head.readUInt32LE(18);
        let size = head.readUInt32LE(22);
        if (compressed === 0xffffffff || size === 0xffffffff) {
          const extra = Buffer.alloc(extraLength);
          fs.readSync(
            fd,
            extra,
            0,
            extraLength,
            entry.relativeOffsetOfLocalHeader + 30 + nameLength,
          );
          for (let at = 0; at + 4 <= extra.length; at += 4 + extra.readUInt16LE(at + 2)) {
            if (extra.readUInt16LE(at) !== 0x0001) continue;
            size = Number(extra.readBigUInt64LE(at + 4));
            compressed = Number(extra.readBigUInt64LE(at + 12));
          }
        }
        if (head.readUInt32LE(0) !== 0x04034b50) problems.push(`${label}: no local header`);
        if (!head.subarray(30, 30 + nameLength).equals(name)) problems.push(`${label}: name`);
        if (head.readUInt16LE(6) & 0x0008) problems.push(`${label}: data descriptor`);
        if (head.readUInt32LE(14) !== entry.crc32) problems.push(`${label}: CRC-32`);
        if (compressed !== entry.compressedSize) problems.push(`${label}: compressed size`);
        if (size !== entry.uncompressedSize) problems.push(`${label}: size`);
        zip.readEntry();
      });
      zip.readEntry();
    });
  });
}
