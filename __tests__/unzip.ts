/**
 * Reads a zip the action wrote with yauzl, an independent reader (not our writer's library), so
 * tests check what any unzip would see: names, directory entries, Unix modes, flags and bytes.
 */
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
