/**
 * One step, for every host (the action's main step, the CLI): read the plan, open the GitHub
 * client, run the targets in a temp dir, handle SIGINT/SIGTERM and its grace period, set the
 * outputs and reach the verdict. A host only says how it reads inputs and where outputs and lines
 * go; every rule of a run lives here once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Clock } from '../clock.js';
import { describeError, InputError } from '../errors.js';
import type { RunContext } from '../github-context.js';
import type { Plan, StepSettings, Target } from '../inputs/targets.js';
import { providerSpec } from '../providers/index.js';
import type { GitHubApi } from './github.js';
import { runPost } from './post.js';
import type { Reporter } from './reporters/index.js';
import {
  targetsSummaryTable,
  type SummaryTable,
  type TargetsSummaryTable,
} from './reporters/summary.js';
import { namedOutcomes, outputsBeforeRun, stepOutputs, type NamedOutcome } from './results.js';
import { runTargets } from './targets.js';
import type { EngineLog } from './types.js';
import { EXIT, stepVerdict, type StepVerdict } from './verdict.js';

/**
 * How long an interrupted run may take to cancel its builds remotely and close its statuses
 * before it exits anyway: inside the 7.5 s the runner leaves between SIGINT and SIGTERM.
 */
export const INTERRUPT_GRACE_MS = 7000;

/** Makes a GitHub client for one repository. */
export type GitHubFactory = (
  token: string,
  owner: string,
  repo: string,
  apiUrl: string,
) => GitHubApi;

/** What a host tells the step runner: where inputs come from and where results go. */
export interface StepHost {
  env: NodeJS.ProcessEnv;
  clock: Clock;
  log: EngineLog;
  /** Reads and validates every input; an InputError is a bad input (exit 2). */
  readPlan: () => Promise<Plan>;
  /** The repository, commit and pull request the run reports on; may throw an InputError. */
  runContext: (step: StepSettings) => RunContext;
  github: GitHubFactory;
  /**
   * Said when a target asks for commit statuses and there is no client: `missing` names what is
   * absent (a token, the repository as owner/repo, the commit).
   */
  gitHubOff: (missing: readonly ('token' | 'repo' | 'commit')[]) => void;
  /** Sets every output (the contract's names), on every path. */
  writeOutputs: (outputs: Record<string, string>) => void;
  /**
   * The post step's state (the action). Without it (the CLI has no post step) the step closes
   * whatever a run left open itself, from state it keeps in memory.
   */
  saveState?: (key: string, value: string) => void;
  /** Job summary writers; without them no summary is written. */
  summary?: {
    single: (table: SummaryTable) => Promise<void>;
    targets: (table: TargetsSummaryTable) => Promise<void>;
  };
  /** Reporters of the host's own (the CLI's live line) for one target. */
  extraReporters?: (target: Target, plan: Plan) => Reporter[];
  /** Where SIGINT/SIGTERM come from (the process). */
  signals: NodeJS.EventEmitter;
  interrupt: {
    /** Said once when the first signal arrives. */
    notice: (signal: NodeJS.Signals) => string;
    /** Leaves the process with `code` when the grace period runs out (or on a second signal). */
    exit: (code: number) => void;
    exitCode: number;
    /**
     * True when an interrupt decides the verdict (the CLI's exit 130); false when the host shows
     * a cancelled step its own way (the runner marks the job cancelled).
     */
    decidesVerdict: boolean;
  };
}

/** How a step ended; every output was set before this returns. */
export type StepResult =
  | { kind: 'bad-input'; exitCode: number; line: string }
  | { kind: 'crashed'; exitCode: number; error: unknown }
  | {
      kind: 'ran';
      exitCode: number;
      plan: Plan;
      named: NamedOutcome[];
      verdict: StepVerdict;
      outputs: Record<string, string>;
      interrupted: boolean;
    };

/** Runs one step for a host. Never throws: a crash is a result, with the outputs still set. */
export async function runStep(host: StepHost): Promise<StepResult> {
  const { log } = host;
  let outputsSet = false;
  const setOutputs = (outputs: Record<string, string>): void => {
    outputsSet = true;
    host.writeOutputs(outputs);
  };
  const controller = new AbortController();
  let github: GitHubApi | undefined;
  let interrupted = false;
  /** The plan, once read: what the grace period's last word is about. */
  let known: Plan | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (interrupted) {
      host.interrupt.exit(host.interrupt.exitCode);
      return;
    }
    interrupted = true;
    log.info(host.interrupt.notice(signal));
    // First the client (writes still queued are dropped, closing ones skip the spacing), then the
    // run: the closing writes it makes must find the client already interrupted.
    github?.interrupt?.();
    controller.abort(new Error(`received ${signal}`));
    setTimeout(() => {
      // Out of time: the outputs still say how it ended (every target cancelled), then exit.
      if (!outputsSet && known) {
        try {
          setOutputs(stepOutputs(cutShort(known), known.multi));
        } catch (error) {
          log.warning(`Could not set the outputs: ${describeError(error)}`);
        }
      }
      host.interrupt.exit(host.interrupt.exitCode);
    }, INTERRUPT_GRACE_MS).unref();
  };
  host.signals.on('SIGINT', onSignal);
  host.signals.on('SIGTERM', onSignal);
  let tempDir: string | undefined;
  try {
    let plan: Plan;
    let run: RunContext;
    try {
      plan = await host.readPlan();
      known = plan;
      // Once per step, before anything is sent (inputs no provider of the step reads).
      for (const line of plan.warnings) log.warning(line);
      run = host.runContext(plan.step);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      setOutputs(outputsBeforeRun());
      return { kind: 'bad-input', exitCode: EXIT.badInput, line: describeError(error) };
    }
    ({ github, run } = await openGitHub(plan, run, host));
    if (interrupted) github?.interrupt?.();

    // Without a post step, state lives here and the step closes what is left open itself.
    const memory = new Map<string, string>();
    const saveState = host.saveState ?? ((key: string, value: string) => memory.set(key, value));
    tempDir = fs.mkdtempSync(path.join(host.env['RUNNER_TEMP'] || os.tmpdir(), 'trigger-build-'));
    const single = plan.multi ? undefined : host.summary?.single;
    const results = await runTargets({
      ...plan,
      spec: providerSpec,
      run,
      clock: host.clock,
      signal: controller.signal,
      log,
      github,
      saveState,
      tempDir,
      env: host.env,
      ...(single ? { writeSummary: single } : {}),
      ...(host.extraReporters
        ? { extraReporters: (target: Target) => host.extraReporters!(target, plan) }
        : {}),
    });
    if (!host.saveState && github) {
      const client = github;
      await runPost({
        getState: (key) => memory.get(key) ?? '',
        token: plan.step.githubToken,
        github: () => client,
        log,
      });
    }

    const named = namedOutcomes(results);
    const outputs = stepOutputs(named, plan.multi);
    setOutputs(outputs);
    const verdict = stepVerdict(named, {
      failOnError: plan.step.failOnError,
      multi: plan.multi,
      interrupted: interrupted && host.interrupt.decidesVerdict,
    });
    if (plan.multi) await host.summary?.targets(targetsSummaryTable(named, verdict.status));
    return {
      kind: 'ran',
      exitCode: verdict.exitCode,
      plan,
      named,
      verdict,
      outputs,
      interrupted,
    };
  } catch (error) {
    log.debug(error instanceof Error ? (error.stack ?? '') : String(error));
    if (!outputsSet) {
      try {
        setOutputs(outputsBeforeRun());
      } catch (outputError) {
        log.warning(`Could not set the outputs: ${describeError(outputError)}`);
      }
    }
    return { kind: 'crashed', exitCode: EXIT.toolFailed, error };
  } finally {
    host.signals.removeListener('SIGINT', onSignal);
    host.signals.removeListener('SIGTERM', onSignal);
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
  }
}

/**
 * The GitHub client, when there is a token, a repository and a commit; otherwise none, and the
 * host says why once if any target asked for commit statuses. An event that names a pull request
 * but no commit (`issue_comment`) gets the pull request's head (commit and branch) read here,
 * before anything is posted; if it cannot be read, nothing is posted on a guessed commit.
 */
async function openGitHub(
  plan: Plan,
  given: RunContext,
  host: StepHost,
): Promise<{ github: GitHubApi | undefined; run: RunContext }> {
  let run = given;
  const token = plan.step.githubToken;
  const client =
    token && run.owner && run.repo
      ? host.github(token, run.owner, run.repo, run.apiUrl)
      : undefined;
  if (client && !run.sha && run.readHeadOf !== undefined) {
    const number = run.readHeadOf;
    try {
      // The commit and the branch from the same read: they name the same code.
      const head = await client.pullRequestHead(number);
      run = { ...run, sha: head.sha, ref: head.ref };
      host.log.info(`Commit: ${run.sha.slice(0, 7)}, the head of pull request #${number}.`);
    } catch (error) {
      host.log.warning(
        `Could not read the head commit of pull request #${number}: ${describeError(error)}. Fix: grant the job "permissions: pull-requests: read", or set the sha input.`,
      );
    }
  }
  const missing = [
    ...(token ? [] : (['token'] as const)),
    ...(run.owner && run.repo ? [] : (['repo'] as const)),
    ...(run.sha ? [] : (['commit'] as const)),
  ];
  if (missing.length === 0) return { github: client, run };
  if (plan.targets.some((t) => t.settings.commitStatus)) host.gitHubOff(missing);
  return { github: undefined, run };
}

/** Every target as cancelled, for when the grace period runs out before the run could finish. */
function cutShort(plan: Plan): NamedOutcome[] {
  return plan.targets.map((target) => ({
    name: target.name,
    provider: target.settings.provider,
    outcome: {
      status: 'cancelled',
      end: 'cancelled',
      providerTitle: providerSpec(target.settings.provider).title,
      build: undefined,
      durationMs: 0,
      message: `Cancelled: the ${INTERRUPT_GRACE_MS / 1000} s after the signal ran out before this target was closed`,
    },
  }));
}
