// Reads the inputs of action.yml for the CLI: name, description, default and required, in order.
// A small parser for the flat `inputs:` block of an action metadata file. It refuses what it does
// not understand (block scalars, multi-line strings) instead of guessing, so the CLI's flags can
// never silently drift from the action's inputs.
import fs from 'node:fs';

/**
 * @typedef {{name: string, description: string, default: string, required: boolean}} ActionInput
 */

/** One YAML scalar on one line: plain, 'single' or "double" quoted. */
function scalar(raw, where) {
  const value = raw.trim();
  if (value === '') return '';
  if (/^[|>]/.test(value)) throw new Error(`${where}: block scalars are not supported here`);
  if (value.startsWith("'")) {
    if (!/^'(?:[^']|'')*'$/.test(value)) throw new Error(`${where}: unclosed single quote`);
    return value.slice(1, -1).replace(/''/g, "'");
  }
  if (value.startsWith('"')) {
    if (!/^"(?:[^"\\]|\\.)*"$/.test(value)) throw new Error(`${where}: unclosed double quote`);
    return JSON.parse(value);
  }
  return value.replace(/\s+#.*$/, '');
}

/**
 * @param {string} file  path to action.yml
 * @returns {ActionInput[]}
 */
export function readActionInputs(file) {
  /** @type {ActionInput[]} */
  const inputs = [];
  let inInputs = false;
  /** @type {ActionInput | undefined} */
  let current;
  fs.readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .forEach((line, index) => {
      const where = `${file}:${index + 1}`;
      if (/^\S/.test(line)) {
        inInputs = /^inputs:\s*$/.test(line);
        current = undefined;
        return;
      }
      if (!inInputs || line.trim() === '' || line.trim().startsWith('#')) return;
      const name = /^ {2}([A-Za-z0-9_-]+):\s*$/.exec(line);
      if (name) {
        current = { name: name[1], description: '', default: '', required: false };
        inputs.push(current);
        return;
      }
      const field = /^ {4}(description|default|required|deprecationMessage):(.*)$/.exec(line);
      if (!field || !current) throw new Error(`${where}: cannot read this line of inputs`);
      const value = scalar(field[2], where);
      if (field[1] === 'description') current.description = value;
      else if (field[1] === 'default') current.default = value;
      else if (field[1] === 'required') current.required = value === 'true';
    });
  for (const input of inputs) {
    if (!input.description) throw new Error(`${file}: input ${input.name} has no description`);
  }
  return inputs;
}

/**
 * The TypeScript module the CLI imports: the inputs and the package version, as data.
 * @param {ActionInput[]} inputs
 * @param {string} version
 */
export function renderInputsModule(inputs, version) {
  return [
    '// Generated from action.yml by scripts/bundle.mjs (scripts/action-inputs.mjs). Do not edit:',
    '// `npm run bundle` rewrites it, and `npm run check-dist` fails when it is stale.',
    "import type { ActionInput } from './flags.js';",
    '',
    `export const VERSION = ${JSON.stringify(version)};`,
    '',
    `export const ACTION_INPUTS: readonly ActionInput[] = ${JSON.stringify(inputs, null, 2)};`,
    '',
  ].join('\n');
}
