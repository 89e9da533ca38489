/**
 * Several builds in one step. Each target is one `runBuild`, the same engine as a single build;
 * this file only schedules them (at most `max-parallel` in flight, one shared deadline), shares
 * each provider's rate limits between them, gives each its own log prefix, state keys and status
 * context, and stops the others on `fail-fast`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Deadline } from '../clock.js';
import { RateGates } from '../http/gate.js';
import type { StepSettings, Target } from '../inputs/targets.js';
import type { ProviderName } from '../providers/index.js';
import type { ProviderSpec } from '../providers/types.js';
import { formatDuration, safeLine } from '../text.js';
import { StopWaiting } from './stop.js';
import { closingWrites, runBuild, type EngineDeps } from './run.js';
import type { EngineLog, Outcome, TargetResult } from './types.js';

export type { TargetResult } from './types.js';
import { triggersFailFast } from './verdict.js';
import { CommitStatusReporter } from './reporters/commit-status.js';
import { createReporters, type Reporter } from './reporters/index.js';
import { TARGET_COUNT_STATE_KEY, targetStateKey } from './target-state.js';

export interface TargetsDeps extends Omit<
  EngineDeps,
  'settings' | 'spec' | 'deadline' | 'rateGates' | 'log'
> {
  targets: readonly Target[];
  /** The step's own settings: `timeout` is one deadline for every target. */
  step: Pick<StepSettings, 'timeoutMs'>;
  /** True with the `targets` input: prefixed logs, per-target state keys. */
  multi: boolean;
  maxParallel: number;
  failFast: boolean;
  spec: (provider: ProviderName) => ProviderSpec;
  log: EngineLog;
  /**
   * Reporters of the caller's own (the CLI's live line) for one target, heard along with the
   * ones its settings ask for.
   */
  extraReporters?: (target: Target) => Reporter[];
}

/** The reason fail-fast gives the targets it stops awaiting. */
export const FAIL_FAST_REASON = 'not awaited: fail-fast';

/**
 * Runs every target, at most `maxParallel` at a time, in input order; resolves with one result
 * per target, in input order. Never throws (as runBuild never does).
 */
export async function runTargets(deps: TargetsDeps): Promise<TargetResult[]> {
  const { targets, clock, signal } = deps;
  // One deadline for all: `timeout` is the step's, whatever the queue.
  const timeoutMs = deps.step.timeoutMs;
  const deadline = new Deadline(clock, clock.now() + timeoutMs);
  const rateGates = new RateGates();
  const stops = new Map<number, AbortController>();
  let stopReason: StopWaiting | undefined;
  const results: (TargetResult | undefined)[] = new Array<TargetResult | undefined>(targets.length);
  if (deps.multi) deps.saveState(TARGET_COUNT_STATE_KEY, String(targets.length));

  const stopOthers = (failed: Target): void => {
    if (stopReason) return;
    stopReason = new StopWaiting(FAIL_FAST_REASON);
    deps.log.info(
      `[${failed.name}] failed; fail-fast is on, so the other targets are no longer awaited.`,
    );
    for (const controller of stops.values()) controller.abort(stopReason);
  };

  const runOne = async (target: Target): Promise<TargetResult> => {
    const log = deps.multi ? targetLog(deps.log, target.name, deps.maxParallel > 1) : deps.log;
    const why = signal.aborted
      ? 'Cancelled before it started'
      : stopReason
        ? stopReason.description
        : deadline.expired()
          ? `Not started: the timeout (${formatDuration(timeoutMs)}) ran out while other targets built`
          : undefined;
    if (why !== undefined) {
      return notStarted(
        deps,
        target,
        why,
        signal.aborted ? 'cancelled' : stopReason ? 'stopped' : 'timed-out',
        deadline,
      );
    }
    const controller = new AbortController();
    stops.set(target.index, controller);
    const tempDir = deps.multi ? path.join(deps.tempDir, `target-${target.index}`) : deps.tempDir;
    if (deps.multi) fs.mkdirSync(tempDir, { recursive: true });
    try {
      const engine: EngineDeps = {
        ...deps,
        settings: target.settings,
        spec: deps.spec(target.settings.provider),
        log,
        signal: AbortSignal.any([signal, controller.signal]),
        saveState: deps.multi
          ? (key, value) => deps.saveState(targetStateKey(key, target.index), value)
          : deps.saveState,
        tempDir,
        deadline,
        rateGates,
      };
      const extra = deps.extraReporters?.(target) ?? [];
      const outcome = await runBuild(
        extra.length > 0
          ? { ...engine, reporters: [...createReporters(engine), ...extra] }
          : engine,
      );
      return { target, outcome, started: true };
    } finally {
      stops.delete(target.index);
    }
  };

  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < targets.length; i = next++) {
      const target = targets[i]!;
      const result = await runOne(target);
      results[i] = result;
      if (deps.failFast && triggersFailFast(result.outcome)) stopOthers(target);
    }
  };
  // A cancelled run closes the targets still queued at once, side by side, instead of one by one
  // as running targets free their places: their statuses must be closed before the host exits.
  let closingQueued: Promise<unknown> = Promise.resolve();
  const closeQueued = (): void => {
    const first = next;
    next = targets.length;
    closingQueued = Promise.all(
      targets.slice(first).map(async (target, k) => (results[first + k] = await runOne(target))),
    );
  };
  signal.addEventListener('abort', closeQueued, { once: true });
  try {
    const workers = Math.max(1, Math.min(deps.maxParallel, targets.length));
    await Promise.all(Array.from({ length: workers }, worker));
    await closingQueued;
  } finally {
    signal.removeEventListener('abort', closeQueued);
  }
  return results.map((result) => result!);
}

/**
 * A target that never started. Its commit status (if it posts one) still gets a final `error`, so a
 * required check for its context explains itself instead of waiting forever.
 */
async function notStarted(
  deps: TargetsDeps,
  target: Target,
  why: string,
  end: 'timed-out' | 'cancelled' | 'stopped',
  deadline: Deadline,
): Promise<TargetResult> {
  const { settings } = target;
  const spec = deps.spec(settings.provider);
  const outcome: Outcome = {
    status: end === 'timed-out' ? 'timed_out' : 'cancelled',
    end,
    providerTitle: spec.title,
    build: undefined,
    durationMs: 0,
    message: why,
  };
  if (settings.wait) {
    const statuses = new CommitStatusReporter({
      api: settings.commitStatus ? deps.github : undefined,
      owner: deps.run.owner,
      repo: deps.run.repo,
      apiUrl: deps.run.apiUrl,
      sha: deps.run.sha,
      context: settings.statusContext,
      log: deps.log,
      saveState: deps.multi
        ? (key, value) => deps.saveState(targetStateKey(key, target.index), value)
        : deps.saveState,
    });
    await closingWrites(deps.clock, deadline, () =>
      statuses.update('error', why, deps.run.runUrl || undefined),
    );
  }
  deps.log.info(`[${target.name}] ${why}.`);
  return { target, outcome, started: false };
}

/**
 * A target's view of the log: every line starts with `[name]`. Targets running side by side
 * cannot each hold a log group open (the runner's groups do not nest or interleave), so there a
 * group becomes a heading line; running one at a time, each target's steps are real groups.
 */
export function targetLog(base: EngineLog, name: string, concurrent: boolean): EngineLog {
  const tag = `[${safeLine(name, 100)}]`;
  return {
    info: (m) => base.info(`${tag} ${m}`),
    warning: (m) => base.warning(`${tag} ${m}`),
    debug: (m) => base.debug(`${tag} ${m}`),
    group: (title, fn) => {
      if (!concurrent) return base.group(`${tag} ${title}`, fn);
      base.info(`${tag} ▸ ${title}`);
      return fn();
    },
    // A provider log block is printed in one go, so its lines stay together even side by side;
    // side by side it is also its own collapsed group (opened and filled synchronously).
    untrusted: (lines) => {
      const tagged = lines.map((line) => `${tag} ${line}`);
      if (!concurrent) base.untrusted(tagged);
      else void base.group(`${tag} build log`, async () => base.untrusted(tagged));
    },
  };
}
