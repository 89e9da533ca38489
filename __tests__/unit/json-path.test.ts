import { describe, expect, it } from 'vitest';
import {
  describeShape,
  evaluatePath,
  evaluatePaths,
  formatPath,
  parseFieldPath,
  parseFieldPaths,
  PathSyntaxError,
  type PathSegment,
} from '../../src/providers/custom/json-path.js';
import { rng } from '../../sandbox/worlds.mjs';

const KEYS = ['id', 'status', 'a b', "it's", 'x.y', 'data', '0', 'ü', '$', '[', 'with"quote'];

function randomJson(rand: () => number, depth: number): unknown {
  const r = rand();
  if (depth <= 0 || r < 0.3) return r < 0.1 ? null : r < 0.2 ? Math.floor(r * 1000) : `v${r}`;
  if (r < 0.6)
    return Array.from({ length: Math.floor(rand() * 4) }, () => randomJson(rand, depth - 1));
  const out: Record<string, unknown> = {};
  for (const key of KEYS) if (rand() < 0.35) out[key] = randomJson(rand, depth - 1);
  return out;
}

/** Every location in a value, with the value found there. */
function locations(value: unknown, at: PathSegment[] = []): [PathSegment[], unknown][] {
  const here: [PathSegment[], unknown][] = [[at, value]];
  if (Array.isArray(value)) {
    value.forEach((item, index) => here.push(...locations(item, [...at, { index }])));
  } else if (value && typeof value === 'object') {
    for (const [name, item] of Object.entries(value))
      here.push(...locations(item, [...at, { name }]));
  }
  return here;
}

describe('field paths (RFC 9535 singular queries)', () => {
  it('finds every location of random documents through its formatted path', () => {
    for (let seed = 1; seed <= 200; seed += 1) {
      const rand = rng(seed);
      const doc = randomJson(rand, 4);
      for (const [segments, value] of locations(doc)) {
        const text = formatPath(segments);
        const parsed = parseFieldPath(text);
        expect(parsed.segments, `seed ${seed}: ${text}`).toEqual(segments);
        expect(evaluatePath(parsed, doc), `seed ${seed}: ${text}`).toEqual({ found: true, value });
      }
    }
  });

  it('reads shorthand, quoted names, escapes and negative indexes', () => {
    const doc = { data: { 'build.id': 'b1', items: [{ s: 'a' }, { s: 'z' }] }, "it's": 1 };
    const get = (p: string) => evaluatePath(parseFieldPath(p), doc);
    expect(get("$.data['build.id']")).toEqual({ found: true, value: 'b1' });
    expect(get('$.data.items[-1].s')).toEqual({ found: true, value: 'z' });
    expect(get('data.items.0.s')).toEqual({ found: true, value: 'a' });
    expect(get("$['it\\'s']")).toEqual({ found: true, value: 1 });
    expect(get('$["it\'s"]')).toEqual({ found: true, value: 1 });
    expect(get('$.data["\\u0062uild.id"]')).toEqual({ found: true, value: 'b1' });
  });

  it('says where a path stopped matching, and whether a list was merely empty', () => {
    const doc = { items: [] as unknown[], data: { state: 'x' } };
    expect(evaluatePath(parseFieldPath('$.items[0].status'), doc)).toEqual({
      found: false,
      at: '$.items[0]',
      emptyList: true,
    });
    expect(evaluatePath(parseFieldPath('$.data.status'), doc)).toEqual({
      found: false,
      at: '$.data.status',
      emptyList: false,
    });
    // `.0` on an object is a member name, `[0]` on an object matches nothing.
    expect(evaluatePath(parseFieldPath('$.data[0]'), doc).found).toBe(false);
    expect(evaluatePath(parseFieldPath('$.constructor'), doc).found).toBe(false);
  });

  it.each([
    ['$..id', /descendants/],
    ['$.items[*]', /several/],
    ['$.items[?@.a]', /several/],
    ['$.items[0:2]', /several/],
    ["$['a','b']", /several/],
    ['$.a[01]', /expected '\]'/],
    ['$.a[-0]', /quoted name or an integer/],
    ["$['open", /not closed/],
    ['$.a b', /unexpected ' '/],
    ['', /empty/],
    ["$['\\x']", /unknown escape/],
  ])('refuses %s', (text, problem) => {
    let error: unknown;
    try {
      parseFieldPath(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PathSyntaxError);
    expect((error as PathSyntaxError).detail).toMatch(problem);
  });

  it('describes an answer by its keys and types, never its values', () => {
    const shape = describeShape({
      token: 'sk_live_secret',
      count: 3,
      nested: { a: 1 },
      list: [1, 2],
    });
    expect(shape).toBe(
      'an object with top-level keys {token: string, count: number, nested: object, list: array(2)}',
    );
    expect(shape).not.toContain('sk_live_secret');
    expect(describeShape([1, 2, 3])).toBe('a list of 3 items');
    expect(describeShape('<html>')).toBe('a bare string');
  });
});

describe('several field paths separated by commas', () => {
  it('splits at commas outside quoted names and brackets only', () => {
    expect(
      parseFieldPaths(" $.conclusion , $['a,b'].c,data.0 ").paths.map((p) =>
        formatPath(p.segments),
      ),
    ).toEqual(['$.conclusion', '$["a,b"].c', '$.data["0"]']);
    expect(parseFieldPaths('$.status').paths).toHaveLength(1);
    for (const bad of ['$.a,', ',$.a', '$.a,,$.b', '$.items[0,1]', '$.a, $..b']) {
      expect(() => parseFieldPaths(bad), bad).toThrow(PathSyntaxError);
    }
  });

  it('gives the first value that is present and not null (seeded random documents)', () => {
    for (let seed = 1; seed <= 100; seed += 1) {
      const rand = rng(seed);
      const doc = randomJson(rand, 3);
      const all = locations(doc).map(([segments]) => formatPath(segments));
      const texts = Array.from({ length: 1 + Math.floor(rand() * 3) }, () =>
        rand() < 0.3 ? '$.nowhere[3]' : (all[Math.floor(rand() * all.length)] ?? '$'),
      );
      const fields = parseFieldPaths(texts.join(', '));
      const results = texts.map((t) => evaluatePath(parseFieldPath(t), doc));
      const expected =
        results.find((r) => r.found && r.value !== null) ?? results.find((r) => r.found);
      const got = evaluatePaths(fields, doc);
      if (expected) expect(got, `seed ${seed}: ${texts.join(', ')}`).toEqual(expected);
      else expect(got.found, `seed ${seed}: ${texts.join(', ')}`).toBe(false);
    }
  });

  it('a miss is the first path’s, and "not made yet" when any path met an empty list', () => {
    const doc = { items: [], data: {} };
    expect(evaluatePaths(parseFieldPaths('$.data.x, $.items[0].s'), doc)).toEqual({
      found: false,
      at: '$.data.x',
      emptyList: true,
    });
    expect(evaluatePaths(parseFieldPaths('$.c, $.s'), { c: null, s: 'ok' })).toEqual({
      found: true,
      value: 'ok',
    });
    expect(evaluatePaths(parseFieldPaths('$.c, $.s'), { c: null })).toEqual({
      found: true,
      value: null,
    });
  });
});
