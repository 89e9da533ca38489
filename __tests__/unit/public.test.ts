/**
 * The rules for what leaves the action (src/public): the link rule, the scrubber and the output
 * characters, on examples and on seeded random inputs (the seed is in every failure message).
 */
import { describe, expect, it } from 'vitest';
import {
  checkLink,
  clickPlace,
  firstPublicLink,
  publicBuildLinks,
  publicLink,
} from '../../src/public/links.js';
import { rng } from '../../sandbox/worlds.mjs';

const API = 'https://api.builds.example';

describe('link rule', () => {
  it.each([
    ['https://preview.example/app', 'https://preview.example/app'],
    ['http://127.0.0.1:8080/site/x', 'http://127.0.0.1:8080/site/x'],
    ['HTTPS://Preview.Example/a%20b', 'https://preview.example/a%20b'],
    ['https://npm.example/@scope/pkg', 'https://npm.example/@scope/pkg'],
  ])('keeps the public link %s', (url, href) => {
    expect(publicLink(url)).toBe(href);
  });

  it.each([
    ['https://s3.example/log?X-Amz-Signature=abc', 'query'],
    ['https://s3.example/log?', 'query'],
    ['https://s3.example/log#access_token=abc', 'fragment'],
    ['https://user:pass@example.com/x', 'credentials'],
    ['https://token@example.com/x', 'credentials'],
    ['https://@example.com/x', 'credentials'],
    ['javascript:alert(1)', 'not-web'],
    ['data:text/html,hi', 'not-web'],
    ['file:///etc/passwd', 'not-web'],
    ['ftp://example.com/x', 'not-web'],
    ['/relative/path', 'not-a-url'],
    ['https://example.com/a b', 'not-a-url'],
    ['https://example.com/a\nb', 'not-a-url'],
    ['https://exa\tmple.com/', 'not-a-url'],
    ['https:\\\\evil.example\\x', 'not-a-url'],
    ['https://example.com/"quoted"', 'not-a-url'],
    ['http://"', 'not-a-url'],
    [`https://example.com/${'a'.repeat(3000)}`, 'too-long'],
  ])('refuses %j (%s)', (url, why) => {
    expect(checkLink(url)).toEqual({ ok: false, why });
  });

  it("refuses links on the API's own origin where a person clicks, not in outputs", () => {
    const place = clickPlace(`${API}/v1`);
    expect(checkLink(`${API}/v1/builds/1/logs`, place)).toEqual({ ok: false, why: 'needs-token' });
    expect(publicLink(`${API}/v1/builds/1/logs`)).toBe(`${API}/v1/builds/1/logs`);
    expect(publicLink('https://logs.builds.example/1', place)).toBe(
      'https://logs.builds.example/1',
    );
  });

  it('firstPublicLink skips what the rule keeps out', () => {
    expect(
      firstPublicLink(
        [undefined, 'https://s3.example/l?sig=1', 'javascript:x', 'https://ok.example/'],
        {},
      ),
    ).toBe('https://ok.example/');
  });

  it("publicBuildLinks removes every link that fails, and a token-needing log where it's clicked", () => {
    const build = {
      id: 'b1',
      deployUrl: 'https://ok.example/app',
      artifactUrl: 'https://cdn.example/a.zip?sig=1',
      logUrl: 'https://logs.example/1',
      logNeedsToken: true,
    };
    expect(publicBuildLinks(build, clickPlace(API))).toEqual({
      id: 'b1',
      deployUrl: 'https://ok.example/app',
      logNeedsToken: true,
    });
    expect(publicBuildLinks(build)).toEqual({
      id: 'b1',
      deployUrl: 'https://ok.example/app',
      logUrl: 'https://logs.example/1',
      logNeedsToken: true,
    });
  });

  it('whatever it is given, what it keeps is an http(s) link without credentials, query or fragment (seeded)', () => {
    const pieces = [
      'https://',
      'http://',
      'javascript:',
      'HTTPS://',
      'user',
      ':',
      '@',
      'pass',
      'example.com',
      'api.builds.example',
      '/',
      '?',
      '#',
      '&',
      '=',
      'sig',
      '%3F',
      '%40',
      ' ',
      '\t',
      '\n',
      '\\',
      '..',
      '[::1]',
      '127.0.0.1',
      ':8080',
      'é',
      '\u202e',
      '"',
      '<',
      '>',
    ];
    const place = clickPlace(API);
    for (let seed = 1; seed <= 3000; seed++) {
      const rand = rng(seed);
      const start = rand() < 0.7 ? (rand() < 0.5 ? 'https://' : 'http://') : '';
      const url =
        start +
        Array.from(
          { length: 1 + Math.floor(rand() * 10) },
          () => pieces[Math.floor(rand() * pieces.length)],
        ).join('');
      const kept = publicLink(url, place);
      if (kept === undefined) continue;
      const where = `seed ${seed}: ${JSON.stringify(url)} -> ${kept}`;
      const parsed = new URL(kept);
      expect(['https:', 'http:'], where).toContain(parsed.protocol);
      expect(parsed.username + parsed.password, where).toBe('');
      expect(kept, where).not.toMatch(/[?#\s"<>\\]/);
      expect(parsed.origin, where).not.toBe(API);
      expect(url, where).not.toContain('?');
      expect(publicLink(kept, place), where).toBe(kept);
    }
  });
});
