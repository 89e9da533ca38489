/**
 * JSON text to a value without losing numbers. `JSON.parse` reads every number as a double, so an
 * integer id wider than 53 bits (`12345678901234567891`, common for 64-bit database keys) comes
 * back as another number (`12345678901234567000`) and the wrong build is polled. Here such an
 * integer becomes a string of its digits exactly as written; every other value is what
 * `JSON.parse` gives. (Node 20 has no `JSON.parse` source-text access, so the text is scanned.)
 */

/**
 * Parses JSON text like `JSON.parse`, except that an integer literal outside the safe range
 * (|n| > 2^53 - 1) is returned as the string of its digits. A leading byte-order mark, which
 * RFC 8259 lets a parser ignore, is ignored. Throws SyntaxError for text that is not JSON.
 */
export function parseJson(text: string): unknown {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const quoted = quoteWideIntegers(source);
  return JSON.parse(quoted) as unknown;
}

/**
 * The same text with every integer literal that a double cannot hold exactly put in quotes. Only
 * literals outside strings are touched; anything malformed is left for `JSON.parse` to refuse.
 */
function quoteWideIntegers(text: string): string {
  let out = '';
  let copied = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      i += 1;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) i += 2;
        else if (d === 0x22) break;
        else i += 1;
      }
      i += 1;
      continue;
    }
    if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) {
      const start = i;
      if (c === 0x2d) i += 1;
      while (i < n && isDigit(text.charCodeAt(i))) i += 1;
      const integerEnd = i;
      while (i < n && isNumberChar(text.charCodeAt(i))) i += 1;
      // Digits of 16 or more may not fit; a fraction or exponent keeps it a number as JSON.parse
      // reads it (such values are measurements, not identifiers).
      if (i === integerEnd && integerEnd - start >= 16) {
        const literal = text.slice(start, i);
        // Quoting must never turn text that is not JSON into JSON: no leading zeros, not a key.
        if (
          /^-?[1-9][0-9]*$/.test(literal) &&
          !Number.isSafeInteger(Number(literal)) &&
          !followedByColon(text, i)
        ) {
          out += `${text.slice(copied, start)}"${literal}"`;
          copied = i;
        }
      }
      continue;
    }
    i += 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Whether the next character after JSON whitespace from `i` is `:` (the literal is a key). */
function followedByColon(text: string, i: number): boolean {
  let j = i;
  while (j < text.length && ' \t\n\r'.includes(text[j] ?? '')) j += 1;
  return text[j] === ':';
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Characters that continue a number after its integer part: `.`, digits, `e`, `E`, `+`, `-`. */
function isNumberChar(c: number): boolean {
  return isDigit(c) || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === 0x2d;
}
