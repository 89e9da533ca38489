/**
 * Keeps the Actions toolkit's runner protocol off the CLI's stdout.
 *
 * `@actions/core` writes workflow commands straight to `process.stdout` (`core.debug('x')` is the
 * line `::debug::x`), and so does every toolkit package built on it: `@actions/glob` (Sitepaste's
 * `pages`) says `::debug::Search path '...'` for each glob, `core.getIDToken` (custom's
 * `{oidc-token}` on a runner) says `::debug::ID token url is ...` and `::add-mask::<the token>`,
 * and `@actions/github` prints a plain line when GITHUB_EVENT_PATH names no file. On a runner the
 * runner reads those lines; the CLI has no runner reading them. Left alone they would sit in front
 * of `--json`'s results (so `jq` fails), show protocol noise in a terminal, print an OIDC token in
 * the clear, and, in a workflow `run:` step, be executed by the runner as the toolkit's commands in
 * the middle of the CLI's own log.
 *
 * So while the CLI runs, `process.stdout.write` is wrapped: the CLI writes through the write it had
 * before (see `directSink`), and every line anyone else writes is taken apart here and handed to
 * the CLI's log (plain lines, secrets masked, never a command). Wrapped, not forked: the toolkit
 * has no setting for where its commands go (`issueCommand` writes to process.stdout), a patched
 * copy of it would drift from upstream, and the action (dist/index.js) needs the same toolkit
 * talking to a real runner.
 */
import { StringDecoder } from 'node:string_decoder';
import type { Sink } from './output.js';

/** What the toolkit's lines become: the CLI's log (CliLog). */
export interface ToolkitLog {
  debug(message: string): void;
  info(message: string): void;
  warning(message: string): void;
  error(message: string): void;
  mask(secret: string): void;
}

/** A stream the toolkit writes to: process.stdout, or a test double. */
export interface WritableOut {
  write: (...args: never[]) => boolean;
  isTTY?: boolean;
}

/**
 * A sink that writes through `stream`'s write as it is now, so the CLI's own output (results,
 * log lines) bypasses the wrapper installed later by `divertToolkitOutput`.
 */
export function directSink(stream: NodeJS.WriteStream): Sink {
  const write = stream.write.bind(stream) as (text: string) => boolean;
  return { write: (text: string) => write(text), isTTY: stream.isTTY };
}

/**
 * Wraps `stream.write` so that what others write to it goes to `log` line by line (see
 * `toolkitLine`); returns the function that stops it (what is left of a last, unfinished line is
 * handed over then). Several wraps may overlap (runs in one test process): a stopped wrapper that
 * is no longer the stream's outermost write only passes writes on.
 */
export function divertToolkitOutput(stream: WritableOut, log: ToolkitLog): () => void {
  type Write = (chunk: unknown, encoding?: unknown, callback?: unknown) => boolean;
  const target = stream as unknown as { write: Write };
  const original = target.write;
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let active = true;

  const wrapped: Write = function (this: unknown, chunk, encoding, callback) {
    if (!active) return original.call(stream, chunk, encoding, callback);
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof chunk === 'string') {
      pending +=
        typeof encoding === 'string' && !/^utf-?8$/i.test(encoding)
          ? Buffer.from(chunk, encoding as BufferEncoding).toString('utf8')
          : chunk;
    } else if (chunk instanceof Uint8Array) {
      pending += decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    }
    let end: number;
    while ((end = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, end).replace(/\r$/, '');
      pending = pending.slice(end + 1);
      toolkitLine(line, log);
    }
    if (typeof done === 'function') process.nextTick(done as () => void);
    return true;
  };
  target.write = wrapped;

  return () => {
    if (!active) return;
    active = false;
    const rest = pending + decoder.end();
    pending = '';
    if (rest) toolkitLine(rest.replace(/\r$/, ''), log);
    if (target.write === wrapped) target.write = original;
  };
}

/** A workflow command as @actions/core writes it: `::name key=value,key=value::message`. */
const COMMAND = /^::([^\s:]+)(?: ([^:]*))?::(.*)$/s;

/**
 * One line someone other than the CLI wrote to stdout, handed to the CLI's log. Workflow commands
 * are unescaped (core writes `%`, CR and LF as %25, %0D, %0A, and also `:` and `,` as %3A, %2C in
 * properties) and translated, or dropped where the CLI has nothing they could mean; anything else
 * is an info line. The log neutralises every line it prints, so none of this reaches the CLI's
 * output as a command, whatever it says.
 */
export function toolkitLine(line: string, log: ToolkitLog): void {
  const match = COMMAND.exec(line);
  if (!match) {
    // Plain text (core.info, @actions/github's missing event file): a log line like any other,
    // so `--json` keeps stdout for the results. Blank lines (setOutput writes one) say nothing.
    if (line.trim()) log.info(line);
    return;
  }
  const name = match[1]!.toLowerCase();
  const properties = parseProperties(match[2] ?? '');
  const message = unescapeData(match[3] ?? '');
  switch (name) {
    case 'debug':
      // The toolkit's own tracing (glob's options and search paths): shown with --verbose.
      log.debug(message);
      return;
    case 'warning':
      log.warning(message + where(properties));
      return;
    case 'error':
      // An annotation's severity, kept; the CLI's exit code still comes only from the build.
      log.error(message + where(properties));
      return;
    case 'notice':
      log.info(message + where(properties));
      return;
    case 'add-mask':
      // getIDToken masks the token it fetched. The CLI's log hides it from every line it prints
      // (each line of it too, as readSettings masks secrets); printing the command would print the
      // secret itself wherever no runner reads it.
      if (!message) return;
      log.mask(message);
      for (const part of message.split(/\r?\n/)) if (part.trim()) log.mask(part);
      return;
    case 'group':
      // The CLI has no folds; a group reads as its heading, as the CLI's own groups do.
      log.info(`── ${message}`);
      return;
    default:
      // set-output, save-state, set-env, add-path: a step's outputs, state and environment, which
      // the CLI does not have (its outputs are --json and --output-env, and nothing on its path
      // sets these). endgroup, echo, add-matcher, stop-commands and the rest configure a runner's
      // log. None is printed: the value may be a secret, so the debug line names the command only.
      log.debug(`Dropped the Actions toolkit's '${name}' workflow command (not run by a runner).`);
  }
}

/** `file=a%3Ab.ts,line=3` -> { file: 'a:b.ts', line: '3' }. */
function parseProperties(text: string): Record<string, string> {
  const properties: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const eq = pair.indexOf('=');
    if (eq > 0) properties[pair.slice(0, eq).trim()] = unescapeProperty(pair.slice(eq + 1));
  }
  return properties;
}

const CODES: Readonly<Record<string, string>> = {
  '25': '%',
  '0D': '\r',
  '0A': '\n',
  '3A': ':',
  '2C': ',',
};

/** Undoes @actions/core's escapeData (%, CR, LF), in one pass so `%250A` stays `%0A`. */
function unescapeData(text: string): string {
  return text.replace(/%(25|0D|0A)/gi, (_, code: string) => CODES[code.toUpperCase()]!);
}

/** Undoes escapeProperty: escapeData's three, and `:` and `,`. */
function unescapeProperty(text: string): string {
  return text.replace(/%(25|0D|0A|3A|2C)/gi, (_, code: string) => CODES[code.toUpperCase()]!);
}

/** ` (src/a.ts:3)` for an annotation's file and line, when it has them. */
function where(properties: Record<string, string>): string {
  const file = properties['file'];
  if (!file) return '';
  return ` (${file}${properties['line'] ? `:${properties['line']}` : ''})`;
}
