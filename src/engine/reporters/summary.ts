import type { Outcome } from '../types.js';
import { publicLink } from '../../public/links.js';
import { formatDuration, safeLine } from '../../text.js';
import { describeError } from '../../errors.js';
import type { Logger } from '../../providers/types.js';
import type { FinishedEvent, Reporter } from './types.js';

/** The job summary of one run: a heading and label/value rows, each value safe HTML. */
export interface SummaryTable {
  /** Plain text (escape it before use as HTML). */
  heading: string;
  /** [label, HTML cell]. */
  rows: [string, string][];
}

/** Escapes untrusted text for an HTML table cell of the job summary (one line, capped). */
export function htmlText(text: string, maxLength = 300): string {
  return safeLine(text, maxLength)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * A safe HTML link to a public link (src/public/links.ts); anything else is left out: a
 * provider's `javascript:` URL never becomes a clickable cell, a presigned one never shows.
 */
function htmlLink(label: string, url: string | undefined): string | undefined {
  const href = publicLink(url);
  if (href === undefined) return undefined;
  return `<a href="${htmlText(href, 4000)}">${htmlText(label)}</a>`;
}

function htmlCode(text: string | undefined): string | undefined {
  return text ? `<code>${htmlText(text)}</code>` : undefined;
}

/**
 * What the job summary shows. The entry writes it with its own summary writer (@actions/core's
 * summary builder in the action), so the engine stays free of the runner.
 */
export function summaryTable(outcome: Outcome, project: string): SummaryTable {
  const { build } = outcome;
  const icon =
    outcome.status === 'success'
      ? '✅'
      : outcome.status === 'queued' || outcome.status === 'building'
        ? '⏳'
        : '❌';
  const link = htmlLink;
  const code = htmlCode;
  const rows: [string, string | undefined][] = [
    ['Provider', htmlText(outcome.providerTitle)],
    ['Project', code(project)],
    ['Build', code(build?.id)],
    [
      'Status',
      `${icon} ${outcome.status}${build?.providerStatus ? ` (${htmlText(build.providerStatus)})` : ''}`,
    ],
    ['Duration', formatDuration(outcome.durationMs)],
    ['Deploy URL', link(build?.deployUrl ?? '', build?.deployUrl)],
    ['Build log', link('log', build?.logUrl)],
    ['Artifact', link('artifact', build?.artifactUrl)],
    ['Docker image', code(build?.dockerImage)],
    ['Details', outcome.message ? htmlText(outcome.message) : undefined],
    ...(build?.notes ?? []).map((note): [string, string] => ['Note', htmlText(note)]),
  ];
  return {
    heading: `${icon} ${outcome.providerTitle} build`,
    rows: rows.filter((row): row is [string, string] => row[1] !== undefined && row[1] !== ''),
  };
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
      /** Writes the table to the job summary (@actions/core's summary builder in the action). */
      write: (table: SummaryTable) => Promise<void>;
      log: Logger;
    },
  ) {}

  async finished({ outcome }: FinishedEvent): Promise<void> {
    try {
      await this.options.write(summaryTable(outcome, this.options.project));
    } catch (error) {
      this.options.log.warning(`Could not write the job summary: ${describeError(error)}`);
    }
  }

  async cancelled(event: FinishedEvent): Promise<void> {
    await this.finished(event);
  }
}

/** The job summary of several builds: a heading, a header row and one row per target. */
export interface TargetsSummaryTable {
  heading: string;
  header: string[];
  /** One row per target, in input order; each cell safe HTML, never empty (`—`). */
  rows: string[][];
}

function icon(status: Outcome['status']): string {
  if (status === 'success') return '✅';
  if (status === 'queued' || status === 'building') return '⏳';
  if (status === 'cancelled') return '⚪';
  return '❌';
}

/** One table for several targets: a row each (status icon, build, duration, links, details). */
export function targetsSummaryTable(
  targets: readonly { name: string; outcome: Outcome }[],
  aggregate: Outcome['status'],
): TargetsSummaryTable {
  const rows = targets.map(({ name, outcome }) => {
    const { build } = outcome;
    const links = [
      htmlLink('deploy', build?.deployUrl),
      htmlLink('log', build?.logUrl),
      htmlLink('artifact', build?.artifactUrl),
      htmlCode(build?.dockerImage),
    ].filter((cell): cell is string => cell !== undefined);
    return [
      htmlText(name),
      `${icon(outcome.status)} ${outcome.status}${build?.providerStatus ? ` (${htmlText(build.providerStatus)})` : ''}`,
      `${htmlText(outcome.providerTitle)}${build?.id ? ` ${htmlCode(build.id)}` : ''}`,
      outcome.durationMs > 0 ? formatDuration(outcome.durationMs) : '',
      links.join(' · '),
      outcome.status === 'success' ? '' : htmlText(outcome.message ?? ''),
    ].map((cell) => cell || '—');
  });
  return {
    heading: `${icon(aggregate)} ${targets.length} builds: ${aggregate}`,
    header: ['Target', 'Status', 'Build', 'Duration', 'Links', 'Details'],
    rows,
  };
}
