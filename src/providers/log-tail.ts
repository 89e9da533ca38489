import type { LogPage } from './types.js';

/**
 * The last `maxBytes` of a stream of log entries (raw bytes as the provider sent them), and a
 * count of those that came before: what a provider hands the engine from one read of a log of any
 * size. Entries are copied into one buffer allocated up front and formatted only when kept to the
 * end, so reading a 50 MB log leaves no object per entry behind for the garbage collector (which
 * otherwise grows the young generation, and the process, by tens of megabytes).
 */
export class LogTail {
  private readonly buffer: Buffer;
  /** Ring of kept entries: where each starts in `buffer`, its length, or -size when too large. */
  private readonly starts: Int32Array;
  private readonly lengths: Float64Array;
  private first = 0;
  private count = 0;
  private writeAt = 0;
  private used = 0;
  private omittedLines = 0;
  private omittedBytes = 0;

  constructor(private readonly maxBytes: number) {
    this.buffer = Buffer.alloc(maxBytes);
    // An entry is at least `{}` in JSON; a marker for a too-large entry takes no bytes.
    const slots = Math.max(16, Math.ceil(maxBytes / 16));
    this.starts = new Int32Array(slots);
    this.lengths = new Float64Array(slots);
  }

  /** Adds an entry at the end (`undefined`: one too large to keep, of `size` bytes). */
  push(raw: Buffer | undefined, size: number): void {
    if (this.maxBytes === 0 || (raw !== undefined && raw.length > this.maxBytes)) {
      // No room at all, or larger than the whole tail: counted, not kept, and the kept ones
      // before it go too (what is shown is always the newest entries, with none missing).
      while (this.count > 0) this.dropOldest();
      this.omittedLines += 1;
      this.omittedBytes += size;
      return;
    }
    const length = raw === undefined ? 0 : raw.length;
    while (
      this.count > 0 &&
      (this.used + length > this.maxBytes || this.count === this.starts.length)
    ) {
      this.dropOldest();
    }
    const slot = (this.first + this.count) % this.starts.length;
    this.starts[slot] = this.writeAt;
    this.lengths[slot] = raw === undefined ? -size : length;
    if (raw !== undefined) {
      const room = this.maxBytes - this.writeAt;
      raw.copy(this.buffer, this.writeAt, 0, Math.min(length, room));
      if (length > room) raw.copy(this.buffer, 0, room, length);
      this.writeAt = (this.writeAt + length) % this.maxBytes;
      this.used += length;
    }
    this.count += 1;
  }

  /** The kept entries as lines, and what was left out before them. */
  page(readBytes: number, format: (entry: string | number) => string): LogPage {
    const lines: string[] = [];
    for (let i = 0; i < this.count; i += 1) {
      const slot = (this.first + i) % this.starts.length;
      const length = this.lengths[slot] ?? 0;
      lines.push(format(length < 0 ? -length : this.text(this.starts[slot] ?? 0, length)));
    }
    return {
      lines,
      omittedLines: this.omittedLines,
      omittedBytes: this.omittedBytes,
      readBytes,
    };
  }

  private dropOldest(): void {
    const slot = this.first;
    const length = this.lengths[slot] ?? 0;
    const size = length < 0 ? -length : length;
    if (length > 0) this.used -= length;
    this.first = (this.first + 1) % this.starts.length;
    this.count -= 1;
    this.omittedLines += 1;
    this.omittedBytes += size;
  }

  private text(start: number, length: number): string {
    const end = start + length;
    if (end <= this.maxBytes) return this.buffer.toString('utf8', start, end);
    return Buffer.concat([
      this.buffer.subarray(start),
      this.buffer.subarray(0, end - this.maxBytes),
    ]).toString('utf8');
  }
}
