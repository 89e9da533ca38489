/**
 * The part of zip-stream 7 (archiver's zip writer) the action uses. It ships no types, so this is
 * declared by hand.
 */
declare module 'zip-stream' {
  import type { Readable, Transform } from 'node:stream';

  export interface ZipStreamOptions {
    /** Passed to zlib for deflated entries. */
    zlib?: { level?: number };
    /** Store every entry uncompressed. */
    store?: boolean;
  }

  /** One entry. */
  export interface ZipStreamEntryData {
    /** The entry's path inside the archive, with `/` separators. */
    name: string;
    type?: 'file' | 'directory';
    /** Store this entry uncompressed. */
    store?: boolean;
    /** Unix permission bits; the file type bits are added from `type`. */
    mode?: number;
    date?: Date;
  }

  /** A zip writer: a Transform whose readable side is the zip. */
  export default class ZipStream extends Transform {
    constructor(options?: ZipStreamOptions);
    /** Writes one entry; `callback` runs once its data is in the stream. */
    entry(
      source: Buffer | Readable | null,
      data: ZipStreamEntryData,
      callback: (error: Error | null) => void,
    ): this;
    /** Writes the central directory and ends the readable side. */
    finalize(): void;
  }
}
