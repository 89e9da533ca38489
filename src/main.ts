import * as core from '@actions/core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { systemClock, type Clock } from './clock.js';
import { describeError, InputError } from './errors.js';
import { readRunContext } from './github-context.js';
import { octokitApi, type GitHubApi } from './engine/github.js';
import { namedOutcomes, outputsBeforeRun, stepOutputs } from './engine/results.js';
import type { OutcomeStatus } from './engine/run.js';
import {
  htmlText,
  targetsSummaryTable,
  type SummaryTable,
  type TargetsSummaryTable,
} from './engine/reporters/summary.js';
import { runTargets, stoppedByFailFast } from './engine/targets.js';
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
    if (!plan.multi) {
      const { outcome } = results[0]!;
      finishStep(outcome.actionFailed, outcome.status, outcome.message ?? '', settings.failOnError);
      return;
    }
    const aggregate = outputs['status'] as OutcomeStatus;
    await writeTargetsSummary(targetsSummaryTable(named, aggregate), env);
    // One error line per target that did not make it; those fail-fast stopped awaiting are not
    // failures of their own.
    const bad = results.filter(
      (r) =>
        r.outcome.actionFailed ||
        r.outcome.status === 'failure' ||
        r.outcome.status === 'timed_out' ||
        (r.outcome.status === 'cancelled' && !stoppedByFailFast(r.outcome)),
    );
    if (bad.length === 0) {
      finishStep(false, aggregate, '', settings.failOnError);
      return;
    }
    for (const r of bad) {
      const line = `[${r.target.name}] ${r.outcome.message ?? r.outcome.status}`;
      finishStep(r.outcome.actionFailed, r.outcome.status, line, settings.failOnError);
    }
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
function finishStep(
  actionFailed: boolean,
  status: OutcomeStatus,
  message: string,
  failOnError: boolean,
): void {
  const line = safeLine(message, 2000);
  if (actionFailed) {
    core.setFailed(line);
  } else if (status === 'success' || status === 'queued' || status === 'building') {
    core.info(`Done: ${status}.`);
  } else if (failOnError) {
    core.setFailed(line);
  } else {
    core.warning(`${line} (fail-on-error is false, so the step passes)`);
  }
}
