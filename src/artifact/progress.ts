import { formatBytes } from '../util.js';

/** Progress lines start once this much is done: a small artifact is over before anyone looks. */
const MIN_BYTES = 4 * 1024 * 1024;
/** At most one line this often. */
const EVERY_MS = 5_000;

/**
 * Throttled progress lines for long zips and uploads: "Zipping: 12,345 files, 210 MB at 41 MB/s".
 * Called as often as the caller likes; prints at most every EVERY_MS, and only past MIN_BYTES.
 */
export class ProgressLine {
  private readonly started: number;
  private last: number;

  constructor(
    private readonly what: string,
    private readonly print: (line: string) => void,
    private readonly now: () => number,
  ) {
    this.started = now();
    this.last = this.started;
  }

  /** `bytes` done so far, and optionally files done and the total bytes expected. */
  update(bytes: number, files?: number, total?: number): void {
    const now = this.now();
    if (now - this.last < EVERY_MS || bytes < MIN_BYTES) return;
    this.last = now;
    const seconds = Math.max((now - this.started) / 1000, 0.001);
    const parts = [
      ...(files === undefined ? [] : [`${files.toLocaleString('en-US')} files`]),
      total
        ? `${formatBytes(bytes)} of ${formatBytes(total)} (${Math.floor((bytes / total) * 100)}%)`
        : formatBytes(bytes),
    ];
    this.print(
      `${this.what}: ${parts.join(', ')} at ${formatBytes(Math.round(bytes / seconds))}/s`,
    );
  }
}
