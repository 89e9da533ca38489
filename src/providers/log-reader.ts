import type { Build, LogPage } from './types.js';
import { isTerminal } from './types.js';

/** How many of the last error lines make a failure reason. */
export const ERROR_LINES = 3;
/** Each of them cut to this many characters (a commit status description holds 140). */
export const ERROR_LINE_CHARS = 300;

/**
 * The bookkeeping every adapter that reads a build log shares: reads never overlap (the engine
 * may ask while an earlier read is still under way, and a line must not be handed out twice),
 * the last error lines are kept for the failure reason, and a read that began after the build
 * ended serves the reason too, so a failed build's log is downloaded once.
 */
export class LogReader {
  private reading: Promise<unknown> = Promise.resolve();
  private readSinceEnd = false;
  /** The last error lines seen, oldest first. */
  errors: string[] = [];

  constructor(private readonly readNow: (build: Build, maxBytes: number) => Promise<LogPage>) {}

  /** One read of the log, after any read under way. */
  read(build: Build, maxBytes: number): Promise<LogPage> {
    const ended = isTerminal(build.state);
    const read = this.reading.then(async () => {
      const page = await this.readNow(build, maxBytes);
      if (ended) this.readSinceEnd = true;
      return page;
    });
    this.reading = read.catch(() => undefined);
    return read;
  }

  /** Adds an error line, keeping the last few. */
  noteError(line: string): void {
    this.errors.push(line);
    if (this.errors.length > ERROR_LINES) this.errors.shift();
  }

  /** The build with its failure reason from the log's error lines, reading the log if needed. */
  async explain(build: Build): Promise<Build> {
    if (build.failureReason) return build;
    if (!this.readSinceEnd) await this.read(build, 0);
    const reason = this.errors.join('; ');
    return reason ? { ...build, failureReason: reason } : build;
  }
}
