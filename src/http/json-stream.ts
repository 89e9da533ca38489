/**
 * Reads one array of a JSON document as it streams in, element by element, so an answer of any
 * size (a Deskforge log is one JSON answer; desktop builds make them 5 MB and more) costs the
 * memory of one element, not of the document.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const LONGEST_KEY = 256;

/** What a scan saw. */
export interface ArrayScan {
  /** Elements in the array (those too large to parse included). */
  count: number;
  /** Bytes of the whole document. */
  bytes: number;
  /** False when the document has no such array. */
  found: boolean;
}

/** A document that is not the JSON object the caller expects (cut off, or not JSON at all). */
export class JsonStreamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonStreamError';
  }
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/**
 * Streams a JSON object and calls `onElement` with the bytes of each element of its top-level
 * array `key` (`{"logs": [...]}`), in order, for the caller to parse the few it keeps (parsing
 * every entry of a 50 MB log only to drop most of them is what costs memory). The bytes are a
 * view of the chunk read: valid during the call only, copied if kept. An element longer than
 * `maxElementBytes` is handed over as `undefined` with its size, so one huge entry cannot take
 * the memory either. Everything outside that array is only scanned, never kept. Linear in the
 * document's size.
 */
export async function scanJsonArray(
  source: AsyncIterable<Buffer | string>,
  key: string,
  onElement: (raw: Buffer | undefined, bytes: number) => void,
  options: { maxElementBytes?: number } = {},
): Promise<ArrayScan> {
  const maxElementBytes = options.maxElementBytes ?? 64 * 1024;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let expectKey = false;
  let valuePending = false;
  let keyParts: Buffer[] | undefined;
  let keyBytes = 0;
  let lastKey: string | undefined;
  let inTarget = false;
  let found = false;
  let closed = false;
  // The element being read: its bytes so far (dropped once it is too large) and where it started
  // in the current chunk.
  let element: { parts: Buffer[]; bytes: number; start: number } | undefined;
  let count = 0;
  let bytes = 0;

  const endElement = (chunk: Buffer, end: number): void => {
    if (!element) return;
    const size = element.bytes + (end - element.start);
    let raw: Buffer | undefined;
    if (size <= maxElementBytes) {
      raw =
        element.parts.length === 0
          ? chunk.subarray(element.start, end)
          : Buffer.concat([...element.parts, chunk.subarray(element.start, end)]);
    }
    element = undefined;
    count += 1;
    onElement(raw, size);
  };

  for await (const piece of source) {
    const chunk = typeof piece === 'string' ? Buffer.from(piece) : piece;
    bytes += chunk.length;
    if (element) element.start = 0;
    let keyStart = keyParts ? 0 : -1;
    // Where the next backslash is, so string contents are skipped by indexOf, not byte by byte.
    let nextBackslash = -1;
    for (let i = 0; i < chunk.length; i += 1) {
      if (inString && !escaped) {
        if (nextBackslash !== -2 && nextBackslash < i) {
          nextBackslash = chunk.indexOf(BACKSLASH, i);
          if (nextBackslash < 0) nextBackslash = -2;
        }
        const quote = chunk.indexOf(QUOTE, i);
        const stop = Math.min(
          quote < 0 ? chunk.length : quote,
          nextBackslash < 0 ? chunk.length : nextBackslash,
        );
        if (stop >= chunk.length) break;
        i = stop;
      }
      const c = chunk[i] as number;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === BACKSLASH) escaped = true;
        else if (c === QUOTE) {
          inString = false;
          if (keyParts) {
            keyParts.push(chunk.subarray(keyStart, i));
            try {
              lastKey = JSON.parse(`"${Buffer.concat(keyParts).toString('utf8')}"`) as string;
            } catch {
              lastKey = undefined;
            }
            keyParts = undefined;
            keyStart = -1;
          }
        }
        continue;
      }
      if (isSpace(c)) continue;
      if (closed) throw new JsonStreamError('more after the end of the JSON document');
      if (inTarget && depth === 2 && !element && c !== COMMA && c !== CLOSE_ARRAY) {
        element = { parts: [], bytes: 0, start: i };
      }
      switch (c) {
        case QUOTE:
          inString = true;
          if (depth === 1 && expectKey) {
            keyParts = [];
            keyBytes = 0;
            keyStart = i + 1;
            expectKey = false;
          }
          valuePending = false;
          break;
        case OPEN_OBJECT:
        case OPEN_ARRAY:
          if (depth === 0 && c !== OPEN_OBJECT) throw new JsonStreamError('not a JSON object');
          if (depth === 1 && valuePending && c === OPEN_ARRAY && lastKey === key && !found) {
            inTarget = true;
            found = true;
          }
          valuePending = false;
          depth += 1;
          if (depth === 1) expectKey = true;
          break;
        case CLOSE_OBJECT:
        case CLOSE_ARRAY:
          if (inTarget && depth === 2) {
            if (c !== CLOSE_ARRAY) throw new JsonStreamError(`"${key}" is not a JSON array`);
            endElement(chunk, i);
            inTarget = false;
          }
          depth -= 1;
          if (depth < 0) throw new JsonStreamError('not JSON');
          if (depth === 0) closed = true;
          break;
        case COMMA:
          if (inTarget && depth === 2) endElement(chunk, i);
          if (depth === 1) expectKey = true;
          break;
        case COLON:
          if (depth === 1) valuePending = true;
          break;
        default:
          if (depth === 0) throw new JsonStreamError('not a JSON object');
          valuePending = false;
      }
    }
    // Carry what spans into the next chunk: the element (while it may still be parsed) and a key.
    if (element) {
      const tail = chunk.length - element.start;
      if (element.bytes + tail <= maxElementBytes)
        element.parts.push(chunk.subarray(element.start));
      else element.parts = [];
      element.bytes += tail;
    }
    if (keyParts) {
      keyBytes += chunk.length - keyStart;
      if (keyBytes > LONGEST_KEY) {
        keyParts = undefined;
        lastKey = undefined;
      } else keyParts.push(chunk.subarray(keyStart));
    }
  }
  if (!closed) {
    throw new JsonStreamError(bytes === 0 ? 'the answer is empty' : 'the JSON answer was cut off');
  }
  return { count, bytes, found };
}
