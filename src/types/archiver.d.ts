/**
 * The part of archiver 8 the action uses. archiver ships no types, and @types/archiver describes
 * the older CommonJS default export, so this is declared by hand.
 */
declare module 'archiver' {
  import type { Stats } from 'node:fs';

  /** Options for a zip archive (passed on to zip-stream). */
  export interface ZipArchiveOptions {
    /** Passed to zlib for deflated entries. */
    zlib?: { level?: number };
    /** Store every entry uncompressed. */
    store?: boolean;
    /** How many files archiver stats at once when `stats` is not given. */
    statConcurrency?: number;
    highWaterMark?: number;
  }

  /** One entry appended from the file system. */
  export interface ZipEntryData {
    /** The entry's path inside the archive, with `/` separators. */
    name: string;
    /** Store this entry uncompressed. */
    store?: boolean;
    /** Known stats, so archiver skips its own lstat (which would keep a symlink as a symlink). */
    stats?: Stats;
    mode?: number;
    date?: Date | string;
  }

  /** A streaming zip writer: pipe it somewhere, append entries, then finalize. */
  export class ZipArchive {
    constructor(options?: ZipArchiveOptions);
    /** Queues a file; it is opened lazily, one at a time, when its turn comes. */
    file(filepath: string, data: ZipEntryData): this;
    /** Ends the archive once every queued entry is written. */
    finalize(): Promise<void>;
    /** Bytes written so far. */
    pointer(): number;
    abort(): this;
    pipe<T extends NodeJS.WritableStream>(destination: T, options?: { end?: boolean }): T;
    destroy(error?: Error): this;
    on(event: 'warning' | 'error', listener: (error: Error & { code?: string }) => void): this;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }
}
