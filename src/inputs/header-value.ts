/**
 * What an HTTP header value may hold. Secrets (`token`, `secret-key`, `github-token`) and the custom
 * provider's header lines all end up in request headers; a value Node cannot send fails only when
 * the request is made, as an ambiguous network error ("the request may have reached ..."), and a
 * CR/LF would split the header. So the rule is checked once, when the inputs are read.
 */

/**
 * Why `value` cannot be sent as an HTTP header value, or undefined when it can: a line break, any
 * other control character (C0, DEL, C1; a tab too: in a secret it is always a paste error), or a
 * character outside Latin-1, which HTTP/1.1 headers cannot carry. Never quotes the value, which
 * may be a secret.
 */
export function headerValueProblem(value: string): string | undefined {
  if (/[\r\n]/.test(value)) return 'has a line break (CR or LF) in it';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(value)) return 'has a control character in it';
  if (/[^ -\u00ff]/.test(value)) {
    return 'has a character outside Latin-1, which an HTTP header cannot carry';
  }
  return undefined;
}

/** Each line of a secret that spans lines, to be masked on its own as well as whole. */
export function secretLines(secret: string): string[] {
  return secret
    .split(/[\r\n]+/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && line !== secret);
}
