/**
 * The link rule: which URLs may appear in anything public. A commit status `target_url`, a
 * deployment's `log_url`/`environment_url`, the pull-request comment and the job summary are read
 * by anyone who can see the repository, and the URL outputs are handed to the user's next steps.
 * Providers choose these URLs, so each one is judged here, by one rule, before it goes anywhere.
 */

/** Longer links are not links a person clicks; they are dropped rather than carried around. */
export const MAX_LINK_LENGTH = 2048;

/**
 * Characters a URL never has as written (RFC 3986): the parser would encode or reinterpret them,
 * so what it reads would not be what the provider sent.
 */
const NOT_IN_LINKS = '\\"<>`^{}|';

/** Where a link is going. */
export interface LinkPlace {
  /** A person is meant to click it (status, deployment, comment, summary), not a script. */
  readonly clicked?: boolean;
  /**
   * Origins whose links need the provider's credentials (the api-url's origin): such a link is
   * useless, and misleading, where a person is meant to click it. Empty for outputs, which
   * scripts read and may call with their own token (Deskforge's `log-url` is its API endpoint).
   */
  readonly tokenOrigins?: readonly string[];
}

/** Why a link is not public, for the log line that says it was dropped. */
export type LinkRefusal =
  'not-a-url' | 'not-web' | 'credentials' | 'query' | 'fragment' | 'too-long' | 'needs-token';

/** The verdict on one link: the URL as it will be shown, or why it is kept out. */
export type LinkVerdict = { ok: true; href: string } | { ok: false; why: LinkRefusal };

/**
 * Judges one link. A public link is an absolute http(s) URL, without credentials (`user:pass@`),
 * without a query string or a fragment, at most MAX_LINK_LENGTH characters, with no spaces or
 * control characters, and not on an origin that needs the provider's token. A link with a query
 * is dropped, not trimmed: a presigned URL without its signature is useless, and the query may be
 * the only secret part.
 */
export function checkLink(url: string, place: LinkPlace = {}): LinkVerdict {
  if (url.length > MAX_LINK_LENGTH) return { ok: false, why: 'too-long' };
  // The URL parser silently drops tabs and line breaks and trims spaces: what it reads would not
  // be what was given, so anything of the kind is not a link.
  for (let i = 0; i < url.length; i += 1) {
    const code = url.charCodeAt(i);
    if (code <= 0x20 || code === 0x7f || NOT_IN_LINKS.includes(url[i] ?? '')) {
      return { ok: false, why: 'not-a-url' };
    }
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, why: 'not-a-url' };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return { ok: false, why: 'not-web' };
  }
  // A host name (ASCII after the parser's punycode) or an IP address, nothing else it accepts.
  if (!/^(?:[a-z0-9_-]+\.)*[a-z0-9_-]+\.?$|^\[[0-9a-f:.]+\]$/.test(parsed.hostname)) {
    return { ok: false, why: 'not-a-url' };
  }
  // `https://@host` parses to empty credentials but still carries a userinfo part.
  if (parsed.username || parsed.password || authority(url).includes('@')) {
    return { ok: false, why: 'credentials' };
  }
  if (parsed.search !== '' || url.includes('?')) return { ok: false, why: 'query' };
  if (parsed.hash !== '' || url.includes('#')) return { ok: false, why: 'fragment' };
  if ((place.tokenOrigins ?? []).some((origin) => origin === parsed.origin)) {
    return { ok: false, why: 'needs-token' };
  }
  return { ok: true, href: parsed.href };
}

/** The raw authority of an absolute URL (between `//` and the next `/`). */
function authority(url: string): string {
  const start = url.indexOf('//');
  if (start < 0) return '';
  const end = url.indexOf('/', start + 2);
  return url.slice(start + 2, end < 0 ? url.length : end);
}

/** The link as it may be shown, or undefined when the rule keeps it out. */
export function publicLink(url: string | undefined, place: LinkPlace = {}): string | undefined {
  if (url === undefined || url === '') return undefined;
  const verdict = checkLink(url, place);
  return verdict.ok ? verdict.href : undefined;
}

/**
 * A URL output's value: the provider's URL as it was sent when it passes the rule (scripts get
 * exactly what the provider gave), else empty.
 */
export function outputLink(url: string | undefined): string {
  return url !== undefined && url !== '' && checkLink(url).ok ? url : '';
}

/** The first candidate that is a public link. */
export function firstPublicLink(
  candidates: readonly (string | undefined)[],
  place: LinkPlace = {},
): string | undefined {
  for (const candidate of candidates) {
    const link = publicLink(candidate, place);
    if (link !== undefined) return link;
  }
  return undefined;
}

/** What a refusal means, for the one log line that says a provider's link was left out. */
export function describeRefusal(why: LinkRefusal): string {
  switch (why) {
    case 'query':
      return 'it has a query string (often a signature or a key)';
    case 'fragment':
      return 'it has a fragment (#...), which can carry a key';
    case 'credentials':
      return 'it carries credentials (user:password@)';
    case 'needs-token':
      return "it is on the API's own host and needs the token";
    case 'too-long':
      return `it is longer than ${MAX_LINK_LENGTH} characters`;
    case 'not-web':
      return 'it is not an http(s) link';
    default:
      return 'it is not a URL';
  }
}

/** Where a person clicks, for a provider whose API is at `apiUrl`: its links need its token. */
export function clickPlace(apiUrl: string): LinkPlace {
  try {
    return { clicked: true, tokenOrigins: [new URL(apiUrl).origin] };
  } catch {
    return { clicked: true };
  }
}

/** The link fields of a build (see providers/types.ts `Build`). */
export interface BuildLinks {
  deployUrl?: string;
  artifactUrl?: string;
  logUrl?: string;
  logNeedsToken?: boolean;
}

/**
 * A copy of `build` whose links all pass the rule for `place`; the others are removed. A log
 * the provider marks as needing its token is removed wherever a person would click it.
 */
export function publicBuildLinks<T extends BuildLinks>(build: T, place: LinkPlace = {}): T {
  const out: T = { ...build };
  for (const key of ['deployUrl', 'artifactUrl', 'logUrl'] as const) {
    const url = build[key];
    if (url === undefined) continue;
    const link =
      key === 'logUrl' && place.clicked && build.logNeedsToken ? undefined : publicLink(url, place);
    if (link === undefined) delete out[key];
    else out[key] = link;
  }
  return out;
}
