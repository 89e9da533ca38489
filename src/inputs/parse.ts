/**
 * Parsers the input readers share (the generic one in ../inputs.ts and the providers' own):
 * one value of a fixed set, and a base URL that is safe to send a token to.
 */
import { InputError } from '../errors.js';

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1)$/i;

/** True for hosts where plain http is acceptable: the sandbox and local proxies. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.test(hostname);
}

/** `value`, lower-cased, if it is one of `allowed`; else a bad input naming them. */
export function oneOf<const T extends readonly string[]>(
  value: string,
  input: string,
  allowed: T,
): T[number] {
  const lower = value.toLowerCase();
  if ((allowed as readonly string[]).includes(lower)) return lower as T[number];
  throw new InputError(
    input,
    `has an unknown value '${value}'`,
    `use one of: ${allowed.filter(Boolean).join(', ')}`,
  );
}

/**
 * A base URL a token may be sent to: https (http on loopback only), no credentials, no query or
 * fragment; returned without a trailing slash.
 */
export function apiUrl(value: string, input = 'api-url'): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError(
      input,
      `is not a valid URL: '${value}'`,
      'use a full URL such as https://api.example.com',
    );
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new InputError(
      input,
      `uses plain http (${url.host}); tokens would cross the network unencrypted`,
      'use https (plain http is accepted only for loopback addresses)',
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError(input, `must be an https URL, got '${url.protocol}'`);
  }
  if (url.username || url.password) {
    throw new InputError(input, 'must not contain credentials', 'pass the token input instead');
  }
  if (url.search !== '' || url.hash !== '' || /[?#]/.test(value)) {
    // The query (often a key) would be dropped from every request without a word: refuse it.
    throw new InputError(
      input,
      `must not contain a query string or fragment (${url.search ? '?…' : '#…'})`,
      'pass the base URL only; credentials go in the token input',
    );
  }
  return url.toString().replace(/\/+$/, '');
}
