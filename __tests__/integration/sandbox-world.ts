/**
 * The sandbox set-up every integration file shares: one sandbox per file (or per `describe`, when
 * called inside one), started before its tests, closed after them, and before each test every
 * option put back to what it was at start and the recorded state emptied. Tests then change what
 * they need (`sandbox.options.outcome = 'failure'`) without undoing it, and never see the last
 * test's options or records. Also the pull-request event and the readings of a run that several
 * suites use.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { RunActionOptions, RunActionResult } from '../../sandbox/run-action.mjs';
import {
  startSandbox,
  type CommentRecord,
  type Sandbox,
  type SandboxOptions,
} from '../../sandbox/server.mjs';

/** The pull request `prEvent` names. */
export const PR = 7;

/**
 * Registers the hooks (start, restore and reset before each test, close) and returns the sandbox.
 * The returned object stands for the sandbox from the first hook on: reading it at collection
 * time, before the sandbox is started, throws. `each` runs after the reset, before each test.
 */
export function useSandbox(options: SandboxOptions = {}, each?: () => void): Sandbox {
  let started: Sandbox | undefined;
  let initial: Record<string, unknown> = {};
  beforeAll(async () => {
    started = await startSandbox(options);
    initial = copy(started.options) as Record<string, unknown>;
  });
  afterAll(async () => {
    await started?.close();
  });
  beforeEach(() => {
    const sandbox = current();
    // Options first: some are read at reset (Sitepaste's `sitepasteUsed` fills its window).
    restore(sandbox.options as unknown as Record<string, unknown>, initial);
    sandbox.reset();
    each?.();
  });
  const current = (): Sandbox => {
    if (!started) throw new Error('the sandbox is not started yet: use it inside a test or hook');
    return started;
  };
  return new Proxy({} as Sandbox, {
    get(_target, key) {
      const value: unknown = Reflect.get(current(), key);
      return typeof value === 'function' ? value.bind(current()) : value;
    },
    set(_target, key, value) {
      return Reflect.set(current(), key, value);
    },
    has(_target, key) {
      return Reflect.has(current(), key);
    },
  });
}

/** A plain object (not an array, not null). */
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A deep copy of plain data; functions (`onRequest`) are kept as they are. */
function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copy);
  if (isRecord(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copy(v)]));
  return value;
}

/**
 * Puts `target` back to `initial` in place: keys added since go, nested objects are restored in
 * place (modules read them live), everything else is replaced by a fresh copy.
 */
function restore(target: Record<string, unknown>, initial: Record<string, unknown>): void {
  for (const key of Object.keys(target)) if (!(key in initial)) delete target[key];
  for (const [key, value] of Object.entries(initial)) {
    const now = target[key];
    if (isRecord(value) && isRecord(now)) restore(now, value);
    else target[key] = copy(value);
  }
}

/** A `pull_request` event for PR on the sandbox's head commit. */
export function prEvent(sandbox: Sandbox): Partial<RunActionOptions> {
  return {
    event: {
      name: 'pull_request',
      payload: { number: PR, pull_request: { number: PR, head: { sha: sandbox.headSha } } },
    },
  };
}

/** The comments on PR by the action's identity. */
export function ourComments(sandbox: Sandbox): CommentRecord[] {
  return sandbox.comments.filter((c) => c.issue === PR && c.user.login === 'github-actions[bot]');
}

/** The `::warning::` lines a run printed. */
export function warnings(result: RunActionResult): string[] {
  return result.commands.filter((c) => c.command === 'warning').map((c) => c.data);
}

/** The `::error::` lines a run printed. */
export function errors(result: RunActionResult): string[] {
  return result.commands.filter((c) => c.command === 'error').map((c) => c.data);
}
