/**
 * Scratch directories for tests, removed when the test file is done. Tests used to make them with
 * `mkdtempSync` and leave them, and every `npm test` left thousands in the machine's temp dir.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];

// Registered while the importing test file is collected, so it runs after that file's tests
// (vitest evaluates this module once per test file).
afterAll(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A new empty directory under the OS temp dir, named `<prefix>-XXXXXX`. */
export function scratchDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  made.push(dir);
  return dir;
}
