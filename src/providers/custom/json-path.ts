/**
 * Field paths into a provider's JSON answer: the singular queries of JSONPath (RFC 9535 section
 * 2.3.5.1), the part of the language that names at most one value. Written here rather than taken
 * from a JSONPath library because a field input must name exactly one value: filters, wildcards
 * and descendant segments, which can match several, would only be refused after parsing.
 *
 *   $.data.status        member names (shorthand)
 *   $['build.id']        member names that are not identifiers (quoted, with JSON-like escapes)
 *   $.items[0].status    array indexes; [-1] is the last element
 *   data.status          the leading `$` may be left out; then `.0` indexes an array as well
 *
 * A field input may list several paths separated by commas (`$.conclusion, $.status`): the first
 * that is present and not null gives the value (see `parseFieldPaths`).
 */

/** One step of a parsed path. */
export type PathSegment = { name: string } | { index: number };

/** A parsed field path, with the text it came from. */
export interface FieldPath {
  readonly source: string;
  readonly segments: readonly PathSegment[];
}

/** What a path found: a value, or why there was none. */
export type PathResult =
  | { found: true; value: unknown }
  | {
      found: false;
      /** The path up to the step that failed: `$.items[0]`. */
      at: string;
      /** The failing step indexed into an empty array: the list has not been filled yet. */
      emptyList: boolean;
    };

const SHORTHAND_START = /[A-Za-z_\u0080-\uffff]/;
const SHORTHAND_CHAR = /[A-Za-z0-9_\u0080-\uffff]/;
const ESCAPES: Readonly<Record<string, string>> = {
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  '/': '/',
  '\\': '\\',
  "'": "'",
  '"': '"',
};

/** Thrown for a path that is not a singular query; the message says where and why. */
export class PathSyntaxError extends Error {
  /** What is wrong and where: "expected ']' at character 9". */
  readonly detail: string;

  constructor(source: string, at: number, problem: string) {
    const detail = `${problem} at character ${at + 1}`;
    super(`'${source}' is not a field path: ${detail}`);
    this.name = 'PathSyntaxError';
    this.detail = detail;
  }
}

/** Parses a field path; throws PathSyntaxError for anything but a singular query. */
export function parseFieldPath(source: string): FieldPath {
  const text = source.trim();
  const segments: PathSegment[] = [];
  let i = 0;
  const fail = (problem: string): never => {
    throw new PathSyntaxError(text, i, problem);
  };
  const rooted = text.startsWith('$');
  if (rooted) i = 1;
  else if (text === '') fail('it is empty');
  else if (!text.startsWith('[')) i = -1; // a bare `name...` reads as `$.name...`

  while (i < text.length) {
    const c = i < 0 ? '.' : text[i];
    if (c === '.') {
      i += 1;
      const start = i;
      if (!rooted && /[0-9]/.test(text[i] ?? '')) {
        while (/[0-9]/.test(text[i] ?? '')) i += 1;
        segments.push({ name: text.slice(start, i) });
        continue;
      }
      if (!SHORTHAND_START.test(text[i] ?? '')) {
        fail(
          text[i] === '.' ? "'..' (descendants) can match several values" : 'a name must follow .',
        );
      }
      while (i < text.length && SHORTHAND_CHAR.test(text[i] ?? '')) i += 1;
      segments.push({ name: text.slice(start, i) });
    } else if (c === '[') {
      i += 1;
      const q = text[i];
      if (q === "'" || q === '"') {
        i += 1;
        let name = '';
        for (;;) {
          const ch = text[i];
          if (ch === undefined) fail('the quoted name is not closed');
          if (ch === q) break;
          if (ch === '\\') {
            const next = text[i + 1] ?? '';
            if (next === 'u') {
              const hex = text.slice(i + 2, i + 6);
              if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('\\u needs four hex digits');
              name += String.fromCharCode(parseInt(hex, 16));
              i += 6;
              continue;
            }
            const escaped = ESCAPES[next];
            if (escaped === undefined || (next === "'" && q === '"') || (next === '"' && q === "'"))
              fail(`unknown escape \\${next}`);
            name += escaped;
            i += 2;
            continue;
          }
          name += ch;
          i += 1;
        }
        i += 1;
        segments.push({ name });
      } else {
        const digits = /^(-?(?:0|[1-9][0-9]*))/.exec(text.slice(i))?.[1] ?? '';
        if (digits === '' || digits === '-0') {
          fail(
            q === '*' || q === '?' || q === ':'
              ? 'wildcards, filters and slices can match several values'
              : 'expected a quoted name or an integer index',
          );
        }
        const index = Number(digits);
        if (!Number.isSafeInteger(index)) fail('the index is too large');
        segments.push({ index });
        i += digits.length;
      }
      if (text[i] === ':' || text[i] === ',') fail('slices and unions can match several values');
      if (text[i] !== ']') fail("expected ']'");
      i += 1;
    } else {
      fail(`unexpected '${c}'`);
    }
  }
  return Object.freeze({ source: text, segments: Object.freeze(segments) });
}

/** The normalized form of a path, for messages: `$['a']['b'][0]` written as `$.a.b[0]`. */
export function formatPath(segments: readonly PathSegment[]): string {
  return segments.reduce<string>((out, segment) => {
    if ('index' in segment) return `${out}[${segment.index}]`;
    return /^[A-Za-z_][A-Za-z0-9_]*$/.test(segment.name)
      ? `${out}.${segment.name}`
      : `${out}[${JSON.stringify(segment.name)}]`;
  }, '$');
}

/** Looks a path up in a JSON value. */
export function evaluatePath(path: FieldPath, root: unknown): PathResult {
  let value = root;
  for (let k = 0; k < path.segments.length; k += 1) {
    const segment = path.segments[k]!;
    const miss = (emptyList = false): PathResult => ({
      found: false,
      at: formatPath(path.segments.slice(0, k + 1)),
      emptyList,
    });
    if (Array.isArray(value)) {
      // `.0` in the `$`-less form is an index when it meets an array.
      const index =
        'index' in segment
          ? segment.index
          : /^(?:0|[1-9][0-9]*)$/.test(segment.name)
            ? Number(segment.name)
            : undefined;
      if (index === undefined) return miss();
      const at = index < 0 ? value.length + index : index;
      if (at < 0 || at >= value.length) return miss(value.length === 0);
      value = value[at];
    } else if (value !== null && typeof value === 'object' && 'name' in segment) {
      if (!Object.prototype.hasOwnProperty.call(value, segment.name)) return miss();
      value = (value as Record<string, unknown>)[segment.name];
    } else {
      return miss();
    }
  }
  return { found: true, value };
}

/**
 * The shape of an answer with every value left out, for an error message: `{id: string,
 * data: object, items: array(2)}`. Provider answers may carry secrets; their keys rarely do.
 */
export function describeShape(value: unknown, maxKeys = 20): string {
  if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (value === null || typeof value !== 'object') {
    return value === undefined ? 'an empty answer' : `a bare ${typeOf(value)}`;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return 'an empty object';
  const shown = keys
    .slice(0, maxKeys)
    .map((key) => `${key.slice(0, 60)}: ${typeOf((value as Record<string, unknown>)[key])}`);
  const more = keys.length > maxKeys ? `, … ${keys.length - maxKeys} more` : '';
  return `an object with top-level keys {${shown.join(', ')}${more}}`;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `array(${value.length})`;
  return typeof value;
}

/** Paths tried in order, as written in one field input (`$.conclusion, $.status`). */
export interface FieldPaths {
  /** The input's text, trimmed. */
  readonly source: string;
  /** At least one. */
  readonly paths: readonly FieldPath[];
}

/**
 * Parses a field input: one path, or several separated by commas outside quoted names and
 * brackets. Throws PathSyntaxError naming the path that is wrong (or an empty one between commas).
 */
export function parseFieldPaths(source: string): FieldPaths {
  const text = source.trim();
  const parts: string[] = [];
  let start = 0;
  let quote: string | undefined;
  let depth = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quote !== undefined) {
      if (c === '\\') i += 1;
      else if (c === quote) quote = undefined;
    } else if (depth > 0 && (c === "'" || c === '"')) {
      quote = c;
    } else if (c === '[') {
      depth += 1;
    } else if (c === ']') {
      depth = Math.max(0, depth - 1);
    } else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  if (parts.length > 1) {
    const empty = parts.findIndex((part) => part.trim() === '');
    if (empty >= 0) {
      const at = parts.slice(0, empty).reduce((n, part) => n + part.length + 1, 0);
      throw new PathSyntaxError(text, at, 'an empty path between commas');
    }
  }
  return Object.freeze({ source: text, paths: Object.freeze(parts.map(parseFieldPath)) });
}

/**
 * Looks each path up in turn: the first value that is present and not null wins. Else the first
 * null found (so "is null, not a status word" can be said), else the first path's miss, marked as
 * an empty list when any path stopped at one ("not made yet").
 */
export function evaluatePaths(fields: FieldPaths, root: unknown): PathResult {
  const results = fields.paths.map((path) => evaluatePath(path, root));
  const value = results.find((r) => r.found && r.value !== null);
  if (value) return value;
  const nullFound = results.find((r) => r.found);
  if (nullFound) return nullFound;
  const first = results[0];
  if (!first || first.found) return { found: false, at: '$', emptyList: false };
  return { ...first, emptyList: results.some((r) => !r.found && r.emptyList) };
}
