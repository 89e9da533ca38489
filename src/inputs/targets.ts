/**
 * The `targets`, `max-parallel` and `fail-fast` inputs: several builds in one step. Each target is
 * a map of input overrides layered over the step's inputs and validated by the same `readSettings`
 * as a single run, so a target is exactly what a step with those inputs would be.
 */
import { InputError } from '../errors.js';
import {
  declaredInputs,
  declaredSecrets,
  ignoredInputs,
  ignoredInputsWarning,
  providerInputNames,
  providerOnlyInputs,
  readSettings,
  type InputDefaults,
  type InputReader,
  type Settings,
} from '../inputs.js';
import { isProviderName, PROVIDERS } from '../providers/index.js';
import { NO_RUN_FACTS, type RunFacts } from '../providers/types.js';
import { bool } from './boolean.js';

/** One build of the step: its place in `targets`, its name and its validated settings. */
export interface Target {
  /** 0-based position in `targets` (0 for a single build). */
  readonly index: number;
  /** Used in the log, the summary, the status context and `results`. */
  readonly name: string;
  readonly settings: Settings;
}

/**
 * The step's own settings (STEP_INPUTS): one deadline, one exit code, one set of statuses on one
 * commit. Every target's settings carry the same values; the step reads them here.
 */
export interface StepSettings {
  /** The explicit `sha` input; empty means "work it out from the event". */
  readonly sha: string;
  readonly githubToken: string;
  readonly timeoutMs: number;
  readonly wait: boolean;
  readonly failOnError: boolean;
}

/** Everything the orchestrator needs from the inputs. */
export interface Plan {
  /** True when the `targets` input is set (even with one entry): per-target contexts and state. */
  readonly multi: boolean;
  readonly step: StepSettings;
  readonly targets: readonly Target[];
  readonly maxParallel: number;
  readonly failFast: boolean;
  /**
   * Lines for the host's log, printed once when the step starts: the step's inputs that no
   * target's provider reads (`ignoredInputs`). Names only, never values.
   */
  readonly warnings: readonly string[];
}

/**
 * Inputs that apply to the whole step and so cannot differ per target: one deadline, one exit
 * code, one set of statuses on one commit.
 */
export const STEP_INPUTS: readonly string[] = [
  'targets',
  'max-parallel',
  'fail-fast',
  'timeout',
  'wait',
  'fail-on-error',
  'github-token',
  'sha',
];

/**
 * The common inputs a target may override; every input a provider declares may be overridden too
 * (see `targetInputs`). Inputs that `readSettings` reads and that are not step inputs are accepted
 * as well (see `resolveTarget`).
 */
export const TARGET_COMMON_INPUTS: readonly string[] = [
  'provider',
  'api-url',
  'poll-interval',
  'commit-status',
  'status-context',
  'show-logs',
];

/** Every input a target may override: the common ones and every provider's declared inputs. */
export function targetInputs(): string[] {
  return [...new Set([...TARGET_COMMON_INPUTS, ...providerInputNames()])];
}

/** Keys whose values are credentials: masked before anything else looks at a target. */
const SECRET_KEY = /token|secret|password|key$/i;
/**
 * Keys left out of a target's default name (addresses, contexts; credentials by SECRET_KEY, and the
 * addresses providers declare by `declaredAddresses`).
 */
const UNNAMED_KEYS = new Set(['token', 'api-url', 'status-context']);
/** What a target name may contain: it is printed at line starts and in status contexts. */
const NAME_CHARS = /^[\p{L}\p{N} ._+\-/:@(),]+$/u;
const MAX_NAME = 100;
const MAX_TARGETS = 50;

/** A target as written: its key/value overrides, all values as text. */
export interface RawTarget {
  readonly index: number;
  /** The explicit `name`, or undefined. */
  readonly name: string | undefined;
  readonly values: Readonly<Record<string, string>>;
}

/** `target 2 of 3 ('mac arm64')`, for messages. */
function label(index: number, total: number, name?: string): string {
  return `target ${index + 1} of ${total}${name ? ` ('${name}')` : ''}`;
}

function targetsError(problem: string, fix?: string): InputError {
  return new InputError('targets', problem, fix);
}

/**
 * Parses the `targets` text: a YAML list of maps (JSON is YAML), with anchors, aliases and `<<`
 * merge keys. Every value is kept as the text written (`version: 1.10` stays `1.10`, not the
 * number 1.1), through YAML's failsafe schema.
 * Secret values are masked as soon as they are found. Parse errors give a position only: the
 * source line could hold a token.
 */
export async function parseTargets(
  text: string,
  mask: (secret: string) => void,
  secretsIn: (key: string, value: string) => string[] = () => [],
): Promise<RawTarget[]> {
  // Loaded only when `targets` is set: a single build never pays for the YAML parser.
  const { LineCounter, parseDocument } = await import('../yaml.js');
  const lines = new LineCounter();
  const doc = parseDocument(text, {
    schema: 'failsafe',
    uniqueKeys: true,
    // `<<: *base` shares inputs between targets, as in YAML 1.1 (workflow files use anchors too);
    // YAML 1.2 left merge keys out, so without this `<<` would be read as an input named `<<`.
    merge: true,
    prettyErrors: false,
    lineCounter: lines,
  });
  const problem = doc.errors[0];
  if (problem) {
    const at = lines.linePos(problem.pos[0]);
    throw targetsError(
      `is not valid YAML (line ${at.line}, column ${at.col}: ${problem.message.split('\n')[0]})`,
      'write a list of maps, e.g. "- platform: mac" on one line and "- platform: linux" on the next',
    );
  }
  const data: unknown = doc.toJS();
  if (!Array.isArray(data)) {
    throw targetsError(
      `must be a list of maps, got ${data === null || data === '' ? 'nothing' : 'a single ' + (typeof data === 'string' ? 'value' : 'map')}`,
      'start each target with "- ", e.g. "- platform: mac"',
    );
  }
  if (data.length === 0)
    throw targetsError('is an empty list', 'add a target, or remove the input');
  if (data.length > MAX_TARGETS) {
    throw targetsError(`has ${data.length} targets; at most ${MAX_TARGETS} are allowed`);
  }
  // Mask every credential of every target before any target can fail validation.
  for (const entry of data) {
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) continue;
    for (const [key, value] of Object.entries(entry as Record<string, unknown>)) {
      if (typeof value !== 'string' || !value.trim()) continue;
      if (SECRET_KEY.test(key)) mask(value.trim());
      // What providers declare their inputs hold (header values, endpoint query keys).
      for (const secret of secretsIn(key, value)) mask(secret);
    }
  }
  return data.map((entry: unknown, index): RawTarget => {
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
      throw targetsError(
        `has a bad ${label(index, data.length)}: it is not a map of inputs`,
        'write each target as "- input: value" lines',
      );
    }
    const values: Record<string, string> = {};
    let name: string | undefined;
    for (const [key, value] of Object.entries(entry as Record<string, unknown>)) {
      if (typeof value !== 'string') {
        throw targetsError(
          `has a bad ${label(index, data.length)}: '${key}' must be a single value, not a ${Array.isArray(value) ? 'list' : 'map'}`,
        );
      }
      if (key === 'name') name = value.trim();
      else values[key] = value;
    }
    if (name !== undefined) checkName(name, index, data.length);
    return { index, name, values };
  });
}

function checkName(name: string, index: number, total: number): void {
  if (!name || name.length > MAX_NAME || !NAME_CHARS.test(name)) {
    throw targetsError(
      `has a bad ${label(index, total)}: 'name' must be 1 to ${MAX_NAME} letters, digits, spaces or . _ + - / : @ ( ) ,`,
      'it is printed in the log and in the commit status context',
    );
  }
}

/** The inputs some provider declares to hold an address (ProviderInput.address). */
export function declaredAddresses(): ReadonlySet<string> {
  return new Set(
    declaredInputs()
      .filter((input) => input.address)
      .map((input) => input.name),
  );
}

/**
 * The default name: the target's own values (credentials and addresses left out), joined.
 * `addresses` are the provider inputs that hold one (`declaredAddresses`).
 */
export function defaultName(
  raw: RawTarget,
  secretsIn: (key: string, value: string) => string[] = () => [],
  addresses: ReadonlySet<string> = new Set(),
): string {
  const words = Object.entries(raw.values)
    .filter(
      ([key, value]) =>
        !UNNAMED_KEYS.has(key) &&
        !addresses.has(key) &&
        !STEP_INPUTS.includes(key) &&
        !SECRET_KEY.test(key) &&
        secretsIn(key, value).length === 0 &&
        value.trim(),
    )
    .map(([, value]) => value.trim().replace(/[^\p{L}\p{N} ._+\-/:@(),]+/gu, '-'));
  const joined = words.join(' ').replace(/\s+/g, ' ').trim().slice(0, MAX_NAME).trim();
  return joined || `target ${raw.index + 1}`;
}

/**
 * One target's settings: its values over the step's inputs, through `readSettings`. Its status
 * context is `<status-context> (<name>)` unless it sets its own. An unknown key is reported ahead
 * of any other problem, since a misspelt key usually explains the rest.
 */
export function resolveTarget(
  raw: RawTarget,
  total: number,
  read: InputReader,
  name: string = raw.name ?? defaultName(raw),
  mask?: (secret: string) => void,
  run: RunFacts = NO_RUN_FACTS,
): Target {
  const own = (key: string): boolean => Object.prototype.hasOwnProperty.call(raw.values, key);
  const where = `has a bad ${label(raw.index, total, name)}`;
  for (const key of Object.keys(raw.values)) {
    if (STEP_INPUTS.includes(key)) {
      throw targetsError(
        `${where}: '${key}' applies to the whole step and cannot be set per target`,
        `set ${key} as an input of the step`,
      );
    }
  }
  const asked = new Set<string>();
  const layered: InputReader = (input) => {
    asked.add(input);
    if (own(input)) return raw.values[input] ?? '';
    if (input === 'status-context') {
      const provider = (own('provider') ? (raw.values['provider'] ?? '') : read('provider'))
        .trim()
        .toLowerCase();
      return `${read('status-context').trim() || `build/${provider}`} (${name})`;
    }
    return read(input);
  };
  let settings: Settings | undefined;
  let failure: unknown;
  try {
    settings = readSettings(layered, mask, run);
  } catch (error) {
    failure = error;
  }
  const accepted = targetInputs();
  const unknown = Object.keys(raw.values).filter(
    (key) => !accepted.includes(key) && !asked.has(key),
  );
  if (unknown.length > 0) {
    throw targetsError(
      `${where}: unknown key${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `'${k}'`).join(', ')}`,
      `use input names (${accepted.slice(0, 6).join(', ')}, ...) or 'name'`,
    );
  }
  // A key another provider reads is as likely a mistake as a misspelt one (a target copied from
  // another provider's): refused, like an unknown key, before anything is sent.
  const provider = layered('provider').trim().toLowerCase();
  if (isProviderName(provider)) {
    const read = new Set(PROVIDERS[provider].inputs.map((input) => input.name));
    const providerOnly = new Set(providerOnlyInputs());
    const foreign = Object.keys(raw.values).filter(
      (key) => providerOnly.has(key) && !read.has(key),
    );
    if (foreign.length > 0) {
      const many = foreign.length > 1;
      throw targetsError(
        `${where}: ${foreign.map((k) => `'${k}'`).join(', ')} ${many ? 'are' : 'is'} not read by provider ${provider}`,
        `remove ${many ? 'them' : 'it'} from the target, or check its provider`,
      );
    }
  }
  if (failure instanceof InputError) {
    // A step input nobody overrode is the step's problem, not this target's.
    if (
      !own(failure.input) &&
      failure.input !== 'status-context' &&
      STEP_INPUTS.includes(failure.input)
    )
      throw failure;
    throw targetsError(`${where}: ${failure.reason.replace(/^Input /, 'input ')}`, failure.fix);
  }
  if (failure !== undefined) throw failure;
  return { index: raw.index, name, settings: settings! };
}

/**
 * Reads the step's plan: one target without `targets` (exactly today's single build), else every
 * target validated before anything is sent. `mask` hides secrets (core.setSecret on the runner);
 * `run` is what the host knows about the run, for providers' defaults (this repository).
 */
export async function readPlan(
  read: InputReader,
  mask: (secret: string) => void,
  run: RunFacts = NO_RUN_FACTS,
  defaults: InputDefaults = () => '',
): Promise<Plan> {
  const get = (name: string): string => read(name).trim();
  const maxParallel = positiveInt(get('max-parallel') || '4', 'max-parallel');
  const failFast = bool(get('fail-fast'), 'fail-fast', false);
  const text = read('targets');
  if (!text.trim()) {
    const settings = readSettings(read, mask, run);
    return Object.freeze({
      multi: false,
      step: stepSettings(settings),
      targets: [{ index: 0, name: settings.provider, settings }],
      maxParallel,
      failFast,
      warnings: ignoredWarnings([settings.provider], read, defaults),
    });
  }
  const secretsIn = declaredSecrets();
  const raws = await parseTargets(text, mask, secretsIn);
  const addresses = declaredAddresses();
  const names = raws.map((raw) => raw.name ?? defaultName(raw, secretsIn, addresses));
  const unique = uniqueNames(names, raws);
  const targets = raws.map((raw, i) =>
    Object.freeze(resolveTarget(raw, raws.length, read, unique[i], mask, run)),
  );
  const contexts = new Map<string, number>();
  for (const target of targets) {
    const other = contexts.get(target.settings.statusContext);
    if (other !== undefined && target.settings.commitStatus) {
      throw targetsError(
        `has a bad ${label(target.index, targets.length, target.name)}: it posts the same commit status context as target ${other + 1} ('${target.settings.statusContext}')`,
        'give each target its own name or status-context',
      );
    }
    if (target.settings.commitStatus) contexts.set(target.settings.statusContext, target.index);
  }
  return Object.freeze({
    multi: true,
    // Targets cannot set step inputs (resolveTarget refuses them), so any target's are the step's.
    step: stepSettings(targets[0]!.settings),
    targets: Object.freeze(targets),
    maxParallel,
    failFast,
    // A step input is read when any target's provider reads it (targets share the step's inputs).
    warnings: ignoredWarnings(
      targets.map((target) => target.settings.provider),
      read,
      defaults,
    ),
  });
}

/** The one warning line for the step's ignored inputs (`ignoredInputs`), if there are any. */
function ignoredWarnings(
  providers: Settings['provider'][],
  read: InputReader,
  defaults: InputDefaults,
): string[] {
  const ignored = ignoredInputs(providers, read, defaults);
  const line = ignoredInputsWarning(ignored, providers);
  return line === undefined ? [] : [line];
}

function stepSettings(settings: Settings): StepSettings {
  const { sha, githubToken, timeoutMs, wait, failOnError } = settings;
  return Object.freeze({ sha, githubToken, timeoutMs, wait, failOnError });
}

/**
 * Explicit names must be unique (they key statuses and results); default names that collide get
 * their position appended, so `{}` twice still works.
 */
function uniqueNames(names: string[], raws: RawTarget[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name, i) => {
    const raw = raws[i]!;
    const first = seen.get(name);
    if (first === undefined) {
      seen.set(name, i);
      return name;
    }
    if (raw.name !== undefined && raws[first]?.name !== undefined) {
      throw targetsError(
        `has a bad ${label(i, raws.length, name)}: it has the same name as target ${first + 1}`,
        'give each target a distinct name',
      );
    }
    return `${name} #${i + 1}`;
  });
}

function positiveInt(value: string, input: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 256) {
    throw new InputError(input, `must be a whole number from 1 to 256, got '${value}'`);
  }
  return Number(value);
}
