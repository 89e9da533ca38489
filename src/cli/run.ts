/**
 * The CLI: the action's engine outside GitHub Actions (GitLab CI, Jenkins, a laptop). Inputs come
 * from flags and TRIGGER_BUILD_<NAME> variables; the log is plain lines; results go to stdout as
 * JSON and to a dotenv file; the exit code says how it ended.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { systemClock, type Clock } from '../clock.js';
import { describeError, InputError } from '../errors.js';
import type { RunContext } from '../github-context.js';
import { octokitApi, type GitHubApi } from '../engine/github.js';
import {
  aggregateStatus,
  namedOutcomes,
  outputsBeforeRun,
  stepOutputs,
  type NamedOutcome,
} from '../engine/results.js';
import type { Outcome, OutcomeStatus } from '../engine/run.js';
import { runTargets, stoppedByFailFast } from '../engine/targets.js';
import { readPlan, type Plan } from '../inputs/targets.js';
import { providerRequirements, providerSpec } from '../providers/index.js';
import { ACTION_INPUTS, VERSION } from './action-inputs.generated.js';
import { envName, helpText, inputSource, parseArgs, type CliOptions } from './flags.js';
import {
  CliLog,
  DOTENV_MAX_BYTES,
  dotenvLines,
  LiveLine,
  writeFileAtomic,
  type Sink,
} from './output.js';

/** The documented exit codes. */
export const EXIT = {
  success: 0,
  buildFailed: 1,
  badInput: 2,
  timedOut: 3,
  toolFailed: 4,
  interrupted: 130,
} as const;

/** How long an interrupted run may take to cancel remotely and close its status. */
const INTERRUPT_GRACE_MS = 7000;

/** Seams for tests; the defaults are the real process. */
export interface CliDeps {
  env?: NodeJS.ProcessEnv;
  stdout?: Sink;
  stderr?: Sink;
  clock?: Clock;
  github?: (token: string, owner: string, repo: string, apiUrl: string) => GitHubApi;
  /** Where SIGINT/SIGTERM come from; default: the process. */
  signals?: NodeJS.EventEmitter;
  exit?: (code: number) => void;
}

/** Runs the CLI with `argv` (without node and the script); resolves with the exit code. */
export async function runCli(argv: readonly string[], deps: CliDeps = {}): Promise<number> {
  const env = deps.env ?? process.env;
  const stdout = deps.stdout ?? process.stdout;
  const stderr = deps.stderr ?? process.stderr;

  let options: CliOptions;
  let flags: Record<string, string>;
  let secretFlags: string[];
  try {
    ({ options, inputs: flags, secretFlags } = parseArgs(argv, ACTION_INPUTS));
  } catch (error) {
    stderr.write(`error: ${describeError(error)}\n`);
    return EXIT.badInput;
  }
  if (options.help) {
    stdout.write(helpText(ACTION_INPUTS, VERSION));
    return EXIT.success;
  }
  if (options.version) {
    stdout.write(`${VERSION}\n`);
    return EXIT.success;
  }

  // With --json, stdout carries the results alone.
  const log = new CliLog(options.json ? stderr : stdout, options.verbose);
  for (const name of secretFlags) {
    const value = flags[name];
    if (value) log.mask(value);
    log.warning(
      `--${name} is visible to other processes on this machine (ps, /proc); set ${envName(name)} in the environment instead.`,
    );
  }
  const report = (outputs: Readonly<Record<string, string>>): void => {
    if (options.outputEnv) {
      try {
        const { text, dropped } = dotenvLines(outputs);
        writeFileAtomic(options.outputEnv, text);
        if (dropped.length > 0) {
          log.warning(
            `--output-env leaves out ${dropped.join(', ')}: it would take ${options.outputEnv} over GitLab's ${DOTENV_MAX_BYTES}-byte dotenv limit; --json prints every target's results.`,
          );
        }
      } catch (error) {
        log.warning(`Could not write --output-env ${options.outputEnv}: ${describeError(error)}`);
      }
    }
    // The action's `results` output, as it sets it (one object per target), pretty-printed.
    if (options.json) {
      stdout.write(`${JSON.stringify(JSON.parse(outputs['results'] ?? '[]'), null, 2)}\n`);
    }
  };

  let plan: Plan;
  let github: GitHubApi | undefined;
  let runContext: RunContext;
  try {
    // The same plan as the action: one build, or every `targets` entry validated up front.
    plan = await readPlan(providerRequirements, inputSource(flags, env, ACTION_INPUTS), (s) =>
      log.mask(s),
    );
    ({ github, runContext } = gitHub(plan, options, env, log, deps.github ?? octokitApi));
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    log.error(describeError(error));
    report(outputsBeforeRun());
    return EXIT.badInput;
  }

  const controller = new AbortController();
  let interrupted = false;
  const signals = deps.signals ?? process;
  const exit = deps.exit ?? ((code: number) => process.exit(code));
  const onSignal = (signal: NodeJS.Signals): void => {
    if (interrupted) {
      exit(EXIT.interrupted);
      return;
    }
    interrupted = true;
    log.info(`Received ${signal}: cancelling.`);
    controller.abort(new Error(`received ${signal}`));
    setTimeout(() => exit(EXIT.interrupted), INTERRUPT_GRACE_MS).unref();
  };
  signals.on('SIGINT', onSignal);
  signals.on('SIGTERM', onSignal);

  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trigger-build-'));
  try {
    const clock = deps.clock ?? systemClock;
    const live = new LiveLine(log, () => clock.now());
    const results = await runTargets({
      ...plan,
      spec: providerSpec,
      run: runContext,
      clock,
      signal: controller.signal,
      log,
      github,
      // No post step outside Actions: a cancelled run closes its statuses itself.
      saveState: () => undefined,
      tempDir,
      env,
      extraReporters: (target) => [live.reporter(plan.multi ? target.name : undefined)],
    });
    const named = namedOutcomes(results);
    const outputs = stepOutputs(named, plan.multi);
    report(outputs);
    // Step inputs (fail-on-error among them) are the same in every target.
    const { failOnError } = plan.targets[0]!.settings;
    if (!plan.multi) return say(log, ending(results[0]!.outcome, failOnError, interrupted));
    return targetsFinalWord(
      named,
      outputs['status'] as OutcomeStatus,
      failOnError,
      log,
      interrupted,
    );
  } catch (error) {
    log.debug(error instanceof Error ? (error.stack ?? '') : String(error));
    log.error(`trigger-build failed unexpectedly: ${describeError(error)}`);
    report(outputsBeforeRun());
    return EXIT.toolFailed;
  } finally {
    log.stopLive();
    signals.removeListener('SIGINT', onSignal);
    signals.removeListener('SIGTERM', onSignal);
    fs.rmSync(tempDir, { recursive: true, force: true });
  }
}

/** How one build ended: its exit code and the line that says so. */
interface Ending {
  status: OutcomeStatus;
  code: number;
  level: 'info' | 'warning' | 'error';
  line: string;
}

/** The exit code and last line for one outcome, as the exit-code table documents them. */
function ending(outcome: Outcome, failOnError: boolean, interrupted: boolean): Ending {
  const { status } = outcome;
  const line = outcome.message ?? `${outcome.providerTitle} build ${status}`;
  if (interrupted) return { status, code: EXIT.interrupted, level: 'error', line };
  if (outcome.actionFailed) {
    const code =
      status === 'timed_out'
        ? EXIT.timedOut
        : // A bad input found while preparing (a missing artifact path): nothing was sent.
          !outcome.build && line.startsWith("Input '")
          ? EXIT.badInput
          : EXIT.toolFailed;
    return { status, code, level: 'error', line };
  }
  if (status === 'success' || status === 'queued' || status === 'building') {
    return { status, code: EXIT.success, level: 'info', line: `Done: ${status}.` };
  }
  if (!failOnError) {
    return {
      status,
      code: EXIT.success,
      level: 'warning',
      line: `${line} (fail-on-error is false, so the exit code is 0)`,
    };
  }
  return {
    status,
    code: status === 'timed_out' ? EXIT.timedOut : EXIT.buildFailed,
    level: 'error',
    line,
  };
}

/** Prints an ending's line; resolves with its exit code. */
function say(log: CliLog, { code, level, line }: Ending): number {
  log[level](line);
  return code;
}

/**
 * Several targets: one line per target, `[name]` first, then the aggregate. The exit code is that
 * of the worst target that would not exit 0 alone, worst by the aggregate `status` order
 * (failure, timed_out, cancelled); between targets of that status, the higher code. Targets that
 * fail-fast merely stopped awaiting are not failures of their own.
 */
export function targetsFinalWord(
  named: readonly NamedOutcome[],
  aggregate: OutcomeStatus,
  failOnError: boolean,
  log: CliLog,
  interrupted: boolean,
): number {
  const endings = named.map(({ name, outcome }) => {
    const own: Ending =
      !interrupted && !outcome.actionFailed && stoppedByFailFast(outcome)
        ? { status: outcome.status, code: EXIT.success, level: 'info', line: outcome.message ?? '' }
        : ending(outcome, failOnError, interrupted);
    return { ...own, line: `[${name}] ${own.line}` };
  });
  for (const e of endings) say(log, e);
  const counts = new Map<OutcomeStatus, number>();
  for (const { outcome } of named)
    counts.set(outcome.status, (counts.get(outcome.status) ?? 0) + 1);
  log.info(
    `${named.length} target${named.length === 1 ? '' : 's'}: ${aggregate} (${[...counts].map(([status, n]) => `${n} ${status}`).join(', ')}).`,
  );
  const failing = endings.filter((e) => e.code !== EXIT.success);
  if (failing.length === 0) return EXIT.success;
  const worst = aggregateStatus(failing.map((e) => e.status));
  return Math.max(...failing.filter((e) => e.status === worst).map((e) => e.code));
}

/**
 * Commit statuses need a token, a repository and a commit: GITHUB_TOKEN (or --github-token),
 * --repo owner/name and --sha. Without all three they are off, and the log says so once.
 */
function gitHub(
  plan: Plan,
  options: CliOptions,
  env: NodeJS.ProcessEnv,
  log: CliLog,
  make: NonNullable<CliDeps['github']>,
): { github: GitHubApi | undefined; runContext: RunContext } {
  // Step inputs (github-token, sha) are the same in every target.
  const { settings } = plan.targets[0]!;
  const repo = options.repo || env['TRIGGER_BUILD_REPO'] || '';
  if (repo && !/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repo)) {
    throw new InputError('--repo', `must be owner/name, got '${repo}'`);
  }
  const [owner = '', name = ''] = repo ? repo.split('/') : [];
  const runContext: RunContext = {
    owner,
    repo: name,
    eventName: 'cli',
    sha: settings.sha,
    // A link back to the job that ran the CLI, where the CI says where it is.
    runUrl: env['CI_JOB_URL'] || env['BUILD_URL'] || '',
    apiUrl: (env['GITHUB_API_URL'] || 'https://api.github.com').replace(/\/+$/, ''),
  };
  const missing = [
    settings.githubToken ? '' : 'GITHUB_TOKEN',
    repo ? '' : '--repo owner/name',
    settings.sha ? '' : '--sha',
  ].filter(Boolean);
  if (missing.length === 0) {
    return {
      github: make(settings.githubToken, owner, name, runContext.apiUrl),
      runContext,
    };
  }
  if (plan.targets.some((t) => t.settings.commitStatus)) {
    log.info(
      `Commit statuses are off: they need GITHUB_TOKEN, --repo owner/name and --sha (missing: ${missing.join(', ')}).`,
    );
  }
  return { github: undefined, runContext };
}
