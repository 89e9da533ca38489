import { describe, expect, it } from 'vitest';
import { parseJson } from '../../src/http/json.js';
import { rng } from '../../sandbox/worlds.mjs';

describe('parseJson', () => {
  it('keeps an integer a double cannot hold as its digits, as written', () => {
    expect(parseJson('{"id": 12345678901234567891}')).toEqual({ id: '12345678901234567891' });
    expect(parseJson('[-9007199254740993, 9007199254740991]')).toEqual([
      '-9007199254740993',
      9007199254740991,
    ]);
    // Inside strings nothing changes, escapes included.
    expect(parseJson('{"a": "x\\" 12345678901234567891", "b": 1}')).toEqual({
      a: 'x" 12345678901234567891',
      b: 1,
    });
    // A fraction or exponent is a measurement: read as JSON.parse reads it.
    expect(parseJson('[12345678901234567891.5, 1e400]')).toEqual(
      JSON.parse('[12345678901234567891.5, 1e400]'),
    );
    expect(parseJson('\ufeff{"ok": true}')).toEqual({ ok: true });
  });

  it('never turns text that is not JSON into JSON', () => {
    for (const text of [
      '{12345678901234567891: 1}',
      '[012345678901234567891]',
      '[12345678901234567891',
      '{"a": 12345678901234567891 12345678901234567892}',
      '',
    ]) {
      expect(() => parseJson(text), text).toThrow(SyntaxError);
    }
  });

  it('agrees with JSON.parse wherever every number fits (seeded random documents)', () => {
    const seed = Number(process.env['TBA_SEED'] ?? 7);
    const rand = rng(seed);
    const value = (depth: number): unknown => {
      const r = rand();
      if (depth > 3 || r < 0.4) {
        const kind = Math.floor(rand() * 5);
        if (kind === 0) return Math.floor(rand() * 2 ** 53) * (rand() < 0.5 ? -1 : 1);
        if (kind === 1) return rand() * 1e6;
        if (kind === 2) return `s${Math.floor(rand() * 1e18)}"\\\n${rand()}`;
        if (kind === 3) return rand() < 0.5;
        return null;
      }
      if (r < 0.7) return Array.from({ length: Math.floor(rand() * 4) }, () => value(depth + 1));
      return Object.fromEntries(
        Array.from({ length: Math.floor(rand() * 4) }, (_, i) => [`k${i}`, value(depth + 1)]),
      );
    };
    for (let i = 0; i < 200; i += 1) {
      const text = JSON.stringify(value(0), null, i % 2 === 0 ? 2 : undefined);
      expect(parseJson(text), `seed ${seed}: ${text}`).toEqual(JSON.parse(text));
    }
  });
});
