/**
 * The CLI: the action's engine outside GitHub Actions (GitLab CI, Jenkins, a laptop). Inputs come
 * from flags and TRIGGER_BUILD_<NAME> variables; the log is plain lines; results go to stdout as
 * JSON and to a dotenv file; the exit code says how it ended.
 */
import { systemClock, type Clock } from '../clock.js';
import { describeError, InputError } from '../errors.js';
import type { RunContext } from '../github-context.js';
import { octokitApi, type GitHubApi } from '../engine/github.js';
import type { NamedOutcome } from '../engine/results.js';
import { runStep } from '../engine/step.js';
import type { OutcomeStatus } from '../engine/types.js';
import { EXIT, type StepVerdict } from '../engine/verdict.js';
import { inputDefaults } from '../inputs.js';
import { readPlan, type StepSettings } from '../inputs/targets.js';
import { jsonText, safeLine } from '../text.js';
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
import { directSink, divertToolkitOutput, type WritableOut } from './toolkit-output.js';

export { EXIT } from '../engine/verdict.js';

/** Seams for tests; the defaults are the real process. */
export interface CliDeps {
  env?: NodeJS.ProcessEnv;
  stdout?: Sink;
  stderr?: Sink;
  /**
   * Where the Actions toolkit writes its workflow commands (process.stdout, which @actions/core
   * hard-codes); they go to the CLI's log instead (see toolkit-output.ts).
   */
  toolkitOut?: WritableOut;
  clock?: Clock;
  github?: (token: string, owner: string, repo: string, apiUrl: string) => GitHubApi;
  /** Where SIGINT/SIGTERM come from; default: the process. */
  signals?: NodeJS.EventEmitter;
  exit?: (code: number) => void;
}

/** Runs the CLI with `argv` (without node and the script); resolves with the exit code. */
export async function runCli(argv: readonly string[], deps: CliDeps = {}): Promise<number> {
  const env = deps.env ?? process.env;
  // The CLI's own writes go through stdout's write as it is before the toolkit's is diverted.
  const stdout = deps.stdout ?? directSink(process.stdout);
  const stderr = deps.stderr ?? process.stderr;

  let options: CliOptions;
  let flags: Record<string, string>;
  let secretFlags: string[];
  try {
    ({ options, inputs: flags, secretFlags } = parseArgs(argv, ACTION_INPUTS));
  } catch (error) {
    stderr.write(`error: ${safeLine(describeError(error), 2000)}\n`);
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
      stdout.write(`${jsonText(JSON.parse(outputs['results'] ?? '[]'), 2)}\n`);
    }
  };

  const clock = deps.clock ?? systemClock;
  const live = new LiveLine(log, () => clock.now());
  // From here on code that is not the CLI's runs (providers, the toolkit): whatever it writes to
  // stdout, the runner's `::command::` lines first, goes to the log, never next to the results.
  const undivert = divertToolkitOutput(deps.toolkitOut ?? process.stdout, log);
  try {
    const result = await runStep({
      env,
      clock,
      log,
      // The same plan as the action: one build, or every `targets` entry validated up front.
      // "This repository" for a provider's defaults: --repo, else the runner's when on Actions.
      readPlan: () =>
        readPlan(
          inputSource(flags, env, ACTION_INPUTS),
          (s) => log.mask(s),
          {
            repository: options.repo || env['TRIGGER_BUILD_REPO'] || env['GITHUB_REPOSITORY'] || '',
            apiUrl: env['GITHUB_API_URL'] ?? '',
          },
          inputDefaults(ACTION_INPUTS),
        ),
      runContext: (step) => cliRunContext(step, options, env),
      github: deps.github ?? octokitApi,
      gitHubOff: (missing) =>
        log.info(
          `Commit statuses are off: they need GITHUB_TOKEN, --repo owner/name and --sha (missing: ${missing.map((m) => MISSING[m]).join(', ')}).`,
        ),
      writeOutputs: report,
      // No post step outside Actions: the step runner closes what a cancelled run left open.
      extraReporters: (target, plan) => [live.reporter(plan.multi ? target.name : undefined)],
      signals: deps.signals ?? process,
      interrupt: {
        notice: (signal) => `Received ${signal}: cancelling.`,
        exit: deps.exit ?? ((code: number) => process.exit(code)),
        exitCode: EXIT.interrupted,
        decidesVerdict: true,
      },
    });
    switch (result.kind) {
      case 'bad-input':
        log.error(result.line);
        return result.exitCode;
      case 'crashed':
        log.error(`trigger-build failed unexpectedly: ${describeError(result.error)}`);
        return result.exitCode;
      case 'ran':
        return finalWord(log, result.verdict, result.named, result.plan.multi);
    }
  } finally {
    undivert();
    log.stopLive();
  }
}

/** How the CLI names what commit statuses need. */
const MISSING = {
  token: 'GITHUB_TOKEN',
  repo: '--repo owner/name',
  commit: '--sha',
} as const;

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

/** The repository (--repo owner/name) and commit (--sha) the CLI reports on. */
function cliRunContext(
  step: StepSettings,
  options: CliOptions,
  env: NodeJS.ProcessEnv,
): RunContext {
  const repo = options.repo || env['TRIGGER_BUILD_REPO'] || '';
  if (repo && !/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repo)) {
    throw new InputError('--repo', `must be owner/name, got '${repo}'`);
  }
  const [owner = '', name = ''] = repo ? repo.split('/') : [];
  return {
    owner,
    repo: name,
    eventName: 'cli',
    sha: step.sha,
    // The CLI reads no event, so it has no branch of its own to offer a provider.
    ref: { name: '', from: 'the CLI reads no event to take a branch from' },
    // A link back to the job that ran the CLI, where the CI says where it is.
    runUrl: env['CI_JOB_URL'] || env['BUILD_URL'] || '',
    apiUrl: (env['GITHUB_API_URL'] || 'https://api.github.com').replace(/\/+$/, ''),
  };
}
