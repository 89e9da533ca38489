import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prepareArtifact } from '../../src/artifact/zip.js';
import { InputError } from '../../src/errors.js';
import { readZip } from '../zip-reader.js';

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

async function inputError(promise: Promise<unknown>): Promise<InputError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  expect((error as InputError).input).toBe('artifact');
  return error as InputError;
}

describe('prepareArtifact', () => {
  it('zips a directory: relative names, stored images, no symlinks leading outside', async () => {
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
    fs.symlinkSync('../../index.html', path.join(app, 'nested', 'deep', 'home.html'));
    fs.symlinkSync('nested', path.join(app, 'nested-again'));
    fs.symlinkSync('missing.txt', path.join(app, 'broken'));

    const result = await prepareArtifact(app, tempDir);

    expect(result.zipped).toBe(true);
    expect(path.dirname(result.file)).toBe(tempDir);
    expect(result.size).toBe(fs.statSync(result.file).size);
    expect(result.skipped.sort()).toEqual(['broken', 'leak-dir', 'leak.txt', 'nested-again']);
    const entries = readZip(result.file);
    expect(entries.map((e) => e.name)).toEqual([
      'assets/logo.png',
      'index.html',
      'nested/deep/a.txt',
      'nested/deep/home.html',
    ]);
    expect(result.entries).toBe(4);
    const byName = new Map(entries.map((e) => [e.name, e]));
    expect(byName.get('assets/logo.png')?.method).toBe(0);
    expect(byName.get('assets/logo.png')?.data.equals(png)).toBe(true);
    expect(byName.get('index.html')?.method).toBe(8);
    expect(byName.get('index.html')?.data.toString()).toBe(html);
    // A symlink inside the directory is stored as a copy of the file it points to.
    expect(byName.get('nested/deep/home.html')?.data.toString()).toBe(html);
    expect(fs.readFileSync(result.file).includes('TOP-SECRET-OUTSIDE')).toBe(false);
  });

  it('stores content that is compressed already, whatever its name, and deflates text', async () => {
    const app = path.join(root, 'app');
    const blob = crypto.randomBytes(64 * 1024);
    const text = 'line of plain text that deflates well\n'.repeat(2000);
    write(path.join(app, 'blob.bin'), blob);
    write(path.join(app, 'notes.txt'), text);

    const result = await prepareArtifact(app, tempDir);

    const byName = new Map(readZip(result.file).map((e) => [e.name, e]));
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

    expect(result).toMatchObject({ file: given, entries: 2, zipped: false, skipped: [] });
    expect(result.size).toBe(fs.statSync(given).size);
    expect(fs.existsSync(path.join(root, 'unused'))).toBe(false);
  });

  it('refuses an empty input', async () => {
    const error = await inputError(prepareArtifact('  ', tempDir));
    expect(String(error)).toMatch(/Input 'artifact' is empty.*Fix:/);
  });

  it('refuses a path that does not exist', async () => {
    const error = await inputError(prepareArtifact(path.join(root, 'nope'), tempDir));
    expect(error.message).toContain('does not exist');
  });

  it('refuses a file that is not a .zip', async () => {
    write(path.join(root, 'app.tar.gz'), 'not a zip');
    const error = await inputError(prepareArtifact(path.join(root, 'app.tar.gz'), tempDir));
    expect(error.message).toContain('not a .zip');
  });

  it('refuses a .zip that is not a zip, and an empty zip', async () => {
    write(path.join(root, 'fake.zip'), 'just text, no central directory');
    expect(
      (await inputError(prepareArtifact(path.join(root, 'fake.zip'), tempDir))).message,
    ).toContain('not a valid zip');
    const empty = Buffer.alloc(22);
    empty.writeUInt32LE(0x06054b50, 0);
    write(path.join(root, 'empty.zip'), empty);
    expect(
      (await inputError(prepareArtifact(path.join(root, 'empty.zip'), tempDir))).message,
    ).toContain('empty zip');
  });

  it('refuses a directory with no files (empty folders and outside links do not count)', async () => {
    const app = path.join(root, 'app');
    fs.mkdirSync(path.join(app, 'empty', 'deeper'), { recursive: true });
    write(path.join(root, 'outside.txt'), 'x');
    fs.symlinkSync(path.join(root, 'outside.txt'), path.join(app, 'link.txt'));
    const error = await inputError(prepareArtifact(app, tempDir));
    expect(error.message).toContain('no files');
    expect(fs.readdirSync(tempDir)).toEqual([]);
  });
});
