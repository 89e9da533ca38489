import { addAbortSignal, type Readable } from 'node:stream';
import { ActionError } from '../errors.js';
import type { HttpClient } from '../http/client.js';
import { scanLines } from '../http/line-stream.js';
import { safeLine } from '../text.js';
import { LogTail } from './log-tail.js';
import { isTerminal, type Build, type LogPage } from './types.js';

/**
 * True for a Content-Type that holds log text: `text/*` except HTML (a dashboard page, not the
 * log), or none at all / `application/octet-stream` (a raw file from a bucket).
 */
export function isLogText(contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === '' || type === 'application/octet-stream') return true;
  return type.startsWith('text/') && type !== 'text/html';
}

export interface TextLogOptions {
  title: string;
  http: HttpClient;
  signal: AbortSignal;
  /** Called with each complete line read (the failure reason's error lines). */
  onLine?: (line: string) => void;
  /**
   * Only logs whose Content-Type `isLogText` are read; anything else (an HTML dashboard) is
   * dropped unread and the URL is not asked again: the link stays the way to the log.
   */
  textOnly?: boolean;
}

/**
 * A plain-text log at a URL, read in parts: each read asks for what is new with a Range header
 * (a 206 sends only the rest; a host that ignores it sends the whole log, whose known part is
 * skipped), streamed line by line into a tail of `maxBytes`, so memory stays bounded whatever the
 * log's size. Credentials go with it only when the URL is on the API's origin (the HTTP layer's
 * rule).
 */
export class TextLog {
  /** Bytes of the log already read, up to its last complete line: the next read starts there. */
  private offset = 0;
  /** URLs that answered something other than log text: not asked again. */
  private readonly notText = new Set<string>();

  constructor(private readonly options: TextLogOptions) {}

  /** What is new in the log at `build.logUrl`, at most the last `maxBytes`. */
  async read(build: Build, maxBytes: number): Promise<LogPage> {
    const { http, signal, title } = this.options;
    const tail = new LogTail(maxBytes);
    const url = build.logUrl;
    if (!url || this.notText.has(url)) return tail.page(0, String);
    const offset = this.offset;
    const res = await http.request<Readable>({
      method: 'GET',
      url,
      what: `read the log of build ${build.id}`,
      responseType: 'stream',
      polling: true,
      headers: offset > 0 ? { range: `bytes=${offset}-` } : {},
      // Nothing past the offset yet.
      acceptStatuses: [416],
    });
    if (res.status === 416) {
      res.body.resume();
      return tail.page(0, String);
    }
    const contentType = res.headers['content-type'];
    if (this.options.textOnly && !isLogText(String(contentType ?? ''))) {
      res.body.destroy();
      this.notText.add(url);
      return tail.page(0, String);
    }
    const ranged =
      res.status === 206 &&
      /^bytes\s+(\d+)-/.exec(String(res.headers['content-range'] ?? ''))?.[1] === String(offset);
    if (res.status === 206 && !ranged) {
      res.body.destroy();
      throw new ActionError(
        `${title}: read the log of build ${build.id} failed: the log host answered another range than asked`,
        { fix: 'the log stays available at log-url' },
      );
    }
    const stop = AbortSignal.any([
      signal,
      AbortSignal.timeout(Math.max(1, http.deadline.remaining())),
    ]);
    const { onLine } = this.options;
    let scan;
    try {
      scan = await scanLines(
        addAbortSignal(stop, res.body),
        (raw, size) => {
          if (raw !== undefined && onLine) onLine(raw.toString('utf8'));
          tail.push(raw, size);
        },
        { skip: ranged ? 0 : offset, includePartial: isTerminal(build.state) },
      );
    } catch (error) {
      res.body.destroy();
      throw new ActionError(
        `${title}: read the log of build ${build.id} failed: ${stop.aborted ? (signal.aborted ? 'cancelled' : 'timeout reached') : error instanceof Error ? error.message : String(error)}`,
        { fix: 'the log stays available at log-url', cause: error },
      );
    }
    // A log shorter than what was read was replaced: what it holds now counts as read.
    this.offset = ranged ? offset + scan.complete : scan.complete;
    return tail.page(scan.bytes, (raw) =>
      typeof raw === 'number'
        ? `(a log line of ${raw} bytes left out: longer than the action reads)`
        : safeLine(raw, 2000),
    );
  }
}
