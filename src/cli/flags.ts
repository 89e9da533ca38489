/**
 * The CLI's command line: one flag per action input (generated from action.yml, so they never
 * drift), `TRIGGER_BUILD_<NAME>` variables, and the few flags only a command line needs.
 */
import fs from 'node:fs';
import { InputError } from '../errors.js';
import { secretInputs } from '../inputs.js';

/** An input as action.yml declares it. */
export interface ActionInput {
  name: string;
  description: string;
  default: string;
  required: boolean;
}

/** Flags that are not action inputs. */
export interface CliOptions {
  help: boolean;
  version: boolean;
  /** Print the results array on stdout at the end; logs go to stderr. */
  json: boolean;
  /** Write BUILD_ID=... lines here (GitLab `artifacts:reports:dotenv`). */
  outputEnv: string;
  /** owner/name: with GITHUB_TOKEN and --sha, commit statuses are posted. */
  repo: string;
  verbose: boolean;
}

/** What the command line said. */
export interface ParsedArgs {
  options: CliOptions;
  /** Input values given as flags, by input name. */
  inputs: Record<string, string>;
  /** Secret inputs given as flags (visible to other processes): warned about. */
  secretFlags: string[];
}

/**
 * Inputs whose values are secrets (token, github-token and what providers declare `secret`):
 * flags work, but environment variables are the way.
 */
export const SECRET_INPUTS: readonly string[] = secretInputs();

/** The environment variable for an input: `poll-interval` -> `TRIGGER_BUILD_POLL_INTERVAL`. */
export function envName(input: string): string {
  return `TRIGGER_BUILD_${input.replace(/[^A-Za-z0-9]/g, '_').toUpperCase()}`;
}

/** A boolean input: its default is true or false, so `--name` and `--no-name` work alone. */
function isBoolean(input: ActionInput): boolean {
  return input.default === 'true' || input.default === 'false';
}

const CLI_FLAGS: readonly { flag: string; value?: string; description: string }[] = [
  {
    flag: 'json',
    description:
      "print the action's results array (one object per target) as JSON on stdout at the end; logs go to stderr",
  },
  {
    flag: 'output-env',
    value: 'FILE',
    description:
      "write the action's outputs as BUILD_ID=, STATUS=, ..., RESULTS= lines to FILE (dotenv, for GitLab)",
  },
  {
    flag: 'repo',
    value: 'OWNER/NAME',
    description: 'GitHub repository for commit statuses (with GITHUB_TOKEN and --sha)',
  },
  {
    flag: 'oidc-token-env',
    value: 'NAME',
    description:
      "custom with {oidc-token}: take the OIDC token from the variable NAME (GitLab's id_tokens:) instead of GitHub's token service",
  },
  { flag: 'verbose', description: 'print debug lines too' },
  {
    flag: '-V',
    description: "print this tool's version and exit (--version is Deskforge's input)",
  },
  { flag: 'help', description: 'print this help and exit (also -h)' },
];

/**
 * Parses argv (without node and the script). `--name value`, `--name=value`, `--name-file PATH`
 * (the value is the file's content), `--flag`/`--no-flag` for boolean inputs; a repeated flag
 * joins its values with newlines (e.g. several `--headers`). Throws InputError naming the flag.
 */
export function parseArgs(argv: readonly string[], inputs: readonly ActionInput[]): ParsedArgs {
  const byName = new Map(inputs.map((input) => [input.name, input]));
  const options: CliOptions = {
    help: false,
    version: false,
    json: false,
    outputEnv: '',
    repo: '',
    verbose: false,
  };
  const values: Record<string, string> = {};
  const secretFlags: string[] = [];
  const set = (name: string, value: string): void => {
    values[name] = name in values ? `${values[name]}\n${value}` : value;
  };

  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '-h') {
      options.help = true;
      continue;
    }
    if (arg === '-V') {
      options.version = true;
      continue;
    }
    const match = /^--([A-Za-z0-9-]+)(?:=([\s\S]*))?$/.exec(arg);
    if (!match) {
      throw new InputError(
        arg,
        'is not a flag this command takes',
        'inputs are flags: --provider deskforge --project app (see --help)',
      );
    }
    const flag = match[1] ?? '';
    const inline = match[2];
    const next = (): string => {
      if (inline !== undefined) return inline;
      const value = argv[i + 1];
      if (value === undefined || (value.startsWith('--') && value.length > 2)) {
        throw new InputError(`--${flag}`, 'needs a value', `write --${flag} VALUE`);
      }
      i += 1;
      return value;
    };

    switch (flag) {
      case 'help':
      case 'json':
      case 'verbose':
        if (inline !== undefined) throw new InputError(`--${flag}`, 'takes no value');
        options[flag] = true;
        continue;
      case 'output-env':
        options.outputEnv = next();
        continue;
      case 'repo':
        options.repo = next();
        continue;
      case 'oidc-token-env':
        // Read with the inputs (src/providers/custom/settings.ts), where the token's variable is checked.
        set('oidc-token-env', next());
        continue;
      default:
        break;
    }

    const input = byName.get(flag);
    if (input) {
      if (isBoolean(input)) {
        const after = inline ?? argv[i + 1];
        if (
          inline === undefined &&
          after !== undefined &&
          /^(true|false|yes|no|on|off)$/i.test(after)
        ) {
          i += 1;
          set(flag, after);
        } else {
          set(flag, inline ?? 'true');
        }
      } else {
        set(flag, next());
      }
      if (SECRET_INPUTS.includes(flag)) secretFlags.push(flag);
      continue;
    }
    const negated = /^no-(.+)$/.exec(flag)?.[1];
    const negatedInput = negated ? byName.get(negated) : undefined;
    if (negatedInput && isBoolean(negatedInput) && inline === undefined) {
      set(negatedInput.name, 'false');
      continue;
    }
    const fromFile = /^(.+)-file$/.exec(flag)?.[1];
    const fileInput = fromFile ? byName.get(fromFile) : undefined;
    if (fileInput) {
      const file = next();
      try {
        set(fileInput.name, fs.readFileSync(file, 'utf8').replace(/\r?\n$/, ''));
      } catch (error) {
        throw new InputError(
          `--${flag}`,
          `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
        );
      }
      continue;
    }
    throw new InputError(
      `--${flag}`,
      'is not a flag this command takes',
      'see --help for the list',
    );
  }
  return { options, inputs: values, secretFlags };
}

/**
 * The input source readSettings reads: the flag, else TRIGGER_BUILD_<NAME>, else action.yml's
 * default (expressions such as `${{ github.token }}` have no meaning here and count as empty);
 * `github-token` also falls back to GITHUB_TOKEN.
 */
export function inputSource(
  flags: Readonly<Record<string, string>>,
  env: NodeJS.ProcessEnv,
  inputs: readonly ActionInput[],
): (name: string) => string {
  const defaults = new Map(
    inputs.map((input) => [input.name, input.default.includes('${{') ? '' : input.default]),
  );
  return (name) => {
    const flag = flags[name];
    if (flag !== undefined) return flag;
    const fromEnv = env[envName(name)];
    if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
    if (name === 'github-token' && env['GITHUB_TOKEN']) return env['GITHUB_TOKEN'];
    return defaults.get(name) ?? '';
  };
}

/** Wraps text to `width` columns, each line after the first indented by `indent`. */
function wrap(text: string, width: number, indent: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.join(`\n${' '.repeat(indent)}`);
}

/** `--help`: every action input with its description and default, then the CLI's own flags. */
export function helpText(inputs: readonly ActionInput[], version: string): string {
  const column = 30;
  const row = (left: string, text: string): string =>
    `  ${left.padEnd(column - 2)}${left.length > column - 3 ? `\n${' '.repeat(column)}` : ''}${wrap(text, 100 - column, column)}`;
  const inputRows = inputs.map((input) => {
    const left = isBoolean(input) ? `--[no-]${input.name}` : `--${input.name} VALUE`;
    const shownDefault = input.default.includes('${{') ? '' : input.default;
    const extra = [
      input.name === 'github-token' ? 'default: $GITHUB_TOKEN' : '',
      shownDefault && !isBoolean(input) ? `default: ${shownDefault}` : '',
      isBoolean(input) ? `default: ${input.default}` : '',
      `env: ${envName(input.name)}`,
    ]
      .filter(Boolean)
      .join('; ');
    return row(left, `${input.description} (${extra})`);
  });
  const cliRows = CLI_FLAGS.map((f) =>
    row(
      `${f.flag.startsWith('-') ? '' : '--'}${f.flag}${f.value ? ` ${f.value}` : ''}`,
      f.description,
    ),
  );
  return [
    `trigger-build ${version}: trigger a build on a Builds API, wait for it, report the result.`,
    '',
    'Usage: trigger-build --provider NAME [--INPUT VALUE ...]',
    '       TRIGGER_BUILD_TOKEN=... trigger-build --provider deskforge --project app --platform linux',
    '       trigger-build --provider deskforge --project app --targets-file targets.yml --json',
    '',
    'Inputs (the same as the GitHub Action; every one can also be TRIGGER_BUILD_<NAME>, and',
    '--NAME-file PATH reads a value from a file; pass secrets through the environment):',
    ...inputRows,
    '',
    'Options:',
    ...cliRows,
    '',
    'Exit codes: 0 success (or queued with --no-wait), 1 build failed or was cancelled by the',
    'provider, 2 bad input, 3 timed out, 4 the tool itself failed (auth, network), 130 interrupted',
    '(SIGINT; the build is cancelled remotely where a cancel endpoint is configured). With',
    '--targets, the code of the worst target, worst as in the aggregate status (failure, then',
    'timed_out, then cancelled).',
    '',
  ].join('\n');
}
