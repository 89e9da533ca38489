import { InputError } from '../errors.js';

/**
 * The words @actions/core's getBooleanInput accepts (YAML 1.2 core schema). Parsed here rather than
 * with getBooleanInput because the input source may not be the runner (the CLI, target overrides),
 * and because its TypeError does not read as one clear line; an empty input takes the default.
 */
const TRUE_WORDS = ['true', 'True', 'TRUE'];
const FALSE_WORDS = ['false', 'False', 'FALSE'];

/** A boolean input; empty takes `fallback`, anything but the YAML 1.2 words names the input. */
export function bool(value: string, input: string, fallback: boolean): boolean {
  if (value === '') return fallback;
  if (TRUE_WORDS.includes(value)) return true;
  if (FALSE_WORDS.includes(value)) return false;
  throw new InputError(
    input,
    `must be true or false (YAML 1.2: true | True | TRUE | false | False | FALSE), got '${value}'`,
    `set ${input}: true or ${input}: false`,
  );
}
