/**
 * The one owner of "names we write": a file name that came from outside (a provider's build id, a
 * URL's last segment) becomes one plain file name that is safe on every runner OS before any
 * path is built from it, and a file written under such a name never replaces one already there.
 */
import fs from 'node:fs';
import path from 'node:path';
import { trimEndOf } from '../text.js';
import { relativeInside } from './inside.js';

/** Longest name kept, in UTF-16 units: well under every file system's 255-byte limit. */
const MAX_NAME = 120;

/** Names Windows reserves for devices, with any extension (`NUL.txt` is the device too). */
const WINDOWS_DEVICES = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\.|$)/i;

/**
 * `raw` as one file name safe to create on Linux, macOS and Windows, or undefined when nothing
 * usable is left. Letters, digits (any script), `.`, `-`, `_` and `+` are kept; every other
 * character (separators `/` and `\`, `:`, control characters, spaces, Windows' `<>"|?*`) becomes
 * `_`. A leading dot becomes `_`, so the result is never `.`, `..` or a dotfile; trailing dots
 * (which Windows drops) are trimmed, a Windows device name gets a `_` in front, and the length is
 * capped keeping the extension.
 */
export function safeFileName(raw: string): string | undefined {
  // Trailing dots by a scanner: `/\.+$/` is quadratic in a run of dots from a provider's name.
  let name = trimEndOf(
    raw
      .normalize('NFC')
      .replace(/[^\p{L}\p{M}\p{N}._+-]/gu, '_')
      .replace(/^\./, '_'),
    '.',
  );
  if (WINDOWS_DEVICES.test(name)) name = `_${name}`;
  if (name.length > MAX_NAME) {
    const ext = /\.[\p{L}\p{N}]{1,16}$/u.exec(name)?.[0] ?? '';
    name = name.slice(0, MAX_NAME - ext.length) + ext;
  }
  return /[\p{L}\p{N}]/u.test(name) ? name : undefined;
}

/**
 * The path for a file named `name` (from outside; made safe here) inside the directory `dir` (the
 * user's), checked to stay inside it. Undefined when `name` leaves nothing usable.
 */
export function pathInside(
  dir: string,
  name: string,
  p: path.PlatformPath = path,
): string | undefined {
  const safe = safeFileName(name);
  if (safe === undefined) return undefined;
  const target = p.join(p.resolve(dir), safe);
  // Cannot fail after safeFileName; kept so the rule holds even if that rule is loosened.
  return relativeInside(p.resolve(dir), target, p) === safe ? target : undefined;
}

/**
 * Moves the finished `from` to `to` only when nothing is at `to` (no file, dotfile, link or
 * directory): a hard link is made first, which fails atomically with EEXIST, then `from` removed.
 * Where hard links are not supported (some network and FAT file systems) it falls back to a copy
 * that also refuses to replace. Throws an error with code EEXIST when `to` exists.
 */
export async function moveNoReplace(from: string, to: string): Promise<void> {
  try {
    await fs.promises.link(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw error;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'ENOSYS') {
      throw error;
    }
    await fs.promises.copyFile(from, to, fs.constants.COPYFILE_EXCL);
  }
  await fs.promises.rm(from, { force: true });
}
