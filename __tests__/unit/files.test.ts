/**
 * Path handling for files we read and names we write, with POSIX and Windows paths alike
 * (`path.win32` runs the Windows rules on any OS, so CI on Linux checks them too).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArtifactError } from '../../src/artifact/error.js';
import { zipEntryName } from '../../src/artifact/walk.js';
import { hiddenKind, relativeInside, Root } from '../../src/files/inside.js';
import { moveNoReplace, pathInside, safeFileName } from '../../src/files/names.js';
import { slugFor } from '../../src/providers/sitepaste/pages.js';
import { scratchDir } from '../scratch.js';

describe('relativeInside (artifact root, pages workspace)', () => {
  it.each([
    ['/work/app', '/work/app', ''],
    ['/work/app', '/work/app/index.js', 'index.js'],
    ['/work/app', '/work/app/lib/deep/util.js', 'lib/deep/util.js'],
    ['/work/app', '/work/app/..config.json', '..config.json'],
    ['/work/app', '/work/app/a/../b.js', 'b.js'],
    ['/work/app', '/work/app/../app-secrets/key', undefined],
    ['/work/app', '/work/app-other/x', undefined],
    ['/work/app', '/work', undefined],
    ['/work/app', '/etc/passwd', undefined],
    ['/work/app', '/proc/self/environ', undefined],
  ])('posix: %s holds %s as %s', (root, target, expected) => {
    expect(relativeInside(root, target, path.posix)).toBe(expected);
  });

  it.each([
    ['C:\\work\\app', 'C:\\work\\app\\lib\\util.js', 'lib/util.js'],
    ['C:\\work\\app', 'c:\\WORK\\App\\lib\\util.js', 'lib/util.js'],
    ['C:\\work\\app', 'C:\\work\\app\\..config.json', '..config.json'],
    ['C:\\work\\app', 'C:\\work\\app\\..\\secrets.txt', undefined],
    ['C:\\work\\app', 'C:\\work\\app-other\\x', undefined],
    ['C:\\work\\app', 'D:\\work\\app\\x', undefined],
    ['C:\\work\\app', '\\\\server\\share\\work\\app\\x', undefined],
    ['\\\\server\\share\\app', '\\\\server\\share\\app\\docs\\a.md', 'docs/a.md'],
    ['C:\\work\\app', 'C:/work/app/docs/a.md', 'docs/a.md'],
  ])('win32: %s holds %s as %s', (root, target, expected) => {
    expect(relativeInside(root, target, path.win32)).toBe(expected);
  });

  it('gives pages the same slug from a Windows and a POSIX workspace', () => {
    const win = relativeInside('D:\\a\\repo', 'D:\\a\\repo\\docs\\Getting Started.md', path.win32);
    const posix = relativeInside('/a/repo', '/a/repo/docs/Getting Started.md', path.posix);
    expect(win).toBe('docs/Getting Started.md');
    expect(slugFor(win!)).toBe(slugFor(posix!));
    expect(slugFor(win!)).toBe('docs-getting-started');
  });
});

describe('hiddenKind judges a root-relative path by every component', () => {
  it.each([
    ['index.js', undefined],
    ['.git', 'git'],
    ['.git/config', 'git'],
    ['sub/.git/config', 'git'],
    ['node_modules/.git/x', 'git'],
    ['.env', 'hidden'],
    ['.aws/credentials', 'hidden'],
    ['config/.secrets/key.txt', 'hidden'],
    ['node_modules/.pnpm/lodash@4/node_modules/lodash', undefined],
    ['node_modules/.bin/tsc', undefined],
    ['node_modules/lodash/.env', 'hidden'],
    ['..config.json', 'hidden'],
    ['', undefined],
  ])('%s is %s', (rel, kind) => {
    expect(hiddenKind(rel)).toBe(kind);
  });
});

describe('zipEntryName', () => {
  it('joins with / whatever the OS separator', () => {
    expect(zipEntryName('', 'index.js')).toBe('index.js');
    expect(zipEntryName('lib/deep', 'util.js')).toBe('lib/deep/util.js');
    // A Windows-relative path becomes the same entry name as its POSIX twin.
    const win = relativeInside('C:\\app', 'C:\\app\\lib\\deep\\util.js', path.win32)!;
    expect(win.split('/').reduce(zipEntryName, '')).toBe('lib/deep/util.js');
  });

  it('refuses a name with a backslash, which Windows unzip would read as a folder', () => {
    expect(() => zipEntryName('lib', 'deep\\util.js')).toThrow(ArtifactError);
    expect(() => zipEntryName('lib', 'deep\\util.js')).toThrow(/lib\/deep\\x5cutil\.js/);
  });
});

describe('safeFileName (the one rule for names we write)', () => {
  it.each([
    ['MyApp-1.0.0-mac-arm64.dmg', 'MyApp-1.0.0-mac-arm64.dmg'],
    ['../../escaped.bin', '_._.._escaped.bin'],
    ['..\\..\\escaped.bin', '_._.._escaped.bin'],
    ['/etc/passwd', '_etc_passwd'],
    ['C:\\Windows\\system.ini', 'C__Windows_system.ini'],
    ['.bashrc', '_bashrc'],
    ['.', undefined],
    ['..', undefined],
    ['', undefined],
    ['a b\tc\u0000d\u001b[2J', 'a_b_c_d__2J'],
    ['x<>:"|?*.zip', 'x_______.zip'],
    ['CON', '_CON'],
    ['nul.txt', '_nul.txt'],
    ['com1.bin', '_com1.bin'],
    ['Lpt9', '_Lpt9'],
    ['console.log', 'console.log'],
    ['app.exe.', 'app.exe'],
    ['café-日本.zip', 'café-日本.zip'],
  ])('%j -> %j', (raw, expected) => {
    expect(safeFileName(raw)).toBe(expected);
  });

  it('caps long names and keeps the extension', () => {
    const name = safeFileName(`${'a'.repeat(500)}.AppImage`)!;
    expect(name.length).toBeLessThanOrEqual(120);
    expect(name.endsWith('.AppImage')).toBe(true);
  });

  it('never gives a separator, a leading dot or a trailing dot, whatever the input', () => {
    const alphabet = ['.', '/', '\\', ':', 'a', 'Z', '0', ' ', '\u0000', 'é', '-', '_', '~'];
    for (let seed = 1; seed < 3000; seed++) {
      let raw = '';
      let x = seed;
      for (let i = 0; i < 8; i++) {
        x = (x * 1103515245 + 12345) % 2147483648;
        raw += alphabet[x % alphabet.length];
      }
      const name = safeFileName(raw);
      if (name === undefined) continue;
      expect(name, raw).not.toMatch(/[/\\:]|^\.|\.$/);
      expect(name.includes('\u0000'), raw).toBe(false);
      expect(path.posix.basename(name)).toBe(name);
      expect(path.win32.basename(name)).toBe(name);
    }
  });
});

describe('pathInside (download-to with a name from the provider)', () => {
  it.each([
    ['/runner/out', 'app.AppImage', '/runner/out/app.AppImage'],
    ['/runner/out/', '../../escaped.bin', '/runner/out/_._.._escaped.bin'],
    ['/runner/out', '/etc/cron.d/x', '/runner/out/_etc_cron.d_x'],
  ])('posix: %s + %s', (dir, name, expected) => {
    expect(pathInside(dir, name, path.posix)).toBe(expected);
  });

  it.each([
    ['C:\\runner\\out', 'app.exe', 'C:\\runner\\out\\app.exe'],
    ['C:\\runner\\out\\', '..\\..\\escaped.bin', 'C:\\runner\\out\\_._.._escaped.bin'],
    ['C:\\runner\\out', 'D:\\evil.exe', 'C:\\runner\\out\\D__evil.exe'],
    ['C:\\runner\\out', 'CON', 'C:\\runner\\out\\_CON'],
    ['C:\\runner\\out', '\\\\server\\share\\x', 'C:\\runner\\out\\__server_share_x'],
  ])('win32: %s + %s', (dir, name, expected) => {
    expect(pathInside(dir, name, path.win32)).toBe(expected);
  });

  it('gives nothing for a name with nothing usable in it', () => {
    expect(pathInside('/runner/out', '..', path.posix)).toBeUndefined();
    expect(pathInside('C:\\out', '...', path.win32)).toBeUndefined();
  });
});

describe('moveNoReplace', () => {
  it('moves into a free name, and refuses a taken one (a dotfile or a link included)', async () => {
    const dir = scratchDir('tba-move');
    const from = path.join(dir, 'a.part');
    fs.writeFileSync(from, 'new');
    await moveNoReplace(from, path.join(dir, 'a'));
    expect(fs.readFileSync(path.join(dir, 'a'), 'utf8')).toBe('new');
    expect(fs.existsSync(from)).toBe(false);

    for (const taken of ['.bashrc', 'link']) {
      fs.writeFileSync(from, 'new');
      if (taken === 'link') fs.symlinkSync('nowhere', path.join(dir, taken));
      else fs.writeFileSync(path.join(dir, taken), 'mine');
      await expect(moveNoReplace(from, path.join(dir, taken))).rejects.toMatchObject({
        code: 'EEXIST',
      });
    }
    expect(fs.readFileSync(path.join(dir, '.bashrc'), 'utf8')).toBe('mine');
    expect(fs.readlinkSync(path.join(dir, 'link'))).toBe('nowhere');
  });
});

describe('Root', () => {
  it('opens files inside, refuses links leading out, and judges by the descriptor', () => {
    const top = scratchDir('tba-root');
    const root = path.join(top, 'root');
    fs.mkdirSync(path.join(root, 'docs'), { recursive: true });
    fs.writeFileSync(path.join(root, 'docs', 'a.md'), 'A');
    fs.writeFileSync(path.join(top, 'secret.md'), 'SECRET');
    fs.symlinkSync('../../secret.md', path.join(root, 'docs', 'out.md'));
    fs.symlinkSync('a.md', path.join(root, 'docs', 'alias.md'));
    const opened = Root.open(root);
    try {
      const alias = opened.openFile(path.join(root, 'docs', 'alias.md'), true);
      expect(typeof alias).toBe('object');
      if (typeof alias === 'object') {
        expect(alias.rel).toBe('docs/a.md');
        expect(fs.readFileSync(alias.fd, 'utf8')).toBe('A');
        fs.closeSync(alias.fd);
      }
      expect(opened.openFile(path.join(root, 'docs', 'out.md'), true)).toBe('outside');
      // Not following: a link is not opened at all (where O_NOFOLLOW exists).
      if (process.platform !== 'win32') {
        expect(opened.openFile(path.join(root, 'docs', 'alias.md'), false)).toBe('missing');
      }
      expect(opened.openFile(path.join(root, 'docs'), true)).toBe('kind');
      expect(opened.openFile(path.join(root, 'docs', 'none.md'), true)).toBe('missing');
    } finally {
      opened.close();
    }
  });
});
