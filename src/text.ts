/**
 * Text that reaches the Actions log. The runner treats a stdout line that starts with `::` as a
 * workflow command, and also `##[command]` anywhere in a line, so every string that came from an
 * input, a file or a provider goes through here first.
 */

/**
 * Makes untrusted text safe to print on one log line: no line breaks, no `::` and no `##[` (a zero
 * width space splits both, so the text still reads the same), at most `maxLength` UTF-16 units,
 * cut between code points.
 */
export function safeLine(text: string, maxLength = 500): string {
  const flat = text
    .replace(/[\r\n\u2028\u2029\u0085]+/g, ' ')
    .replace(/::/g, ':\u200b:')
    .replace(/##\[/g, '#\u200b#[');
  return truncate(flat, maxLength);
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
