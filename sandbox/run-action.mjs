/**
 * Run the bundled action the way the GitHub runner does: a fresh `node dist/index.js` (main or
 * post) with INPUT_* variables, file commands in temp files, a clean environment, and
 * the runner's parsing of GITHUB_OUTPUT / GITHUB_STATE afterwards.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEFAULT_REPOSITORY, DEFAULT_SHA } from './constants.mjs';

const SANDBOX_DIR = dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = resolve(SANDBOX_DIR, '..');

/** Parent variables a child may inherit; everything else (INPUT_*, GITHUB_*, proxies) is dropped. */
const INHERITED = ['PATH', 'HOME', 'TMPDIR', 'TEMP', 'TMP', 'SystemRoot', 'LANG'];

/**
 * @typedef {{
 *   name: 'SIGINT' | 'SIGTERM' | 'SIGKILL',
 *   when?: () => boolean,
 *   afterMs?: number,
 * }} SignalSpec
 */

/**
 * @typedef {{
 *   entry?: 'main' | 'post' | string,
 *   inputs?: Record<string, string | number | boolean | null | undefined>,
 *   env?: Record<string, string | undefined>,
 *   event?: {name: string, payload?: Record<string, unknown>},
 *   sandbox?: {githubApiUrl: string, sha: string},
 *   state?: Record<string, string>,
 *   timeoutMs?: number,
 *   signal?: SignalSpec | SignalSpec[],
 *   nodePath?: string,
 *   cwd?: string,
 *   repoRoot?: string,
 *   githubToken?: string,
 *   actionDefaults?: boolean,
 *   measureMemory?: boolean,
 * }} RunActionOptions
 */

/**
 * @typedef {{
 *   code: number | null,
 *   signal: string | null,
 *   timedOut: boolean,
 *   signalsSent: string[],
 *   stdout: string,
 *   stderr: string,
 *   outputs: Record<string, string>,
 *   summary: string,
 *   state: Record<string, string>,
 *   exportedEnv: Record<string, string>,
 *   addedPath: string[],
 *   commands: WorkflowCommand[],
 *   durationMs: number,
 *   peakRssKb?: number,
 * }} RunActionResult
 */

/**
 * @typedef {{
 *   command: string,
 *   properties: Record<string, string>,
 *   data: string,
 *   line: string,
 * }} WorkflowCommand
 */

/**
 * Run the action to completion (or until `timeoutMs`, when it is SIGKILLed and the result says
 * `timedOut: true`; this never rejects for a failing or hanging action).
 * @param {RunActionOptions} [opts]
 * @returns {Promise<RunActionResult>}
 */
export async function runAction(opts = {}) {
  const root = opts.repoRoot ?? REPO_ROOT;
  const entry = opts.entry ?? 'main';
  // `post:` runs the same bundle as `main:` (action.yml); it is told apart by the main step's state.
  const script =
    entry === 'main' || entry === 'post' ? join(root, 'dist', 'index.js') : resolve(root, entry);
  if (!existsSync(script))
    throw new Error(`runAction: ${script} does not exist (run npm run bundle)`);

  const temp = await mkdtemp(join(tmpdir(), 'run-action-'));
  const files = {
    output: join(temp, 'output'),
    summary: join(temp, 'summary'),
    state: join(temp, 'state'),
    env: join(temp, 'env'),
    path: join(temp, 'path'),
    event: join(temp, 'event.json'),
  };
  const runnerTemp = join(temp, 'runner-temp');
  const workspace = opts.cwd ?? join(temp, 'workspace');
  await mkdir(runnerTemp);
  await mkdir(workspace, { recursive: true });
  await Promise.all(
    [files.output, files.summary, files.state, files.env, files.path].map((f) => writeFile(f, '')),
  );

  const sha = opts.sandbox?.sha ?? DEFAULT_SHA;
  const eventName = opts.event?.name ?? 'push';
  const payload = opts.event?.payload ?? defaultPayload(sha);
  await writeFile(files.event, JSON.stringify(payload, null, 2));
  const pr = /** @type {{pull_request?: {number?: number}}} */ (payload).pull_request;
  const prNumber = pr?.number;

  /** @type {Record<string, string>} */
  const env = {};
  for (const name of INHERITED) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  Object.assign(env, {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_REPOSITORY: DEFAULT_REPOSITORY,
    GITHUB_REPOSITORY_OWNER: DEFAULT_REPOSITORY.split('/')[0],
    GITHUB_SHA: sha,
    GITHUB_REF: prNumber ? `refs/pull/${prNumber}/merge` : 'refs/heads/main',
    GITHUB_REF_NAME: prNumber ? `${prNumber}/merge` : 'main',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: opts.sandbox?.githubApiUrl ?? 'https://api.github.com',
    GITHUB_GRAPHQL_URL: 'https://api.github.com/graphql',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_NUMBER: '7',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKFLOW: 'ci',
    GITHUB_JOB: 'build',
    GITHUB_ACTION: 'trigger',
    GITHUB_ACTOR: 'octocat',
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    GITHUB_ENV: files.env,
    GITHUB_PATH: files.path,
    RUNNER_TEMP: runnerTemp,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'sandbox-runner',
  });

  // Like the runner: inputs left out of the workflow get their action.yml default.
  if (opts.actionDefaults !== false) {
    for (const [name, value] of Object.entries(actionDefaults(root, opts.githubToken))) {
      env[inputVar(name)] = value;
    }
  }
  for (const [name, value] of Object.entries(opts.inputs ?? {})) {
    if (value === undefined || value === null) continue;
    env[inputVar(name)] = String(value);
  }
  // The runner gives the post step every state the main step saved; the main step saves isPost
  // before anything else, so a post step always has it.
  const saved = entry === 'post' ? { isPost: 'true', ...opts.state } : (opts.state ?? {});
  for (const [key, value] of Object.entries(saved)) env[`STATE_${key}`] = String(value);
  for (const [key, value] of Object.entries(opts.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }

  const peakFile = join(temp, 'peak-rss');
  const preload = [];
  if (opts.measureMemory) {
    env.TBA_PEAK_RSS_FILE = peakFile;
    preload.push('--import', pathToFileURL(join(SANDBOX_DIR, 'peak-rss.mjs')).href);
  }
  const started = Date.now();
  const child = spawn(opts.nodePath ?? process.execPath, [...preload, script], {
    cwd: workspace,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));

  let timedOut = false;
  /** @type {string[]} */
  const signalsSent = [];
  /** @type {NodeJS.Timeout[]} */
  const timers = [];
  timers.push(
    setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs ?? 30_000),
  );
  const specs =
    opts.signal === undefined ? [] : Array.isArray(opts.signal) ? opts.signal : [opts.signal];
  for (const spec of specs) {
    const send = () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      signalsSent.push(spec.name);
      child.kill(spec.name);
    };
    if (spec.when) {
      const when = spec.when;
      const poll = setInterval(() => {
        let ready = false;
        try {
          ready = when();
        } catch {
          ready = false;
        }
        if (ready) {
          clearInterval(poll);
          send();
        }
      }, 20);
      timers.push(poll);
    } else {
      timers.push(setTimeout(send, spec.afterMs ?? 0));
    }
  }

  /** @type {[number | null, NodeJS.Signals | null]} */
  const [code, signal] = await new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (c, s) => done([c, s]));
  }).finally(() => timers.forEach((t) => clearTimeout(t)));
  const durationMs = Date.now() - started;

  const [output, summary, state, exportedEnv, addedPath, peak] = await Promise.all(
    [files.output, files.summary, files.state, files.env, files.path, peakFile].map((f) =>
      readFile(f, 'utf8').catch(() => ''),
    ),
  );
  await rm(temp, { recursive: true, force: true }).catch(() => {});

  return {
    code,
    signal,
    timedOut,
    signalsSent,
    stdout,
    stderr,
    outputs: parseFileCommand(output ?? ''),
    summary: summary ?? '',
    state: parseFileCommand(state ?? ''),
    exportedEnv: parseFileCommand(exportedEnv ?? ''),
    addedPath: (addedPath ?? '').split(/\r?\n/).filter(Boolean),
    commands: workflowCommands(stdout),
    durationMs,
    ...(peak ? { peakRssKb: Number(peak) } : {}),
  };
}

/** `INPUT_<NAME>`: upper-cased, spaces to `_`, hyphens kept (what @actions/core reads). */
function inputVar(/** @type {string} */ name) {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

function defaultPayload(/** @type {string} */ sha) {
  const [owner, name] = DEFAULT_REPOSITORY.split('/');
  return {
    ref: 'refs/heads/main',
    after: sha,
    head_commit: { id: sha, message: 'Update docs' },
    repository: { name, full_name: DEFAULT_REPOSITORY, owner: { login: owner } },
    sender: { login: 'octocat' },
  };
}

/**
 * Defaults declared in `action.yml` (or `action.yaml`), with `${{ github.token }}` evaluated to
 * `githubToken` and any other expression to ''. A small line parser: the inputs block of an
 * action metadata file is flat enough not to need a YAML library.
 * @param {string} root
 * @param {string} [githubToken]
 * @returns {Record<string, string>}
 */
export function actionDefaults(root, githubToken = 'sandbox-github-token') {
  const file = ['action.yml', 'action.yaml'].map((f) => join(root, f)).find((f) => existsSync(f));
  if (!file) return {};
  /** @type {Record<string, string>} */
  const defaults = {};
  let inInputs = false;
  /** @type {string | undefined} */
  let current;
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    if (/^\S/.test(line)) {
      inInputs = /^inputs:\s*$/.test(line);
      current = undefined;
      continue;
    }
    if (!inInputs) continue;
    const input = /^ {2}([A-Za-z0-9_-]+):\s*$/.exec(line);
    if (input) {
      current = input[1];
      continue;
    }
    const def = /^ {4}default:\s*(.*)$/.exec(line);
    if (def && current) {
      let value = (def[1] ?? '').replace(/\s+#.*$/, '').trim();
      const quoted = /^(['"])(.*)\1$/.exec(value);
      if (quoted) value = quoted[2] ?? '';
      defaults[current] = value.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_m, expr) =>
        expr === 'github.token' ? githubToken : '',
      );
    }
  }
  return defaults;
}

/**
 * Parse a file-command file (GITHUB_OUTPUT, GITHUB_STATE, GITHUB_ENV) as the runner does:
 * `name=value` lines and `name<<DELIM` … `DELIM` blocks; later values override earlier ones.
 * @param {string} content
 * @returns {Record<string, string>}
 */
export function parseFileCommand(content) {
  /** @type {Record<string, string>} */
  const result = {};
  const lines = content.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = /** @type {string} */ (lines[i]);
    if (line === '') continue;
    const eq = line.indexOf('=');
    const heredoc = line.indexOf('<<');
    if (eq >= 0 && (heredoc < 0 || eq < heredoc)) {
      result[line.slice(0, eq)] = line.slice(eq + 1);
      continue;
    }
    if (heredoc < 0) throw new Error(`Invalid file command line: ${line}`);
    const name = line.slice(0, heredoc);
    const delimiter = line.slice(heredoc + 2);
    /** @type {string[]} */
    const value = [];
    let closed = false;
    for (i++; i < lines.length; i++) {
      if (lines[i] === delimiter) {
        closed = true;
        break;
      }
      value.push(/** @type {string} */ (lines[i]));
    }
    if (!closed) throw new Error(`Invalid file command: no closing delimiter ${delimiter}`);
    result[name] = value.join('\n');
  }
  return result;
}

/** Undo workflow-command escaping (`%25` last, so `%250A` stays `%0A`). */
function unescape(/** @type {string} */ s, property = false) {
  let out = s.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n');
  if (property) out = out.replace(/%3A/gi, ':').replace(/%2C/gi, ',');
  return out.replace(/%25/g, '%');
}

/**
 * Workflow commands printed on stdout: `::command key=value,key=value::data`.
 * @param {string} stdout
 * @returns {WorkflowCommand[]}
 */
export function workflowCommands(stdout) {
  /** @type {WorkflowCommand[]} */
  const commands = [];
  for (const raw of stdout.split(/\r?\n/)) {
    const line = raw.trimStart();
    if (!line.startsWith('::')) continue;
    const end = line.indexOf('::', 2);
    if (end < 0) continue;
    const head = line.slice(2, end);
    const space = head.indexOf(' ');
    const command = space < 0 ? head : head.slice(0, space);
    if (!/^[A-Za-z][\w-]*$/.test(command)) continue;
    /** @type {Record<string, string>} */
    const properties = {};
    if (space >= 0) {
      for (const pair of head.slice(space + 1).split(',')) {
        const eq = pair.indexOf('=');
        if (eq > 0) properties[pair.slice(0, eq).trim()] = unescape(pair.slice(eq + 1), true);
      }
    }
    commands.push({ command, properties, data: unescape(line.slice(end + 2)), line: raw });
  }
  return commands;
}

/**
 * The secrets that appear in `text` anywhere but on an `::add-mask::` line (where announcing
 * them is the point). Empty secrets are ignored.
 * @param {string} text  usually stdout + stderr
 * @param {(string | undefined | null)[]} secrets
 * @returns {string[]}
 */
export function secretsLeaked(text, secrets) {
  const visible = text
    .split(/\r?\n/)
    .filter((line) => !line.trimStart().startsWith('::add-mask::'))
    .join('\n');
  return [...new Set(secrets)].filter(
    /** @returns {s is string} */ (s) => typeof s === 'string' && s !== '' && visible.includes(s),
  );
}
