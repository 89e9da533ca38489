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
import {
  formsOf,
  inputSecrets,
  MASK,
  querySecrets,
  Scrubber,
  secretsOf,
} from '../../src/public/scrub.js';
import { checkOutputs } from '../../src/public/outputs.js';
import type { Build } from '../../src/providers/types.js';
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

describe('scrubber', () => {
  const ALPHABET = 'abcXYZ0189-_.~+/=:@ %&"\\\'é€';
  const randomSecret = (rand: () => number): string =>
    Array.from(
      { length: 8 + Math.floor(rand() * 32) },
      () => ALPHABET[Math.floor(rand() * ALPHABET.length)],
    ).join('');
  const randomText = (rand: () => number, n: number): string =>
    Array.from({ length: n }, () => 'lorem ipsum dolor sit amet '[Math.floor(rand() * 27)]).join(
      '',
    );
  /** Every window of `text` decoded as base64 at each alignment. */
  const decodedWindows = (text: string): string[] =>
    text
      .split(MASK)
      .flatMap((part) =>
        [0, 1, 2, 3].map((at) =>
          Buffer.from(part.slice(at).replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString(
            'latin1',
          ),
        ),
      );

  it('removes a secret in every form an echo takes, wherever it sits (seeded)', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const rand = rng(seed);
      const secret = randomSecret(rand);
      const scrubber = new Scrubber([secret]);
      const before = randomText(rand, Math.floor(rand() * 40));
      const after = randomText(rand, Math.floor(rand() * 40));
      const prefix = randomText(rand, Math.floor(rand() * 7));
      const echoes = [
        secret,
        encodeURIComponent(secret),
        new URLSearchParams({ q: secret }).toString().slice(2),
        JSON.stringify(secret).slice(1, -1),
        JSON.stringify({ message: `bad ${secret}` }),
        Buffer.from(secret).toString('base64'),
        Buffer.from(secret).toString('base64url'),
        // Inside a longer base64 text, at any alignment (Basic auth encodes user:token).
        Buffer.from(`${prefix}${secret}${after}`).toString('base64'),
      ];
      for (const echo of echoes) {
        const text = `${before}${echo}${after}`;
        const out = scrubber.scrub(text);
        const where = `seed ${seed}: secret ${JSON.stringify(secret)} in ${JSON.stringify(text)} -> ${JSON.stringify(out)}`;
        expect(out, where).not.toContain(secret);
        for (const form of formsOf(secret)) expect(out, where).not.toContain(form);
        const raw = Buffer.from(secret).toString('latin1');
        for (const window of decodedWindows(out)) expect(window, where).not.toContain(raw);
        expect(scrubber.scrub(out), where).toBe(out);
      }
      // Text without the secret is left as it is.
      const plain = `${before} ${after}`;
      if (!scrubber.holdsSecret(plain)) expect(scrubber.scrub(plain)).toBe(plain);
    }
  });

  it('leaves values too short to be credentials alone', () => {
    expect(new Scrubber(['ab']).scrub('abc ab')).toBe('abc ab');
  });

  it('finds the secrets of a run: credentials, header values (not public ones), query keys', () => {
    const found = secretsOf({
      token: 'tok-123456',
      secretKey: '',
      githubToken: 'ghs_abcdef',
      custom: {
        headers: {
          authorization: 'Bearer tok-123456',
          'x-api-key': 'literal-key-99',
          accept: 'application/json',
          'x-env': 'production-eu',
        },
        trigger: { path: '/builds?api_key=k3y&format=json' },
        status: { path: '/builds/{id}?signature=abcdefghij' },
        cancel: undefined,
      },
    });
    expect(found).toEqual(
      expect.arrayContaining([
        'tok-123456',
        'ghs_abcdef',
        'Bearer tok-123456',
        'literal-key-99',
        'production-eu',
        'k3y',
        'abcdefghij',
      ]),
    );
    expect(found).not.toContain('application/json');
    expect(found).not.toContain('json');
  });

  it('finds the secrets of an input as written, never a placeholder', () => {
    expect(inputSecrets('auth-header', 'Authorization: Bearer {token}')).toEqual([]);
    expect(inputSecrets('headers', 'X-Key: abc123\nAccept: text/plain\nbroken-line')).toEqual([
      'abc123',
      'broken-line',
    ]);
    expect(inputSecrets('trigger-endpoint', 'POST /b?token=t0k&page=2')).toEqual(['t0k']);
    expect(inputSecrets('project', 'anything')).toEqual([]);
    expect(querySecrets('/b?key=a%2Fb')).toEqual(['a%2Fb', 'a/b']);
  });
});

describe('output values', () => {
  const build = (extra: Partial<Build>): Build => ({
    id: 'b1',
    state: 'success',
    providerStatus: 'deployed',
    ...extra,
  });

  it.each([
    ['cb_8f3KzQ1a', 'succeeded'],
    ['65f3a2b1c4d5e6f7a8b9c0d1', 'Build Succeeded'],
    ['12345678901234567891', 'in_progress'],
    ['projects/p-1/builds/42', 'queued'],
    ['dep-abc123:1', 'échoué'],
  ])('keeps the id %s and the word %s', (id, word) => {
    const checked = checkOutputs(
      build({
        id,
        providerStatus: word,
        dockerImage: 'registry.example.com/team/app:1.2.3@sha256:abc123',
        deployUrl: 'https://preview.example/app/',
        logUrl: 'http://[::1]:8080/logs/1',
      }),
    );
    expect(checked.refused).toEqual([]);
    expect(checked.build.id).toBe(id);
    expect(checked.build.providerStatus).toBe(word);
  });

  it('gives a non-ASCII URL percent-encoded, as it is sent', () => {
    expect(checkOutputs(build({ deployUrl: 'https://x.example/ünï' })).build.deployUrl).toBe(
      'https://x.example/%C3%BCn%C3%AF',
    );
  });

  it('leaves a URL the link rule drops to the rule (no refusal), and refuses one with shell characters', () => {
    const dropped = checkOutputs(build({ logUrl: 'https://s3.example/l?sig=1' }));
    expect(dropped.refused).toEqual([]);
    const shell = checkOutputs(build({ deployUrl: 'https://x.example/$(id)' }));
    expect(shell.refused).toEqual([
      { output: 'deploy-url', problem: "has characters a URL never has ('$', '(', ')')" },
    ]);
    expect(shell.build.deployUrl).toBeUndefined();
  });

  it('names control characters without printing them', () => {
    const { refused } = checkOutputs(build({ id: 'b1\u001b]0;x\u0007' }));
    expect(refused[0]!.problem).toBe(
      "has characters a build id never has (U+001B, ']', ';', U+0007)",
    );
  });

  it('whatever a provider sends, what is kept has only harmless characters, and a refusal says which (seeded)', () => {
    const pieces = [
      'b',
      '1',
      '-',
      '_',
      '.',
      ':',
      '/',
      '"',
      ';',
      ' ',
      '$',
      '(',
      ')',
      '`',
      '\n',
      "'",
      '&',
      '|',
      '\\',
      '>',
      'é',
      '\u001b',
      '*',
      '@',
    ];
    for (let seed = 1; seed <= 2000; seed++) {
      const rand = rng(seed);
      const value = () =>
        Array.from(
          { length: 1 + Math.floor(rand() * 12) },
          () => pieces[Math.floor(rand() * pieces.length)],
        ).join('');
      const raw = build({ id: value(), providerStatus: value(), dockerImage: value() });
      const { build: kept, refused } = checkOutputs(raw);
      const where = `seed ${seed}: ${JSON.stringify(raw)}`;
      for (const text of [kept.id, kept.providerStatus, kept.dockerImage ?? '']) {
        expect(text, where).not.toMatch(/["';$()`&|\\<>*\n]/);
        expect(text, where).not.toContain('\u001b');
      }
      const refusedNames = refused.map((r) => r.output);
      expect(refusedNames.includes('build-id'), where).toBe(kept.id !== raw.id);
      expect(refusedNames.includes('docker-image'), where).toBe(
        kept.dockerImage !== raw.dockerImage,
      );
    }
  });
});
