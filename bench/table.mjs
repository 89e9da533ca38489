/**
 * The bench's one table, as aligned text for the terminal and as Markdown for docs/performance.md.
 */

/**
 * @typedef {{
 *   figure: string,
 *   ours: string,
 *   baseline: string,
 *   ratio: number,
 *   target: string,
 *   met: boolean,
 * }} Row
 */

const HEAD = ['figure', 'ours', 'baseline', 'ratio', 'target', 'met?'];

/** @param {Row} row */
function cells(row) {
  return [
    row.figure,
    row.ours,
    row.baseline,
    Number.isFinite(row.ratio) ? `${row.ratio.toFixed(2)}x` : '-',
    row.target,
    row.met ? 'yes' : 'NO',
  ];
}

/**
 * @param {Row[]} rows
 * @returns {string}
 */
export function plainTable(rows) {
  const all = [HEAD, ...rows.map(cells)].map((r) => r.map((c) => c.replace(/`/g, '')));
  const widths = HEAD.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (/** @type {string[]} */ r) =>
    r
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join(' | ')
      .trimEnd();
  return [
    line(/** @type {string[]} */ (all[0])),
    widths.map((w) => '-'.repeat(w)).join('-|-'),
    ...all.slice(1).map(line),
  ].join('\n');
}

/**
 * The docs/performance.md block: the machine, the table, notes, what was skipped.
 * @param {Row[]} rows
 * @param {string} caption
 * @param {string[]} notes
 * @param {string[]} skipped
 * @returns {string}
 */
export function markdownTable(rows, caption, notes, skipped) {
  const escape = (/** @type {string} */ c) => c.replace(/\|/g, '\\|');
  const out = [
    `Last run: ${new Date().toISOString().slice(0, 10)}, ${caption}.`,
    '',
    `| ${HEAD.join(' | ')} |`,
    `| ${HEAD.map((h, i) => (i === 0 || i === 1 || i === 2 ? '---' : ':-:')).join(' | ')} |`,
    ...rows.map((r) => `| ${cells(r).map(escape).join(' | ')} |`),
  ];
  if (notes.length > 0) out.push('', ...notes.map((n) => `- ${n}`));
  if (skipped.length > 0) out.push('', ...skipped.map((s) => `Skipped: ${s}.`));
  return `${out.join('\n')}\n`;
}
