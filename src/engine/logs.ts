/**
 * Showing a provider's build log: read beside the poll loop (a slow log download never delays
 * noticing the build's end), no more often than it is likely to have changed, and printed within
 * a budget per build, so a log of any size, or one that never stops growing, bounds both our
 * memory and the job log. Whatever is left out is counted, with where the whole log is.
 */
import { describeError } from '../errors.js';
import type { Build, LogPage, Provider } from '../providers/types.js';
import { formatBytes } from '../util.js';
import type { EngineLog } from './types.js';

/** The most of one build's log printed while it runs (`show-logs: always`). */
export const RUNNING_LOG_BYTES = 1024 * 1024;
/** The most printed of one read while the build runs, so one burst cannot use the whole budget. */
export const LOG_READ_BYTES = 256 * 1024;
/** The most printed when the build has ended: the last part of what is new. */
export const FINAL_LOG_BYTES = 512 * 1024;
/** The most of a log's last part kept for the check run's text (GitHub keeps 65,535 characters). */
export const TAIL_BYTES = 60 * 1024;
/** A log that did not change is read again after at most this many status reads. */
const MAX_IDLE_SPACING = 8;
/**
 * Logs answered whole every time (Deskforge): at most about this many bytes downloaded per status
 * read, so a 50 MB log is read every 50th poll, not every poll.
 */
const DOWNLOAD_BYTES_PER_POLL = 1024 * 1024;

export interface LogShowOptions {
  provider: Provider;
  log: EngineLog;
  title: string;
  /** The build's log link as the public may see it (the link rule), or undefined. */
  publicLog: (build: Build) => string | undefined;
}

/** One build's log, as the engine shows it. */
export class LogShow {
  private shownBytes = 0;
  private spacing = 1;
  private pollsSinceRead = 0;
  private reading: Promise<void> | undefined;
  private full = false;
  /** The last part of everything read, for the check run: lines, and how much went before. */
  private kept: string[] = [];
  private keptBytes = 0;
  private keptOmittedLines = 0;
  private keptOmittedBytes = 0;

  constructor(private readonly options: LogShowOptions) {}

  /**
   * After each status read while the build runs (`show-logs: always`): starts a read of the log
   * when one is due and none is under way, and returns at once.
   */
  follow(build: Build): void {
    const { provider } = this.options;
    if (!provider.logs || this.reading || this.full) return;
    this.pollsSinceRead += 1;
    if (this.pollsSinceRead < this.spacing) return;
    this.pollsSinceRead = 0;
    const maxBytes = Math.min(LOG_READ_BYTES, RUNNING_LOG_BYTES - this.shownBytes);
    this.reading = provider
      .logs(build, { maxBytes })
      .then(
        (page) => {
          this.keep(page);
          this.print(page, build);
          this.shownBytes += page.lines.reduce((sum, line) => sum + Buffer.byteLength(line) + 1, 0);
          const fresh = page.lines.length + page.omittedLines > 0;
          this.spacing = Math.max(
            fresh ? 1 : Math.min(this.spacing * 2, MAX_IDLE_SPACING),
            Math.ceil(page.readBytes / DOWNLOAD_BYTES_PER_POLL),
          );
          if (this.shownBytes >= RUNNING_LOG_BYTES - 1024) {
            this.full = true;
            this.options.log.info(
              `… ${formatBytes(this.shownBytes)} of the build log shown while it runs, the most shown per build: later lines are left out while it runs, and if it ends its last part is shown; ${this.whereTheLogIs(build)}`,
            );
          }
        },
        (error: unknown) => {
          // A log that cannot be read now is read again later, less often; the build goes on.
          this.spacing = Math.min(this.spacing * 2, MAX_IDLE_SPACING);
          this.options.log.debug(`Reading the build log failed: ${describeError(error)}`);
        },
      )
      .finally(() => {
        this.reading = undefined;
      });
  }

  /** Waits for a read under way (bounded by the run's deadline, as every read is). */
  async settle(): Promise<void> {
    await this.reading;
  }

  /** After the build ended: prints the last part of what is new in its log, in a group. */
  async showEnd(build: Build): Promise<void> {
    const { provider, log, title } = this.options;
    if (!provider.logs) return;
    await this.settle();
    const page = await provider.logs(build, { maxBytes: FINAL_LOG_BYTES }).catch((error) => {
      log.info(`${title}: the build log could not be read: ${describeError(error)}`);
      return undefined;
    });
    if (!page || page.lines.length + page.omittedLines === 0) return;
    this.keep(page);
    await log.group(`${title} build log`, async () => this.print(page, build));
  }

  /**
   * The log's last part (what was read while it ran and at its end, and anything new since), at
   * most TAIL_BYTES, for the check run's text. Undefined when the provider has no log.
   */
  async tail(build: Build): Promise<
    | {
        lines: string[];
        omittedLines: number;
        omittedBytes: number;
      }
    | undefined
  > {
    const { provider, log } = this.options;
    if (!provider.logs) return undefined;
    await this.settle();
    const page = await provider.logs(build, { maxBytes: TAIL_BYTES }).catch((error: unknown) => {
      log.debug(`Reading the build log for the check run failed: ${describeError(error)}`);
      return undefined;
    });
    if (page) this.keep(page);
    return {
      lines: [...this.kept],
      omittedLines: this.keptOmittedLines,
      omittedBytes: this.keptOmittedBytes,
    };
  }

  /** Adds a read to the kept tail, dropping its oldest lines past TAIL_BYTES. */
  private keep(page: LogPage): void {
    if (page.omittedLines > 0) {
      // Lines were skipped between what is kept and this page: all of it goes before the page.
      this.keptOmittedLines += this.kept.length + page.omittedLines;
      this.keptOmittedBytes += this.keptBytes + page.omittedBytes;
      this.kept = [];
      this.keptBytes = 0;
    }
    for (const line of page.lines) {
      this.kept.push(line);
      this.keptBytes += Buffer.byteLength(line) + 1;
    }
    while (this.keptBytes > TAIL_BYTES && this.kept.length > 0) {
      const dropped = this.kept.shift()!;
      this.keptBytes -= Buffer.byteLength(dropped) + 1;
      this.keptOmittedLines += 1;
      this.keptOmittedBytes += Buffer.byteLength(dropped) + 1;
    }
  }

  /**
   * Where the whole log is, for the note about what was left out: a link only when a person can
   * open it (no query, not an endpoint that needs the token), else the provider's dashboard.
   */
  private whereTheLogIs(build: Build): string {
    const link = this.options.publicLog(build);
    return link
      ? `the whole log: ${link}`
      : `the whole log is in the ${this.options.title} dashboard`;
  }

  private print(page: LogPage, build: Build): void {
    const { log } = this.options;
    if (page.omittedLines > 0) {
      log.info(
        `… ${page.omittedLines} earlier log ${page.omittedLines === 1 ? 'line' : 'lines'} (${formatBytes(page.omittedBytes)}) left out here, showing the last ${page.lines.length}; ${this.whereTheLogIs(build)}`,
      );
    }
    if (page.lines.length > 0) log.untrusted(page.lines);
  }
}
