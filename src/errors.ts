import { bound } from './text.js';

/**
 * Errors a user can meet. Each one renders as a single line: what failed, the provider's code and
 * message where there is one, and the fix. Anything that is not an ActionError is a bug and keeps
 * its stack trace in the debug log only.
 */

/** An expected failure with a one-line, user-facing message. */
export class ActionError extends Error {
  /** What went wrong, without the fix. */
  readonly reason: string;
  /** What the user can do about it, appended to the message as "Fix: ...". */
  readonly fix: string | undefined;

  constructor(message: string, options: { fix?: string; cause?: unknown } = {}) {
    const reason = oneLine(message);
    const fix = options.fix === undefined ? undefined : oneLine(options.fix);
    super(
      fix ? `${ensurePeriod(reason)} Fix: ${ensurePeriod(fix)}` : reason,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = 'ActionError';
    this.reason = reason;
    this.fix = fix;
  }

  /** The full line shown to the user. */
  override toString(): string {
    return this.message;
  }
}

/** A bad input, found before any request is sent. The message always names the input. */
export class InputError extends ActionError {
  readonly input: string;

  constructor(input: string, problem: string, fix?: string) {
    super(`Input '${input}' ${problem}`, fix === undefined ? {} : { fix });
    this.name = 'InputError';
    this.input = input;
  }
}

/** A failure reported by (or on the way to) a provider's API. */
export class ProviderError extends ActionError {
  readonly provider: string;
  /** What was being done: "trigger the build". */
  readonly what: string;
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly providerMessage: string | undefined;

  constructor(init: {
    provider: string;
    what: string;
    status?: number;
    code?: string;
    providerMessage?: string;
    fix?: string;
    cause?: unknown;
  }) {
    // The provider's words are bounded before anything looks at them.
    const code = init.code === undefined ? undefined : bound(init.code);
    const providerMessage =
      init.providerMessage === undefined ? undefined : bound(init.providerMessage);
    const detail = [
      init.status === undefined ? undefined : `HTTP ${init.status}`,
      code,
      providerMessage === undefined ? undefined : `"${providerMessage}"`,
    ]
      .filter((part): part is string => Boolean(part))
      .join(' ');
    const opts: { fix?: string; cause?: unknown } = {};
    if (init.fix !== undefined) opts.fix = init.fix;
    if (init.cause !== undefined) opts.cause = init.cause;
    super(`${init.provider}: ${init.what} failed${detail ? `: ${detail}` : ''}`, opts);
    this.name = 'ProviderError';
    this.provider = init.provider;
    this.what = init.what;
    this.status = init.status;
    this.code = code;
    this.providerMessage = providerMessage;
  }
}

/**
 * Collapses a message to one line so it can never span (or start) a workflow command line: each
 * line break, with the whitespace around it, becomes one space. At most MAX_UNTRUSTED characters
 * are looked at (a provider's message can be megabytes), by a scanner: the pattern
 * the regular expression it replaces took time quadratic in a run of spaces (57 s for 150 KB).
 */
export function oneLine(text: string): string {
  const input = bound(text);
  const parts: string[] = [];
  let from = 0;
  for (let i = 0; i < input.length; i += 1) {
    const c = input[i];
    if (c !== '\r' && c !== '\n') continue;
    // Each part after the first starts with a non-space (the run after a break is skipped).
    parts.push(input.slice(from, i).trimEnd(), ' ');
    let next = i + 1;
    while (next < input.length && /\s/.test(input[next] ?? '')) next += 1;
    from = next;
    i = next - 1;
  }
  parts.push(input.slice(from));
  return parts.join('').trim();
}

function ensurePeriod(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** The user-facing line for any thrown value. */
export function describeError(error: unknown): string {
  if (error instanceof ActionError) return error.toString();
  if (error instanceof Error) return oneLine(error.message);
  return oneLine(String(error));
}
