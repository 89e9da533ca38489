import * as core from '@actions/core';
import { systemClock, type Clock } from './clock.js';
import { describeError } from './errors.js';
import { readRunContext } from './github-context.js';
import { octokitApi, type GitHubApi } from './engine/github.js';
import type { Verdict } from './engine/verdict.js';
import {
  htmlText,
  type SummaryTable,
  type TargetsSummaryTable,
} from './engine/reporters/summary.js';
import { runStep } from './engine/step.js';
import { ACTION_INPUTS } from './cli/action-inputs.generated.js';
import { actionsInputReader, inputDefaults } from './inputs.js';
import { readPlan } from './inputs/targets.js';
import { coreLog } from './log.js';
import { runPost } from './post.js';
import { safeLine } from './text.js';

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

/**
 * The main step: the step runner with the runner's inputs, outputs, state and summary. Every
 * failure is one line via setFailed.
 */
export async function runMain(deps: MainDeps = {}): Promise<void> {
  const env = deps.env ?? process.env;
  const result = await runStep({
    env,
    clock: deps.clock ?? systemClock,
    log: coreLog,
    readPlan: () =>
      readPlan(
        actionsInputReader,
        (secret) => core.setSecret(secret),
        { repository: env['GITHUB_REPOSITORY'] ?? '', apiUrl: env['GITHUB_API_URL'] ?? '' },
        // The runner passes action.yml's defaults as if set: only other values were written.
        inputDefaults(ACTION_INPUTS),
      ),
    runContext: (step) => readRunContext(step.sha, env),
    github: deps.github ?? octokitApi,
    gitHubOff: (missing) => {
      if (missing.includes('token')) {
        core.warning(
          'Commit status skipped: no github-token (keep the default ${{ github.token }}).',
        );
      }
    },
    writeOutputs,
    saveState: (key, value) => core.saveState(key, value),
    summary: {
      single: (table) => writeSummary(table, env),
      targets: (table) => writeTargetsSummary(table, env),
    },
    signals: process,
    interrupt: {
      notice: (signal) => `Received ${signal}: cancelling and closing the commit status.`,
      exit: (code) => process.exit(code),
      exitCode: 1,
      // The runner shows a cancelled step as cancelled; each target says why on its own line.
      decidesVerdict: false,
    },
  });
  switch (result.kind) {
    case 'bad-input':
      core.setFailed(safeLine(result.line, 2000));
      return;
    case 'crashed':
      core.setFailed(
        safeLine(`trigger-build-action failed unexpectedly: ${describeError(result.error)}`, 2000),
      );
      return;
    case 'ran': {
      const { verdict, plan } = result;
      // One line per target that did not make it (all of them for one build); those fail-fast
      // stopped awaiting are not failures of their own.
      const said = verdict.targets.filter((t) => t.fails || t.excused || !plan.multi);
      for (const t of said) finishStep(t);
      if (said.length === 0)
        finishStep({ fails: false, excused: false, line: `Done: ${verdict.status}.` });
    }
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
