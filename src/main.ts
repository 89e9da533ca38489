import * as core from '@actions/core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { systemClock, type Clock } from './clock.js';
import { describeError, InputError } from './errors.js';
import { readRunContext } from './github-context.js';
import { octokitApi, type GitHubApi } from './engine/github.js';
import { namedOutcomes, outputsBeforeRun, stepOutputs } from './engine/results.js';
import { stepVerdict, type Verdict } from './engine/verdict.js';
import {
  htmlText,
  targetsSummaryTable,
  type SummaryTable,
  type TargetsSummaryTable,
} from './engine/reporters/summary.js';
import { runTargets } from './engine/targets.js';
import { actionsInputReader } from './inputs.js';
import { readPlan, type Plan } from './inputs/targets.js';
import { providerRequirements, providerSpec } from './providers/index.js';
import { coreLog } from './log.js';
import { runPost } from './post.js';
import { safeLine } from './text.js';

/**
 * How long a cancelled run may take to cancel the build remotely and post its final status before
 * it exits anyway: inside the 7.5 s the runner leaves between SIGINT and SIGTERM.
 */
const CANCEL_GRACE_MS = 7000;

/** Seams for tests; the defaults are the real runner. */
export interface MainDeps {
  clock?: Clock;
  env?: NodeJS.ProcessEnv;
  github?: (token: string, owner: string, repo: string, apiUrl: string) => GitHubApi;
}

function writeOutputs(outputs: Record<string, string>): void {
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value);
}

/**
 * Saved by the main step before anything else. `post:` runs the same bundle, and the runner hands
 * it the main step's state, so its presence is what says "this is the post step".
 */
export const IS_POST_STATE = 'isPost';

/** The action's entry: the main step, or the post step when the main step's state is there. */
export async function run(deps: MainDeps = {}): Promise<void> {
  if (core.getState(IS_POST_STATE)) {
    await runPost(deps.github);
    return;
  }
  core.saveState(IS_POST_STATE, 'true');
  await runMain(deps);
}

/** inputs -> engine -> outputs. Catches everything; a failure is one line via setFailed. */
export async function runMain(deps: MainDeps = {}): Promise<void> {
  const env = deps.env ?? process.env;
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    core.info(`Received ${signal}: cancelling and closing the commit status.`);
    controller.abort(new Error(`received ${signal}`));
    setTimeout(() => process.exit(1), CANCEL_GRACE_MS).unref();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  // The contract sets every output on failure too, whatever threw and wherever.
  let outputsSet = false;
  try {
    let plan: Plan;
    try {
      plan = await readPlan(providerRequirements, actionsInputReader, (secret) =>
        core.setSecret(secret),
      );
    } catch (error) {
      if (error instanceof InputError) {
        writeOutputs(outputsBeforeRun());
        outputsSet = true;
        core.setFailed(safeLine(describeError(error), 2000));
        return;
      }
      throw error;
    }
    // Step inputs (sha, github-token, timeout, wait, fail-on-error) are the same in every target.
    const settings = plan.targets[0]!.settings;
    const runContext = readRunContext(settings.sha, env);
    const github =
      settings.githubToken && runContext.owner
        ? (deps.github ?? octokitApi)(
            settings.githubToken,
            runContext.owner,
            runContext.repo,
            runContext.apiUrl,
          )
        : undefined;
    if (plan.targets.some((t) => t.settings.commitStatus) && !github) {
      core.warning(
        'Commit status skipped: no github-token (keep the default ${{ github.token }}).',
      );
    }
    const tempDir = fs.mkdtempSync(path.join(env['RUNNER_TEMP'] || os.tmpdir(), 'trigger-build-'));
    const results = await runTargets({
      ...plan,
      spec: providerSpec,
      run: runContext,
      clock: deps.clock ?? systemClock,
      signal: controller.signal,
      log: coreLog,
      github,
      saveState: (key, value) => core.saveState(key, value),
      tempDir,
      env,
      // Several targets share one table, written below; a single build writes its own.
      ...(plan.multi ? {} : { writeSummary: (table: SummaryTable) => writeSummary(table, env) }),
    });
    fs.rmSync(tempDir, { recursive: true, force: true });

    const named = namedOutcomes(results);
    const outputs = stepOutputs(named, plan.multi);
    writeOutputs(outputs);
    outputsSet = true;
    const step = stepVerdict(named, {
      failOnError: settings.failOnError,
      multi: plan.multi,
      // The runner shows a cancelled step as cancelled; each target says why on its own line.
      interrupted: false,
    });
    if (plan.multi) await writeTargetsSummary(targetsSummaryTable(named, step.status), env);
    // One line per target that did not make it (all of them for one build); those fail-fast
    // stopped awaiting are not failures of their own.
    const said = step.targets.filter((t) => t.fails || t.excused || !plan.multi);
    for (const t of said) finishStep(t);
    if (said.length === 0)
      finishStep({ fails: false, excused: false, line: `Done: ${step.status}.` });
  } catch (error) {
    core.debug(error instanceof Error ? (error.stack ?? '') : String(error));
    if (!outputsSet) {
      try {
        writeOutputs(outputsBeforeRun());
      } catch (outputError) {
        core.warning(`Could not set the outputs: ${safeLine(describeError(outputError))}`);
      }
    }
    core.setFailed(
      safeLine(`trigger-build-action failed unexpectedly: ${describeError(error)}`, 2000),
    );
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

/** The job summary through @actions/core's builder: a heading and a label/value table. */
function writeSummary({ heading, rows }: SummaryTable, env: NodeJS.ProcessEnv): Promise<void> {
  return writeSummaryTable(
    heading,
    rows.map(([label, value]) => [{ data: label, header: true }, value]),
    env,
  );
}

/** Several targets' summary: one heading and one table, a row per target. */
function writeTargetsSummary(
  { heading, header, rows }: TargetsSummaryTable,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  return writeSummaryTable(heading, [header.map((data) => ({ data, header: true })), ...rows], env);
}

async function writeSummaryTable(
  heading: string,
  rows: Parameters<typeof core.summary.addTable>[0],
  env: NodeJS.ProcessEnv,
): Promise<void> {
  try {
    await core.summary.addHeading(htmlText(heading), 3).addTable(rows).write();
  } catch (error) {
    // Outside a runner (no GITHUB_STEP_SUMMARY) there is nowhere to write it: not worth a warning.
    const say = env['GITHUB_STEP_SUMMARY'] ? core.warning : core.debug;
    say(`Could not write the job summary: ${describeError(error)}`);
  } finally {
    core.summary.emptyBuffer();
  }
}

/** Fails the step (or warns, with fail-on-error: false) for anything but success. */
function finishStep(v: Pick<Verdict, 'fails' | 'excused' | 'line'>): void {
  const line = safeLine(v.line, 2000);
  if (v.fails) core.setFailed(line);
  else if (v.excused) core.warning(`${line} (fail-on-error is false, so the step passes)`);
  else core.info(line);
}
