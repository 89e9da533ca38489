/**
 * Reads a plain-text log as it streams in, line by line, so a log of any size costs the memory of
 * one line.
 */

const NEWLINE = 0x0a;

/** What a scan saw. */
export interface LineScan {
  /** Bytes of the answer. */
  bytes: number;
  /** Bytes up to and including the last line break: where the next read may start. */
  complete: number;
}

/**
 * Calls `onLine` with the bytes of each line (without its line break, or a trailing CR), in
 * order, after skipping the first `skip` bytes. A line longer than `maxLineBytes` is handed over
 * as `undefined` with its size. The last line, when no line break ends it, is handed over only
 * with `includePartial` (the log is complete); otherwise it is left for the next read. The bytes
 * are a view, valid during the call only.
 */
export async function scanLines(
  source: AsyncIterable<Buffer | string>,
  onLine: (raw: Buffer | undefined, bytes: number) => void,
  options: { skip?: number; maxLineBytes?: number; includePartial?: boolean } = {},
): Promise<LineScan> {
  const maxLineBytes = options.maxLineBytes ?? 64 * 1024;
  let toSkip = options.skip ?? 0;
  let parts: Buffer[] = [];
  let partBytes = 0;
  let bytes = 0;
  let complete = 0;
  const emit = (last: Buffer): void => {
    const size = partBytes + last.length;
    let line: Buffer | undefined;
    if (size <= maxLineBytes) line = parts.length === 0 ? last : Buffer.concat([...parts, last]);
    if (line && line.length > 0 && line[line.length - 1] === 0x0d) line = line.subarray(0, -1);
    parts = [];
    partBytes = 0;
    onLine(line, size);
  };
  for await (const piece of source) {
    let chunk = typeof piece === 'string' ? Buffer.from(piece) : piece;
    bytes += chunk.length;
    if (toSkip > 0) {
      const skipped = Math.min(toSkip, chunk.length);
      toSkip -= skipped;
      complete += skipped;
      chunk = chunk.subarray(skipped);
    }
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE); end >= 0; end = chunk.indexOf(NEWLINE, start)) {
      emit(chunk.subarray(start, end));
      complete = bytes - chunk.length + end + 1;
      start = end + 1;
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      partBytes += rest.length;
      // Kept only while the line may still be shown; a longer one is only counted.
      parts = partBytes <= maxLineBytes ? [...parts, Buffer.from(rest)] : [];
    }
  }
  if (options.includePartial && partBytes > 0) {
    emit(Buffer.alloc(0));
    complete = bytes;
  }
  return { bytes, complete };
}
