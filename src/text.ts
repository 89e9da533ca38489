/**
 * Text from outside (inputs, files, providers) on its way to the Actions log, a terminal, GitHub
 * or the outputs. The runner treats a stdout line that starts with `::` as a workflow command, and
 * also `##[command]` anywhere in a line; a terminal obeys escape sequences (ESC, CSI, OSC: retitle
 * the window, erase lines, write the clipboard). So every string that came from an input, a file
 * or a provider goes through here first, and every pattern run over such text here is linear in
 * its length: a provider's 4 MiB answer must not hold the main thread (where neither `timeout`
 * nor SIGINT can stop it).
 */

/** The most of one untrusted text (a message, a heading) any rule looks at; the rest is cut. */
export const MAX_UNTRUSTED = 16 * 1024;

/** `text` cut to at most `max` UTF-16 units, never inside a code point; unchanged when shorter. */
export function bound(text: string, max = MAX_UNTRUSTED): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}

/**
 * Characters that drive a terminal or reorder what is shown: C0 controls but tab and line feed,
 * DEL, C1 controls (0x9b is a CSI on its own), and the bidirectional overrides and isolates.
 */
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `\x1b` for ESC, `\u202e` for a bidi override: the character shown, not obeyed. */
function escapeControl(c: string): string {
  const code = c.charCodeAt(0);
  return code < 0x100
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * The one owner of "printable": every control character (see CONTROLS) shown escaped (`\x1b`),
 * so an escape sequence from a provider reads as text in a terminal and in the Actions log
 * instead of retitling, erasing or recolouring them. Tabs and line feeds stay.
 */
export function printable(text: string): string {
  return text.replace(CONTROLS, escapeControl);
}

/**
 * Makes untrusted text safe to print on one log line: no line breaks, no control characters
 * (shown escaped), no `::` and no `##[` (a zero width space splits both, so the text still reads
 * the same), at most `maxLength` UTF-16 units, cut between code points.
 */
export function safeLine(text: string, maxLength = 500): string {
  const flat = printable(
    bound(text, Math.max(MAX_UNTRUSTED, maxLength * 2)).replace(/[\r\n\u2028\u2029\u0085]+/g, ' '),
  )
    .replace(/:(?=:)/g, ':\u200b')
    .replace(/#(?=#\[)/g, '#\u200b');
  return truncate(flat, maxLength);
}

/** `text` without the trailing characters in `chars`: a scanner, where `/[...]*$/` backtracks. */
export function trimEndOf(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1] ?? '')) end -= 1;
  return text.slice(0, end);
}

/** `text` without the leading characters in `chars`. */
export function trimStartOf(text: string, chars: string): string {
  let start = 0;
  while (start < text.length && chars.includes(text[start] ?? '')) start += 1;
  return text.slice(start);
}

/**
 * JSON text that a terminal shows as it is: JSON.stringify escapes C0 controls but leaves DEL,
 * C1 controls, line and paragraph separators and bidi overrides raw; they are escaped too.
 */
export function jsonText(value: unknown, space?: number): string {
  return (JSON.stringify(value, null, space) ?? 'null').replace(
    /[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** `text` cut to at most `maxLength` UTF-16 units with a trailing `…`, never inside a code point. */
export function truncate(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  let out = '';
  for (const point of text) {
    if (out.length + point.length > maxLength - 1) break;
    out += point;
  }
  return `${out}…`;
}

/**
 * Replaces a URL's query (and each longer query value, raw and encoded) with `…`, for hosts that
 * echo a presigned URL's signature back in an error body.
 */
export function queryScrubber(url: URL): (text: string) => string {
  if (url.search === '') return (text) => text;
  const secrets = new Set<string>([url.href, `${url.pathname}${url.search}`, url.search]);
  for (const [, value] of url.searchParams) {
    if (value.length >= 6) {
      secrets.add(value);
      secrets.add(encodeURIComponent(value));
    }
  }
  const ordered = [...secrets].filter((s) => s.length > 1).sort((a, b) => b.length - a.length);
  return (text) => ordered.reduce((out, secret) => out.split(secret).join('…'), text);
}

/** Seconds as a short human string: 75 -> "1m 15s". */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h ${m}m ${s}s`;
  if (m > 0) return `${m}m ${s}s`;
  return `${s}s`;
}

/** Parses `90`, `90s`, `15m`, `1h` (and `1h30m`) into milliseconds; undefined when malformed. */
export function parseDuration(text: string): number | undefined {
  const value = text.trim().toLowerCase();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(value);
  if (!match || value === '') return undefined;
  const [, h = '0', m = '0', s = '0'] = match;
  return ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000;
}
