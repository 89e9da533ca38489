/**
 * The rules for what leaves the action (src/public): the link rule, the scrubber and the output
 * characters, on examples and on seeded random inputs (the seed is in every failure message).
 */
import fs from 'node:fs';
import path from 'node:path';
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
  headerLinesSecrets,
  MASK,
  querySecrets,
  Scrubber,
  secretsOf,
} from '../../src/public/scrub.js';
import { declaredSecrets, readSettings } from '../../src/inputs.js';
import { defaultName, parseTargets } from '../../src/inputs/targets.js';
import { checkOutputs } from '../../src/public/outputs.js';
import type { Build } from '../../src/providers/types.js';
import { oneLine } from '../../src/errors.js';
import { atxHeading, parseMarkdown, slugFor } from '../../src/providers/sitepaste/pages.js';
import { jsonText, printable, safeLine } from '../../src/text.js';
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

  it('scrubs secrets minted after it was made (follow), from the moment they exist', () => {
    const minted: string[] = [];
    const scrubber = new Scrubber(['static-token-1']);
    scrubber.follow(() => minted);
    expect(scrubber.scrub('a eyJnew.token.value b')).toBe('a eyJnew.token.value b');
    minted.push('eyJnew.token.value');
    expect(scrubber.scrub('a eyJnew.token.value b static-token-1')).toBe('a *** b ***');
    expect(scrubber.holdsSecret('x eyJnew.token.value')).toBe(true);
  });

  it('removes the start of a secret that bounded text cut off with …, and nothing else (seeded)', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const rand = rng(seed);
      const secret = `${randomSecret(rand)}${randomSecret(rand)}`;
      const scrubber = new Scrubber([secret]);
      const before = randomText(rand, Math.floor(rand() * 30)).replace(/…/g, '');
      const keep = 8 + Math.floor(rand() * (secret.length - 8));
      const cut = `${before}${secret.slice(0, keep)}… more`;
      const where = `seed ${seed}: ${JSON.stringify(cut)}`;
      const scrubbed = scrubber.scrub(cut);
      expect(scrubbed, where).not.toContain(secret.slice(0, 8));
      expect(scrubbed.endsWith(`${MASK}… more`), where).toBe(true);
      // A cut that does not end inside a secret is left as it is.
      const plain = `${before}… more`;
      if (!scrubber.holdsSecret(plain)) expect(scrubber.scrub(plain), where).toBe(plain);
    }
  });

  it('leaves values too short to be credentials alone', () => {
    expect(new Scrubber(['ab']).scrub('abc ab')).toBe('abc ab');
  });

  it('finds the secrets of a run: credentials, header values (not public ones), query keys', () => {
    const masked: string[] = [];
    const inputs: Record<string, string> = {
      provider: 'custom',
      token: 'tok-123456',
      'github-token': 'ghs_abcdef',
      'api-url': 'https://api.builds.example',
      'auth-header': 'Authorization: Bearer {token}',
      headers: 'X-Api-Key: literal-key-99\nAccept: application/json\nX-Env: production-eu',
      'trigger-endpoint': 'POST /builds?api_key=k3y&format=json',
      'status-endpoint': 'GET /builds/{id}?signature=abcdefghij',
    };
    const settings = readSettings(
      (name) => inputs[name] ?? '',
      (v) => masked.push(v),
    );
    const found = secretsOf(settings);
    for (const secret of [
      'tok-123456',
      'ghs_abcdef',
      'literal-key-99',
      'production-eu',
      'k3y',
      'abcdefghij',
    ]) {
      expect(found).toContain(secret);
      expect(masked).toContain(secret);
    }
    for (const shown of ['application/json', 'json', '{token}', 'Bearer {token}']) {
      expect(found).not.toContain(shown);
      expect(masked).not.toContain(shown);
    }
    expect(new Set(masked).size).toBe(masked.length);
  });

  it('finds the secrets of an input as written, never a placeholder, by what providers declare', () => {
    const secretsIn = declaredSecrets();
    expect(secretsIn('auth-header', 'Authorization: Bearer {token}')).toEqual([]);
    expect(secretsIn('headers', 'X-Key: abc123\nAccept: text/plain\nbroken-line')).toEqual([
      'abc123',
      'broken-line',
    ]);
    expect(secretsIn('trigger-endpoint', 'POST /b?token=t0k&page=2')).toEqual(['t0k']);
    expect(secretsIn('project', 'anything')).toEqual([]);
    expect(headerLinesSecrets('Authorization: Basic dXNlcjpw')).toEqual([
      'Basic dXNlcjpw',
      'dXNlcjpw',
    ]);
    expect(querySecrets('/b?key=a%2Fb')).toEqual(['a%2Fb', 'a/b']);
  });

  it("masks a target's own header values and query keys before any target is read, and leaves them out of its name", async () => {
    const masked: string[] = [];
    const secretsIn = declaredSecrets();
    const raws = await parseTargets(
      [
        '- provider: custom',
        '  auth-header: "X-Auth: per-target-auth-1"',
        '  headers: "X-Key: per-target-key-2"',
        '  trigger-endpoint: POST /b?api_key=per-target-q3',
        '  stage: eu',
      ].join('\n'),
      (v) => masked.push(v),
      secretsIn,
    );
    expect(masked).toEqual(
      expect.arrayContaining(['per-target-auth-1', 'per-target-key-2', 'per-target-q3']),
    );
    const name = defaultName(raws[0]!, secretsIn);
    expect(name).toBe('custom eu');
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

/** What no printed line may hold raw: controls but tab, line breaks, bidi overrides. */
const UNPRINTABLE = new RegExp(
  // eslint-disable-next-line no-control-regex
  '[\\u0000-\\u0008\\u000a-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069]',
);

describe('printed text', () => {
  it('shows ESC, OSC, CSI (7- and 8-bit), BEL and bidi overrides escaped; tabs and line feeds stay', () => {
    expect(printable('a\u001b]0;title\u0007b\u009b2Jc\u202ed\te\nf')).toBe(
      'a\\x1b]0;title\\x07b\\x9b2Jc\\u202ed\te\nf',
    );
    expect(safeLine('x\u001b[2Ky\r\nz')).toBe('x\\x1b[2Ky z');
    expect(jsonText({ m: 'a\u009bb\u001bc\u2028' })).toBe('{"m":"a\\u009bb\\u001bc\\u2028"}');
  });

  it('safeLine leaves nothing a terminal or the runner obeys, whatever it is given (seeded)', () => {
    const pieces = [
      'a',
      ' ',
      '\u001b',
      '[',
      ']',
      '\u0007',
      '\u009b',
      '\r',
      '\n',
      ':',
      '#',
      '\u202e',
      '\u2066',
      '\u0000',
      '\u007f',
      'é',
      '😀',
      '\t',
    ];
    for (let seed = 1; seed <= 2000; seed++) {
      const rand = rng(seed);
      const text = Array.from(
        { length: Math.floor(rand() * 60) },
        () => pieces[Math.floor(rand() * pieces.length)],
      ).join('');
      const max = 5 + Math.floor(rand() * 60);
      const line = safeLine(text, max);
      const where = `seed ${seed}: ${JSON.stringify(text)} -> ${JSON.stringify(line)}`;
      expect(line, where).not.toMatch(UNPRINTABLE);
      expect(line, where).not.toContain('::');
      expect(line, where).not.toContain('##[');
      expect(line.length, where).toBeLessThanOrEqual(max);
    }
  });
});

describe('text from outside, read in linear time', () => {
  /** Milliseconds `fn` takes; generous bounds below, the old patterns took minutes. */
  const timed = (fn: () => unknown): number => {
    const start = performance.now();
    fn();
    return performance.now() - start;
  };

  it('oneLine: 4 MiB of spaces, and many short lines, in well under a second', () => {
    expect(timed(() => oneLine(`a${' '.repeat(4 * 1024 * 1024)}b`))).toBeLessThan(1000);
    expect(timed(() => oneLine('x \n '.repeat(1_000_000)))).toBeLessThan(1000);
    expect(oneLine('  a  \r\n\n   b \n c  ')).toBe('a b c');
    expect(oneLine('a\u00a0\nb')).toBe('a b');
  });

  it('Sitepaste titles: a 1 MB heading or front-matter title of spaces, and a path of dashes', () => {
    const spaces = ' '.repeat(1024 * 1024);
    expect(timed(() => parseMarkdown(`# a${spaces}b\n`, 'p.md'))).toBeLessThan(1000);
    expect(timed(() => parseMarkdown(`# a${spaces}\n`, 'p.md'))).toBeLessThan(1000);
    expect(timed(() => parseMarkdown(`---\ntitle: a${spaces}b\n---\nx`, 'p.md'))).toBeLessThan(
      1000,
    );
    expect(timed(() => slugFor(`${'-'.repeat(200_000)}x${'-'.repeat(200_000)}.md`))).toBeLessThan(
      1000,
    );
  });

  it('reads headings as the CommonMark ATX rule it replaced', () => {
    const cases: [string, string | undefined][] = [
      ['# Title', 'Title'],
      ['   # Title ##', 'Title'],
      ['# Title#', 'Title#'],
      ['#\tTabbed  \t', 'Tabbed'],
      ['# ###', '###'],
      ['#  a  #  ', 'a'],
      ['# a # b', 'a # b'],
      ['#   ', undefined],
      ['    # code', undefined],
      ['## Second', undefined],
      ['#NoSpace', undefined],
    ];
    const old = (line: string) =>
      /^ {0,3}#[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(line)?.[1] || undefined;
    for (const [line, want] of cases) {
      expect(atxHeading(line), line).toBe(want);
      expect(old(line), line).toBe(want);
    }
    expect(parseMarkdown('---\ntitle: Hello   # a comment\n---\n', 'x.md').title).toBe('Hello');
    expect(parseMarkdown('---\ntitle: C#  \n---\n', 'x.md').title).toBe('C#');
    expect(slugFor('--Docs/Getting Started--.md')).toBe('docs-getting-started');
  });
});

describe('documentation examples', () => {
  /** Every `run:` script in the Markdown's YAML examples: [file:line, script text]. */
  function runScripts(file: string): [string, string][] {
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const found: [string, string][] = [];
    for (let i = 0; i < lines.length; i++) {
      const m = /^(\s*)(- )?run:\s*(.*)$/.exec(lines[i] ?? '');
      if (!m) continue;
      const indent = (m[1] ?? '').length + (m[2] ? 2 : 0);
      const script = [m[3] ?? ''];
      if (/^[|>]-?$/.test((m[3] ?? '').trim())) {
        for (let j = i + 1; j < lines.length; j++) {
          const line = lines[j] ?? '';
          if (line.trim() !== '' && line.length - line.trimStart().length <= indent) break;
          script.push(line);
        }
      }
      found.push([`${path.basename(file)}:${i + 1}`, script.join('\n')]);
    }
    return found;
  }

  it('pass outputs and other expressions to scripts through env:, never as ${{ }} inside run:', () => {
    const root = path.resolve(import.meta.dirname, '..', '..');
    const files = [
      path.join(root, 'README.md'),
      ...fs
        .readdirSync(path.join(root, 'docs'), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.md'))
        .map((f) => path.join(root, 'docs', f)),
    ];
    const scripts = files.flatMap(runScripts);
    expect(scripts.length).toBeGreaterThan(5);
    expect(scripts.filter(([, script]) => script.includes('${{'))).toEqual([]);
  });
});
