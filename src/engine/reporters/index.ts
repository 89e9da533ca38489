import { describeError } from '../../errors.js';
import type { RunContext } from '../../github-context.js';
import type { Settings } from '../../inputs.js';
import type { Logger } from '../../providers/types.js';
import type { GitHubApi } from '../github.js';
import fs from 'node:fs';
import type { Clock } from '../../clock.js';
import { checkoutFiles } from './annotations.js';
import { checkRunCloser, CheckRunReporter } from './check-run.js';
import { commitStatusCloser, CommitStatusReporter } from './commit-status.js';
import { deploymentCloser, DeploymentReporter } from './deployment.js';
import { commentCloser, PullRequestCommentReporter } from './pr-comment.js';
import { SummaryReporter, type SummaryTable } from './summary.js';
import type { ChangedEvent, FinishedEvent, PostCloser, Reporter, TriggeredEvent } from './types.js';
import type { PublicView } from '../../public/view.js';

export type { Reporter, PostCloser, PostContext } from './types.js';

/** What the reporters of one run need from the engine. */
export interface ReporterDeps {
  settings: Settings;
  run: RunContext;
  log: Logger;
  /** Undefined when there is no GitHub token. */
  github: GitHubApi | undefined;
  saveState: (key: string, value: string) => void;
  /** Writes the job summary's table; without it no summary is written. */
  writeSummary?: ((table: SummaryTable) => Promise<void>) | undefined;
  /** For the check run's timestamps; the system clock when absent. */
  clock?: Clock;
  /** GITHUB_WORKSPACE, where the checkout's files are. */
  env?: NodeJS.ProcessEnv;
}

/** The reporters a run's settings ask for. A new way to report is one file and one line here. */
export function createReporters(deps: ReporterDeps): Reporter[] {
  const { settings, run, log } = deps;
  const reporters: Reporter[] = [
    new CommitStatusReporter({
      api: settings.commitStatus ? deps.github : undefined,
      owner: run.owner,
      repo: run.repo,
      apiUrl: run.apiUrl,
      sha: run.sha,
      context: settings.statusContext,
      log,
      saveState: deps.saveState,
    }),
  ];
  if (settings.environment) {
    reporters.push(
      new DeploymentReporter({
        api: deps.github,
        owner: run.owner,
        repo: run.repo,
        apiUrl: run.apiUrl,
        sha: run.sha,
        environment: settings.environment,
        environmentUrl: settings.environmentUrl,
        productionEnvironment: settings.productionEnvironment,
        // A pull request's preview goes away with it.
        transientEnvironment: settings.transientEnvironment ?? run.prNumber !== undefined,
        autoInactive: settings.autoInactive,
        project: settings.own.project,
        log,
        saveState: deps.saveState,
      }),
    );
  }
  if (settings.prComment) {
    reporters.push(
      new PullRequestCommentReporter({
        api: deps.github,
        owner: run.owner,
        repo: run.repo,
        apiUrl: run.apiUrl,
        prNumber: settings.prNumber ?? run.prNumber,
        context: settings.statusContext,
        project: settings.own.project,
        sha: run.sha,
        runUrl: run.runUrl,
        log,
        saveState: deps.saveState,
      }),
    );
  }
  if (settings.checkRun) {
    reporters.push(
      new CheckRunReporter({
        api: deps.github,
        owner: run.owner,
        repo: run.repo,
        apiUrl: run.apiUrl,
        sha: run.sha,
        name: settings.checkName || settings.statusContext,
        project: settings.own.project,
        runUrl: run.runUrl,
        log,
        saveState: deps.saveState,
        now: () => (deps.clock ? deps.clock.now() : Date.now()),
        // Annotations go only on files of the checkout (GITHUB_WORKSPACE; the CLI's directory).
        isRepoFile: checkoutFiles(
          deps.env?.['GITHUB_WORKSPACE'] || process.cwd(),
          (file) => fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false,
        ),
      }),
    );
  }
  if (deps.writeSummary) {
    reporters.push(
      new SummaryReporter({ project: settings.own.project, write: deps.writeSummary, log }),
    );
  }
  return reporters;
}

/** What the post step runs, one closer per reporter that can leave something open. */
export const postClosers: readonly PostCloser[] = [
  commitStatusCloser,
  deploymentCloser,
  commentCloser,
  checkRunCloser,
];

/**
 * Announces a build's lifecycle to every reporter. Reporters hear each event at the same time (a
 * status, a deployment and a comment are independent GitHub calls), and each call is guarded: a
 * reporter that throws is named in one warning and the rest of the run goes on.
 */
export class Lifecycle {
  private closed = false;

  /**
   * `view` is what reporters may see of a build and an outcome (src/public: texts scrubbed of
   * secrets, links by the link rule); every event passes through it, so no reporter can post
   * what the rules keep out.
   */
  constructor(
    private readonly reporters: readonly Reporter[],
    private readonly log: Logger,
    private readonly view: PublicView = { build: (b) => b, outcome: (o) => o },
  ) {}

  triggered(event: TriggeredEvent): Promise<void> {
    const shown = { ...event, build: this.view.build(event.build) };
    return this.announce((r) => r.triggered?.(shown));
  }

  changed(event: ChangedEvent): Promise<void> {
    const shown = { ...event, build: this.view.build(event.build) };
    return this.announce((r) => r.changed?.(shown));
  }

  /** The run's one ending; later endings are ignored. */
  finished(event: FinishedEvent): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    const shown = this.shown(event);
    return this.announce((r) => r.finished?.(shown));
  }

  /** The workflow run was cancelled: the run's one ending, announced as such. */
  cancelled(event: FinishedEvent): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    const shown = this.shown(event);
    return this.announce((r) => (r.cancelled ?? r.finished)?.call(r, shown));
  }

  private shown(event: FinishedEvent): FinishedEvent {
    return { ...event, outcome: this.view.outcome(event.outcome) };
  }

  /** Every reporter's outputs, merged. */
  outputs(): Record<string, string> {
    return Object.assign({}, ...this.reporters.map((r) => r.outputs?.() ?? {})) as Record<
      string,
      string
    >;
  }

  private async announce(call: (reporter: Reporter) => Promise<void> | undefined): Promise<void> {
    await Promise.all(
      this.reporters.map(async (reporter) => {
        try {
          await call(reporter);
        } catch (error) {
          this.log.warning(`Could not update the ${reporter.name}: ${describeError(error)}`);
        }
      }),
    );
  }
}
