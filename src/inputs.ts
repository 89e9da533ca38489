import * as core from '@actions/core';
import { InputError } from './errors.js';
import { PROVIDER_NAMES, type ProviderName } from './providers/names.js';
import { parseDuration } from './text.js';
import { bool } from './inputs/boolean.js';
import { headerValueProblem, secretLines } from './inputs/header-value.js';
import { readReportingInputs, type ReportingSettings } from './inputs/reporting.js';
import { secretValues } from './public/scrub.js';
import { apiUrl, oneOf } from './inputs/parse.js';
import {
  checkProviderFields,
  readProviderFields,
  type ProviderFields,
} from './providers/fields.js';

export { isLoopbackHost } from './inputs/parse.js';

export type { ReportingSettings } from './inputs/reporting.js';

/** Every input, read once, defaulted and validated. Frozen: nothing downstream re-reads inputs. */
export interface Settings extends ReportingSettings, ProviderFields {
  readonly provider: ProviderName;
  readonly token: string;
  /** Without a trailing slash. */
  readonly apiUrl: string;
  readonly wait: boolean;
  readonly timeoutMs: number;
  readonly pollIntervalMs: number;
  readonly failOnError: boolean;
  readonly commitStatus: boolean;
  readonly statusContext: string;
  readonly githubToken: string;
  /** The explicit `sha` input; empty means "work it out from the event". */
  readonly sha: string;
  readonly showLogs: 'always' | 'on-failure' | 'never';
  /** The provider's own inputs, as its module read them (ProviderRequirements.readInputs). */
  readonly own?: OwnSettings;
  /**
   * Secrets found in the provider's inputs (see ProviderInput.secrets), besides `token`,
   * `secret-key` and `github-token`: never printed, scrubbed from everything posted.
   */
  readonly secrets?: readonly string[];
}

/** A provider module's own settings, tagged with its name; the module knows the rest. */
export interface OwnSettings {
  readonly provider: ProviderName;
}

/** Reads one input; tests pass their own map. */
export type InputReader = (name: string) => string;

/** Reads inputs the way the runner passes them, through @actions/core. */
export const actionsInputReader: InputReader = (name) => core.getInput(name);

/** Masks a secret in all later log output; the Actions default is the runner's add-mask. */
export type SecretMasker = (secret: string) => void;

/**
 * Inputs every provider reads: the generic reader owns them. Each provider declares the rest (its
 * ProviderSpec's `inputs`); reporting and step inputs are declared in their own modules.
 */
export const COMMON_INPUTS: readonly string[] = [
  'provider',
  'api-url',
  'wait',
  'timeout',
  'poll-interval',
  'fail-on-error',
  'commit-status',
  'status-context',
  'github-token',
  'sha',
  'show-logs',
];

/** One input a provider reads beyond the common ones, named as in action.yml. */
export interface ProviderInput {
  readonly name: string;
  /**
   * The provider cannot run without it: empty is a bad input naming it, before any request. A
   * function decides from the other inputs (custom: `token` unless `auth-header` needs none).
   */
  readonly required?: boolean | ((get: InputReader) => boolean);
  /** The fix the error gives when a required input is empty; default "set <name>". */
  readonly fix?: string;
  /**
   * The whole value is a credential, like `token` (JustDeploy's `secret-key`): masked the moment
   * it is read, before the provider is known, and refused unless it is one printable line.
   */
  readonly secret?: boolean;
  /**
   * The secrets in the input's text as written (a custom API's header values, `?api_key=` in an
   * endpoint): masked before the input is parsed and scrubbed from everything the run posts.
   */
  readonly secrets?: (value: string) => string[];
  /**
   * The value is an address (Sitepaste's `site-url`): a target's default name leaves it out, as it
   * leaves out `api-url`.
   */
  readonly address?: boolean;
}

/**
 * The secrets in input `name`'s text, by what any provider declares for it (targets are masked
 * before their provider is known).
 */
export function declaredSecrets(
  requirements: (provider: ProviderName) => ProviderRequirements,
): (name: string, value: string) => string[] {
  const finders = new Map<string, (value: string) => string[]>();
  for (const provider of PROVIDER_NAMES) {
    for (const input of requirements(provider).inputs) {
      if (input.secrets) finders.set(input.name, input.secrets);
    }
  }
  return (name, value) => {
    const find = finders.get(name);
    return find && value.trim() ? secretValues(find(value.trim())) : [];
  };
}

/**
 * The inputs whose whole value is a credential: `token`, what any provider declares `secret`, and
 * `github-token`, in that order (the order their problems are reported in).
 */
export function secretInputs(
  requirements: (provider: ProviderName) => ProviderRequirements,
): string[] {
  const declared = PROVIDER_NAMES.flatMap((provider) =>
    requirements(provider)
      .inputs.filter((input) => input.secret)
      .map((input) => input.name),
  );
  return [...new Set(['token', ...declared, 'github-token'])];
}

/** Where each provider's API lives by default, and which inputs it reads. */
export interface ProviderRequirements {
  defaultApiUrl: string;
  /** The provider's own inputs (the registry's declaration), in the order they are checked. */
  inputs: readonly ProviderInput[];
  /**
   * Reads and validates the provider's own inputs (`get` returns them trimmed). It sees the
   * token inputs so it can apply its own rule for them, and masks any secret it derives (a token
   * read from a variable the inputs name) before it can fail.
   */
  readInputs?: (
    get: (name: string) => string,
    common: { token: string; githubToken: string; mask: SecretMasker },
  ) => OwnSettings;
}

/** Whether a declared input must be set, given the other inputs. */
function isRequired(input: ProviderInput | undefined, get: InputReader): boolean {
  if (!input?.required) return false;
  return input.required === true || input.required(get);
}

/**
 * Reads and validates every input before any request is sent. Secrets are masked the moment they
 * are read, so not even a validation error can print them.
 */
export function readSettings(
  requirements: (provider: ProviderName) => ProviderRequirements,
  read: InputReader = actionsInputReader,
  mask: SecretMasker = core.setSecret,
): Settings {
  const get = (name: string): string => read(name).trim();

  const token = get('token');
  const githubToken = get('github-token');
  const secrets: [string, string][] = secretInputs(requirements).map((name) => [name, get(name)]);
  for (const [, secret] of secrets) {
    if (!secret) continue;
    mask(secret);
    // A log masks a multi-line value line by line; mask each line too, before anything can fail.
    for (const line of secretLines(secret)) mask(line);
  }
  for (const [input, secret] of secrets) {
    const problem = headerValueProblem(secret);
    if (problem) {
      throw new InputError(
        input,
        problem,
        'copy the secret again as one line of printable characters (leading and trailing whitespace is trimmed)',
      );
    }
  }

  const providerRaw = get('provider').toLowerCase();
  if (!providerRaw) {
    throw new InputError(
      'provider',
      'is required',
      `set it to one of: ${PROVIDER_NAMES.join(', ')}`,
    );
  }
  if (!(PROVIDER_NAMES as readonly string[]).includes(providerRaw)) {
    throw new InputError(
      'provider',
      `has an unknown value '${providerRaw}'`,
      `use one of: ${PROVIDER_NAMES.join(', ')}`,
    );
  }
  const provider = providerRaw as ProviderName;
  const needs = requirements(provider);
  // What the provider's inputs hold (a custom API's header values, `?api_key=`), masked before
  // they are parsed, and kept for the scrubber.
  const found = new Set<string>();
  for (const input of needs.inputs) {
    if (!input.secrets || !get(input.name)) continue;
    for (const secret of secretValues(input.secrets(get(input.name)))) {
      if (found.has(secret) || secrets.some(([, known]) => known === secret)) continue;
      found.add(secret);
      mask(secret);
    }
  }

  // The token first: without it nothing else matters.
  const tokenInput = needs.inputs.find((input) => input.name === 'token');
  if (!token && isRequired(tokenInput, get)) {
    throw new InputError(
      'token',
      `is required for provider '${provider}'`,
      tokenInput?.fix ?? 'pass the API token from a secret: token: ${{ secrets.BUILD_API_TOKEN }}',
    );
  }

  if (!get('api-url') && !needs.defaultApiUrl) {
    throw new InputError(
      'api-url',
      `is required for provider '${provider}'`,
      'set it to the base URL of the Builds API, e.g. https://builds.example.com/api/v1',
    );
  }
  const settings: Settings = {
    provider,
    ...readProviderFields(get),
    token,
    apiUrl: apiUrl(get('api-url') || needs.defaultApiUrl),
    wait: bool(get('wait'), 'wait', true),
    timeoutMs: duration(get('timeout') || '30m', 'timeout'),
    pollIntervalMs: duration(get('poll-interval') || '5s', 'poll-interval'),
    failOnError: bool(get('fail-on-error'), 'fail-on-error', true),
    commitStatus: bool(get('commit-status'), 'commit-status', true),
    statusContext: get('status-context') || `build/${provider}`,
    githubToken,
    sha: sha(get('sha')),
    showLogs: oneOf(get('show-logs') || 'on-failure', 'show-logs', [
      'always',
      'on-failure',
      'never',
    ] as const),
    ...(needs.readInputs ? { own: needs.readInputs(get, { token, githubToken, mask }) } : {}),
    ...readReportingInputs(get),
    secrets: [...found],
  };

  for (const input of needs.inputs) {
    if (input.name !== 'token' && !get(input.name) && isRequired(input, get)) {
      throw new InputError(
        input.name,
        `is required for provider '${provider}'`,
        input.fix ?? `set ${input.name}`,
      );
    }
  }
  checkProviderFields(settings);
  if (settings.statusContext.length > 255) {
    throw new InputError(
      'status-context',
      'is longer than 255 characters',
      'use a shorter context',
    );
  }
  return Object.freeze(settings);
}

function duration(value: string, input: string): number {
  const ms = parseDuration(value);
  if (ms === undefined || ms <= 0) {
    throw new InputError(
      input,
      `must be a duration like 90, 90s, 15m or 1h, got '${value}'`,
      'use whole seconds, or a number followed by s, m or h',
    );
  }
  return ms;
}

/** Commit statuses need the full sha: GitHub answers 422 to a short one and no check is posted. */
function sha(value: string): string {
  if (value && !/^[0-9a-f]{40}$/i.test(value)) {
    throw new InputError(
      'sha',
      `must be a full commit sha (40 hex characters), got '${value}'`,
      'pass the whole sha, e.g. ${{ github.event.pull_request.head.sha }} or the output of git rev-parse HEAD',
    );
  }
  return value.toLowerCase();
}
