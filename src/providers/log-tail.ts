import type { LogPage } from './types.js';

/**
 * The last `maxBytes` of a stream of log entries, and a count of those that came before: what a
 * provider hands the engine from one read of a log of any size, in memory bounded by `maxBytes`.
 * Entries are formatted only when kept to the end, so a huge log costs a count, not a line each.
 */
export class LogTail<T> {
  private items: { item: T; size: number }[] = [];
  private head = 0;
  private bytes = 0;
  private omittedLines = 0;
  private omittedBytes = 0;

  constructor(private readonly maxBytes: number) {}

  /** Adds an entry of `size` bytes (as the provider sent it) at the end, dropping the oldest. */
  push(item: T, size: number): void {
    this.items.push({ item, size });
    this.bytes += size;
    while (this.bytes > this.maxBytes && this.head < this.items.length) {
      const dropped = this.items[this.head]!;
      this.items[this.head] = undefined as never;
      this.head += 1;
      this.bytes -= dropped.size;
      this.omittedLines += 1;
      this.omittedBytes += dropped.size;
    }
    // Compact now and then, so the array does not keep growing.
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }

  /** The kept entries as lines, and what was left out before them. */
  page(readBytes: number, format: (item: T) => string): LogPage {
    return {
      lines: this.items.slice(this.head).map(({ item }) => format(item)),
      omittedLines: this.omittedLines,
      omittedBytes: this.omittedBytes,
      readBytes,
    };
  }
}
