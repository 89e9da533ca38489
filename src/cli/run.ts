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
  namedOutcomes,
  outputsBeforeRun,
  stepOutputs,
  type NamedOutcome,
} from '../engine/results.js';
import type { OutcomeStatus } from '../engine/types.js';
import { runTargets } from '../engine/targets.js';
import { EXIT, stepVerdict, type StepVerdict } from '../engine/verdict.js';
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

export { EXIT } from '../engine/verdict.js';

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
    return finalWord(
      log,
      stepVerdict(named, { failOnError, multi: plan.multi, interrupted }),
      named,
      plan.multi,
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

/**
 * Prints one line per target (with several targets `[name]` first, then the aggregate) and
 * resolves with the step's exit code.
 */
export function finalWord(
  log: CliLog,
  step: StepVerdict,
  named: readonly NamedOutcome[],
  multi: boolean,
): number {
  for (const t of step.targets) {
    log[t.level](t.excused ? `${t.line} (fail-on-error is false, so the exit code is 0)` : t.line);
  }
  if (multi) {
    const counts = new Map<OutcomeStatus, number>();
    for (const { outcome } of named)
      counts.set(outcome.status, (counts.get(outcome.status) ?? 0) + 1);
    log.info(
      `${named.length} target${named.length === 1 ? '' : 's'}: ${step.status} (${[...counts].map(([status, n]) => `${n} ${status}`).join(', ')}).`,
    );
  }
  return step.exitCode;
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
