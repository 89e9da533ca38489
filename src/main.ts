import * as core from '@actions/core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { systemClock, type Clock } from './clock.js';
import { describeError, InputError } from './errors.js';
import { readRunContext } from './github-context.js';
import { octokitApi, type GitHubApi } from './engine/github.js';
import { runBuild, type Outcome } from './engine/run.js';
import { htmlText, type SummaryTable } from './engine/reporters/summary.js';
import { readSettings } from './inputs.js';
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

/** What the outputs say when the action failed before it could trigger anything. */
const FAILED_BEFORE_TRIGGER: Outcome = {
  status: 'failure',
  providerTitle: '',
  build: undefined,
  durationMs: 0,
  actionFailed: true,
};

/** Writes every contract output; on failure and timeout too, so later steps can branch on them. */
export function setOutputs(outcome: Outcome): void {
  const b = outcome.build;
  core.setOutput('build-id', b?.id ?? '');
  core.setOutput('status', outcome.status);
  core.setOutput('provider-status', b?.providerStatus ?? '');
  core.setOutput('deploy-url', b?.deployUrl ?? '');
  core.setOutput('artifact-url', b?.artifactUrl ?? '');
  core.setOutput('log-url', b?.logUrl ?? '');
  core.setOutput('docker-image', b?.dockerImage ?? '');
  core.setOutput('duration', String(Math.round(outcome.durationMs / 1000)));
  const reported = outcome.reportOutputs ?? {};
  for (const name of ['deployment-id', 'comment-url']) core.setOutput(name, reported[name] ?? '');
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
    let settings;
    try {
      settings = readSettings(providerRequirements);
    } catch (error) {
      if (error instanceof InputError) {
        setOutputs(FAILED_BEFORE_TRIGGER);
        outputsSet = true;
        core.setFailed(safeLine(describeError(error), 2000));
        return;
      }
      throw error;
    }
    const spec = providerSpec(settings.provider);
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
    if (settings.commitStatus && !github) {
      core.warning(
        'Commit status skipped: no github-token (keep the default ${{ github.token }}).',
      );
    }
    const tempDir = fs.mkdtempSync(path.join(env['RUNNER_TEMP'] || os.tmpdir(), 'trigger-build-'));
    const outcome = await runBuild({
      settings,
      spec,
      run: runContext,
      clock: deps.clock ?? systemClock,
      signal: controller.signal,
      log: coreLog,
      github,
      saveState: (key, value) => core.saveState(key, value),
      tempDir,
      env,
      writeSummary: (table) => writeSummary(table, env),
    });
    fs.rmSync(tempDir, { recursive: true, force: true });

    setOutputs(outcome);
    outputsSet = true;
    const line = safeLine(outcome.message ?? '', 2000);
    if (outcome.actionFailed) {
      core.setFailed(line);
    } else if (
      outcome.status === 'success' ||
      outcome.status === 'queued' ||
      outcome.status === 'building'
    ) {
      core.info(`Done: ${outcome.status}.`);
    } else if (settings.failOnError) {
      core.setFailed(line);
    } else {
      core.warning(`${line} (fail-on-error is false, so the step passes)`);
    }
  } catch (error) {
    core.debug(error instanceof Error ? (error.stack ?? '') : String(error));
    if (!outputsSet) {
      try {
        setOutputs(FAILED_BEFORE_TRIGGER);
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
async function writeSummary(
  { heading, rows }: SummaryTable,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  try {
    await core.summary
      .addHeading(htmlText(heading), 3)
      .addTable(rows.map(([label, value]) => [{ data: label, header: true }, value]))
      .write();
  } catch (error) {
    // Outside a runner (no GITHUB_STEP_SUMMARY) there is nowhere to write it: not worth a warning.
    const say = env['GITHUB_STEP_SUMMARY'] ? core.warning : core.debug;
    say(`Could not write the job summary: ${describeError(error)}`);
  } finally {
    core.summary.emptyBuffer();
  }
}
