import type { Outcome } from './run.js';
import { formatDuration, markdownCell, redactUrl } from '../text.js';

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
