import { describe, expect, it } from 'vitest';
import { JsonStreamError, scanJsonArray } from '../../src/http/json-stream.js';
import { scanLines } from '../../src/http/line-stream.js';
import { LogTail } from '../../src/providers/log-tail.js';
import { rng } from '../../sandbox/worlds.mjs';

/** The document cut into pieces at the given byte offsets, as a stream delivers it. */
async function* pieces(text: string, cuts: number[]): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text);
  let at = 0;
  for (const cut of [...cuts.filter((c) => c > 0 && c < bytes.length)].sort((a, b) => a - b)) {
    yield bytes.subarray(at, cut);
    at = cut;
  }
  yield bytes.subarray(at);
}

async function scan(text: string, cuts: number[] = [], maxElementBytes?: number) {
  const seen: unknown[] = [];
  const sizes: number[] = [];
  const result = await scanJsonArray(
    pieces(text, cuts),
    'logs',
    (raw, bytes) => {
      seen.push(raw === undefined ? undefined : JSON.parse(raw.toString('utf8')));
      sizes.push(bytes);
    },
    maxElementBytes === undefined ? {} : { maxElementBytes },
  );
  return { seen, sizes, result };
}

const TRICKY = [
  'plain',
  'quote " inside',
  'backslash \\ and \\" and \\\\',
  'brackets ] } [ { , : inside',
  'unicode é 漢字 🚀',
  '',
];

describe('scanJsonArray', () => {
  it('hands over each element of the named array, whatever else the document holds', async () => {
    const doc = {
      meta: { logs: ['not this one'], n: [1, 2, { logs: [3] }] },
      'lo\\"gs': [4],
      buildId: 'b1',
      logs: [
        { level: 'info', message: 'a', nested: { list: [1, [2, 3]], s: '],}' } },
        'text',
        12.5e3,
        null,
        true,
        [1, [2]],
      ],
      after: [5],
    };
    const { seen, result } = await scan(JSON.stringify(doc, null, 2));
    expect(seen).toEqual(doc.logs);
    expect(result).toMatchObject({ count: 6, found: true });
  });

  it('reads the same at every chunk boundary, over seeded random documents', async () => {
    for (let seed = 1; seed <= 40; seed += 1) {
      const random = rng(seed);
      const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)] as T;
      const logs = Array.from({ length: Math.floor(random() * 30) }, (_, i) => ({
        timestamp: `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`,
        level: pick(['info', 'error', 'warn']),
        message: pick(TRICKY).repeat(1 + Math.floor(random() * 3)),
        ...(random() < 0.3 ? { extra: { list: [pick(TRICKY), { deep: [pick(TRICKY)] }] } } : {}),
      }));
      const text = JSON.stringify(
        { buildId: pick(TRICKY), before: { logs: [pick(TRICKY)] }, logs, after: pick(TRICKY) },
        null,
        random() < 0.5 ? 2 : undefined,
      );
      const size = Buffer.byteLength(text);
      const cuts = Array.from({ length: 1 + Math.floor(random() * 20) }, () =>
        Math.floor(random() * size),
      );
      const { seen, result } = await scan(text, cuts);
      expect(seen, `seed ${seed}`).toEqual(logs);
      expect(result, `seed ${seed}`).toEqual({ count: logs.length, bytes: size, found: true });
    }
  });

  it('hands over an element larger than the limit as undefined with its size', async () => {
    const big = { message: 'x'.repeat(5000) };
    const text = JSON.stringify({ logs: [{ message: 'small' }, big, { message: 'after' }] });
    const { seen, sizes } = await scan(text, [10, 100, 3000, 5020], 1000);
    expect(seen).toEqual([{ message: 'small' }, undefined, { message: 'after' }]);
    expect(sizes[1]).toBe(JSON.stringify(big).length);
  });

  it('says when the array is missing, and refuses a document cut off or not JSON', async () => {
    expect((await scan('{"other": [1]}')).result).toMatchObject({ found: false, count: 0 });
    await expect(scan('{"logs": [{"a": 1}, {"b"')).rejects.toThrow(JsonStreamError);
    await expect(scan('<html>login</html>')).rejects.toThrow(/not a JSON object/);
    await expect(scan('')).rejects.toThrow(/empty/);
  });
});

describe('LogTail', () => {
  const raw = (text: string) => Buffer.from(text);

  it('keeps the last entries within its size, formats only those, and counts the rest', () => {
    const tail = new LogTail(20);
    let formatted = 0;
    for (let i = 0; i < 3000; i += 1) tail.push(raw(`l${String(i).padStart(8, '0')}`), 9);
    const page = tail.page(123, (entry) => {
      formatted += 1;
      return `line ${entry}`;
    });
    expect(page).toEqual({
      lines: ['line l00002998', 'line l00002999'],
      omittedLines: 2998,
      omittedBytes: 2998 * 9,
      readBytes: 123,
    });
    expect(formatted).toBe(2);
  });

  it('keeps entries whole across the end of its buffer, over seeded random sizes', () => {
    for (let seed = 1; seed <= 20; seed += 1) {
      const random = rng(seed);
      const max = 16 + Math.floor(random() * 200);
      const tail = new LogTail(max);
      const all: string[] = [];
      for (let i = 0; i < 300; i += 1) {
        const text = `${i}:${'é'.repeat(Math.floor(random() * 20))}`;
        all.push(text);
        tail.push(raw(text), Buffer.byteLength(text));
      }
      const page = tail.page(0, String);
      // The kept ones are the newest, whole and in order, within the size; the rest are counted.
      expect(page.lines, `seed ${seed}`).toEqual(all.slice(all.length - page.lines.length));
      expect(page.lines.reduce((n, l) => n + Buffer.byteLength(l), 0)).toBeLessThanOrEqual(max);
      expect(page.omittedLines + page.lines.length).toBe(300);
    }
  });

  it('keeps a too-large entry as its size, and nothing with no room, counting every entry', () => {
    const marked = new LogTail(10);
    marked.push(undefined, 5000);
    marked.push(raw('ok'), 2);
    expect(marked.page(0, String).lines).toEqual(['5000', 'ok']);
    const none = new LogTail(0);
    none.push(raw('a'), 2);
    none.push(raw('bb'), 3);
    expect(none.page(0, String)).toEqual({
      lines: [],
      omittedLines: 2,
      omittedBytes: 5,
      readBytes: 0,
    });
  });
});

describe('scanLines', () => {
  it('reads the same lines at every chunk boundary, skipping what was read, leaving a partial last line', async () => {
    const text = 'a\r\nbé\n\nlong line\nlast';
    for (let seed = 1; seed <= 30; seed += 1) {
      const random = rng(seed);
      const cuts = Array.from({ length: 4 }, () => Math.floor(random() * text.length));
      const lines: (string | undefined)[] = [];
      const collect = (raw: Buffer | undefined) => lines.push(raw?.toString('utf8'));
      const open = await scanLines(pieces(text, cuts), collect);
      expect(lines, `seed ${seed}`).toEqual(['a', 'bé', '', 'long line']);
      expect(open.complete).toBe(Buffer.byteLength('a\r\nbé\n\nlong line\n'));
      lines.length = 0;
      const done = await scanLines(pieces(text, cuts), collect, {
        skip: open.complete,
        includePartial: true,
        maxLineBytes: 3,
      });
      expect(lines).toEqual(['last'.length > 3 ? undefined : 'last']);
      expect(done.complete).toBe(Buffer.byteLength(text));
    }
  });
});
