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
import { createReporters } from '../engine/reporters/index.js';
import { runBuild, type EngineDeps, type Outcome } from '../engine/run.js';
import { readSettings, type Settings } from '../inputs.js';
import { providerRequirements, providerSpec } from '../providers/index.js';
import { ACTION_INPUTS, VERSION } from './action-inputs.generated.js';
import { envName, helpText, inputSource, parseArgs, type CliOptions } from './flags.js';
import {
  CliLog,
  dotenvLines,
  LiveLineReporter,
  resultsOf,
  writeFileAtomic,
  type ResultEntry,
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
  const report = (outcome: Outcome, provider: string): void => {
    const results = resultsOf(outcome, provider);
    if (options.outputEnv) {
      try {
        writeFileAtomic(options.outputEnv, dotenvLines(results[0] as ResultEntry));
      } catch (error) {
        log.warning(`Could not write --output-env ${options.outputEnv}: ${describeError(error)}`);
      }
    }
    if (options.json) stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  };
  const failedBefore: Outcome = {
    status: 'failure',
    providerTitle: '',
    build: undefined,
    durationMs: 0,
    actionFailed: true,
  };

  let settings: Settings;
  let github: GitHubApi | undefined;
  let runContext: RunContext;
  try {
    settings = readSettings(providerRequirements, inputSource(flags, env, ACTION_INPUTS), (s) =>
      log.mask(s),
    );
    ({ github, runContext } = gitHub(settings, options, env, log, deps.github ?? octokitApi));
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    log.error(describeError(error));
    report(failedBefore, flags['provider'] ?? env[envName('provider')] ?? '');
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
    const engine: EngineDeps = {
      settings,
      spec: providerSpec(settings.provider),
      run: runContext,
      clock,
      signal: controller.signal,
      log,
      github,
      // No post step outside Actions: a cancelled run closes its status itself.
      saveState: () => undefined,
      tempDir,
      env,
    };
    const outcome = await runBuild({
      ...engine,
      reporters: [...createReporters(engine), new LiveLineReporter(log, () => clock.now())],
    });
    report(outcome, settings.provider);
    return finalWord(outcome, settings, log, interrupted);
  } catch (error) {
    log.debug(error instanceof Error ? (error.stack ?? '') : String(error));
    log.error(`trigger-build failed unexpectedly: ${describeError(error)}`);
    report(failedBefore, settings.provider);
    return EXIT.toolFailed;
  } finally {
    log.stopLive();
    signals.removeListener('SIGINT', onSignal);
    signals.removeListener('SIGTERM', onSignal);
    fs.rmSync(tempDir, { recursive: true, force: true });
  }
}

/** The last line and the exit code for an outcome. */
function finalWord(
  outcome: Outcome,
  settings: Settings,
  log: CliLog,
  interrupted: boolean,
): number {
  const line = outcome.message ?? `${outcome.providerTitle} build ${outcome.status}`;
  if (interrupted) {
    log.error(line);
    return EXIT.interrupted;
  }
  if (outcome.actionFailed) {
    log.error(line);
    if (outcome.status === 'timed_out') return EXIT.timedOut;
    // A bad input found while preparing (a missing artifact path): nothing was sent.
    if (!outcome.build && line.startsWith("Input '")) return EXIT.badInput;
    return EXIT.toolFailed;
  }
  if (
    outcome.status === 'success' ||
    outcome.status === 'queued' ||
    outcome.status === 'building'
  ) {
    log.info(`Done: ${outcome.status}.`);
    return EXIT.success;
  }
  if (!settings.failOnError) {
    log.warning(`${line} (fail-on-error is false, so the exit code is 0)`);
    return EXIT.success;
  }
  log.error(line);
  return outcome.status === 'timed_out' ? EXIT.timedOut : EXIT.buildFailed;
}

/**
 * Commit statuses need a token, a repository and a commit: GITHUB_TOKEN (or --github-token),
 * --repo owner/name and --sha. Without all three they are off, and the log says so once.
 */
function gitHub(
  settings: Settings,
  options: CliOptions,
  env: NodeJS.ProcessEnv,
  log: CliLog,
  make: NonNullable<CliDeps['github']>,
): { github: GitHubApi | undefined; runContext: RunContext } {
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
  if (settings.commitStatus) {
    log.info(
      `Commit statuses are off: they need GITHUB_TOKEN, --repo owner/name and --sha (missing: ${missing.join(', ')}).`,
    );
  }
  return { github: undefined, runContext };
}
