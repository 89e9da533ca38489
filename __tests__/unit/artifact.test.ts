import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ArtifactError } from '../../src/artifact/error.js';
import { countZipEntries, prepareArtifact } from '../../src/artifact/zip.js';
import { crc32Js, Deflater, ZipWriter } from '../../src/artifact/zip-writer.js';
import { localHeaderProblems, unzip, type UnzippedEntry } from '../unzip.js';

let root: string;
let tempDir: string;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'tba-artifact-'));
  tempDir = path.join(root, 'tmp');
  fs.mkdirSync(tempDir);
});

afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

function write(file: string, content: string | Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

/**
 * The line an artifact error makes with a caller's names: names unlike any input's, to show the
 * module words its errors with the caller's names and none of its own.
 */
async function artifactError(promise: Promise<unknown>): Promise<{ message: string }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ArtifactError);
  const names = { path: 'the-path', includeHidden: 'with-hidden' };
  const words = error as ArtifactError;
  return { message: `the-path ${words.problem(names)}. Fix: ${words.fix(names)}` };
}

describe('prepareArtifact', () => {
  it('zips a directory: relative names, stored images, in-tree links followed, outside links left out', async () => {
    const app = path.join(root, 'app');
    const outside = path.join(root, 'outside');
    const html = '<html><body>hello</body></html>\n'.repeat(200);
    const png = crypto.randomBytes(4096);
    write(path.join(app, 'index.html'), html);
    write(path.join(app, 'assets', 'logo.png'), png);
    write(path.join(app, 'nested', 'deep', 'a.txt'), 'deep file');
    write(path.join(outside, 'secret.txt'), 'TOP-SECRET-OUTSIDE');
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(app, 'leak.txt'));
    fs.symlinkSync(outside, path.join(app, 'leak-dir'));
    fs.symlinkSync('../app/../outside', path.join(app, 'sneaky'));
    fs.symlinkSync('../../index.html', path.join(app, 'nested', 'deep', 'home.html'));
    fs.symlinkSync('nested', path.join(app, 'nested-again'));
    fs.symlinkSync('missing.txt', path.join(app, 'broken'));

    const result = await prepareArtifact(app, tempDir);

    expect(result.zipped).toBe(true);
    expect(path.dirname(result.file)).toBe(tempDir);
    expect(result.size).toBe(fs.statSync(result.file).size);
    expect(result.skipped).toEqual(['broken', 'leak-dir', 'leak.txt', 'sneaky']);
    expect(result.skippedCount).toBe(4);
    const entries = await unzip(result.file);
    expect(entries.map((e) => e.name)).toEqual([
      'assets/',
      'assets/logo.png',
      'index.html',
      'nested/',
      'nested/deep/',
      'nested/deep/a.txt',
      'nested/deep/home.html',
      // A directory link inside the tree is stored as the directory it points to, like zip -r.
      'nested-again/',
      'nested-again/deep/',
      'nested-again/deep/a.txt',
      'nested-again/deep/home.html',
    ]);
    expect(result.entries).toBe(6);
    expect(result.directories).toBe(5);
    const byName = new Map(entries.map((e) => [e.name, e]));
    expect(byName.get('assets/logo.png')?.method).toBe(0);
    expect(byName.get('assets/logo.png')?.data.equals(png)).toBe(true);
    expect(byName.get('index.html')?.method).toBe(8);
    expect(byName.get('index.html')?.data.toString()).toBe(html);
    expect(byName.get('nested/deep/home.html')?.data.toString()).toBe(html);
    expect(byName.get('nested-again/deep/a.txt')?.data.toString()).toBe('deep file');
    expect(fs.readFileSync(result.file).includes('TOP-SECRET-OUTSIDE')).toBe(false);
  });

  it('follows pnpm links into the store; the store itself is hidden unless asked for', async () => {
    const app = path.join(root, 'app');
    const store = path.join(app, 'node_modules', '.pnpm');
    const lodash = path.join(store, 'lodash@4.17.21', 'node_modules', 'lodash');
    const dep = path.join(store, 'dep@1.0.0', 'node_modules', 'dep');
    write(path.join(app, 'server.js'), "require('lodash')\n");
    write(path.join(lodash, 'package.json'), '{"name":"lodash","main":"index.js"}');
    write(path.join(lodash, 'index.js'), 'module.exports = require("dep")\n');
    write(path.join(dep, 'index.js'), 'module.exports = 42\n');
    fs.symlinkSync(
      '../../dep@1.0.0/node_modules/dep',
      path.join(store, 'lodash@4.17.21', 'node_modules', 'dep'),
    );
    fs.symlinkSync(
      '.pnpm/lodash@4.17.21/node_modules/lodash',
      path.join(app, 'node_modules', 'lodash'),
    );

    const plain = await prepareArtifact(app, tempDir);
    expect(names(await unzip(plain.file))).toEqual([
      'node_modules/',
      'node_modules/lodash/',
      'node_modules/lodash/index.js',
      'node_modules/lodash/package.json',
      'server.js',
    ]);
    expect(plain.hidden).toEqual(['node_modules/.pnpm/']);
    expect(plain.hiddenCount).toBe(1);
    expect(plain.skippedCount).toBe(0);

    const withStore = await prepareArtifact(app, tempDir, { includeHidden: true });
    const entries = await unzip(withStore.file);
    expect(names(entries)).toContain('node_modules/.pnpm/lodash@4.17.21/node_modules/dep/index.js');
    expect(names(entries)).toContain('node_modules/lodash/index.js');
    expect(content(entries, 'node_modules/.pnpm/lodash@4.17.21/node_modules/dep/index.js')).toBe(
      'module.exports = 42\n',
    );
    expect(withStore.hiddenCount).toBe(0);
  });

  it('stops at links that loop back to a directory being walked', async () => {
    const app = path.join(root, 'app');
    write(path.join(app, 'a', 'file.txt'), 'a');
    write(path.join(app, 'b', 'file.txt'), 'b');
    fs.symlinkSync('..', path.join(app, 'a', 'root'));
    fs.symlinkSync('.', path.join(app, 'a', 'self'));
    fs.symlinkSync('../a', path.join(app, 'b', 'to-a'));

    const result = await prepareArtifact(app, tempDir);

    expect(names(await unzip(result.file))).toEqual([
      'a/',
      'a/file.txt',
      'b/',
      'b/file.txt',
      'b/to-a/',
      'b/to-a/file.txt',
    ]);
    expect(result.skipped).toEqual(['a/root', 'a/self', 'b/to-a/root', 'b/to-a/self']);
  });

  it('treats a name starting with .. as inside the directory', async () => {
    const app = path.join(root, 'app');
    write(path.join(app, '..config.json'), '{"port":3000}');
    write(path.join(app, '..data', 'seed.sql'), 'select 1;');
    fs.symlinkSync('..config.json', path.join(app, 'config.json'));
    fs.symlinkSync('..data', path.join(app, 'data'));
    write(path.join(app, 'index.js'), 'start()');

    // Inside, so not skipped as leading out; but hidden, and so are links to them (judged by
    // where they lead, not by their own names).
    const hidden = await prepareArtifact(app, tempDir);
    expect(names(await unzip(hidden.file))).toEqual(['index.js']);
    expect(hidden.skippedCount).toBe(0);
    expect(hidden.hidden).toEqual(['..config.json', '..data/', 'config.json', 'data/']);

    const all = await prepareArtifact(app, tempDir, { includeHidden: true });
    const entries = await unzip(all.file);
    expect(names(entries)).toEqual([
      '..config.json',
      '..data/',
      '..data/seed.sql',
      'config.json',
      'data/',
      'data/seed.sql',
      'index.js',
    ]);
    expect(content(entries, 'config.json')).toBe('{"port":3000}');
  });

  it('leaves hidden files out by default, and .git always', async () => {
    const app = path.join(root, 'app');
    write(path.join(app, 'index.js'), 'ok');
    write(path.join(app, '.env'), 'SECRET=1');
    write(path.join(app, '.github', 'workflows', 'ci.yml'), 'on: push');
    write(path.join(app, '.git', 'config'), 'extraheader = AUTHORIZATION: basic c2VjcmV0');
    write(path.join(app, 'lib', '.cache', 'x'), 'cache');
    write(path.join(app, 'vendor', 'mod', '.git'), 'gitdir: ../../.git/modules/mod');
    write(path.join(app, 'vendor', 'mod', 'mod.js'), 'mod');

    const plain = await prepareArtifact(app, tempDir);
    expect(names(await unzip(plain.file))).toEqual([
      'index.js',
      'lib/',
      'vendor/',
      'vendor/mod/',
      'vendor/mod/mod.js',
    ]);
    expect(plain.hidden).toEqual(['.env', '.git/', '.github/', 'lib/.cache/', 'vendor/mod/.git']);
    expect(plain.hiddenCount).toBe(5);
    expect(plain.gitCount).toBe(2);
    expect(fs.readFileSync(plain.file).includes('AUTHORIZATION')).toBe(false);

    const all = await prepareArtifact(app, tempDir, { includeHidden: true });
    const entries = await unzip(all.file);
    expect(names(entries)).toEqual([
      '.env',
      '.github/',
      '.github/workflows/',
      '.github/workflows/ci.yml',
      'index.js',
      'lib/',
      'lib/.cache/',
      'lib/.cache/x',
      'vendor/',
      'vendor/mod/',
      'vendor/mod/mod.js',
    ]);
    expect(content(entries, '.env')).toBe('SECRET=1');
    expect(all.hidden).toEqual(['.git/', 'vendor/mod/.git']);
    expect(all.gitCount).toBe(2);
    expect(fs.readFileSync(all.file).includes('AUTHORIZATION')).toBe(false);
  });

  it('keeps empty directories, Unix modes and UTF-8 names', async () => {
    const app = path.join(root, 'app');
    write(path.join(app, 'bin', 'start.sh'), '#!/bin/sh\necho hi\n');
    fs.chmodSync(path.join(app, 'bin', 'start.sh'), 0o755);
    write(path.join(app, 'readme.txt'), 'read me');
    fs.chmodSync(path.join(app, 'readme.txt'), 0o640);
    fs.mkdirSync(path.join(app, 'uploads', 'tmp'), { recursive: true });
    fs.chmodSync(path.join(app, 'uploads'), 0o770);
    write(path.join(app, 'héllo wörld.txt'), 'accents');
    write(path.join(app, '日本', 'データ.json'), '{}');

    const result = await prepareArtifact(app, tempDir);
    const entries = await unzip(result.file);
    const byName = new Map(entries.map((e) => [e.name, e]));

    expect(names(entries)).toEqual([
      'bin/',
      'bin/start.sh',
      'héllo wörld.txt',
      'readme.txt',
      'uploads/',
      'uploads/tmp/',
      '日本/',
      '日本/データ.json',
    ]);
    expect(byName.get('bin/start.sh')?.mode).toBe(0o100755);
    expect(byName.get('readme.txt')?.mode).toBe(0o100640);
    expect(byName.get('uploads/')?.mode).toBe(0o40770);
    expect(byName.get('uploads/tmp/')?.directory).toBe(true);
    expect((byName.get('uploads/tmp/')?.mode ?? 0) & 0o170000).toBe(0o40000);
    expect(content(entries, 'bin/start.sh')).toBe('#!/bin/sh\necho hi\n');
    expect(byName.get('héllo wörld.txt')?.utf8).toBe(true);
    expect(byName.get('日本/データ.json')?.utf8).toBe(true);
    expect(content(entries, 'héllo wörld.txt')).toBe('accents');
  });

  it('lists a directory whose file system gives no entry types even when an entry vanishes meanwhile', async () => {
    const app = path.join(root, 'app');
    write(path.join(app, 'a.txt'), 'a');
    write(path.join(app, 'sub', 'b.txt'), 'b');
    // Where readdir gives no types, Node lstats every entry itself, and one that vanished between
    // the readdir and its lstat fails the whole listing with ENOENT (as here, once per directory).
    const real = fs.readdirSync.bind(fs) as (dir: fs.PathLike, options?: unknown) => unknown;
    const failed = new Set<string>();
    vi.spyOn(fs, 'readdirSync').mockImplementation(((dir: fs.PathLike, options?: unknown) => {
      const typed = typeof options === 'object' && options !== null && 'withFileTypes' in options;
      if (typed && !failed.has(String(dir))) {
        failed.add(String(dir));
        throw Object.assign(new Error(`ENOENT: lstat ${String(dir)}/gone`), { code: 'ENOENT' });
      }
      return real(dir, options);
    }) as typeof fs.readdirSync);

    const result = await prepareArtifact(app, tempDir);

    expect(failed.size).toBe(2);
    expect(names(await unzip(result.file))).toEqual(['a.txt', 'sub/', 'sub/b.txt']);
  });

  it('refuses a name that is not UTF-8, naming it escaped, and leaves no zip behind', async () => {
    const app = path.join(root, 'app');
    write(path.join(app, 'ok.txt'), 'ok');
    fs.mkdirSync(path.join(app, 'sub'));
    const bad = Buffer.concat([
      Buffer.from(`${app}/sub/bad`),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('.txt'),
    ]);
    fs.writeFileSync(bad, 'latin-1 name');

    const error = await artifactError(prepareArtifact(app, tempDir));

    expect(error.message).toContain("not valid UTF-8 ('sub/bad\\xff\\xfe.txt')");
    expect(error.message).toMatch(
      /Fix: rename the file, or zip the directory yourself and set the-path to the .zip/,
    );
    expect(fs.readdirSync(tempDir)).toEqual([]);
  });

  it('accepts a real U+FFFD in a name, and a hidden non-UTF-8 name it leaves out', async () => {
    const app = path.join(root, 'app');
    write(path.join(app, 'replacement-\uFFFD.txt'), 'fine');
    fs.writeFileSync(Buffer.concat([Buffer.from(`${app}/.bad`), Buffer.from([0xff])]), 'x');

    const result = await prepareArtifact(app, tempDir);

    expect(names(await unzip(result.file))).toEqual(['replacement-\uFFFD.txt']);
    expect(result.hiddenCount).toBe(1);
  });

  it('refuses a name with a backslash rather than let it collide with a sub-path', async () => {
    const app = path.join(root, 'app');
    write(path.join(app, 'a', 'b.txt'), 'real sub-path');
    write(path.join(app, 'a\\b.txt'), 'backslash name');

    const error = await artifactError(prepareArtifact(app, tempDir));

    expect(error.message).toContain("backslash ('a\\x5cb.txt')");
    expect(fs.readdirSync(tempDir)).toEqual([]);
  });

  it('zips 20,000 files: every one once, with its bytes', async () => {
    const app = path.join(root, 'app');
    const expected = new Map<string, string>();
    for (let d = 0; d < 100; d++) {
      const dir = path.join(app, `pkg${d}`, 'lib');
      fs.mkdirSync(dir, { recursive: true });
      for (let f = 0; f < 200; f++) {
        const text = `module.exports = ${d * 1000 + f};\n`.repeat(1 + (f % 5));
        fs.writeFileSync(path.join(dir, `f${f}.js`), text);
        expected.set(`pkg${d}/lib/f${f}.js`, text);
      }
    }

    const result = await prepareArtifact(app, tempDir);
    const entries = await unzip(result.file);

    expect(result.entries).toBe(20_000);
    expect(result.directories).toBe(200);
    const files = entries.filter((e) => !e.directory);
    expect(files).toHaveLength(20_000);
    expect(new Set(files.map((e) => e.name)).size).toBe(20_000);
    for (const entry of files)
      expect(entry.data.toString(), entry.name).toBe(expected.get(entry.name));
  }, 120_000);

  it('zips 70,000 files, past the 65,535 entries of a classic zip: Zip64 end records, every entry read back', async () => {
    const app = path.join(root, 'app');
    const expected = new Map<string, string>();
    for (let d = 0; d < 70; d++) {
      const dir = path.join(app, `d${d}`);
      fs.mkdirSync(dir, { recursive: true });
      for (let f = 0; f < 1000; f++) {
        // Tiny (stored: deflating does not shrink them), and every 50th one deflated.
        const text = f % 50 === 0 ? `line ${d} ${f}\n`.repeat(20) : `${d}.${f}`;
        fs.writeFileSync(path.join(dir, `f${f}`), text);
        expected.set(`d${d}/f${f}`, text);
      }
    }

    const result = await prepareArtifact(app, tempDir);

    expect(result.entries).toBe(70_000);
    expect(result.directories).toBe(70);
    const zip = fs.readFileSync(result.file);
    const eocd = zip.subarray(zip.length - 22);
    expect(eocd.readUInt32LE(0)).toBe(0x06054b50);
    expect(eocd.readUInt16LE(10)).toBe(0xffff);
    expect(await countZipEntries(result.file)).toBe(70_070);
    const entries = await unzip(result.file);
    expect(entries).toHaveLength(70_070);
    const files = entries.filter((e) => !e.directory);
    expect(new Set(files.map((e) => e.name)).size).toBe(70_000);
    for (const entry of files) {
      if (entry.data.toString() !== expected.get(entry.name)) {
        expect(entry.data.toString(), entry.name).toBe(expected.get(entry.name));
      }
    }
    expect(files.filter((e) => e.method === 8)).toHaveLength(1400);
    // unzip -t reads every entry through its local header; local against central is compared
    // field by field in the tests below (a second pass over 70,000 entries costs seconds).
    unzipTest(result.file);
  }, 90_000);

  it('streams files over 1 MiB: deflated or stored, local headers patched with the real CRC and sizes', async () => {
    const app = path.join(root, 'app');
    const text = crypto.randomBytes(1024).toString('hex').repeat(1600); // 3.3 MB, deflates
    const blob = crypto.randomBytes(3 * 1024 * 1024 + 17); // stored: looks compressed
    const png = Buffer.concat([crypto.randomBytes(2 * 1024 * 1024), Buffer.alloc(4096)]);
    write(path.join(app, 'big.txt'), text);
    write(path.join(app, 'blob.bin'), blob);
    write(path.join(app, 'image.png'), png);
    write(path.join(app, 'small.txt'), 'small');

    const result = await prepareArtifact(app, tempDir);

    const byName = new Map((await unzip(result.file)).map((e) => [e.name, e]));
    expect(byName.get('big.txt')?.method).toBe(8);
    expect(byName.get('big.txt')?.data.toString()).toBe(text);
    expect(byName.get('blob.bin')?.method).toBe(0);
    expect(byName.get('blob.bin')?.data.equals(blob)).toBe(true);
    expect(byName.get('image.png')?.method).toBe(0);
    expect(byName.get('image.png')?.data.equals(png)).toBe(true);
    expect(result.bytes).toBe(text.length + blob.length + png.length + 5);
    expect(result.size).toBeLessThan(blob.length + png.length + text.length / 2);
    expect(await localHeaderProblems(result.file)).toEqual([]);
    unzipTest(result.file);
  });

  it('stores content that is compressed already, whatever its name, and deflates text', async () => {
    const app = path.join(root, 'app');
    const blob = crypto.randomBytes(64 * 1024);
    const text = 'line of plain text that deflates well\n'.repeat(2000);
    write(path.join(app, 'blob.bin'), blob);
    write(path.join(app, 'notes.txt'), text);

    const result = await prepareArtifact(app, tempDir);

    const byName = new Map((await unzip(result.file)).map((e) => [e.name, e]));
    expect(byName.get('blob.bin')?.method).toBe(0);
    expect(byName.get('blob.bin')?.data.equals(blob)).toBe(true);
    expect(byName.get('notes.txt')?.method).toBe(8);
    expect(byName.get('notes.txt')?.data.toString()).toBe(text);
  });

  it('uses a .zip file as it is', async () => {
    const app = path.join(root, 'app');
    write(path.join(app, 'a.txt'), 'a');
    write(path.join(app, 'b.txt'), 'b');
    const built = await prepareArtifact(app, tempDir);
    const given = path.join(root, 'App.ZIP');
    fs.copyFileSync(built.file, given);

    const result = await prepareArtifact(given, path.join(root, 'unused'));

    expect(result).toMatchObject({ file: given, entries: 2, zipped: false, skippedCount: 0 });
    expect(result.size).toBe(fs.statSync(given).size);
    expect(fs.existsSync(path.join(root, 'unused'))).toBe(false);
  });

  it('refuses an empty input', async () => {
    const error = await artifactError(prepareArtifact('  ', tempDir));
    expect(error.message).toBe(
      'the-path is empty. Fix: set the-path to a .zip file or a directory to upload',
    );
  });

  it('refuses a path that does not exist', async () => {
    const error = await artifactError(prepareArtifact(path.join(root, 'nope'), tempDir));
    expect(error.message).toContain('does not exist');
  });

  it('refuses a file that is not a .zip', async () => {
    write(path.join(root, 'app.tar.gz'), 'not a zip');
    const error = await artifactError(prepareArtifact(path.join(root, 'app.tar.gz'), tempDir));
    expect(error.message).toContain('not a .zip');
  });

  it('refuses a .zip that is not a zip, and an empty zip', async () => {
    write(path.join(root, 'fake.zip'), 'just text, no central directory');
    expect(
      (await artifactError(prepareArtifact(path.join(root, 'fake.zip'), tempDir))).message,
    ).toContain('not a valid zip');
    const empty = Buffer.alloc(22);
    empty.writeUInt32LE(0x06054b50, 0);
    write(path.join(root, 'empty.zip'), empty);
    expect(
      (await artifactError(prepareArtifact(path.join(root, 'empty.zip'), tempDir))).message,
    ).toContain('empty zip');
  });

  it('refuses a directory with no files (empty folders and outside links do not count)', async () => {
    const app = path.join(root, 'app');
    fs.mkdirSync(path.join(app, 'empty', 'deeper'), { recursive: true });
    write(path.join(root, 'outside.txt'), 'x');
    fs.symlinkSync(path.join(root, 'outside.txt'), path.join(app, 'link.txt'));
    const error = await artifactError(prepareArtifact(app, tempDir));
    expect(error.message).toContain('no files');
    expect(fs.readdirSync(tempDir)).toEqual([]);
  });

  it('says hidden files were left out when they were all there was', async () => {
    const app = path.join(root, 'app');
    write(path.join(app, '.env'), 'x');
    write(path.join(app, '.git', 'HEAD'), 'ref');
    const error = await artifactError(prepareArtifact(app, tempDir));
    expect(error.message).toMatch(
      /no files .*1 hidden entries were left out \(with-hidden: true zips them\)\)\. Fix: set the-path to/,
    );
  });

  it('gives the same zip entries for the same tree', async () => {
    const app = path.join(root, 'app');
    for (const name of ['b.txt', 'a/z.txt', 'a/b/c.txt', 'A.txt', 'c/.keep'])
      write(path.join(app, name), name);
    const one = await unzip((await prepareArtifact(app, tempDir)).file);
    const two = await unzip((await prepareArtifact(app, tempDir)).file);
    expect(names(two)).toEqual(names(one));
    expect(names(one)).toEqual(['A.txt', 'a/', 'a/b/', 'a/b/c.txt', 'a/z.txt', 'b.txt', 'c/']);
  });
});

describe('ZipWriter', () => {
  it('reuses one zlib stream for small files on this Node (the fast path is not silently lost)', () => {
    const deflater = new Deflater(1);
    expect(deflater.reused).toBe(true);
    const input = Buffer.from('reuse me, reuse me, reuse me\n'.repeat(100));
    const out = Buffer.alloc(input.length);
    for (let i = 0; i < 3; i++) {
      const n = deflater.deflate(input, out, 0, out.length);
      expect(n).toBeGreaterThan(0);
      expect(zlib.inflateRawSync(out.subarray(0, n)).equals(input)).toBe(true);
    }
    // Too little room: refused, and the stream is still good for the next input.
    expect(deflater.deflate(input, out, 0, 10)).toBe(-1);
    const n = deflater.deflate(input, out, 0, out.length);
    expect(zlib.inflateRawSync(out.subarray(0, n)).equals(input)).toBe(true);
    deflater.close();
  });

  it('computes CRC-32 in JS where Node has no zlib.crc32, as zlib does, in one go or in pieces', () => {
    const data = crypto.randomBytes(70_001);
    expect(crc32Js(data)).toBe(zlib.crc32(data));
    expect(crc32Js(data.subarray(30_000), crc32Js(data.subarray(0, 30_000)))).toBe(
      zlib.crc32(data),
    );
    expect(crc32Js(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32Js(Buffer.alloc(0))).toBe(0);
  });

  it('falls back to deflateRawSync where the stream cannot be reused, with the same results', () => {
    const fallback = new Deflater(1, false);
    expect(fallback.reused).toBe(false);
    const input = Buffer.from('fall back, fall back\n'.repeat(100));
    const out = Buffer.alloc(input.length);
    const n = fallback.deflate(input, out, 5, out.length - 5);
    expect(zlib.inflateRawSync(out.subarray(5, 5 + n)).equals(input)).toBe(true);
    expect(fallback.deflate(input, out, 0, 10)).toBe(-1);
    expect(fallback.deflate(crypto.randomBytes(100), out, 0, 99)).toBe(-1);
  });

  it('streams a large file through the reused stream, and through a stream of its own where it cannot be reused', async () => {
    const source = path.join(root, 'large.txt');
    const text = Buffer.from(crypto.randomBytes(1536).toString('base64').repeat(1500)); // 3 MB
    fs.writeFileSync(source, text);
    const mtime = new Date('2024-01-02T03:04:06Z');
    for (const reuse of [true, false]) {
      const file = path.join(root, `large-${reuse}.zip`);
      const fd = fs.openSync(file, 'w');
      const zip = new ZipWriter(fd, 1, 0, reuse);
      zip.addBuffer({ name: 'before.txt', mode: 0o100644, mtime }, Buffer.from('before'), false);
      const input = fs.openSync(source, 'r');
      const read = await zip.addLargeFile(
        { name: 'large.txt', mode: 0o100644, mtime },
        input,
        text.length,
        false,
        Buffer.alloc(256 * 1024),
      );
      fs.closeSync(input);
      zip.addBuffer(
        { name: 'after.txt', mode: 0o100644, mtime },
        Buffer.from('after '.repeat(9)),
        false,
      );
      zip.finish();
      fs.closeSync(fd);

      expect(read).toBe(text.length);
      const entries = await unzip(file);
      expect(names(entries)).toEqual(['before.txt', 'large.txt', 'after.txt']);
      expect(entries[1]?.method).toBe(8);
      expect(entries[1]?.data.equals(text), `reuse: ${reuse}`).toBe(true);
      expect(entries[2]?.data.toString()).toBe('after '.repeat(9));
      expect(fs.statSync(file).size).toBeLessThan(text.length);
      expect(await localHeaderProblems(file)).toEqual([]);
      unzipTest(file);
    }
  });

  it('writes Zip64 offsets for entries and a central directory past 4 GiB', async () => {
    // A sparse file: the zip starts 4 GiB in, behind a hole, so its offsets need Zip64 without
    // writing 4 GiB (offsets count from the file's start, as behind a self-extractor stub).
    const file = path.join(root, 'far.zip');
    const fd = fs.openSync(file, 'w');
    const start = 2 ** 32 + 5;
    const zip = new ZipWriter(fd, 1, start);
    const mtime = new Date('2024-05-06T07:08:10Z');
    zip.addDirectory({ name: 'dir/', mode: 0o40755, mtime });
    const text = Buffer.from('far away, far away\n'.repeat(50));
    zip.addBuffer({ name: 'dir/far.txt', mode: 0o100644, mtime }, text, false);
    zip.addBuffer({ name: 'dir/raw.bin', mode: 0o100600, mtime }, Buffer.from('xyz'), true);
    const totals = zip.finish();
    fs.closeSync(fd);
    expect(totals.entries).toBe(3);
    expect(totals.size).toBe(fs.statSync(file).size);
    expect(totals.size).toBeGreaterThan(start);

    const entries = await unzip(file);
    expect(names(entries)).toEqual(['dir/', 'dir/far.txt', 'dir/raw.bin']);
    expect(entries[1]?.data.equals(text)).toBe(true);
    expect(entries[1]?.method).toBe(8);
    expect(entries[2]?.data.toString()).toBe('xyz');
    expect(entries[2]?.mode).toBe(0o100600);
    expect(await countZipEntries(file)).toBe(3);
    expect(await localHeaderProblems(file)).toEqual([]);
    unzipTest(file);
  });
});

/** `unzip -t` (Info-ZIP), a second independent reader, when this machine has it. */
function unzipTest(file: string): void {
  if (spawnSync('unzip', ['-v']).status !== 0) {
    console.warn('unzip is not installed: the check by a second reader is skipped');
    return;
  }
  const run = spawnSync('unzip', ['-tq', file], { encoding: 'utf8', timeout: 60_000 });
  expect(run.stdout + run.stderr).toMatch(/^No errors detected/);
  expect(run.status).toBe(0);
}

function names(entries: UnzippedEntry[]): string[] {
  return entries.map((e) => e.name);
}

function content(entries: UnzippedEntry[], name: string): string | undefined {
  return entries.find((e) => e.name === name)?.data.toString();
}
