import { describe, expect, it } from 'vitest';
import { isLogText } from '../../../src/providers/text-log.js';

describe('isLogText: which answers at a log URL are read as the log', () => {
  it.each([
    ['text/plain; charset=utf-8', true],
    ['text/x-log', true],
    ['TEXT/PLAIN', true],
    ['application/octet-stream', true],
    ['', true],
    [undefined, true],
    ['text/html; charset=utf-8', false],
    ['text/HTML', false],
    ['application/json', false],
    ['image/png', false],
  ])('%s -> %s', (type, text) => {
    expect(isLogText(type)).toBe(text);
  });
});
