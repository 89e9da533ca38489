import type { Outcome } from '../run.js';
import { formatDuration, markdownCell, redactUrl } from '../../text.js';
import { describeError } from '../../errors.js';
import type { Logger } from '../../providers/types.js';
import type { FinishedEvent, Reporter } from './types.js';

/** The job summary: one table per run. */
export function summaryMarkdown(outcome: Outcome, project: string): string {
  const { build } = outcome;
  const icon =
    outcome.status === 'success'
      ? '✅'
      : outcome.status === 'queued' || outcome.status === 'building'
        ? '⏳'
        : '❌';
  const link = (label: string, url: string | undefined): string | undefined =>
    url ? `[${markdownCell(label)}](${encodeURI(redactUrl(url))})` : undefined;
  const rows: [string, string | undefined][] = [
    ['Provider', markdownCell(outcome.providerTitle)],
    ['Project', project ? `\`${markdownCell(project)}\`` : undefined],
    ['Build', build?.id ? `\`${markdownCell(build.id)}\`` : undefined],
    [
      'Status',
      `${icon} ${outcome.status}${build?.providerStatus ? ` (${markdownCell(build.providerStatus)})` : ''}`,
    ],
    ['Duration', formatDuration(outcome.durationMs)],
    ['Deploy URL', link(build?.deployUrl ?? '', build?.deployUrl)],
    ['Build log', link('log', build?.logUrl)],
    ['Artifact', link('artifact', build?.artifactUrl)],
    ['Docker image', build?.dockerImage ? `\`${markdownCell(build.dockerImage)}\`` : undefined],
    ['Details', outcome.message ? markdownCell(outcome.message) : undefined],
    ...(build?.notes ?? []).map((note): [string, string] => ['Note', markdownCell(note)]),
  ];
  const body = rows
    .filter((row): row is [string, string] => row[1] !== undefined && row[1] !== '')
    .map(([key, value]) => `| ${key} | ${value} |`)
    .join('\n');
  return `### ${icon} ${markdownCell(outcome.providerTitle)} build\n\n| | |\n|---|---|\n${body}\n`;
}

/**
 * The job summary: one table when the run ends, whatever the ending (a bad input included: it
 * reaches no API, but the summary is local and explains the run).
 */
export class SummaryReporter implements Reporter {
  readonly name = 'job summary';

  constructor(
    private readonly options: {
      project: string;
      /** Appends Markdown to the job summary. */
      write: (markdown: string) => void;
      log: Logger;
    },
  ) {}

  async finished({ outcome }: FinishedEvent): Promise<void> {
    try {
      this.options.write(summaryMarkdown(outcome, this.options.project));
    } catch (error) {
      this.options.log.warning(`Could not write the job summary: ${describeError(error)}`);
    }
  }

  async cancelled(event: FinishedEvent): Promise<void> {
    await this.finished(event);
  }
}
