// The README's inputs and outputs tables, generated from action.yml so they never drift from it
// (as the CLI's flags are). Each table sits between marker comments:
//   <!-- inputs:start --> ... <!-- inputs:end -->     every input, in action.yml's order
//   <!-- outputs:start --> ... <!-- outputs:end -->   every output
// An optional filter after `inputs:start` keeps the inputs whose description starts with a label
// naming it, e.g. `<!-- inputs:start custom -->` keeps `custom: ...` and
// `custom and github-workflow: ...` (the provider pages under docs/providers/ use it).
// `npm run bundle` writes the tables (scripts/bundle.mjs); `npm run check-dist` fails when a
// table is stale. README.md and every .md file under docs/ may carry the markers.
import fs from 'node:fs';
import path from 'node:path';
import { readActionInputs } from './action-inputs.mjs';

/**
 * README.md and every markdown file under docs/, relative to the repository root.
 * @param {string} root
 */
export function markdownFiles(root) {
  const docs = path.join(root, 'docs');
  const under = fs.existsSync(docs)
    ? fs
        .readdirSync(docs, { recursive: true })
        .map(String)
        .filter((name) => name.endsWith('.md'))
        .map((name) => path.join('docs', name))
        .sort()
    : [];
  return ['README.md', ...under];
}

/**
 * The outputs of action.yml: name and description, in order. The same small parser's rules as
 * readActionInputs: one-line scalars only, anything else refused.
 * @param {string} file
 * @returns {{name: string, description: string}[]}
 */
export function readActionOutputs(file) {
  /** @type {{name: string, description: string}[]} */
  const outputs = [];
  let inOutputs = false;
  fs.readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .forEach((line, index) => {
      if (/^\S/.test(line)) {
        inOutputs = /^outputs:\s*$/.test(line);
        return;
      }
      if (!inOutputs || line.trim() === '' || line.trim().startsWith('#')) return;
      const name = /^ {2}([A-Za-z0-9_-]+):\s*$/.exec(line);
      if (name) {
        outputs.push({ name: name[1], description: '' });
        return;
      }
      const field = /^ {4}description:\s*(.*)$/.exec(line);
      const current = outputs.at(-1);
      if (!field || !current)
        throw new Error(`${file}:${index + 1}: cannot read this line of outputs`);
      current.description = oneLine(field[1], `${file}:${index + 1}`);
    });
  for (const output of outputs) {
    if (!output.description) throw new Error(`${file}: output ${output.name} has no description`);
  }
  return outputs;
}

/** One quoted or plain YAML scalar on one line. */
function oneLine(raw, where) {
  const value = raw.trim();
  if (value.startsWith("'") && value.endsWith("'")) return value.slice(1, -1).replace(/''/g, "'");
  if (value.startsWith('"') && value.endsWith('"')) return JSON.parse(value);
  if (/^['"|>]/.test(value)) throw new Error(`${where}: only one-line scalars are supported here`);
  return value;
}

/** Text as one Markdown table cell: nothing in it can start markup or end the cell. */
function cell(text) {
  // `_` only where it could start or end emphasis: GITHUB_API_URL stays readable in the source.
  return text.replace(/[\\`*[\]<>|]|(?<!\w)_|_(?!\w)/g, (c) => `\\${c}`);
}

/** A value shown as code in a cell (`|` still ends a cell inside code, so it is escaped). */
function code(text) {
  return text === '' ? '' : `\`${text.replace(/\|/g, '\\|')}\``;
}

/** The label a description starts with (`custom:`, `custom and github-workflow:`), as names. */
function labels(description) {
  const label = /^([a-z][a-z-]*(?:(?:, | and )[a-z][a-z-]*)*):/.exec(description);
  return label ? label[1].split(/, | and /) : [];
}

/**
 * The table for one marker.
 * @param {'inputs' | 'outputs'} kind
 * @param {string} filter  a provider name, or '' for every input
 * @param {string} actionFile
 */
export function renderTable(kind, filter, actionFile) {
  if (kind === 'outputs') {
    const rows = readActionOutputs(actionFile).map(
      (o) => `| ${code(o.name)} | ${cell(o.description)} |`,
    );
    return ['| output | description |', '| --- | --- |', ...rows].join('\n');
  }
  const inputs = readActionInputs(actionFile).filter(
    (input) => filter === '' || labels(input.description).includes(filter),
  );
  if (inputs.length === 0) throw new Error(`no input of action.yml is labelled '${filter}:'`);
  const rows = inputs.map(
    (i) =>
      `| ${code(i.name)} | ${i.required ? 'yes' : 'no'} | ${code(i.default)} | ${cell(i.description)} |`,
  );
  return [
    '| input | required | default | description |',
    '| --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

const MARKER = /^<!-- (inputs|outputs):start(?: ([a-z][a-z-]*))? -->\n[\s\S]*?^<!-- \1:end -->$/gm;

/**
 * The markdown text with every marked table rewritten from action.yml, formatted by prettier as
 * `npm run format` would, so the check and the formatter agree.
 * @param {string} text
 * @param {string} file  the markdown file's path (for prettier's config)
 * @param {string} actionFile
 */
export async function renderTables(text, file, actionFile) {
  const replaced = text.replace(
    MARKER,
    (_all, kind, filter = '') =>
      `<!-- ${kind}:start${filter ? ` ${filter}` : ''} -->\n\n${renderTable(kind, filter, actionFile)}\n\n<!-- ${kind}:end -->`,
  );
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(replaced, { ...options, filepath: file });
}

/**
 * Writes (or, with check, compares) every file's tables. Returns the files that were stale.
 * @param {string} root
 * @param {boolean} check
 */
export async function updateTables(root, check) {
  const actionFile = path.join(root, 'action.yml');
  const stale = [];
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  for (const kind of ['inputs', 'outputs']) {
    if (!new RegExp(`^<!-- ${kind}:start -->$`, 'm').test(readme)) {
      throw new Error(`README.md has no <!-- ${kind}:start --> ... <!-- ${kind}:end --> table`);
    }
  }
  for (const name of markdownFiles(root)) {
    const file = path.join(root, name);
    const current = fs.readFileSync(file, 'utf8');
    if (!/^<!-- (inputs|outputs):start/m.test(current)) continue;
    const next = await renderTables(current, file, actionFile);
    if (next === current) continue;
    stale.push(name);
    if (!check) fs.writeFileSync(file, next);
  }
  return stale;
}
