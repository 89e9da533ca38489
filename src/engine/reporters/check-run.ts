import { randomUUID } from 'node:crypto';
import { describeError } from '../../errors.js';
import { isTerminal, type Build, type Logger } from '../../providers/types.js';
import { formatDuration } from '../../text.js';
import type { CheckRunConclusion, CheckRunFields, CheckRunOutput, GitHubApi } from '../github.js';

import type { Outcome } from '../types.js';
import { isActionFailure } from '../verdict.js';
import { firstPublicLink, publicLink } from '../../public/links.js';
import { buildName, finalDescription } from './commit-status.js';
import { findAnnotations, type IsRepoFile } from './annotations.js';
import { markdownText } from './pr-comment.js';
import {
  readSaved,
  Refusals,
  type ChangedEvent,
  type FinishedEvent,
  type LogTail,
  type PostCloser,
  type Reporter,
  type TriggeredEvent,
} from './types.js';

/** The state key the post step reads to complete a check run the main step left in progress. */
export const CHECK_RUN_STATE_KEY = 'check-run';

/** GitHub's limit on a check run's title. */
const MAX_TITLE = 255;
/** GitHub's limit on a check run's text (and summary). */
export const MAX_CHECK_TEXT = 65_535;
/** Annotations one request may carry. */
const PER_REQUEST = 50;
/**
 * Annotations sent in all, in requests of 50 after the completing one: enough for any real
 * failure, and few writes (GitHub spaces writes a second apart).
 */
const MAX_ANNOTATIONS = 200;
/** Error lines naming no file listed in the summary (the last ones). */
const MAX_UNPLACED = 10;

/**
 * The log's last part as the check run's text: in a code block (a fence longer than any run of
 * backticks in it, so the log cannot close it), within GitHub's 65,535 characters, saying how
 * much was left out and where the whole log is.
 */
export function logText(log: LogTail, whole: string | undefined): string | undefined {
  if (log.lines.length === 0) return undefined;
  const longest = Math.max(
    2,
    ...log.lines.map((l) => Math.max(0, ...(l.match(/`+/g) ?? []).map((r) => r.length))),
  );
  const fence = '`'.repeat(longest + 1);
  const where = whole ? ` The whole log: ${whole}` : '';
  const kept: string[] = [];
  let size = 0;
  const room = MAX_CHECK_TEXT - 2 * fence.length - 400;
  for (let i = log.lines.length - 1; i >= 0; i--) {
    const line = log.lines[i]!;
    if (size + line.length + 1 > room) break;
    kept.unshift(line);
    size += line.length + 1;
  }
  const dropped = log.omittedLines + (log.lines.length - kept.length);
  const note =
    dropped > 0
      ? `The last ${kept.length} lines of the build log; ${dropped} earlier lines were left out.${where}`
      : `The build log.${where}`;
  return `${note}\n\n${fence}text\n${kept.join('\n')}\n${fence}`;
}

/** What the main step leaves for the post step (ids and text already shown; no secrets). */
export interface SavedCheckRun {
  owner: string;
  repo: string;
  apiUrl: string;
  /** Unknown while `creating`: the post step finds it by `externalId`. */
  checkRunId?: number;
  sha: string;
  name: string;
  externalId: string;
  /**
   * `creating`: the create went out (it may have been made though its answer never came back);
   * `open`: in progress; `finishing`: about to post `final`; `done`.
   */
  phase: 'creating' | 'open' | 'finishing' | 'done';
  /** What the run showed last, for the cancelled summary. */
  output: CheckRunOutput;
  final?: { conclusion: CheckRunConclusion; output: CheckRunOutput };
}

/** The conclusion a run's outcome has on its check run; undefined while it is not over. */
export function checkConclusion(outcome: Outcome): CheckRunConclusion | undefined {
  switch (outcome.end) {
    case 'build':
      if (outcome.status === 'success') return 'success';
      if (outcome.status === 'failure') return 'failure';
      if (outcome.status === 'cancelled') return 'cancelled';
      // Left running (wait: false): nothing will follow it, so it is closed as neutral.
      return 'neutral';
    case 'timed-out':
      return 'timed_out';
    case 'cancelled':
    case 'stopped':
      return 'cancelled';
    default:
      // The action's own failure, or a bad input: the check fails with the reason.
      return 'failure';
  }
}

/** What the check run reporter needs to know about the run. */
export interface CheckRunOptions {
  api: GitHubApi | undefined;
  owner: string;
  repo: string;
  apiUrl: string;
  sha: string;
  /** The check run's name (`check-name`, else the status context). */
  name: string;
  project: string;
  runUrl: string;
  log: Logger;
  saveState: (key: string, value: string) => void;
  /** Clock time, for started/completed stamps. */
  now: () => number;
  /** Whether a path is a file of the repository (the checkout), for annotations. */
  isRepoFile: IsRepoFile;
}

/**
 * One check run per target on the built commit, live: `in_progress` with links right after the
 * trigger, updated when the build's state changes (not on every poll: GitHub limits writes),
 * completed with the outcome's conclusion and the duration. With `wait: false` it is completed at
 * once as `neutral` (nothing would complete it later). Its progress is saved before each write, so
 * the post step completes it as `cancelled` if the main step is killed. A 403 (fork pull requests,
 * no `checks: write`) is one warning; the build still runs and gates.
 */
export class CheckRunReporter implements Reporter {
  readonly name = 'check run';
  private id: number | undefined;
  private url: string | undefined;
  /** Names this run's check run, so the post step finds one whose create answer never came. */
  private readonly externalId = `trigger-build-action:${randomUUID()}`;
  private readonly refusals: Refusals;
  private lastState: Build['state'] | undefined;
  private startedAt = 0;
  private output: CheckRunOutput | undefined;
  private detailsUrl: string | undefined;

  constructor(private readonly options: CheckRunOptions) {
    this.refusals = new Refusals(options.log, 'checks: write');
    if (options.api && !options.sha) {
      options.log.warning('Check run skipped: no commit sha (set the sha input).');
      this.refusals.off = true;
    }
  }

  outputs(): Record<string, string> {
    return {};
  }

  async triggered({ providerTitle, build, waiting, link, at }: TriggeredEvent): Promise<void> {
    const { api } = this.options;
    if (!api || this.refusals.off) return;
    this.startedAt = at;
    this.lastState = build.state;
    this.detailsUrl = firstPublicLink([link, this.options.runUrl]);
    const output = waiting
      ? this.progress(providerTitle, build)
      : this.render(
          `${buildName({ providerTitle, build })} triggered (not followed: wait is false)`,
          providerTitle,
          build,
          'Not followed (`wait: false`): see the build log for its result.',
        );
    const fields: CheckRunFields = waiting
      ? { status: 'in_progress', startedAt: at, output, ...this.details() }
      : {
          status: 'completed',
          conclusion: 'neutral',
          startedAt: at,
          completedAt: this.options.now(),
          output,
          ...this.details(),
        };
    this.output = output;
    this.save('creating');
    try {
      const made = await api.createCheckRun({
        sha: this.options.sha,
        name: this.options.name,
        externalId: this.externalId,
        ...fields,
      });
      this.id = made.id;
      this.url = made.url || undefined;
    } catch (error) {
      this.refusals.note(error, 'create the check run');
      this.refusals.off = true;
      return;
    }
    this.options.log.info(
      `Check run ${this.options.name}: ${fields.conclusion ?? fields.status}${this.url ? ` (${this.url})` : ''}`,
    );
    this.save(waiting ? 'open' : 'done');
  }

  async changed({ providerTitle, build, link }: ChangedEvent): Promise<void> {
    // Only a new state is worth a write; the provider's own words change more often.
    if (this.id === undefined || this.refusals.off || build.state === this.lastState) return;
    // The end is written once, completed, by `finished`.
    if (isTerminal(build.state)) return;
    this.lastState = build.state;
    this.detailsUrl = firstPublicLink([link, this.detailsUrl]);
    const output = this.progress(providerTitle, build);
    if (await this.write({ status: 'in_progress', output, ...this.details() })) {
      this.output = output;
      this.save('open');
    }
  }

  async finished({ outcome, link, local, log }: FinishedEvent): Promise<void> {
    if (local || this.id === undefined) return;
    const conclusion = checkConclusion(outcome);
    if (!conclusion) return;
    this.detailsUrl = firstPublicLink([link, this.detailsUrl]);
    const { annotations = [], ...output } = this.final(outcome, conclusion, log);
    // Saved without the log and annotations: the post step needs only the headline.
    this.save('finishing', {
      conclusion,
      output: { title: output.title, summary: output.summary },
    });
    const done = await this.write({
      status: 'completed',
      conclusion,
      completedAt: this.options.now(),
      output: {
        ...output,
        ...(annotations.length > 0 ? { annotations: annotations.slice(0, PER_REQUEST) } : {}),
      },
      ...this.details(),
    });
    if (!done) return;
    this.output = output;
    this.save('done');
    this.options.log.info(`Check run ${this.options.name}: ${conclusion}`);
    // The API takes 50 annotations a request; the rest follow, each request adding its own.
    for (let from = PER_REQUEST; from < annotations.length; from += PER_REQUEST) {
      const more = annotations.slice(from, from + PER_REQUEST);
      if (
        !(await this.write({
          status: 'completed',
          conclusion,
          output: { ...output, annotations: more },
        }))
      )
        return;
    }
  }

  async cancelled(event: FinishedEvent): Promise<void> {
    await this.finished(event);
  }

  private details(): Pick<CheckRunFields, 'detailsUrl'> {
    return this.detailsUrl ? { detailsUrl: this.detailsUrl } : {};
  }

  private progress(providerTitle: string, build: Build): CheckRunOutput {
    return this.render(
      `${buildName({ providerTitle, build })} is ${build.state}`,
      providerTitle,
      build,
    );
  }

  private final(
    outcome: Outcome,
    conclusion: CheckRunConclusion,
    log: LogTail | undefined,
  ): CheckRunOutput {
    const name = buildName(outcome);
    const headline =
      conclusion === 'success'
        ? `${name} succeeded in ${formatDuration(outcome.durationMs)}`
        : finalDescription(outcome);
    const why =
      outcome.status !== 'success' && outcome.message
        ? `${isActionFailure(outcome) ? 'The action could not see the build through' : 'Reason'}: ${markdownText(outcome.message, 1000)}`
        : undefined;
    const found = log ? findAnnotations(log.lines, this.options.isRepoFile) : undefined;
    // Errors before warnings, at most MAX_ANNOTATIONS (50 a request).
    const annotations = found
      ? [
          ...found.annotations.filter((a) => a.level === 'failure'),
          ...found.annotations.filter((a) => a.level === 'warning'),
        ].slice(0, MAX_ANNOTATIONS)
      : [];
    const notes = [
      found && found.annotations.length > annotations.length
        ? `${found.annotations.length} errors and warnings found in the log; the first ${annotations.length} are shown on their lines.`
        : undefined,
      found && found.unplaced.length > 0
        ? [
            'Errors that name no file of the repository:',
            '',
            ...found.unplaced.slice(-MAX_UNPLACED).map((line) => `- ${markdownText(line, 300)}`),
          ].join('\n')
        : undefined,
    ];
    const output = this.render(
      headline,
      outcome.providerTitle,
      outcome.build,
      [`Duration: ${formatDuration(outcome.durationMs)}`, why, ...notes]
        .filter(Boolean)
        .join('\n\n'),
    );
    const text = log ? logText(log, publicLink(outcome.build?.logUrl)) : undefined;
    return {
      ...output,
      ...(text ? { text } : {}),
      ...(annotations.length > 0 ? { annotations } : {}),
    };
  }

  /** Title and Markdown summary: provider, project, build id, status and links, all escaped. */
  private render(
    headline: string,
    providerTitle: string,
    build: Build | undefined,
    extra?: string,
  ): CheckRunOutput {
    const link = (label: string, url: string | undefined): string | undefined => {
      const href = publicLink(url);
      return href ? `[${label}](<${href.replace(/[<>|\s]/g, encodeURIComponent)}>)` : undefined;
    };
    const rows: [string, string | undefined][] = [
      ['Provider', markdownText(providerTitle, 60)],
      ['Project', this.options.project ? markdownText(this.options.project, 120) : undefined],
      ['Build', build?.id ? markdownText(build.id, 120) : undefined],
      [
        'Status',
        build
          ? `${build.state}${build.providerStatus ? ` (${markdownText(build.providerStatus, 80)})` : ''}`
          : undefined,
      ],
      ['Deploy URL', link('Open the deployment', build?.deployUrl)],
      ['Build log', link('Open the build log', build?.logUrl)],
      ['Workflow run', link('Open the workflow run', this.options.runUrl || undefined)],
    ];
    const table = rows
      .filter((row): row is [string, string] => Boolean(row[1]))
      .map(([key, value]) => `| ${key} | ${value} |`)
      .join('\n');
    const summary = ['| | |', '|---|---|', table, ...(extra ? ['', extra] : [])].join('\n');
    const title = headline.length > MAX_TITLE ? `${headline.slice(0, MAX_TITLE - 1)}…` : headline;
    return { title, summary };
  }

  /** One update; false when GitHub refused it (already warned). */
  private async write(fields: CheckRunFields): Promise<boolean> {
    const { api } = this.options;
    if (!api || this.id === undefined || this.refusals.off) return false;
    try {
      await api.updateCheckRun(this.id, fields);
      return true;
    } catch (error) {
      this.refusals.note(error, `update the check run to ${fields.conclusion ?? fields.status}`);
      return false;
    }
  }

  private save(phase: SavedCheckRun['phase'], final?: SavedCheckRun['final']): void {
    if ((this.id === undefined && phase !== 'creating') || !this.output) return;
    const saved: SavedCheckRun = {
      owner: this.options.owner,
      repo: this.options.repo,
      apiUrl: this.options.apiUrl,
      ...(this.id === undefined ? {} : { checkRunId: this.id }),
      sha: this.options.sha,
      name: this.options.name,
      externalId: this.externalId,
      phase,
      output: this.output,
      ...(final ? { final } : {}),
    };
    this.options.saveState(CHECK_RUN_STATE_KEY, JSON.stringify(saved));
  }
}

/**
 * The post step's half: a check run the main step left in progress (cancelled or killed) is
 * completed with the conclusion it was about to post, else `cancelled`. Never left in progress.
 */
export const checkRunCloser: PostCloser = {
  stateKey: CHECK_RUN_STATE_KEY,
  async close(raw, { github, log }) {
    const saved = readSaved<SavedCheckRun>(raw, 'check run', log);
    if (!saved || saved.phase === 'done' || !github) return;
    const api = github(saved.owner, saved.repo, saved.apiUrl);
    let id = saved.checkRunId;
    if (typeof id !== 'number') {
      // Killed while creating it: GitHub may have made it, and its external_id finds it.
      try {
        id = (await api.findCheckRun(saved))?.id;
      } catch (error) {
        log.warning(`Post step could not look for the check run: ${describeError(error)}`);
        return;
      }
      if (id === undefined) return;
    }
    const final =
      saved.phase === 'finishing' && saved.final
        ? saved.final
        : {
            conclusion: 'cancelled' as const,
            output: {
              title: 'Cancelled: the workflow stopped before the build finished',
              summary: saved.output?.summary || 'The workflow stopped before the build finished.',
            },
          };
    try {
      await api.updateCheckRun(id, {
        status: 'completed',
        conclusion: final.conclusion,
        completedAt: Date.now(),
        output: final.output,
      });
      log.info(`Check run ${id}: ${final.conclusion} (the main step did not finish it).`);
    } catch (error) {
      log.warning(`Post step could not complete check run ${id}: ${describeError(error)}`);
    }
  },
};
