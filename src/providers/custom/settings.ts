/**
 * The inputs of `provider: custom`: any JSON Builds API described by endpoints and field paths,
 * read by its spec's `readInputs` into its own settings.
 */
import { InputError } from '../../errors.js';
import { bool } from '../../inputs/boolean.js';
import { headerValueProblem } from '../../inputs/header-value.js';
import {
  OIDC_PERMISSION_FIX,
  OIDC_PLACEHOLDER,
  oidcUnavailable,
  type OidcSettings,
} from '../../http/credentials.js';
import { parseJson } from '../../http/json.js';
import type { OwnSettings } from '../types.js';
import { parseFieldPaths, PathSyntaxError, type FieldPaths } from './json-path.js';

/** Methods an endpoint input may name. */
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type EndpointMethod = (typeof METHODS)[number];

/** `METHOD /path/{id}`, checked: a path below api-url with known placeholders only. */
export interface Endpoint {
  readonly method: EndpointMethod;
  /** Starts with `/`; `{id}` and `{project}` are filled in (URL-encoded) per request. */
  readonly path: string;
  /** The input it came from, for messages. */
  readonly input: string;
}

/** Words that mean success, failure or "still running", lower-cased. */
export interface StatusWords {
  readonly success: readonly string[];
  readonly failure: readonly string[];
  /** Empty: any other word means running. Set: any other word is an error. */
  readonly running: readonly string[];
}

/** Everything `provider: custom` reads beyond the common inputs. */
export interface CustomSettings extends OwnSettings {
  /** The `project` input, filled into `{project}` in the endpoints; may be empty. */
  readonly project: string;
  /** Headers sent to api-url's origin only: the auth header (unless `none`) and `headers`. */
  readonly headers: Readonly<Record<string, string>>;
  /** The auth header's name, for the contract suite and for messages; empty with `none`. */
  readonly authHeaderName: string;
  readonly trigger: Endpoint;
  /** JSON text, checked and sent exactly as written (numbers keep every digit); undefined: none. */
  readonly triggerBody: string | undefined;
  readonly buildIdField: FieldPaths;
  /** Whether build-id-field was set (else its default `id` is optional where nothing needs it). */
  readonly buildIdFieldSet: boolean;
  /** Undefined: fire-and-forget. */
  readonly status: Endpoint | undefined;
  readonly statusField: FieldPaths;
  readonly words: StatusWords;
  readonly deployUrlField: FieldPaths | undefined;
  readonly logUrlField: FieldPaths | undefined;
  readonly failureReasonField: FieldPaths | undefined;
  readonly cancel: Endpoint | undefined;
  readonly cancelOnTimeout: boolean;
  /** Set when a header uses `{oidc-token}`: the token is requested per run and renewed. */
  readonly oidc: OidcSettings | undefined;
}

export const DEFAULT_AUTH_HEADER = 'Authorization: Bearer {token}';
export const DEFAULT_SUCCESS_VALUES =
  'success,succeeded,successful,ready,deployed,done,completed,passed';
export const DEFAULT_FAILURE_VALUES = 'failed,failure,error,errored,canceled,cancelled';

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Headers the HTTP layer owns; a user value would break framing or routing. */
const RESERVED_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection']);

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** True when the custom provider needs the `token` input (its auth header uses `{token}`). */
export function customNeedsToken(get: (name: string) => string): boolean {
  const auth = get('auth-header') || DEFAULT_AUTH_HEADER;
  return auth.toLowerCase() !== 'none' && auth.includes('{token}');
}

/**
 * Reads and checks the custom provider's inputs. `get` returns trimmed input values; `token` and
 * `project` are the common inputs, already read.
 */
export function readCustomSettings(
  get: (name: string) => string,
  token: string,
  project: string,
  env: NodeJS.ProcessEnv = process.env,
  mask: (secret: string) => void = () => undefined,
): CustomSettings {
  const headers: Record<string, string> = {};
  let authHeaderName = '';
  const auth = get('auth-header') || DEFAULT_AUTH_HEADER;
  if (auth.toLowerCase() !== 'none') {
    const [name, value] = headerLine(auth, 'auth-header');
    authHeaderName = name;
    headers[name.toLowerCase()] = value.split('{token}').join(token);
  }
  for (const line of get('headers').split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const [name, value] = headerLine(line.trim(), 'headers');
    if (name.toLowerCase() === authHeaderName.toLowerCase()) {
      throw new InputError('headers', `sets ${name}, which auth-header already sets`);
    }
    headers[name.toLowerCase()] = value.split('{token}').join(token);
  }

  const triggerRaw = get('trigger-endpoint');
  if (!triggerRaw) {
    throw new InputError(
      'trigger-endpoint',
      "is required for provider 'custom'",
      'set it to the method and path that start a build, e.g. POST /projects/{project}/builds',
    );
  }
  const trigger = endpoint(triggerRaw, 'trigger-endpoint', 'POST', project);
  if (trigger.path.includes('{id}')) {
    throw new InputError(
      'trigger-endpoint',
      'uses {id}, but there is no build id before the trigger',
    );
  }
  const statusRaw = get('status-endpoint');
  const status = statusRaw ? endpoint(statusRaw, 'status-endpoint', 'GET', project) : undefined;
  const cancelRaw = get('cancel-endpoint');
  const cancel = cancelRaw ? endpoint(cancelRaw, 'cancel-endpoint', 'POST', project) : undefined;

  const bodyRaw = get('trigger-body');
  let triggerBody: string | undefined;
  if (bodyRaw) {
    try {
      parseJson(bodyRaw);
      triggerBody = bodyRaw;
    } catch (error) {
      throw new InputError(
        'trigger-body',
        `is not valid JSON (${error instanceof Error ? error.message : String(error)})`,
        'write the body as JSON text, e.g. {"branch": "main"}',
      );
    }
  }

  const success = words(get('success-values') || DEFAULT_SUCCESS_VALUES, 'success-values');
  const failure = words(get('failure-values') || DEFAULT_FAILURE_VALUES, 'failure-values');
  const running = get('running-values') ? words(get('running-values'), 'running-values') : [];
  for (const word of success) {
    if (failure.includes(word)) {
      throw new InputError('failure-values', `and success-values both contain '${word}'`);
    }
  }
  for (const word of running) {
    if (success.includes(word) || failure.includes(word)) {
      throw new InputError('running-values', `contains '${word}', which also ends the build`);
    }
  }

  const cancelOnTimeout = bool(get('cancel-on-timeout'), 'cancel-on-timeout', false);
  if (cancelOnTimeout && !cancel) {
    throw new InputError(
      'cancel-on-timeout',
      'is true, but there is no cancel-endpoint to call',
      'set cancel-endpoint, e.g. POST /builds/{id}/cancel',
    );
  }
  const oidc = readOidc(get, headers, env, mask);
  const needsId = [status, cancel].some((e) => e?.path.includes('{id}'));
  return Object.freeze({
    project,
    headers: Object.freeze(headers),
    authHeaderName,
    trigger,
    triggerBody,
    buildIdField: field(get('build-id-field') || 'id', 'build-id-field'),
    buildIdFieldSet: get('build-id-field') !== '' || needsId,
    status,
    statusField: field(get('status-field') || 'status', 'status-field'),
    words: Object.freeze({ success, failure, running }),
    deployUrlField: optionalField(get('deploy-url-field'), 'deploy-url-field'),
    logUrlField: optionalField(get('log-url-field'), 'log-url-field'),
    failureReasonField: optionalField(get('failure-reason-field'), 'failure-reason-field'),
    cancel,
    cancelOnTimeout,
    oidc,
  });
}

/**
 * `{oidc-token}` in a header: the audience to ask for (`oidc-audience`, default the api-url
 * origin) and where the token comes from. Checked here, so a job without `id-token: write` stops
 * before any request with one line naming the permission.
 */
function readOidc(
  get: (name: string) => string,
  headers: Readonly<Record<string, string>>,
  env: NodeJS.ProcessEnv,
  mask: (secret: string) => void,
): OidcSettings | undefined {
  const uses = Object.values(headers).some((value) => value.includes(OIDC_PLACEHOLDER));
  const audienceRaw = get('oidc-audience');
  const tokenEnv = get('oidc-token-env');
  if (!uses) {
    const set = audienceRaw ? 'oidc-audience' : tokenEnv ? 'oidc-token-env' : undefined;
    if (set) {
      throw new InputError(
        set,
        `is set, but no header uses ${OIDC_PLACEHOLDER}`,
        "write auth-header: 'Authorization: Bearer {oidc-token}'",
      );
    }
    return undefined;
  }
  if (tokenEnv && !ENV_NAME.test(tokenEnv)) {
    throw new InputError('oidc-token-env', `must be a variable name, got '${tokenEnv}'`);
  }
  let audience = audienceRaw;
  if (!audience) {
    try {
      audience = new URL(get('api-url')).origin;
    } catch {
      audience = '';
    }
  }
  const badAudience = headerValueProblem(audience);
  if (badAudience) throw new InputError('oidc-audience', badAudience);
  const oidc = Object.freeze({ audience, tokenEnv });
  const unavailable = oidcUnavailable(oidc, env);
  if (unavailable) {
    throw new InputError(
      'auth-header',
      `uses ${OIDC_PLACEHOLDER}, but ${unavailable}`,
      tokenEnv
        ? `set ${tokenEnv} to the OIDC token your CI mints (GitLab: id_tokens:)`
        : `${OIDC_PERMISSION_FIX} (the CLI takes the token from a variable: --oidc-token-env NAME)`,
    );
  }
  if (tokenEnv) {
    const value = (env[tokenEnv] ?? '').trim();
    mask(value);
    const problem = headerValueProblem(value);
    if (problem) throw new InputError('oidc-token-env', `names a variable whose token ${problem}`);
  }
  return oidc;
}

function headerLine(line: string, input: string): [string, string] {
  const colon = line.indexOf(':');
  const name = colon > 0 ? line.slice(0, colon).trim() : '';
  const value = colon > 0 ? line.slice(colon + 1).trim() : '';
  if (!HEADER_NAME.test(name)) {
    throw new InputError(
      input,
      `has a line that is not 'Name: value' (${JSON.stringify(line.slice(0, 40))}…)`,
      input === 'auth-header'
        ? "write e.g. 'Circle-Token: {token}', or 'none' for no auth header"
        : 'write one Name: value header a line',
    );
  }
  if (RESERVED_HEADERS.has(name.toLowerCase())) {
    throw new InputError(input, `sets ${name}, which the HTTP layer sets itself`);
  }
  const problem = headerValueProblem(value);
  if (problem) throw new InputError(input, `${problem.replace(/ in it$/, '')} in ${name}`);
  return [name, value];
}

function endpoint(
  raw: string,
  input: string,
  defaultMethod: EndpointMethod,
  project: string,
): Endpoint {
  const match = /^(?:([A-Za-z]+)\s+)?(\S+)$/.exec(raw.trim());
  const method = (match?.[1] ?? defaultMethod).toUpperCase();
  const path = match?.[2] ?? '';
  if (!match || !(METHODS as readonly string[]).includes(method)) {
    throw new InputError(
      input,
      `must be 'METHOD /path', got '${raw}'`,
      `use one of ${METHODS.join(', ')} and a path below api-url, e.g. ${defaultMethod} /builds/{id}`,
    );
  }
  if (!path.startsWith('/') || path.startsWith('//') || /[\\#]/.test(path)) {
    throw new InputError(
      input,
      `must have a path below api-url starting with '/', got '${path}'`,
      'credentials go only to api-url; write the path relative to it',
    );
  }
  const placeholders: string[] = path.match(/\{[^}]*\}/g) ?? [];
  for (const placeholder of placeholders) {
    if (placeholder !== '{id}' && placeholder !== '{project}') {
      throw new InputError(
        input,
        `has an unknown placeholder ${placeholder}`,
        'use {id} (the build id) and {project} (the project input)',
      );
    }
  }
  if (/[{}]/.test(path.replace(/\{(?:id|project)\}/g, ''))) {
    throw new InputError(input, `has an unclosed '{' or '}' in '${path}'`);
  }
  if (placeholders.includes('{project}') && !project) {
    throw new InputError('project', `is required: ${input} uses {project}`, `set project`);
  }
  const pathOnly = path.split('?')[0] ?? '';
  if (pathOnly.split('/').some((segment) => /^(?:\.|%2e){1,2}$/i.test(segment))) {
    throw new InputError(input, `has a '.' or '..' segment in '${path}'`);
  }
  return Object.freeze({ method: method as EndpointMethod, path, input });
}

function words(raw: string, input: string): string[] {
  const list = raw
    .split(/[,\n]/)
    .map((w) => w.trim().toLowerCase())
    .filter(Boolean);
  if (list.length === 0) throw new InputError(input, 'lists no words');
  return list;
}

/** One field path, or several separated by commas: the first present and not null wins. */
function field(raw: string, input: string): FieldPaths {
  try {
    return parseFieldPaths(raw);
  } catch (error) {
    if (error instanceof PathSyntaxError) {
      throw new InputError(
        input,
        `is not a field path ('${raw}': ${error.detail})`,
        'write a JSONPath singular query such as $.data.status or $.items[0].id (several, separated by commas, are tried in order)',
      );
    }
    throw error;
  }
}

function optionalField(raw: string, input: string): FieldPaths | undefined {
  return raw ? field(raw, input) : undefined;
}
