import * as core from '@actions/core';
import { InputError } from './errors.js';
import {
  isProviderName,
  PROVIDER_NAMES,
  PROVIDERS,
  providerSpec,
  type OwnSettingsOf,
  type ProviderName,
} from './providers/index.js';
import { NO_RUN_FACTS, type RunFacts } from './providers/types.js';
import { parseDuration } from './text.js';
import { bool } from './inputs/boolean.js';
import type { CommonSettings, InputReader, ProviderInput, SecretMasker } from './inputs/common.js';
import { headerValueProblem, secretLines } from './inputs/header-value.js';
import { readReportingInputs } from './inputs/reporting.js';
import { secretValues } from './public/scrub.js';
import { apiUrl, oneOf } from './inputs/parse.js';

export { isLoopbackHost } from './inputs/parse.js';

export type { ReportingSettings } from './inputs/reporting.js';
export type { CommonSettings, InputReader, ProviderInput, SecretMasker } from './inputs/common.js';

/**
 * Every input, read once, defaulted and validated. Frozen: nothing downstream re-reads inputs.
 * The common settings, and the chosen provider's own (`own`, as its module read them), keyed by
 * `provider`: narrowing `provider` narrows `own`.
 */
export type Settings = {
  [N in ProviderName]: CommonSettings & {
    readonly provider: N;
    /** The provider's own settings, as its spec's `readInputs` read them. */
    readonly own: OwnSettingsOf[N];
  };
}[ProviderName];

/** Reads inputs the way the runner passes them, through @actions/core. */
export const actionsInputReader: InputReader = (name) => core.getInput(name);

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

/** Every provider's declared inputs, in the registry's order. */
export function declaredInputs(): ProviderInput[] {
  return Object.values(PROVIDERS).flatMap((spec): readonly ProviderInput[] => spec.inputs);
}

/**
 * The secrets in input `name`'s text, by what any provider declares for it (targets are masked
 * before their provider is known).
 */
export function declaredSecrets(): (name: string, value: string) => string[] {
  const finders = new Map<string, (value: string) => string[]>();
  for (const input of declaredInputs()) {
    if (input.secrets) finders.set(input.name, input.secrets);
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
export function secretInputs(): string[] {
  const declared = declaredInputs()
    .filter((input) => input.secret)
    .map((input) => input.name);
  return [...new Set(['token', ...declared, 'github-token'])];
}

/** Every input a provider declares, by the registry (the inputs a target may override). */
export function providerInputNames(): string[] {
  return [...new Set(declaredInputs().map((input) => input.name))];
}

/**
 * An input's default as action.yml gives it: the runner passes it as if the step set it (and the
 * CLI does the same), so only a different value was written by the user.
 */
export type InputDefaults = (name: string) => string;

/** The defaults of a list of inputs as action.yml declares them (the hosts pass ACTION_INPUTS). */
export function inputDefaults(
  inputs: readonly { readonly name: string; readonly default: string }[],
): InputDefaults {
  const defaults = new Map(inputs.map((input) => [input.name, input.default.trim()]));
  return (name) => defaults.get(name) ?? '';
}

/**
 * The provider-only inputs that `get` sets to other than their default and none of `providers`
 * reads: inputs some provider declares but these do not. The inputs the generic reader reads
 * (COMMON_INPUTS, `token`) never count. Names only, in the registry's order: the values
 * can be secrets (`secret-key`).
 */
export function ignoredInputs(
  providers: readonly ProviderName[],
  get: InputReader,
  defaults: InputDefaults,
): string[] {
  const read = new Set(providers.flatMap((name) => PROVIDERS[name].inputs.map((i) => i.name)));
  return providerOnlyInputs().filter(
    (name) => !read.has(name) && get(name).trim() !== defaults(name).trim(),
  );
}

/**
 * The inputs only some providers read: every declared input but those the generic reader reads
 * for all of them (COMMON_INPUTS and `token`, which every provider is handed).
 */
export function providerOnlyInputs(): string[] {
  const generic = new Set(['token', ...COMMON_INPUTS]);
  return providerInputNames().filter((name) => !generic.has(name));
}

/**
 * The one warning line for `ignoredInputs`, or undefined when there are none. It names the inputs
 * and the provider(s), never a value.
 */
export function ignoredInputsWarning(
  ignored: readonly string[],
  providers: readonly ProviderName[],
): string | undefined {
  if (ignored.length === 0) return undefined;
  const many = ignored.length > 1;
  const names = [...new Set(providers)];
  return (
    `Input${many ? 's' : ''} ${ignored.join(', ')} ${many ? 'are' : 'is'} not read by ` +
    `provider${names.length > 1 ? 's' : ''} ${names.join(', ')} and ${many ? 'are' : 'is'} ignored; ` +
    `remove ${many ? 'them' : 'it'}, or check provider`
  );
}

/** Whether a declared input must be set, given the other inputs. */
function isRequired(input: ProviderInput | undefined, get: InputReader): boolean {
  if (!input?.required) return false;
  return input.required === true || input.required(get);
}

/**
 * Reads and validates every input before any request is sent. Secrets are masked the moment they
 * are read, so not even a validation error can print them. The chosen provider reads its own
 * inputs (its spec's `readInputs`, told what the host knows about the run: `run`); this reader
 * names none of them.
 */
export function readSettings(
  read: InputReader = actionsInputReader,
  mask: SecretMasker = core.setSecret,
  run: RunFacts = NO_RUN_FACTS,
): Settings {
  const get = (name: string): string => read(name).trim();

  const token = get('token');
  const githubToken = get('github-token');
  const secrets: [string, string][] = secretInputs().map((name) => [name, get(name)]);
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

  const provider = get('provider').toLowerCase();
  if (!provider) {
    throw new InputError(
      'provider',
      'is required',
      `set it to one of: ${PROVIDER_NAMES.join(', ')}`,
    );
  }
  if (!isProviderName(provider)) {
    throw new InputError(
      'provider',
      `has an unknown value '${provider}'`,
      `use one of: ${PROVIDER_NAMES.join(', ')}`,
    );
  }
  const spec = providerSpec(provider);
  // The whole value of every `secret` input (JustDeploy's `secret-key`), for the scrubber.
  const found = new Set<string>(
    secrets
      .filter(([name, value]) => value && name !== 'token' && name !== 'github-token')
      .map(([, value]) => value),
  );
  // What the provider's inputs hold (a custom API's header values, `?api_key=`), masked before
  // they are parsed, and kept for the scrubber.
  for (const input of spec.inputs) {
    if (!input.secrets || !get(input.name)) continue;
    for (const secret of secretValues(input.secrets(get(input.name)))) {
      if (found.has(secret) || secrets.some(([, known]) => known === secret)) continue;
      found.add(secret);
      mask(secret);
    }
  }

  // The token first: without it nothing else matters.
  const tokenInput = spec.inputs.find((input) => input.name === 'token');
  if (!token && isRequired(tokenInput, get)) {
    throw new InputError(
      'token',
      `is required for provider '${provider}'`,
      tokenInput?.fix ?? 'pass the API token from a secret: token: ${{ secrets.BUILD_API_TOKEN }}',
    );
  }

  const defaultApiUrl =
    typeof spec.defaultApiUrl === 'function' ? spec.defaultApiUrl(run) : spec.defaultApiUrl;
  if (!get('api-url') && !defaultApiUrl) {
    throw new InputError(
      'api-url',
      `is required for provider '${provider}'`,
      'set it to the base URL of the Builds API, e.g. https://builds.example.com/api/v1',
    );
  }
  const common = {
    provider,
    token,
    apiUrl: apiUrl(get('api-url') || defaultApiUrl),
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
  };
  const own = spec.readInputs(get, { token, githubToken, mask }, run);
  const settings: CommonSettings = { ...common, ...readReportingInputs(get), secrets: [...found] };

  for (const input of spec.inputs) {
    if (input.name !== 'token' && !get(input.name) && isRequired(input, get)) {
      throw new InputError(
        input.name,
        `is required for provider '${provider}'`,
        input.fix ?? `set ${input.name}`,
      );
    }
  }
  if (settings.statusContext.length > 255) {
    throw new InputError(
      'status-context',
      'is longer than 255 characters',
      'use a shorter context',
    );
  }
  // `own` is what this provider's readInputs returned: the pair is one member of the union.
  return Object.freeze({ ...settings, provider, own: Object.freeze(own) } as Settings);
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
