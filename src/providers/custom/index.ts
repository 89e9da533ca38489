import { ActionError, InputError } from '../../errors.js';
import type { HttpClient, HttpResponse } from '../../http/client.js';
import { oidcTokenFetcher, RefreshingCredentials } from '../../http/credentials.js';
import { HttpError } from '../../http/errors.js';
import {
  customNeedsToken,
  readCustomSettings,
  type CustomSettings,
  type Endpoint,
} from './settings.js';
import type { ProviderInput } from '../../inputs/common.js';
import { headerLinesSecrets, querySecrets } from '../../public/scrub.js';
import { describeShape, evaluatePaths, formatPath, type FieldPaths } from './json-path.js';
import { safeLine } from '../../text.js';
import { LogReader } from '../log-reader.js';
import { TextLog } from '../text-log.js';
import {
  TOKEN_INPUT,
  type Build,
  type BuildState,
  type CancelResult,
  type LogPage,
  type Provider,
  type ProviderContext,
  type ProviderSpec,
} from '../types.js';
import { pathSegment } from '../ids.js';

const TITLE = 'Custom API';

/** Non-terminal words that mean "not started yet" rather than "running". */
const QUEUED_WORDS = new Set(['queued', 'pending', 'created', 'scheduled', 'waiting', 'enqueued']);

/** Fills `{id}` and `{project}` as single URL-encoded path segments; never a dot segment. */
export function fillPath(endpoint: Endpoint, values: { id?: string; project: string }): string {
  return endpoint.path.replace(/\{(id|project)\}/g, (_m, key: 'id' | 'project') => {
    const value = values[key] ?? '';
    if (value === '' || value === '.' || value === '..') {
      if (key === 'project') {
        throw new InputError('project', `cannot be '${value}' in ${endpoint.input}`, 'set project');
      }
      throw new ActionError(
        `${TITLE}: the build id '${value}' cannot fill {id} in ${endpoint.input}`,
        { fix: 'check build-id-field points at the id in the trigger answer' },
      );
    }
    return encodeURIComponent(value);
  });
}

/** A field path that matched nothing: one line naming the input and the answer's shape. */
function missingField(input: string, path: FieldPaths, at: string, what: string, body: unknown) {
  const only = path.paths.length === 1 ? path.paths[0] : undefined;
  const where = !only || at === formatPath(only.segments) ? '' : ` (nothing at ${at})`;
  return new ActionError(
    `${TITLE}: ${input} '${path.source}' matched nothing in the answer to ${what}${where}; the answer is ${describeShape(body)}`,
    { fix: `set ${input} to the path of the field in that answer` },
  );
}

/** The value at `path` as a word or URL: strings, numbers and booleans only. */
function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/**
 * Any JSON Builds API, described by inputs: a trigger endpoint, a status endpoint whose answer has
 * the status word at a field path, and optionally a cancel endpoint.
 */
class CustomAdapter implements Provider {
  readonly name = 'custom' as const;
  readonly title = TITLE;
  readonly waits: boolean;
  readonly cancelOnTimeout: boolean;
  readonly cancel?: (build: Build, http: HttpClient) => Promise<CancelResult>;
  /**
   * With log-url-field: the log at that URL when it answers text (`text/*` but not HTML), read
   * in parts with bounded memory. A URL that answers an HTML page (a dashboard) is not read
   * again: the link is the way to that log.
   */
  readonly logs?: (build: Build, limit: { maxBytes: number }) => Promise<LogPage>;
  private readonly config: CustomSettings;

  constructor(private readonly ctx: ProviderContext<CustomSettings>) {
    this.config = ctx.own;
    this.waits = this.config.status !== undefined;
    this.cancelOnTimeout = this.config.cancelOnTimeout;
    if (this.config.cancel) {
      const endpoint = this.config.cancel;
      this.cancel = (build, http) => this.sendCancel(endpoint, build, http);
    }
    if (this.config.logUrlField) {
      const text = new TextLog({
        title: TITLE,
        http: ctx.http,
        signal: ctx.signal,
        textOnly: true,
      });
      // Reads never overlap, so no line is handed out twice.
      const reader = new LogReader((build, maxBytes) => text.read(build, maxBytes));
      this.logs = (build, limit) => reader.read(build, limit.maxBytes);
    }
  }

  async trigger(): Promise<Build> {
    const { trigger, triggerBody, buildIdField, buildIdFieldSet } = this.config;
    const what = `trigger the build (${trigger.method} ${trigger.path})`;
    const res = await this.ctx.http.request<unknown>({
      method: trigger.method,
      path: fillPath(trigger, { project: this.config.project }),
      what,
      sideEffects: true,
      ...(triggerBody === undefined ? {} : { jsonText: triggerBody }),
    });
    const body = res.body;
    const found = evaluatePaths(buildIdField, body);
    let id = '';
    if (found.found && scalar(found.value) !== undefined) {
      id = scalar(found.value) ?? '';
    } else if (buildIdFieldSet) {
      if (found.found) {
        throw new ActionError(
          `${TITLE}: build-id-field '${buildIdField.source}' is not a string or number in the answer to ${what}`,
          { fix: 'point build-id-field at the id itself' },
        );
      }
      throw missingField('build-id-field', buildIdField, found.at, what, body);
    }
    const build: Build = { id, state: 'queued', providerStatus: 'triggered' };
    // A synchronous API may answer the trigger with a final word already; anything else waits.
    const word = this.word(body);
    if (word !== undefined) {
      const state = this.knownState(word);
      build.providerStatus = word;
      if (state === 'success' || state === 'failure') build.state = state;
    }
    if (!this.waits) {
      this.ctx.log.info(
        `${TITLE}: no status-endpoint, so the run does not wait (fire-and-forget); status is queued.`,
      );
    }
    return this.withFields(build, body);
  }

  async poll(build: Build): Promise<Build> {
    const endpoint = this.config.status;
    if (!endpoint) return build;
    const path = fillPath(endpoint, { id: build.id, project: this.config.project });
    const what = `read the build status (${endpoint.method} ${endpoint.path})`;
    const res: HttpResponse<unknown> = await this.ctx.http.request<unknown>({
      method: endpoint.method,
      path,
      what,
      polling: true,
    });
    if (res.body === undefined && (res.status === 204 || res.status === 202)) {
      // "No content" / "accepted, nothing to show yet": the build is not ready, like any other
      // answer without a final word. (A 200 with no body still names the missing field.)
      return { ...build };
    }
    const { statusField } = this.config;
    const found = evaluatePaths(statusField, res.body);
    if (!found.found) {
      // An index into a list that is still empty (CircleCI's workflows of a new pipeline): the
      // provider has not made the thing yet. Anything else is a wrong path.
      if (found.emptyList) return this.withFields({ ...build, state: 'queued' }, res.body);
      throw missingField('status-field', statusField, found.at, what, res.body);
    }
    const word = scalar(found.value)?.trim();
    if (word === undefined) {
      throw new ActionError(
        `${TITLE}: status-field '${statusField.source}' is ${describeShape(found.value)}, not a status word, in the answer to ${what}`,
        { fix: 'point status-field at the status word itself' },
      );
    }
    return this.withFields({ ...build, state: this.stateOf(word), providerStatus: word }, res.body);
  }

  /** The status word in an answer, when status-field finds one there. */
  private word(body: unknown): string | undefined {
    const found = evaluatePaths(this.config.statusField, body);
    return found.found ? scalar(found.value)?.trim() : undefined;
  }

  /** The state a word names, compared as the word lists are read: trimmed, any case. */
  private knownState(word: string): BuildState | undefined {
    const lower = word.trim().toLowerCase();
    const { success, failure, running } = this.config.words;
    if (success.includes(lower)) return 'success';
    if (failure.includes(lower)) return 'failure';
    if (running.includes(lower)) return QUEUED_WORDS.has(lower) ? 'queued' : 'building';
    return undefined;
  }

  private stateOf(word: string): BuildState {
    const known = this.knownState(word);
    if (known) return known;
    if (this.config.words.running.length > 0) {
      throw new ActionError(
        `${TITLE}: unexpected status word '${safeLine(word, 60)}' (not in success-values, failure-values or running-values)`,
        { fix: 'add the word to the list it belongs to' },
      );
    }
    return QUEUED_WORDS.has(word.trim().toLowerCase()) ? 'queued' : 'building';
  }

  private withFields(build: Build, body: unknown): Build {
    const next = { ...build };
    const read = (path: FieldPaths | undefined): string | undefined => {
      if (!path) return undefined;
      const found = evaluatePaths(path, body);
      const value = found.found ? scalar(found.value) : undefined;
      return value === '' ? undefined : value;
    };
    const deployUrl = read(this.config.deployUrlField);
    const logUrl = read(this.config.logUrlField);
    const reason = read(this.config.failureReasonField);
    if (deployUrl) next.deployUrl = deployUrl;
    if (logUrl) next.logUrl = logUrl;
    if (reason) next.failureReason = reason;
    return next;
  }

  private async sendCancel(
    endpoint: Endpoint,
    build: Build,
    http: HttpClient,
  ): Promise<CancelResult> {
    if (!build.id && endpoint.path.includes('{id}')) {
      return { accepted: false, detail: 'no build id to cancel' };
    }
    try {
      const res = await http.request<unknown>({
        method: endpoint.method,
        path: fillPath(endpoint, { id: build.id, project: this.config.project }),
        what: `cancel build ${build.id} (${endpoint.method} ${endpoint.path})`,
        responseType: 'text',
        // A cancel is safe to repeat, but the whole exchange must fit the runner's few seconds.
        maxAttempts: 2,
      });
      return { accepted: true, detail: `HTTP ${res.status}` };
    } catch (error) {
      if (error instanceof HttpError && error.kind === 'status') {
        return { accepted: false, detail: error.reason };
      }
      throw error;
    }
  }
}

/** `provider: custom`: any JSON Builds API, described by endpoint and field-path inputs. */
/** The inputs `provider: custom` reads (./settings.ts parses them). */
const CUSTOM_INPUTS: readonly ProviderInput[] = [
  // A token only when the auth header uses one (`auth-header: none` needs none).
  { ...TOKEN_INPUT, required: customNeedsToken },
  { name: 'project' },
  // Header values and credential-looking query values are secrets (src/public/scrub.ts).
  { name: 'auth-header', secrets: headerLinesSecrets },
  { name: 'headers', secrets: headerLinesSecrets },
  { name: 'trigger-endpoint', secrets: querySecrets },
  { name: 'status-endpoint', secrets: querySecrets },
  { name: 'cancel-endpoint', secrets: querySecrets },
  ...[
    'oidc-audience',
    'trigger-body',
    'build-id-field',
    'status-field',
    'success-values',
    'failure-values',
    'running-values',
    'deploy-url-field',
    'log-url-field',
    'failure-reason-field',
    'cancel-on-timeout',
  ].map((name) => ({ name })),
];

export const customProvider: ProviderSpec<CustomSettings> = {
  name: 'custom',
  title: TITLE,
  defaultApiUrl: '',
  inputs: CUSTOM_INPUTS,
  readInputs: (get, { token, mask }) =>
    readCustomSettings(get, token, pathSegment(get('project'), 'project'), process.env, mask),
  credentials: (_settings, { headers, oidc }) => {
    // With {oidc-token}, the headers are rebuilt from a token renewed before it runs out.
    return oidc
      ? new RefreshingCredentials(headers, oidcTokenFetcher(oidc, TITLE))
      : { ...headers };
  },
  create: (ctx) => new CustomAdapter(ctx),
};
