/**
 * Compiler and linter errors in a build log, as check run annotations on the repository's files:
 * the `path:line[:col]` forms that tsc, eslint, rustc, gcc/clang, go and Python tracebacks print.
 * Paths are made relative to the repository root; a path that is not in the repository as given
 * has the provider's build directory stripped (the longest tail that is a repository file), and a
 * path outside the repository is ignored.
 */
import path from 'node:path';

/** One annotation, as the Checks API takes it (before the 50-per-request cut). */
export interface Annotation {
  path: string;
  line: number;
  column?: number;
  level: 'failure' | 'warning';
  message: string;
}

/** What the log said, for the check run: annotations, and error lines that name no file. */
export interface LogFindings {
  annotations: Annotation[];
  /** Error lines that named no file of the repository. */
  unplaced: string[];
}

/** Says whether a repository-relative path is a file of the repository. */
export type IsRepoFile = (relative: string) => boolean;

const LEVEL = (word: string | undefined): 'failure' | 'warning' =>
  word !== undefined && /^warn/i.test(word) ? 'warning' : 'failure';

/** A file path with an extension, as compilers print it (no spaces). */
const FILE = String.raw`((?:[A-Za-z]:)?[\w./\\@+-]*\w\.[A-Za-z][\w]*)`;

/** `src/app.ts(12,5): error TS2322: ...` (tsc without --pretty). */
const TSC_PARENS = new RegExp(String.raw`${FILE}\((\d+),(\d+)\):\s+(error|warning)\s+(.*)$`);
/** `src/app.ts:12:5 - error TS2322: ...` (tsc --pretty). */
const TSC_PRETTY = new RegExp(String.raw`${FILE}:(\d+):(\d+)\s+-\s+(error|warning)\s+(.*)$`);
/** `main.c:3:5: error: ...`, `x.go:3:9: ...`, `file.js:1:2: warning ...` (gcc, clang, go, unix). */
const COLON = new RegExp(
  String.raw`${FILE}:(\d+)(?::(\d+))?:\s*(?:(fatal error|error|warning|note)\s*:?\s*)?(.*)$`,
);
/** rustc: `  --> src/main.rs:3:9` under `error[E0308]: mismatched types`. */
const RUST_ARROW = new RegExp(String.raw`(?:^|\s)-->\s+${FILE}:(\d+):(\d+)`);
const RUST_HEAD = /\b(error|warning)(\[[A-Z]\d+\])?:\s+(.*)$/;
/** Python: `  File "app/x.py", line 3, in main`, then the exception line. */
const PY_FRAME = /File "([^"]+)", line (\d+)/;
const PY_EXCEPTION =
  /^\s*(?:[\w.]+\.)?(\w+(?:Error|Exception)|KeyboardInterrupt|SystemExit)(?::\s*(.*))?$/;
/** eslint's stylish format: a file on its own line, then `  12:5  error  message  rule`. */
const ESLINT_FILE = new RegExp(String.raw`^\s*${FILE}\s*$`);
const ESLINT_ROW = /^\s+(\d+):(\d+)\s+(error|warning)\s+(.+?)(?:\s{2,}[\w@/-]+)?\s*$/;
/** An error line of any kind, for the ones that name no file. */
const ANY_ERROR = /\b(error|fatal|failed)\b/i;

/**
 * The repository-relative path of `reported`, or undefined when it is not a repository file. A
 * path as given is tried first; then, for a path from the build machine (`/build/src/app.ts`),
 * every tail of it, longest first.
 */
export function repoPath(reported: string, isRepoFile: IsRepoFile): string | undefined {
  const parts = reported
    .replace(/\\/g, '/')
    .replace(/^[A-Za-z]:/, '')
    .split('/')
    .filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) return undefined;
  for (let start = 0; start < parts.length; start++) {
    const candidate = parts.slice(start).join('/');
    if (isRepoFile(candidate)) return candidate;
  }
  return undefined;
}

/** A checkout's files, judged on disk (inside `root` only). */
export function checkoutFiles(root: string, exists: (file: string) => boolean): IsRepoFile {
  const base = path.resolve(root);
  return (relative) => {
    const full = path.resolve(base, relative);
    if (full !== base && !full.startsWith(base + path.sep)) return false;
    return exists(full);
  };
}

/** Reads compiler and linter errors out of `lines` (a log's tail, oldest first). */
export function findAnnotations(lines: readonly string[], isRepoFile: IsRepoFile): LogFindings {
  const annotations: Annotation[] = [];
  const unplaced: string[] = [];
  const seen = new Set<string>();
  const add = (
    file: string,
    line: string,
    column: string | undefined,
    level: 'failure' | 'warning',
    message: string,
  ): boolean => {
    const where = repoPath(file, isRepoFile);
    const n = Number(line);
    if (!where || !Number.isInteger(n) || n < 1) return false;
    const key = `${where}:${n}:${column ?? ''}:${message}`;
    if (!seen.has(key)) {
      seen.add(key);
      annotations.push({
        path: where,
        line: n,
        ...(column && Number(column) >= 1 ? { column: Number(column) } : {}),
        level,
        message: message.trim() || 'error',
      });
    }
    return true;
  };

  /** A rustc `error[E...]: ...` line waiting for its ` --> path:line:col` on the next line. */
  let rustHead: { level: 'failure' | 'warning'; message: string; text: string } | undefined;
  let eslintFile: string | undefined;
  let pyFrame: { file: string; line: string } | undefined;
  for (const raw of lines) {
    // eslint-disable-next-line no-control-regex
    const text = raw.replace(/\u001b\[[0-9;]*m/g, '');
    let m: RegExpExecArray | null;

    if ((m = RUST_ARROW.exec(text))) {
      if (rustHead) add(m[1]!, m[2]!, m[3], rustHead.level, rustHead.message);
      rustHead = undefined;
      continue;
    }
    // The head was not followed by its place: it names no file.
    if (rustHead && text.trim() !== '') {
      if (rustHead.level === 'failure') unplaced.push(rustHead.text);
      rustHead = undefined;
    }
    if ((m = PY_FRAME.exec(text))) {
      pyFrame = { file: m[1]!, line: m[2]! };
      continue;
    }
    if (pyFrame && (m = PY_EXCEPTION.exec(text))) {
      // The innermost frame (the last one printed) is where it was raised.
      if (!add(pyFrame.file, pyFrame.line, undefined, 'failure', text.trim()))
        unplaced.push(text.trim());
      pyFrame = undefined;
      continue;
    }
    if (eslintFile && (m = ESLINT_ROW.exec(text))) {
      add(eslintFile, m[1]!, m[2], LEVEL(m[3]), m[4]!);
      continue;
    }
    if ((m = ESLINT_FILE.exec(text)) && repoPath(m[1]!, isRepoFile)) {
      eslintFile = m[1]!;
      continue;
    }
    eslintFile = undefined;
    if ((m = TSC_PARENS.exec(text)) || (m = TSC_PRETTY.exec(text))) {
      if (add(m[1]!, m[2]!, m[3], LEVEL(m[4]), m[5]!)) continue;
    }
    if ((m = COLON.exec(text)) && m[4] !== 'note') {
      if (add(m[1]!, m[2]!, m[3], LEVEL(m[4]), m[5] || text.trim())) continue;
    }
    if ((m = RUST_HEAD.exec(text))) {
      rustHead = {
        level: LEVEL(m[1]),
        message: `${m[1]}${m[2] ?? ''}: ${m[3]}`,
        text: text.trim(),
      };
      continue;
    }
    if (ANY_ERROR.test(text)) unplaced.push(text.trim());
  }
  if (rustHead?.level === 'failure') unplaced.push(rustHead.text);
  return { annotations, unplaced };
}
