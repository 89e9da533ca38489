import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 9407:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3640);

await (0,_main_js__WEBPACK_IMPORTED_MODULE_0__/* .run */ .eF)();
// Nothing may keep the runner waiting once the work is done (a stray keep-alive socket, a timer).
process.exit();

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 3640:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  eF: () => (/* binding */ run)
});

// UNUSED EXPORTS: coreLog, setOutputs

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
var external_node_crypto_default = /*#__PURE__*/__nccwpck_require__.n(external_node_crypto_);
;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
var external_node_fs_default = /*#__PURE__*/__nccwpck_require__.n(external_node_fs_namespaceObject);
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
var external_node_os_default = /*#__PURE__*/__nccwpck_require__.n(external_node_os_namespaceObject);
;// CONCATENATED MODULE: ./src/runner.ts
/**
 * The runner's command protocol: inputs from INPUT_* variables, outputs and state through the
 * GITHUB_OUTPUT / GITHUB_STATE files, log commands on stdout.
 *
 * Why not @actions/core here: its entry module statically imports its OIDC client, and with it
 * @actions/http-client, undici and @actions/exec, about a megabyte of code to parse before the first
 * request. The protocol itself is a few lines, and the action's start time is a second of every
 * user's runner. These functions follow @actions/core's encoding exactly.
 */



function escapeData(text) {
    return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function command(name, message) {
    process.stdout.write(`::${name}::${escapeData(message)}${(external_node_os_default()).EOL}`);
}
function fileCommand(file, key, value) {
    const path = process.env[`GITHUB_${file}`];
    if (!path)
        return false;
    const delimiter = `ghadelimiter_${external_node_crypto_default().randomUUID()}`;
    external_node_fs_default().appendFileSync(path, `${key}<<${delimiter}${(external_node_os_default()).EOL}${value}${(external_node_os_default()).EOL}${delimiter}${(external_node_os_default()).EOL}`, 'utf8');
    return true;
}
/** The input `name` (INPUT_<NAME>, spaces as underscores, hyphens kept), trimmed. */
function getInput(name, env = process.env) {
    return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}
/** Masks a secret in all later log output. */
function setSecret(secret) {
    command('add-mask', secret);
}
function info(message) {
    process.stdout.write(`${message}${(external_node_os_default()).EOL}`);
}
function debug(message) {
    command('debug', message);
}
function warning(message) {
    command('warning', message);
}
function error(message) {
    command('error', message);
}
/** Marks the step failed with one error line. */
function setFailed(message) {
    process.exitCode = 1;
    error(message);
}
/** Runs `fn` inside a collapsible log group. */
async function group(name, fn) {
    process.stdout.write(`::group::${escapeData(name)}${(external_node_os_default()).EOL}`);
    try {
        return await fn();
    }
    finally {
        process.stdout.write(`::endgroup::${(external_node_os_default()).EOL}`);
    }
}
function setOutput(name, value) {
    if (!fileCommand('OUTPUT', name, value)) {
        // Very old runners only: the deprecated stdout form.
        process.stdout.write(`${(external_node_os_default()).EOL}::set-output name=${name}::${escapeData(value)}${(external_node_os_default()).EOL}`);
    }
}
/** Saves a value for the post step (read back as STATE_<name>). */
function saveState(name, value) {
    fileCommand('STATE', name, value);
}
function getState(name, env = process.env) {
    return env[`STATE_${name}`] ?? '';
}
/** Appends Markdown to the job summary, when the runner provides one. */
function appendSummary(markdown, env = process.env) {
    const path = env['GITHUB_STEP_SUMMARY'];
    if (!path)
        return false;
    external_node_fs_default().appendFileSync(path, `${markdown}${(external_node_os_default()).EOL}`, 'utf8');
    return true;
}

;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
var external_node_path_default = /*#__PURE__*/__nccwpck_require__.n(external_node_path_namespaceObject);
;// CONCATENATED MODULE: ./src/clock.ts
/** The real clock. */
const systemClock = {
    now: () => Date.now(),
    sleep: (ms, signal) => new Promise((resolve, reject) => {
        if (signal?.aborted) {
            reject(signal.reason);
            return;
        }
        const onAbort = () => {
            clearTimeout(timer);
            reject(signal?.reason);
        };
        const timer = setTimeout(() => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
        }, Math.max(0, ms));
        signal?.addEventListener('abort', onAbort, { once: true });
    }),
    random: () => Math.random(),
};
/** One deadline shared by upload, trigger and wait, so retries never outlive `timeout`. */
class Deadline {
    clock;
    at;
    constructor(clock, 
    /** Epoch milliseconds at which the run gives up. */
    at) {
        this.clock = clock;
        this.at = at;
    }
    /** Milliseconds left, never negative. */
    remaining() {
        return Math.max(0, this.at - this.clock.now());
    }
    expired() {
        return this.remaining() <= 0;
    }
}

;// CONCATENATED MODULE: ./src/errors.ts
/**
 * Errors a user can meet. Each one renders as a single line: what failed, the provider's code and
 * message where there is one, and the fix. Anything that is not an ActionError is a bug and keeps
 * its stack trace in the debug log only.
 */
/** An expected failure with a one-line, user-facing message. */
class ActionError extends Error {
    /** What went wrong, without the fix. */
    reason;
    /** What the user can do about it, appended to the message as "Fix: ...". */
    fix;
    constructor(message, options = {}) {
        const reason = oneLine(message);
        const fix = options.fix === undefined ? undefined : oneLine(options.fix);
        super(fix ? `${ensurePeriod(reason)} Fix: ${ensurePeriod(fix)}` : reason, options.cause === undefined ? undefined : { cause: options.cause });
        this.name = 'ActionError';
        this.reason = reason;
        this.fix = fix;
    }
    /** The full line shown to the user. */
    toString() {
        return this.message;
    }
}
/** A bad input, found before any request is sent. The message always names the input. */
class InputError extends ActionError {
    input;
    constructor(input, problem, fix) {
        super(`Input '${input}' ${problem}`, fix === undefined ? {} : { fix });
        this.name = 'InputError';
        this.input = input;
    }
}
/** A failure reported by (or on the way to) a provider's API. */
class ProviderError extends ActionError {
    provider;
    /** What was being done: "trigger the build". */
    what;
    status;
    code;
    providerMessage;
    constructor(init) {
        const detail = [
            init.status === undefined ? undefined : `HTTP ${init.status}`,
            init.code,
            init.providerMessage === undefined ? undefined : `"${init.providerMessage}"`,
        ]
            .filter((part) => Boolean(part))
            .join(' ');
        const opts = {};
        if (init.fix !== undefined)
            opts.fix = init.fix;
        if (init.cause !== undefined)
            opts.cause = init.cause;
        super(`${init.provider}: ${init.what} failed${detail ? `: ${detail}` : ''}`, opts);
        this.name = 'ProviderError';
        this.provider = init.provider;
        this.what = init.what;
        this.status = init.status;
        this.code = init.code;
        this.providerMessage = init.providerMessage;
    }
}
/** Collapses a message to one line so it can never span (or start) a workflow command line. */
function oneLine(text) {
    return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
function ensurePeriod(text) {
    return /[.!?]$/.test(text) ? text : `${text}.`;
}
/** The user-facing line for any thrown value. */
function describeError(error) {
    if (error instanceof ActionError)
        return error.toString();
    if (error instanceof Error)
        return oneLine(error.message);
    return oneLine(String(error));
}

;// CONCATENATED MODULE: ./src/github-context.ts

/**
 * Reads the run context. On events about a pull request GITHUB_SHA is the merge commit (or the
 * base branch's head for pull_request_target), which nobody looks at; the head commit is what
 * the pull request shows checks for. Every event whose payload carries `pull_request` uses its
 * head sha, so no list of event names can fall behind GitHub's.
 */
function readRunContext(shaInput, env = process.env) {
    const [owner = '', repo = ''] = (env['GITHUB_REPOSITORY'] ?? '').split('/');
    const eventName = env['GITHUB_EVENT_NAME'] ?? '';
    let sha = shaInput;
    if (!sha)
        sha = pullRequestHead(env['GITHUB_EVENT_PATH']);
    if (!sha)
        sha = env['GITHUB_SHA'] ?? '';
    const server = (env['GITHUB_SERVER_URL'] ?? 'https://github.com').replace(/\/+$/, '');
    const runId = env['GITHUB_RUN_ID'] ?? '';
    return {
        owner,
        repo,
        eventName,
        sha,
        runUrl: owner && runId ? `${server}/${owner}/${repo}/actions/runs/${runId}` : '',
        apiUrl: (env['GITHUB_API_URL'] ?? 'https://api.github.com').replace(/\/+$/, ''),
    };
}
function pullRequestHead(eventPath) {
    if (!eventPath)
        return '';
    try {
        const payload = JSON.parse(external_node_fs_default().readFileSync(eventPath, 'utf8'));
        const head = payload.pull_request?.head?.sha;
        return typeof head === 'string' ? head : '';
    }
    catch {
        return '';
    }
}

;// CONCATENATED MODULE: ./src/providers/types.ts

/** The names users write in `provider:`. */
const PROVIDER_NAMES = [
    'jamdesk',
    'sitepaste',
    'justdeploy',
    'deskforge',
    'deployhub',
];
/** True for a state that will not change again. */
function isTerminal(state) {
    return state === 'success' || state === 'failure' || state === 'cancelled';
}
/**
 * Thrown by a GitHubReader when a 2xx from the GitHub API has a body that is not the documented
 * JSON (an HTML page from a proxy or a captive portal). A passing glitch: a poll that meets it
 * looks again at its next turn, as the HTTP layer does for provider polls.
 */
class UnexpectedGitHubBody extends ActionError {
    constructor(what) {
        super(`GitHub: ${what} answered with something that is not the API's JSON`, {
            fix: 'check GITHUB_API_URL and any proxy between the runner and GitHub',
        });
        this.name = 'UnexpectedGitHubBody';
    }
}
/** Thrown by `trigger` when the provider refuses because another build is running (JustDeploy 409). */
class BuildConflict extends Error {
    running;
    constructor(running, message) {
        super(message);
        this.running = running;
        this.name = 'BuildConflict';
    }
}
/** The contract's default: the token as `Authorization: Bearer`. */
function bearerCredentials(settings) {
    return { authorization: `Bearer ${settings.token}` };
}

;// CONCATENATED MODULE: ./src/engine/github.ts


/**
 * Octokit with the retry and throttling plugins, so GitHub's `retry-after` and
 * `x-ratelimit-reset` are honoured. Imported lazily: it costs about 100 ms to load, and a run with
 * `commit-status: false` never needs it.
 */
function octokitApi(token, owner, repo, apiUrl) {
    let client;
    const octokit = () => {
        client ??= (async () => {
            const [{ getOctokit }, { retry }, { throttling }] = await Promise.all([
                Promise.all(/* import() */[__nccwpck_require__.e(119), __nccwpck_require__.e(758)]).then(__nccwpck_require__.bind(__nccwpck_require__, 1758)),
                Promise.all(/* import() */[__nccwpck_require__.e(251), __nccwpck_require__.e(735)]).then(__nccwpck_require__.bind(__nccwpck_require__, 9735)),
                Promise.all(/* import() */[__nccwpck_require__.e(251), __nccwpck_require__.e(856)]).then(__nccwpck_require__.bind(__nccwpck_require__, 6856)),
            ]);
            return getOctokit(token, {
                baseUrl: apiUrl,
                request: { retries: 3 },
                throttle: {
                    onRateLimit: (_after, _opts, _o, retryCount) => retryCount < 2,
                    onSecondaryRateLimit: (_after, _opts, _o, retryCount) => retryCount < 1,
                },
            }, retry, throttling);
        })();
        return client;
    };
    /**
     * Octokit follows redirects, dropping the token when the host changes; an answer from another
     * host is not GitHub's, so it is refused instead of being read as one.
     */
    const fromApi = (url, what) => {
        let origin;
        try {
            origin = url ? new URL(url).origin : undefined;
        }
        catch {
            origin = undefined;
        }
        if (origin === undefined || origin === new URL(apiUrl).origin)
            return;
        throw new ActionError(`GitHub: ${what} was redirected to another host (${origin}); its answer was not used`, { fix: 'check GITHUB_API_URL and any proxy between the runner and GitHub' });
    };
    return {
        async createStatus({ sha, state, context, description, targetUrl }) {
            const api = await octokit();
            const { url } = await api.rest.repos.createCommitStatus({
                owner,
                repo,
                sha,
                state,
                context,
                description,
                ...(targetUrl ? { target_url: targetUrl } : {}),
            });
            fromApi(url, 'post the commit status');
        },
        async listStatuses(sha) {
            const api = await octokit();
            const { data, url } = await api.rest.repos.listCommitStatusesForRef({
                owner,
                repo,
                ref: sha,
                per_page: 100,
            });
            fromApi(url, `list the statuses of ${sha.slice(0, 7)}`);
            if (!Array.isArray(data))
                throw new UnexpectedGitHubBody(`list the statuses of ${sha.slice(0, 7)}`);
            return data.map((s) => ({
                context: s.context,
                state: s.state,
                description: s.description,
                targetUrl: s.target_url,
            }));
        },
        async resolveCommit(ref) {
            const api = await octokit();
            const { data, url } = await api.rest.repos.getCommit({ owner, repo, ref });
            fromApi(url, `read commit ${ref}`);
            if (typeof data?.sha !== 'string')
                throw new UnexpectedGitHubBody(`read commit ${ref}`);
            return data.sha;
        },
    };
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __nccwpck_require__(7067);
var external_node_http_default = /*#__PURE__*/__nccwpck_require__.n(external_node_http_);
;// CONCATENATED MODULE: external "node:https"
const external_node_https_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");
var external_node_https_default = /*#__PURE__*/__nccwpck_require__.n(external_node_https_namespaceObject);
;// CONCATENATED MODULE: ./src/text.ts
/**
 * Text that reaches the Actions log. The runner treats a stdout line that starts with `::` as a
 * workflow command, and also `##[command]` anywhere in a line, so every string that came from an
 * input, a file or a provider goes through here first.
 */
/**
 * Makes untrusted text safe to print on one log line: no line breaks, no `::` and no `##[` (a zero
 * width space splits both, so the text still reads the same), at most `maxLength` UTF-16 units,
 * cut between code points.
 */
function safeLine(text, maxLength = 500) {
    const flat = text
        .replace(/[\r\n\u2028\u2029\u0085]+/g, ' ')
        .replace(/::/g, ':\u200b:')
        .replace(/##\[/g, '#\u200b#[');
    return truncate(flat, maxLength);
}
/** `text` cut to at most `maxLength` UTF-16 units with a trailing `…`, never inside a code point. */
function truncate(text, maxLength) {
    if (text.length <= maxLength)
        return text;
    let out = '';
    for (const point of text) {
        if (out.length + point.length > maxLength - 1)
            break;
        out += point;
    }
    return `${out}…`;
}
/** Escapes text for a Markdown table cell in the job summary. */
function markdownCell(text) {
    return safeLine(text, 300)
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/\|/g, '\\|');
}
/** Removes query strings (presigned signatures, tokens) and credentials from a URL for display. */
function redactUrl(url) {
    try {
        const parsed = new URL(url);
        parsed.username = '';
        parsed.password = '';
        const hadQuery = parsed.search !== '';
        parsed.search = '';
        parsed.hash = '';
        return hadQuery ? `${parsed.toString()}?…` : parsed.toString();
    }
    catch {
        return url.split('?')[0] ?? '';
    }
}
/**
 * Replaces a URL's query (and each longer query value, raw and encoded) with `…`, for hosts that
 * echo a presigned URL's signature back in an error body.
 */
function queryScrubber(url) {
    if (url.search === '')
        return (text) => text;
    const secrets = new Set([url.href, `${url.pathname}${url.search}`, url.search]);
    for (const [, value] of url.searchParams) {
        if (value.length >= 6) {
            secrets.add(value);
            secrets.add(encodeURIComponent(value));
        }
    }
    const ordered = [...secrets].filter((s) => s.length > 1).sort((a, b) => b.length - a.length);
    return (text) => ordered.reduce((out, secret) => out.split(secret).join('…'), text);
}
/** Seconds as a short human string: 75 -> "1m 15s". */
function formatDuration(ms) {
    const total = Math.max(0, Math.round(ms / 1000));
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = total % 60;
    if (h > 0)
        return `${h}h ${m}m ${s}s`;
    if (m > 0)
        return `${m}m ${s}s`;
    return `${s}s`;
}
/** Parses `90`, `90s`, `15m`, `1h` (and `1h30m`) into milliseconds; undefined when malformed. */
function parseDuration(text) {
    const value = text.trim().toLowerCase();
    if (/^\d+$/.test(value))
        return Number(value) * 1000;
    const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(value);
    if (!match || value === '')
        return undefined;
    const [, h = '0', m = '0', s = '0'] = match;
    return ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000;
}

;// CONCATENATED MODULE: ./src/http/errors.ts

/**
 * A failed HTTP exchange with a provider. It is a ProviderError, so its message is already the
 * user-facing line; the extra fields are for retry logic and adapters (409 bodies, rate limits).
 */
class HttpError extends ProviderError {
    kind;
    /** Parsed JSON body of an error response, or its text (capped). */
    body;
    headers;
    /** Milliseconds the server asked us to wait (Retry-After), when it did. */
    retryAfterMs;
    /** True when a non-idempotent request may have been processed by the server. */
    ambiguous;
    constructor(init) {
        const fix = init.details?.fix ?? init.fix;
        super({
            provider: init.provider,
            what: init.what,
            ...(init.status === undefined ? {} : { status: init.status }),
            ...(init.details?.code === undefined ? {} : { code: init.details.code }),
            ...(init.details?.message === undefined ? {} : { providerMessage: init.details.message }),
            ...(fix === undefined ? {} : { fix }),
            ...(init.cause === undefined ? {} : { cause: init.cause }),
        });
        this.name = 'HttpError';
        this.kind = init.kind;
        this.body = init.body;
        this.headers = init.headers ?? {};
        this.retryAfterMs = init.retryAfterMs;
        this.ambiguous = init.ambiguous ?? false;
    }
    /** The same error with `scrub` applied to every text that came from the exchange. */
    redacted(scrub) {
        const body = typeof this.body === 'string'
            ? scrub(this.body)
            : this.body === undefined
                ? undefined
                : JSON.parse(scrub(JSON.stringify(this.body)));
        return new HttpError({
            provider: this.provider,
            what: this.what,
            kind: this.kind,
            ...(this.status === undefined ? {} : { status: this.status }),
            details: {
                ...(this.code === undefined ? {} : { code: scrub(this.code) }),
                ...(this.providerMessage === undefined ? {} : { message: scrub(this.providerMessage) }),
                ...(this.fix === undefined ? {} : { fix: scrub(this.fix) }),
            },
            body,
            headers: this.headers,
            ...(this.retryAfterMs === undefined ? {} : { retryAfterMs: this.retryAfterMs }),
            ambiguous: this.ambiguous,
            ...(this.cause === undefined ? {} : { cause: this.cause }),
        });
    }
}

// EXTERNAL MODULE: external "node:tls"
var external_node_tls_ = __nccwpck_require__(1692);
var external_node_tls_default = /*#__PURE__*/__nccwpck_require__.n(external_node_tls_);
;// CONCATENATED MODULE: ./src/http/proxy.ts



/**
 * HTTPS_PROXY / HTTP_PROXY / NO_PROXY, read the way curl and the runner's own tools read them, so
 * self-hosted runners behind a proxy reach the API, upload and download hosts alike.
 */
function proxyFor(target, env = process.env) {
    const raw = target.protocol === 'https:'
        ? (env['https_proxy'] ?? env['HTTPS_PROXY'])
        : (env['http_proxy'] ?? env['HTTP_PROXY']);
    if (!raw || bypassed(target, env['no_proxy'] ?? env['NO_PROXY'] ?? ''))
        return undefined;
    try {
        return new URL(raw.includes('://') ? raw : `http://${raw}`);
    }
    catch {
        return undefined;
    }
}
function bypassed(target, noProxy) {
    const host = target.hostname.toLowerCase().replace(/^\[|\]$/g, '');
    const port = target.port || (target.protocol === 'https:' ? '443' : '80');
    return noProxy
        .split(/[,\s]+/)
        .map((entry) => entry.trim().toLowerCase())
        .filter(Boolean)
        .some((entry) => {
        if (entry === '*')
            return true;
        const [name = '', entryPort] = entry.replace(/^\[|\]$/g, '').split(/:(?=\d+$)/);
        if (entryPort && entryPort !== port)
            return false;
        const bare = name.replace(/^\*?\./, '');
        return host === bare || host.endsWith(`.${bare}`);
    });
}
function proxyAuthorization(proxy) {
    if (!proxy.username)
        return {};
    const user = decodeURIComponent(proxy.username);
    const pass = decodeURIComponent(proxy.password);
    return { 'proxy-authorization': `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}` };
}
/**
 * An https agent that opens each connection through an HTTP CONNECT tunnel. The TLS session is
 * end to end with the target, so the proxy never sees request headers or credentials.
 */
class TunnelAgent extends (external_node_https_default()).Agent {
    proxy;
    constructor(proxy) {
        super({ keepAlive: false });
        this.proxy = proxy;
    }
    createConnection(requestOptions, callback) {
        const options = requestOptions;
        const done = (error, socket) => callback?.(error, socket);
        const transport = this.proxy.protocol === 'https:' ? (external_node_https_default()) : (external_node_http_default());
        const authority = `${options.host ?? 'localhost'}:${options.port ?? 443}`;
        const connect = transport.request({
            host: this.proxy.hostname,
            port: this.proxy.port || (this.proxy.protocol === 'https:' ? 443 : 80),
            method: 'CONNECT',
            path: authority,
            headers: { host: authority, ...proxyAuthorization(this.proxy) },
            agent: false,
        });
        connect.once('connect', (res, socket) => {
            if (res.statusCode !== 200) {
                socket.destroy();
                done(new Error(`proxy ${this.proxy.host} refused CONNECT (HTTP ${res.statusCode})`));
                return;
            }
            const secure = external_node_tls_default().connect({
                ...options,
                socket,
                servername: options.servername ?? options.host,
            });
            done(null, secure);
        });
        connect.once('error', (error) => done(error));
        connect.end();
        return undefined;
    }
}
/** Request options that route `target` through the configured proxy, if any. */
function routeThroughProxy(target, env = process.env) {
    const proxy = proxyFor(target, env);
    if (!proxy)
        return {};
    if (target.protocol === 'https:')
        return { agent: new TunnelAgent(proxy) };
    // Plain http goes to the proxy in absolute form; only loopback targets are plain http here.
    return {
        hostname: proxy.hostname,
        port: proxy.port || '80',
        path: target.href,
        headers: proxyAuthorization(proxy),
    };
}

;// CONCATENATED MODULE: ./src/http/retry.ts
/**
 * The single retry table. Reads retry on anything transient; a trigger (non-idempotent POST) is
 * retried only when the request provably never reached the server, or the caller says the
 * provider documents retrying as safe. Everything else fails at once with the provider's words.
 */
/**
 * Statuses that are transient for idempotent requests. Every other status is final (400, 401,
 * 403 without rate-limit headers, 404, 409, 422, ...): retrying cannot change the answer.
 */
const TRANSIENT_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
/** Connection errors that happen before a single byte of the request is accepted. */
const UNSENT_ERROR_CODES = new Set([
    'ECONNREFUSED',
    'ENOTFOUND',
    'EAI_AGAIN',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'CONNECT_TIMEOUT',
]);
/**
 * A 403 that carries rate-limit headers is a rate limit (GitHub and some gateways answer that way),
 * not a permission problem.
 */
function isRateLimited(status, headers) {
    if (status === 429)
        return true;
    if (status !== 403)
        return false;
    return (header(headers, 'retry-after') !== undefined || header(headers, 'x-ratelimit-remaining') === '0');
}
/**
 * Parses Retry-After in either form (delta seconds or an HTTP date) into milliseconds from `now`.
 */
function parseRetryAfter(value, now) {
    if (value === undefined)
        return undefined;
    const trimmed = value.trim();
    if (/^\d+$/.test(trimmed))
        return Number(trimmed) * 1000;
    const at = Date.parse(trimmed);
    if (Number.isNaN(at))
        return undefined;
    return Math.max(0, at - now);
}
/** Reads X-RateLimit-Reset (epoch seconds) as a delay, for APIs that give no Retry-After. */
function parseRateLimitReset(value, now) {
    if (value === undefined || !/^\d+$/.test(value.trim()))
        return undefined;
    return Math.max(0, Number(value.trim()) * 1000 - now);
}
/** Capped exponential backoff with full jitter: uniform in [0, min(cap, base * 2^attempt)]. */
function backoffDelay(attempt, random, baseMs = 1000, capMs = 30_000) {
    const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
    return Math.floor(random() * ceiling);
}
/** First value of a (lower-cased) header. */
function header(headers, name) {
    const value = headers[name.toLowerCase()];
    return Array.isArray(value) ? value[0] : value;
}

;// CONCATENATED MODULE: ./src/http/client.ts







const DEFAULT_TIMEOUTS = { connectMs: 10_000, idleMs: 30_000, attemptMs: 60_000 };
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;
const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);
/**
 * Encodes every interpolated value as one path segment: `../../admin` stays a single segment.
 * `encodeURIComponent` leaves `.` and `..` as they are, and URL resolution would then drop or
 * climb a segment (`/projects/../builds` is `/builds`), so those and the empty value are refused.
 * Inputs are checked earlier (readSettings); this guards ids that come from providers.
 */
function encodePath(strings, ...values) {
    return strings.reduce((path, part, i) => {
        if (i >= values.length)
            return path + part;
        const value = String(values[i]);
        if (value === '' || value === '.' || value === '..') {
            throw new ActionError(`Refused to build a request path with ${value === '' ? 'an empty' : `a '${value}'`} segment after '${path + part}'`, { fix: 'check the project, organization and build ids' });
        }
        return path + part + encodeURIComponent(value);
    }, '');
}
function sameOrigin(a, b) {
    return a.protocol === b.protocol && a.host === b.host;
}
/** Pulls the code and message out of the error shapes the five APIs use. */
function commonErrorDetails(body) {
    if (typeof body === 'string') {
        const text = body.trim();
        return text && !text.startsWith('<') && text.length <= 200 ? { message: text } : {};
    }
    if (!body || typeof body !== 'object')
        return {};
    const record = body;
    const error = record['error'];
    const message = typeof record['message'] === 'string' ? record['message'] : undefined;
    if (error && typeof error === 'object') {
        const inner = error;
        return {
            ...(typeof inner['code'] === 'string' ? { code: inner['code'] } : {}),
            ...(typeof inner['message'] === 'string' ? { message: inner['message'] } : {}),
        };
    }
    if (typeof error === 'string') {
        return message ? { code: error, message } : { message: error };
    }
    return message ? { message } : {};
}
/**
 * The one HTTP layer every provider call goes through. It attaches credentials per request and
 * only for the API's origin, follows redirects itself (never https -> http, never to another
 * origin with credentials), bounds every attempt in time, retries by the table in retry.ts within
 * the shared deadline, caps response bodies, and opens no keep-alive sockets so the process exits
 * as soon as the work is done.
 */
class HttpClient {
    options;
    base;
    timeouts;
    constructor(options) {
        this.options = options;
        this.base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
        this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    }
    /** The deadline shared with the engine. */
    get deadline() {
        return this.options.deadline;
    }
    /** Resolves a spec's target URL. */
    resolve(spec) {
        const url = spec.url
            ? new URL(spec.url)
            : new URL((spec.path ?? '').replace(/^\//, ''), this.base);
        for (const [key, value] of Object.entries(spec.query ?? {})) {
            if (value !== undefined)
                url.searchParams.set(key, String(value));
        }
        return url;
    }
    /** GET and parse JSON. */
    async getJson(path, what, extra = {}) {
        return (await this.request({ method: 'GET', path, what, ...extra })).body;
    }
    /** Sends a request, retrying per the table, and returns the parsed response. */
    async request(spec) {
        const maxAttempts = spec.maxAttempts ?? this.options.maxAttempts ?? 6;
        const { clock, deadline, signal } = this.options;
        for (let attempt = 0;; attempt += 1) {
            this.checkAlive(spec);
            try {
                return await this.send(spec);
            }
            catch (error) {
                if (!(error instanceof HttpError))
                    throw error;
                const reason = this.retryReason(error, spec, attempt, maxAttempts);
                if (reason === undefined)
                    throw error;
                const planned = error.retryAfterMs ??
                    backoffDelay(attempt, () => clock.random(), this.options.backoff?.baseMs, this.options.backoff?.capMs);
                if (error.retryAfterMs !== undefined && error.retryAfterMs > deadline.remaining()) {
                    // Waiting out the server's Retry-After would overrun `timeout`: say so now, not later.
                    throw error;
                }
                const delayMs = Math.min(planned, deadline.remaining());
                this.options.onRetry?.({
                    what: spec.what,
                    attempt: attempt + 2,
                    maxAttempts,
                    delayMs,
                    reason,
                });
                await clock.sleep(delayMs, signal).catch(() => undefined);
            }
        }
    }
    checkAlive(spec) {
        if (this.options.signal?.aborted) {
            throw this.failure(spec, 'deadline', { code: 'cancelled' });
        }
        if (this.options.deadline.expired()) {
            throw this.failure(spec, 'deadline', { code: 'timeout reached before an answer' });
        }
    }
    /** Why a failed attempt may be retried, or undefined when it must not be. */
    retryReason(error, spec, attempt, maxAttempts) {
        if (attempt + 1 >= maxAttempts || this.options.deadline.expired())
            return undefined;
        const idempotent = IDEMPOTENT.has(spec.method);
        const label = error.status === undefined ? (error.code ?? error.kind) : `HTTP ${error.status}`;
        switch (error.kind) {
            case 'unsent':
                return label;
            case 'status': {
                const status = error.status ?? 0;
                // A rate-limited request was refused, not processed: safe to repeat even for a trigger.
                if (isRateLimited(status, error.headers))
                    return label;
                if (TRANSIENT_STATUSES.has(status) && idempotent)
                    return label;
                return spec.retrySafe?.(error) ? label : undefined;
            }
            case 'network':
                return idempotent || spec.retrySafe?.(error) ? label : undefined;
            case 'body':
                return idempotent && spec.polling ? 'unexpected response body' : undefined;
            default:
                return undefined;
        }
    }
    /**
     * One attempt, following redirects. Whatever fails, the error never carries the query string of
     * any URL on the way (presigned signatures), even where a host echoes it back.
     */
    async send(spec) {
        const visited = [];
        try {
            return await this.follow(spec, visited);
        }
        catch (error) {
            if (!(error instanceof HttpError))
                throw error;
            return Promise.reject(visited.reduce((redacted, url) => redacted.redacted(queryScrubber(url)), error));
        }
    }
    async follow(spec, visited) {
        let url = this.resolve(spec);
        let method = spec.method;
        let withBody = true;
        for (let hop = 0;; hop += 1) {
            visited.push(url);
            const trusted = !spec.anonymous && sameOrigin(url, this.base);
            const res = await this.exchange(spec, url, method, trusted, withBody);
            const location = res.headers.location;
            if (!REDIRECTS.has(res.statusCode ?? 0) || !location) {
                return await this.finish(spec, url, res);
            }
            res.resume();
            if (hop >= MAX_REDIRECTS) {
                throw this.failure(spec, 'redirect', { code: `more than ${MAX_REDIRECTS} redirects` });
            }
            const next = new URL(location, url);
            if (url.protocol === 'https:' && next.protocol !== 'https:') {
                throw this.failure(spec, 'redirect', {
                    code: `refused a redirect from https to ${next.protocol.replace(':', '')} (${next.host})`,
                }, 'check api-url; the action never downgrades to plain http');
            }
            const nextTrusted = !spec.anonymous && sameOrigin(next, this.base);
            if (!nextTrusted && trusted && !spec.followForeignRedirects) {
                throw this.failure(spec, 'redirect', { code: `the API redirected to another host (${next.origin})` }, `credentials are only sent to ${this.base.origin}; set api-url to the API's own address`);
            }
            if (res.statusCode === 303 || ((res.statusCode ?? 0) <= 302 && method === 'POST')) {
                method = 'GET';
                withBody = false;
            }
            url = next;
        }
    }
    /** Opens one HTTP exchange and resolves with the response head. */
    exchange(spec, url, method, trusted, withBody) {
        const headers = {
            'user-agent': this.options.userAgent ?? 'trigger-build-action',
            ...(spec.responseType === undefined || spec.responseType === 'json'
                ? { accept: 'application/json' }
                : {}),
            // Credentials are attached here, per request, and only for the API's own origin.
            ...(trusted ? this.options.credentials : {}),
            ...spec.headers,
        };
        let payload;
        if (withBody && spec.json !== undefined) {
            payload = Buffer.from(JSON.stringify(spec.json));
            headers['content-type'] = 'application/json';
        }
        if (withBody && spec.body) {
            headers['content-type'] = spec.body.contentType;
            headers['content-length'] = String(spec.body.length);
        }
        else if (payload) {
            headers['content-length'] = String(payload.length);
        }
        else if (method === 'POST' || method === 'PUT' || method === 'PATCH') {
            headers['content-length'] = '0';
        }
        const route = routeThroughProxy(url, this.options.env);
        const transport = url.protocol === 'https:' ? (external_node_https_default()) : (external_node_http_default());
        const { connectMs, idleMs, attemptMs } = this.timeouts;
        const remaining = this.options.deadline.remaining();
        const attemptLimit = spec.body || spec.responseType === 'stream' ? remaining : Math.min(attemptMs, remaining);
        return new Promise((resolve, reject) => {
            let connected = false;
            let settled = false;
            let response;
            const req = transport.request({
                protocol: url.protocol,
                hostname: route.hostname ?? url.hostname.replace(/^\[|\]$/g, ''),
                port: route.port ?? url.port,
                path: route.path ?? `${url.pathname}${url.search}`,
                method,
                headers: { ...headers, ...route.headers, host: url.host },
                agent: route.agent ?? false,
            });
            const fail = (kind, code, cause) => {
                if (settled) {
                    // The head arrived but the body stalled: break it so its reader fails instead of hanging.
                    if (response && !response.complete)
                        response.destroy(new Error(code));
                    return;
                }
                settled = true;
                cleanup();
                req.destroy();
                const nonIdempotent = !IDEMPOTENT.has(spec.method);
                reject(this.failure(spec, kind, { code }, undefined, {
                    ambiguous: kind === 'network' && nonIdempotent,
                    cause,
                }));
            };
            const connectTimer = setTimeout(() => fail('unsent', `could not connect to ${url.host} within ${formatDuration(connectMs)}`), Math.min(connectMs, Math.max(1, remaining)));
            const attemptTimer = setTimeout(() => attemptLimit < attemptMs && attemptLimit === remaining
                ? fail('deadline', 'timeout reached while waiting for an answer')
                : fail('network', `no answer within ${formatDuration(attemptLimit)}`), Math.max(1, attemptLimit));
            const onAbort = () => fail('deadline', 'cancelled');
            this.options.signal?.addEventListener('abort', onAbort, { once: true });
            const cleanup = () => {
                clearTimeout(connectTimer);
                clearTimeout(attemptTimer);
                this.options.signal?.removeEventListener('abort', onAbort);
            };
            req.setTimeout(idleMs, () => fail('network', `connection idle for ${formatDuration(idleMs)}`));
            req.on('socket', (socket) => {
                const markConnected = () => {
                    connected = true;
                    clearTimeout(connectTimer);
                };
                if (!socket.connecting)
                    markConnected();
                else
                    socket.once('connect', markConnected);
            });
            req.on('error', (error) => {
                const code = error.code ?? error.message;
                if (!connected || UNSENT_ERROR_CODES.has(code)) {
                    fail('unsent', describeNetworkCode(code, url), error);
                }
                else {
                    fail('network', describeNetworkCode(code, url), error);
                }
            });
            req.on('response', (res) => {
                if (settled) {
                    res.resume();
                    return;
                }
                settled = true;
                response = res;
                clearTimeout(connectTimer);
                // Streaming bodies are bounded by the idle timeout and the deadline, not the attempt cap.
                if (spec.responseType === 'stream' && (res.statusCode ?? 0) < 300) {
                    clearTimeout(attemptTimer);
                    this.options.signal?.removeEventListener('abort', onAbort);
                }
                else {
                    res.once('end', cleanup);
                    res.once('close', cleanup);
                }
                resolve(res);
            });
            if (withBody && spec.body) {
                const stream = spec.body.open();
                stream.once('error', (error) => fail('unsent', `could not read the upload: ${error.message}`, error));
                stream.pipe(req);
            }
            else {
                req.end(payload);
            }
        });
    }
    /** Turns a final (non-redirect) response into a result or an HttpError. */
    async finish(spec, url, res) {
        const status = res.statusCode ?? 0;
        const ok = (status >= 200 && status < 300) || (spec.acceptStatuses ?? []).includes(status);
        if (ok && spec.responseType === 'stream') {
            return { status, headers: res.headers, body: res, url: url.href };
        }
        const text = await this.readCapped(spec, res);
        if (ok) {
            if (spec.responseType === 'none')
                return { status, headers: res.headers, body: undefined, url: url.href };
            if (spec.responseType === 'text')
                return { status, headers: res.headers, body: text, url: url.href };
            if (text.trim() === '')
                return { status, headers: res.headers, body: undefined, url: url.href };
            try {
                return { status, headers: res.headers, body: JSON.parse(text), url: url.href };
            }
            catch {
                const type = header(res.headers, 'content-type') ?? 'no content type';
                throw this.failure(spec, 'body', { code: `HTTP ${status} with a body that is not JSON (${type.split(';')[0]})` }, 'check api-url points at the API itself, not a web page or a proxy login');
            }
        }
        let body = text;
        try {
            body = text ? JSON.parse(text) : undefined;
        }
        catch {
            body = text.slice(0, 500);
        }
        const details = { ...commonErrorDetails(body), ...this.options.describe?.(status, body) };
        const now = this.options.clock.now();
        const rateLimited = isRateLimited(status, res.headers);
        const retryAfterMs = rateLimited
            ? (parseRetryAfter(header(res.headers, 'retry-after'), now) ??
                parseRateLimitReset(header(res.headers, 'x-ratelimit-reset'), now))
            : parseRetryAfter(header(res.headers, 'retry-after'), now);
        // A rate limit with a stated wait always names it, ahead of any generic provider advice
        // ("back off and retry"): it is what the user needs when the wait outlasts `timeout`.
        const fix = rateLimited && retryAfterMs !== undefined
            ? [defaultFix(429, retryAfterMs), details.fix].filter(Boolean).join('; ')
            : (details.fix ?? defaultFix(status, retryAfterMs));
        return Promise.reject(new HttpError({
            provider: this.options.provider,
            what: spec.what,
            kind: 'status',
            status,
            details: { ...details, ...(fix ? { fix } : {}) },
            body,
            headers: res.headers,
            ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
            ambiguous: !IDEMPOTENT.has(spec.method) && status >= 500,
        }));
    }
    readCapped(spec, res) {
        const cap = this.options.maxBodyBytes ?? 4 * 1024 * 1024;
        return new Promise((resolve, reject) => {
            const chunks = [];
            let size = 0;
            res.on('data', (chunk) => {
                size += chunk.length;
                if (size > cap) {
                    reject(this.failure(spec, 'body', { code: `response body larger than ${cap} bytes` }));
                    res.destroy();
                    return;
                }
                chunks.push(chunk);
            });
            res.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
            res.once('error', (error) => reject(this.failure(spec, 'network', { code: error.message }, undefined, {
                ambiguous: !IDEMPOTENT.has(spec.method),
            })));
            res.once('aborted', () => reject(this.failure(spec, 'network', { code: 'response cut off' }, undefined, {
                ambiguous: !IDEMPOTENT.has(spec.method),
            })));
        });
    }
    failure(spec, kind, details, fix, extra = {}) {
        return new HttpError({
            provider: this.options.provider,
            what: spec.what,
            kind,
            details,
            ...(fix === undefined ? {} : { fix }),
            ...(extra.ambiguous === undefined ? {} : { ambiguous: extra.ambiguous }),
            ...(extra.cause === undefined ? {} : { cause: extra.cause }),
        });
    }
}
function describeNetworkCode(code, url) {
    switch (code) {
        case 'ECONNREFUSED':
            return `connection refused by ${url.host}`;
        case 'ENOTFOUND':
        case 'EAI_AGAIN':
            return `cannot resolve ${url.hostname}`;
        case 'ECONNRESET':
            return `connection reset by ${url.host}`;
        case 'EPIPE':
            return `connection closed by ${url.host} while sending`;
        default:
            return `${code} (${url.host})`;
    }
}
function defaultFix(status, retryAfterMs) {
    switch (status) {
        case 401:
            return 'check the token input (a repository secret) is current';
        case 403:
            return 'check the token has access to this project';
        case 404:
            return 'check the project input and api-url';
        case 429:
            return retryAfterMs === undefined
                ? 'wait before triggering again'
                : `the API asks to wait ${formatDuration(retryAfterMs)}; retry after that or raise timeout`;
        default:
            return status >= 500 ? 'the provider had a server error; retry later' : undefined;
    }
}

;// CONCATENATED MODULE: ./src/engine/reporters/types.ts
/** The status code of a GitHub API error (Octokit's RequestError), if any. */
function httpStatus(error) {
    const status = error?.status;
    return typeof status === 'number' ? status : undefined;
}

;// CONCATENATED MODULE: ./src/engine/reporters/commit-status.ts



/** The state key the post step reads to finish a status the main step could not. */
const STATUS_STATE_KEY = 'commit-status';
/** GitHub's limit on a status description. */
const MAX_DESCRIPTION = 140;
/**
 * Shortens a description to GitHub's 140 characters, on one line, cut between code points (a lone
 * surrogate half is not valid text). Counted in UTF-16 units, which is never fewer than GitHub's
 * count, so the limit holds either way.
 */
function statusDescription(text) {
    return truncate(safeLine(text, 1000), MAX_DESCRIPTION);
}
/** Only http(s) links are useful (and accepted) as a status target. */
function statusTargetUrl(...candidates) {
    return candidates.find((url) => url !== undefined && /^https?:\/\//i.test(url));
}
/** "Deskforge build b-1", or "Deskforge build" when the provider gives no id. */
function buildName(outcome) {
    return outcome.build?.id
        ? `${outcome.providerTitle} build ${outcome.build.id}`
        : `${outcome.providerTitle} build`;
}
/**
 * The GitHub state for a finished run: `failure` is the build's verdict; anything the action
 * could not see through (its own failure, a timeout, a cancellation) is `error`.
 */
function finalState(outcome) {
    if (outcome.actionFailed)
        return 'error';
    if (outcome.status === 'success')
        return 'success';
    if (outcome.status === 'failure')
        return 'failure';
    return 'error';
}
/** One line for a finished run: "… succeeded in 1m 5s", or the outcome's explanation. */
function finalDescription(outcome) {
    const name = buildName(outcome);
    return outcome.status === 'success'
        ? `${name} succeeded in ${formatDuration(outcome.durationMs)}`
        : (outcome.message ?? `${name}: ${outcome.status}`);
}
/**
 * Posts the commit status lifecycle: pending once, then one final state. It saves its progress
 * for the post step before each post, so a cancelled or killed run never leaves `pending` behind.
 * A 403/404 from GitHub (fork pull requests, a token without `statuses: write`) is a warning, not a
 * failed step: the build result matters more than the badge.
 */
class CommitStatusReporter {
    options;
    name = 'commit status';
    lastState;
    disabled = false;
    constructor(options) {
        this.options = options;
        if (options.api && !options.sha) {
            options.log.warning('Commit status skipped: no commit sha (set the sha input).');
            this.disabled = true;
        }
    }
    /** True once a pending status is out there and no final one followed. */
    get pending() {
        return this.lastState === 'pending';
    }
    async triggered({ providerTitle, build, waiting, link }) {
        // Without waiting nothing would ever finish a pending status, so none is posted.
        if (!waiting)
            return;
        await this.update('pending', `${buildName({ providerTitle, build })} ${build.state}`, link);
    }
    async finished({ outcome, link, local }) {
        if (local || outcome.status === 'queued' || outcome.status === 'building')
            return;
        // Before anything was triggered there is no pending status to close, but the failure still
        // belongs on the commit so a required check explains itself.
        await this.update(finalState(outcome), finalDescription(outcome), link);
    }
    async cancelled(event) {
        await this.finished(event);
    }
    /** Posts `state` unless it is the state already posted. */
    async update(state, description, targetUrl) {
        const { api } = this.options;
        if (!api || this.disabled || state === this.lastState)
            return;
        const text = statusDescription(description);
        const saved = {
            owner: this.options.owner,
            repo: this.options.repo,
            apiUrl: this.options.apiUrl,
            sha: this.options.sha,
            context: this.options.context,
            ...(targetUrl ? { targetUrl } : {}),
            phase: state === 'pending' ? 'pending' : 'finishing',
            ...(state === 'pending' ? {} : { final: { state, description: text } }),
        };
        this.options.saveState(STATUS_STATE_KEY, JSON.stringify(saved));
        try {
            await api.createStatus({
                sha: this.options.sha,
                state,
                context: this.options.context,
                description: text,
                ...(targetUrl ? { targetUrl } : {}),
            });
            this.lastState = state;
            this.options.log.info(`Commit status ${this.options.context}: ${state} on ${this.options.sha.slice(0, 7)}`);
            if (state !== 'pending') {
                this.options.saveState(STATUS_STATE_KEY, JSON.stringify({ ...saved, phase: 'done' }));
            }
        }
        catch (error) {
            const status = httpStatus(error);
            if (status === 403 || status === 404) {
                this.disabled = true;
                this.options.saveState(STATUS_STATE_KEY, JSON.stringify({ ...saved, phase: 'done' }));
                this.options.log.warning(`Could not post the commit status (GitHub answered ${status}). Fork pull requests get a read-only token; otherwise grant the job "permissions: statuses: write". The build itself is unaffected.`);
                return;
            }
            this.options.log.warning(`Could not post the commit status: ${describeError(error)}`);
        }
    }
}
/**
 * The post step's half: if the main step was cancelled or killed after posting `pending`, finish
 * the status (with the final state it was about to post, else `error`) so no commit stays pending.
 */
const commitStatusCloser = {
    stateKey: STATUS_STATE_KEY,
    async close(raw, { github, log }) {
        let saved;
        try {
            saved = JSON.parse(raw);
        }
        catch {
            log.warning('Post step: the saved commit status state is unreadable; nothing to finish.');
            return;
        }
        if (saved.phase === 'done' || !github)
            return;
        const final = saved.phase === 'finishing' && saved.final
            ? saved.final
            : {
                state: 'error',
                description: statusDescription('Cancelled: the workflow stopped before the build finished'),
            };
        try {
            await github(saved.owner, saved.repo, saved.apiUrl).createStatus({
                sha: saved.sha,
                state: final.state,
                context: saved.context,
                description: final.description,
                ...(saved.targetUrl ? { targetUrl: saved.targetUrl } : {}),
            });
            log.info(`Commit status ${saved.context}: ${final.state} on ${saved.sha.slice(0, 7)} (the main step did not finish it).`);
        }
        catch (error) {
            log.warning(`Post step could not finish the commit status: ${describeError(error)}`);
        }
    },
};

;// CONCATENATED MODULE: ./src/engine/reporters/summary.ts


/** The job summary: one table per run. */
function summaryMarkdown(outcome, project) {
    const { build } = outcome;
    const icon = outcome.status === 'success'
        ? '✅'
        : outcome.status === 'queued' || outcome.status === 'building'
            ? '⏳'
            : '❌';
    const link = (label, url) => url ? `[${markdownCell(label)}](${encodeURI(redactUrl(url))})` : undefined;
    const rows = [
        ['Provider', markdownCell(outcome.providerTitle)],
        ['Project', project ? `\`${markdownCell(project)}\`` : undefined],
        ['Build', build?.id ? `\`${markdownCell(build.id)}\`` : undefined],
        [
            'Status',
            `${icon} ${outcome.status}${build?.providerStatus ? ` (${markdownCell(build.providerStatus)})` : ''}`,
        ],
        ['Duration', formatDuration(outcome.durationMs)],
        ['Deploy URL', link(build?.deployUrl ?? '', build?.deployUrl)],
        ['Build log', link('log', build?.logUrl)],
        ['Artifact', link('artifact', build?.artifactUrl)],
        ['Docker image', build?.dockerImage ? `\`${markdownCell(build.dockerImage)}\`` : undefined],
        ['Details', outcome.message ? markdownCell(outcome.message) : undefined],
        ...(build?.notes ?? []).map((note) => ['Note', markdownCell(note)]),
    ];
    const body = rows
        .filter((row) => row[1] !== undefined && row[1] !== '')
        .map(([key, value]) => `| ${key} | ${value} |`)
        .join('\n');
    return `### ${icon} ${markdownCell(outcome.providerTitle)} build\n\n| | |\n|---|---|\n${body}\n`;
}
/**
 * The job summary: one table when the run ends, whatever the ending (a bad input included: it
 * reaches no API, but the summary is local and explains the run).
 */
class SummaryReporter {
    options;
    name = 'job summary';
    constructor(options) {
        this.options = options;
    }
    async finished({ outcome }) {
        try {
            this.options.write(summaryMarkdown(outcome, this.options.project));
        }
        catch (error) {
            this.options.log.warning(`Could not write the job summary: ${describeError(error)}`);
        }
    }
    async cancelled(event) {
        await this.finished(event);
    }
}

;// CONCATENATED MODULE: ./src/engine/reporters/index.ts



/** The reporters a run's settings ask for. A new way to report is one file and one line here. */
function createReporters(deps) {
    const { settings, run, log } = deps;
    const reporters = [
        new CommitStatusReporter({
            api: settings.commitStatus ? deps.github : undefined,
            owner: run.owner,
            repo: run.repo,
            apiUrl: run.apiUrl,
            sha: run.sha,
            context: settings.statusContext,
            log,
            saveState: deps.saveState,
        }),
    ];
    if (deps.writeSummary) {
        reporters.push(new SummaryReporter({ project: settings.project, write: deps.writeSummary, log }));
    }
    return reporters;
}
/** What the post step runs, one closer per reporter that can leave something open. */
const postClosers = [commitStatusCloser];
/**
 * Announces a build's lifecycle to every reporter. Reporters hear each event at the same time (a
 * status, a deployment and a comment are independent GitHub calls), and each call is guarded: a
 * reporter that throws is named in one warning and the rest of the run goes on.
 */
class Lifecycle {
    reporters;
    log;
    closed = false;
    constructor(reporters, log) {
        this.reporters = reporters;
        this.log = log;
    }
    triggered(event) {
        return this.announce((r) => r.triggered?.(event));
    }
    changed(event) {
        return this.announce((r) => r.changed?.(event));
    }
    /** The run's one ending; later endings are ignored. */
    finished(event) {
        if (this.closed)
            return Promise.resolve();
        this.closed = true;
        return this.announce((r) => r.finished?.(event));
    }
    /** The workflow run was cancelled: the run's one ending, announced as such. */
    cancelled(event) {
        if (this.closed)
            return Promise.resolve();
        this.closed = true;
        return this.announce((r) => (r.cancelled ?? r.finished)?.call(r, event));
    }
    async announce(call) {
        await Promise.all(this.reporters.map(async (reporter) => {
            try {
                await call(reporter);
            }
            catch (error) {
                this.log.warning(`Could not update the ${reporter.name}: ${describeError(error)}`);
            }
        }));
    }
}

;// CONCATENATED MODULE: ./src/engine/schedule.ts
/** The brisk interval used near the expected end. */
function briskInterval(plan) {
    return Math.max(plan.minMs, Math.min(1000, plan.baseMs / 5));
}
/** Milliseconds to wait before the next poll, given the time since the trigger. */
function nextPollDelay(plan, elapsedMs) {
    const brisk = briskInterval(plan);
    const sparseCap = Math.max(plan.baseMs * 6, 30_000);
    const expected = plan.expectedMs;
    let delay;
    if (expected === undefined || expected <= 0) {
        // Unknown duration: start brisk, grow with the time already spent, never beyond the base.
        delay = clamp(elapsedMs / 4, brisk, plan.baseMs);
    }
    else {
        const windowStart = expected - 2 * brisk;
        if (elapsedMs < windowStart) {
            // Sparse phase: reach the window in equal steps no longer than the sparse cap, which is what
            // bounds how late an early failure is seen. A stop one base interval short of the window
            // would add a request without tightening that bound (measured: DeployHub, 20 s builds, 5
            // status reads against fixed 5 s polling's 4; now 4).
            const toWindow = windowStart - elapsedMs;
            delay = toWindow / Math.ceil(toWindow / sparseCap);
        }
        else if (elapsedMs < expected + 3 * brisk) {
            delay = brisk;
        }
        else {
            // Running longer than usual: back off again towards the base interval.
            delay = clamp((elapsedMs - expected) / 2, brisk, plan.baseMs);
        }
    }
    return Math.max(plan.minMs, Math.round(delay));
}
function clamp(value, low, high) {
    return Math.min(Math.max(value, low), Math.max(low, high));
}

;// CONCATENATED MODULE: ./src/engine/wait.ts




/** One line per status change: "[1m 05s] building (Deskforge: building)". */
function describeChange(build, elapsedMs, title) {
    const id = build.id ? ` ${build.id}` : '';
    return `[${formatDuration(elapsedMs)}] ${title} build${id}: ${build.state} (${safeLine(build.providerStatus, 80)})`;
}
/**
 * Polls until the build ends, the deadline passes or the run is cancelled. The last poll happens
 * at the deadline itself, so a build that ends just in time is not reported as timed out.
 */
async function waitForBuild(options) {
    const { provider, clock, deadline, signal, plan, startedAt, info } = options;
    let build = options.build;
    let seen = `${build.state}/${build.providerStatus}`;
    info(describeChange(build, clock.now() - startedAt, provider.title));
    if (isTerminal(build.state))
        return { build, end: 'done' };
    for (;;) {
        if (signal.aborted)
            return { build, end: 'cancelled' };
        const remaining = deadline.remaining();
        if (remaining <= 0)
            return { build, end: 'timed_out' };
        const delay = Math.min(nextPollDelay(plan, clock.now() - startedAt), remaining);
        try {
            await clock.sleep(delay, signal);
        }
        catch {
            return { build, end: 'cancelled' };
        }
        try {
            build = await provider.poll(build);
        }
        catch (error) {
            if (signal.aborted)
                return { build, end: 'cancelled' };
            if (error instanceof HttpError && error.kind === 'deadline')
                return { build, end: 'timed_out' };
            throw error;
        }
        const key = `${build.state}/${build.providerStatus}`;
        if (key !== seen) {
            seen = key;
            info(describeChange(build, clock.now() - startedAt, provider.title));
            await options.onChange?.(build);
        }
        if (options.streamLogs && provider.logs) {
            options.streamLogs(await provider.logs(build).catch(() => []));
        }
        if (isTerminal(build.state))
            return { build, end: 'done' };
    }
}

;// CONCATENATED MODULE: ./src/engine/run.ts









/** The time to give a possibly-created build to show up in a list before looking for it. */
const FIND_TRIGGERED_DELAY_MS = 2000;
/**
 * trigger -> wait -> outcome, announced to the reporters (commit status, job summary...) as
 * triggered / changed / finished or cancelled. Never throws: every failure becomes an Outcome, so
 * outputs, the summary and the final commit status are always written.
 */
async function runBuild(deps) {
    const { settings, spec, clock, signal, log } = deps;
    const startedAt = clock.now();
    const deadline = new Deadline(clock, startedAt + settings.timeoutMs);
    const http = new HttpClient({
        provider: spec.title,
        baseUrl: settings.apiUrl,
        credentials: spec.credentials(settings),
        clock,
        deadline,
        signal,
        ...(spec.describeError ? { describe: spec.describeError.bind(spec) } : {}),
        onRetry: (e) => log.info(`${spec.title}: ${e.what} failed (${safeLine(e.reason, 120)}); retry ${e.attempt}/${e.maxAttempts} in ${formatDuration(e.delayMs)}`),
        ...(deps.env ? { env: deps.env } : {}),
    });
    const lifecycle = new Lifecycle(deps.reporters ?? createReporters(deps), log);
    const provider = spec.create({
        settings,
        http,
        clock,
        log,
        github: githubReader(deps),
        tempDir: deps.tempDir,
        signal,
    });
    const plan = async () => ({
        baseMs: settings.pollIntervalMs,
        minMs: provider.minPollIntervalMs ?? 1000,
        expectedMs: await provider.typicalDurationMs?.().catch(() => undefined),
    });
    const target = (build) => statusTargetUrl(build?.logUrl, build?.deployUrl, deps.run.runUrl);
    let build;
    let triggeredAt = startedAt;
    const finish = async (outcome, how = 'finished') => {
        const result = {
            ...outcome,
            providerTitle: spec.title,
            durationMs: clock.now() - triggeredAt,
        };
        await lifecycle[how]({ outcome: result, link: target(result.build), local: false });
        return result;
    };
    try {
        if (provider.prepare)
            await log.group('Prepare', () => provider.prepare());
        build = await log.group(`Trigger ${spec.title} build`, async () => {
            const created = await trigger(provider, deps, deadline, plan);
            triggeredAt = clock.now();
            log.info(`Triggered ${spec.title} build${created.id ? ` ${created.id}` : ''}: ${safeLine(created.providerStatus, 80)}`);
            return created;
        });
        if (!settings.wait) {
            log.info('wait is false: not waiting for the build, and no commit status is posted (nothing would finish it).');
            await lifecycle.triggered({
                providerTitle: spec.title,
                build,
                waiting: false,
                link: target(build),
                at: triggeredAt,
            });
            return await finish({
                status: build.state === 'building' ? 'building' : 'queued',
                build,
                actionFailed: false,
            });
        }
        await lifecycle.triggered({
            providerTitle: spec.title,
            build,
            waiting: true,
            link: target(build),
            at: triggeredAt,
        });
        const streamLogs = settings.showLogs === 'always';
        const waited = await log.group(`Wait for ${spec.title} build`, async () => waitForBuild({
            provider,
            build: build,
            clock,
            deadline,
            signal,
            plan: await plan(),
            startedAt: triggeredAt,
            info: (m) => log.info(m),
            onChange: (changed) => lifecycle.changed({ providerTitle: spec.title, build: changed, link: target(changed) }),
            ...(streamLogs ? { streamLogs: (lines) => log.untrusted(lines) } : {}),
        }));
        build = waited.build;
        if (waited.end === 'cancelled') {
            return await finish({
                status: 'cancelled',
                build,
                message: `Cancelled while waiting for ${spec.title} build${build.id ? ` ${build.id}` : ''}`,
                actionFailed: false,
            }, 'cancelled');
        }
        if (waited.end === 'timed_out') {
            const why = provider.describeTimeout?.(build) ??
                `Timed out after ${formatDuration(settings.timeoutMs)} waiting for ${spec.title} build${build.id ? ` ${build.id}` : ''} (last status: ${build.providerStatus})`;
            return await finish({
                status: 'timed_out',
                build,
                message: `${why}. Fix: raise the timeout input, or check the build in ${spec.title}.`,
                actionFailed: false,
            });
        }
        if (provider.logs &&
            (settings.showLogs === 'always' ||
                (settings.showLogs === 'on-failure' && build.state !== 'success'))) {
            const lines = await provider.logs(build).catch(() => []);
            if (lines.length > 0)
                await log.group(`${spec.title} build log`, async () => log.untrusted(lines));
        }
        if (build.state === 'success') {
            if (provider.finish)
                build = await provider.finish(build);
            return await finish({ status: 'success', build, actionFailed: false });
        }
        const reason = build.failureReason ? `: ${safeLine(build.failureReason, 300)}` : '';
        const logLink = build.logUrl ? `. Build log: ${redactUrl(build.logUrl)}` : '';
        return await finish({
            status: build.state === 'cancelled' ? 'cancelled' : 'failure',
            build,
            message: `${spec.title} build${build.id ? ` ${build.id}` : ''} ${build.state === 'cancelled' ? 'was cancelled' : 'failed'} (${build.providerStatus})${reason}${logLink}`,
            actionFailed: false,
        });
    }
    catch (error) {
        if (signal.aborted) {
            return await finish({
                status: 'cancelled',
                build,
                message: 'Cancelled',
                actionFailed: false,
            }, 'cancelled');
        }
        if (!(error instanceof ActionError))
            log.debug(error instanceof Error ? (error.stack ?? error.message) : String(error));
        const timedOut = error instanceof HttpError && error.kind === 'deadline';
        if (error instanceof InputError && build === undefined) {
            // A bad input found while preparing (a missing artifact path): nothing was sent, and
            // nothing should be, not even a commit status.
            const result = {
                status: 'failure',
                providerTitle: spec.title,
                build,
                durationMs: 0,
                message: describeError(error),
                actionFailed: true,
            };
            await lifecycle.finished({ outcome: result, link: undefined, local: true });
            return result;
        }
        return await finish({
            status: timedOut ? 'timed_out' : build?.state === 'success' ? 'success' : 'failure',
            build,
            message: describeError(error),
            actionFailed: true,
        });
    }
}
/**
 * Triggers one build. A 409 for a running build waits for it (on-conflict: wait) and triggers once
 * more. After an ambiguous failure the adapter first looks for the build the request may have
 * created; only when there is none is the trigger sent again, so a run creates at most one build.
 */
async function trigger(provider, deps, deadline, plan) {
    const { clock, log, settings, signal } = deps;
    const since = clock.now();
    try {
        return await provider.trigger();
    }
    catch (error) {
        if (error instanceof BuildConflict) {
            if (settings.onConflict === 'fail') {
                throw new ActionError(error.message, {
                    fix: 'set on-conflict: wait to queue behind the running build, or re-run when it ends',
                });
            }
            log.info(`${safeLine(error.message).replace(/[.\s]*$/, '.')} Waiting for it to end (on-conflict: wait).`);
            const waited = await waitForBuild({
                provider,
                build: error.running,
                clock,
                deadline,
                signal,
                plan: await plan(),
                startedAt: clock.now(),
                info: (m) => log.info(m),
            });
            if (waited.end === 'timed_out') {
                throw new HttpError({
                    provider: provider.title,
                    what: `wait for the running build ${error.running.id}`,
                    kind: 'deadline',
                    details: { code: 'timeout reached' },
                    fix: 'raise the timeout input, or use on-conflict: fail',
                });
            }
            if (waited.end === 'cancelled')
                throw new ActionError('Cancelled');
            log.info(`Running build ${error.running.id} ended (${waited.build.providerStatus}); triggering this run's build.`);
            try {
                return await provider.trigger();
            }
            catch (again) {
                if (again instanceof BuildConflict) {
                    throw new ActionError(`${again.message} (again, after waiting once)`, {
                        fix: 're-run the workflow when the stage is free',
                    });
                }
                throw again;
            }
        }
        if (error instanceof HttpError && error.ambiguous) {
            if (!provider.findTriggered) {
                throw new ActionError(`${error.reason}. The request may have reached ${provider.title}; it was not sent again, so this run never creates two builds.`, { fix: `check the ${provider.title} dashboard before re-running` });
            }
            log.info(`${provider.title}: the trigger's outcome is unknown (${safeLine(error.code ?? `HTTP ${error.status}`)}); looking for the build it may have created.`);
            await clock
                .sleep(Math.min(FIND_TRIGGERED_DELAY_MS, deadline.remaining()), signal)
                .catch(() => undefined);
            const found = await provider.findTriggered(since);
            if (found) {
                log.info(`Found build ${found.id} created by this run; not triggering again.`);
                return found;
            }
            log.info('No build was created; triggering once more.');
            return await provider.trigger();
        }
        throw error;
    }
}
/** GitHub access for adapters that read statuses (Jamdesk), through the engine's client. */
function githubReader(deps) {
    const need = () => {
        if (!deps.github) {
            throw new ActionError(`${deps.spec.title} reports build results as GitHub commit statuses, and there is no github-token to read them`, {
                fix: 'keep the default github-token (${{ github.token }}) or set wait: false',
            });
        }
        return deps.github;
    };
    return {
        sha: deps.run.sha,
        ownContext: deps.settings.statusContext,
        resolveCommit: (ref) => need().resolveCommit(ref),
        listStatuses: (sha) => need().listStatuses(sha),
    };
}

;// CONCATENATED MODULE: ./src/inputs.ts




/** Reads inputs the way the runner passes them (INPUT_<NAME>, hyphens kept). */
const actionsInputReader = (name) => getInput(name);
const INPUT_NAMES = {
    project: 'project',
    secretKey: 'secret-key',
    organization: 'organization',
    artifact: 'artifact',
    platform: 'platform',
};
const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1)$/i;
/** True for hosts where plain http is acceptable: the sandbox and local proxies. */
function isLoopbackHost(hostname) {
    return LOOPBACK.test(hostname);
}
/**
 * Reads and validates every input before any request is sent. Secrets are masked the moment they
 * are read, so not even a validation error can print them.
 */
function readSettings(requirements, read = actionsInputReader) {
    const get = (name) => read(name).trim();
    const token = get('token');
    const secretKey = get('secret-key');
    const githubToken = get('github-token');
    for (const secret of [token, secretKey, githubToken])
        if (secret)
            setSecret(secret);
    const providerRaw = get('provider').toLowerCase();
    if (!providerRaw) {
        throw new InputError('provider', 'is required', `set it to one of: ${PROVIDER_NAMES.join(', ')}`);
    }
    if (!PROVIDER_NAMES.includes(providerRaw)) {
        throw new InputError('provider', `has an unknown value '${providerRaw}'`, `use one of: ${PROVIDER_NAMES.join(', ')}`);
    }
    const provider = providerRaw;
    const needs = requirements(provider);
    if (!token) {
        throw new InputError('token', `is required for provider '${provider}'`, provider === 'justdeploy'
            ? 'pass the JustDeploy access key from a secret: token: ${{ secrets.JUSTDEPLOY_ACCESS_KEY }}'
            : 'pass the API token from a secret: token: ${{ secrets.BUILD_API_TOKEN }}');
    }
    const platform = oneOf(get('platform'), 'platform', ['', 'mac', 'windows', 'linux']);
    const settings = {
        provider,
        project: pathSegment(get('project'), 'project'),
        token,
        secretKey,
        organization: pathSegment(get('organization'), 'organization'),
        apiUrl: apiUrl(get('api-url') || needs.defaultApiUrl),
        artifact: get('artifact'),
        stage: get('stage') || 'production',
        platform,
        arch: oneOf(get('arch') || 'x64', 'arch', ['x64', 'arm64']),
        version: semver(get('version')),
        downloadTo: get('download-to'),
        pages: get('pages'),
        siteUrl: get('site-url'),
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
        ]),
        onConflict: oneOf(get('on-conflict') || 'wait', 'on-conflict', ['wait', 'fail']),
    };
    for (const key of needs.required) {
        if (!settings[key]) {
            const name = INPUT_NAMES[key] ?? key;
            throw new InputError(name, `is required for provider '${provider}'`, hintFor(name, provider));
        }
    }
    if (settings.siteUrl)
        apiUrl(settings.siteUrl, 'site-url');
    if (settings.statusContext.length > 255) {
        throw new InputError('status-context', 'is longer than 255 characters', 'use a shorter context');
    }
    return Object.freeze(settings);
}
function hintFor(input, provider) {
    switch (input) {
        case 'project':
            return `set project to the ${provider} project id from its dashboard`;
        case 'platform':
            return 'set platform to mac, windows or linux';
        case 'artifact':
            return 'set artifact to a .zip file or a directory to upload';
        case 'secret-key':
            return 'pass the JustDeploy secret key from a secret: secret-key: ${{ secrets.JUSTDEPLOY_SECRET_KEY }}';
        default:
            return `set ${input}`;
    }
}
function oneOf(value, input, allowed) {
    const lower = value.toLowerCase();
    if (allowed.includes(lower))
        return lower;
    throw new InputError(input, `has an unknown value '${value}'`, `use one of: ${allowed.filter(Boolean).join(', ')}`);
}
function bool(value, input, fallback) {
    if (value === '')
        return fallback;
    if (/^(true|yes|on)$/i.test(value))
        return true;
    if (/^(false|no|off)$/i.test(value))
        return false;
    throw new InputError(input, `must be true or false, got '${value}'`);
}
function duration(value, input) {
    const ms = parseDuration(value);
    if (ms === undefined || ms <= 0) {
        throw new InputError(input, `must be a duration like 90, 90s, 15m or 1h, got '${value}'`, 'use whole seconds, or a number followed by s, m or h');
    }
    return ms;
}
/** Commit statuses need the full sha: GitHub answers 422 to a short one and no check is posted. */
function sha(value) {
    if (value && !/^[0-9a-f]{40}$/i.test(value)) {
        throw new InputError('sha', `must be a full commit sha (40 hex characters), got '${value}'`, 'pass the whole sha, e.g. ${{ github.event.pull_request.head.sha }} or the output of git rev-parse HEAD');
    }
    return value.toLowerCase();
}
/**
 * Ids that become one URL path segment. `.` and `..` survive URL encoding and are then resolved
 * away (`/projects/../builds` is `/builds`), so they are refused here, before any request.
 */
function pathSegment(value, input) {
    if (value === '.' || value === '..') {
        throw new InputError(input, `cannot be '${value}': it would be read as a relative path segment, not an id`, `set ${input} to the id shown in the provider's dashboard`);
    }
    return value;
}
function semver(value) {
    if (value && !/^v?\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/.test(value)) {
        throw new InputError('version', `must be a semantic version like 1.2.3, got '${value}'`);
    }
    return value;
}
function apiUrl(value, input = 'api-url') {
    let url;
    try {
        url = new URL(value);
    }
    catch {
        throw new InputError(input, `is not a valid URL: '${value}'`, 'use a full URL such as https://api.example.com');
    }
    if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
        throw new InputError(input, `uses plain http (${url.host}); tokens would cross the network unencrypted`, 'use https (plain http is accepted only for loopback addresses)');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        throw new InputError(input, `must be an https URL, got '${url.protocol}'`);
    }
    if (url.username || url.password) {
        throw new InputError(input, 'must not contain credentials', 'pass the token input instead');
    }
    if (url.search !== '' || url.hash !== '' || /[?#]/.test(value)) {
        // The query (often a key) would be dropped from every request without a word: refuse it.
        throw new InputError(input, `must not contain a query string or fragment (${url.search ? '?…' : '#…'})`, 'pass the base URL only; credentials go in the token input');
    }
    return url.toString().replace(/\/+$/, '');
}

;// CONCATENATED MODULE: ./src/util.ts
/** Small helpers for reading providers' loosely typed JSON and summarising numbers. */
/** The value as an object, or an empty one: for walking JSON whose shape is not guaranteed. */
function record(value) {
    return value && typeof value === 'object' ? value : {};
}
/** The value if it is a non-empty string. */
function util_text(value) {
    return typeof value === 'string' && value !== '' ? value : undefined;
}
/** Epoch milliseconds of an ISO timestamp, or undefined when absent or unreadable. */
function parseTime(value) {
    if (!value)
        return undefined;
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : ms;
}
/** The median of the positive, finite values, or undefined for none. */
function median(values) {
    const sorted = values.filter((v) => Number.isFinite(v) && v > 0).sort((a, b) => a - b);
    if (sorted.length === 0)
        return undefined;
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
/** "44 MB": the size people read in a log line, not an exact count. */
function formatBytes(bytes) {
    if (bytes < 1024)
        return `${bytes} B`;
    if (bytes < 1024 * 1024)
        return `${Math.round(bytes / 1024)} KB`;
    const mb = bytes / (1024 * 1024);
    if (mb < 1024)
        return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
    return `${(mb / 1024).toFixed(1)} GB`;
}

;// CONCATENATED MODULE: ./src/providers/deployhub.ts



/** Clock skew allowed between our clock and the build's createdAt. */
const SKEW_MS = 5000;
const HISTORY = 10;
function deployhub_describeError(status, body) {
    const record = body && typeof body === 'object' ? body : {};
    const message = typeof record['message'] === 'string'
        ? record['message']
        : typeof body === 'string' && body.trim() && !body.trim().startsWith('<')
            ? body.trim().slice(0, 200)
            : undefined;
    // DeployHub errors carry no code: the message alone, as the API wrote it.
    const details = message === undefined ? {} : { message };
    if (status === 401) {
        return { ...details, fix: 'check the token (a DeployHub access token)' };
    }
    if (status === 404 && message === 'Build not found') {
        return { ...details, fix: 'the build is gone or belongs to another project; check project' };
    }
    if (status === 404) {
        return {
            ...details,
            fix: 'check the project id (a MongoDB ObjectId) and that your token owns it',
        };
    }
    return message === undefined ? undefined : details;
}
function stateOf(build) {
    switch (build.status) {
        case 'success':
            return 'success';
        case 'failed':
            return 'failure';
        case 'cancelled':
        case 'canceled':
            return 'cancelled';
        default:
            // `pending` covers both waiting and running; startedAt tells them apart.
            return build.startedAt ? 'building' : 'queued';
    }
}
/** The build id in a redeploy answer whose shape the document leaves open. */
function buildIdIn(body, project) {
    const top = record(body);
    const nested = record(top['build']);
    const id = [nested['_id'], nested['id'], top['buildId'], top['_id'], top['id']]
        .map(util_text)
        .find((candidate) => candidate !== undefined);
    // An answer that is the project document carries the project's own id; that is no build.
    return id === project ? undefined : id;
}
/**
 * DeployHub: redeploys a project. The redeploy endpoint's answer is undocumented, so the build
 * it started is recognized in the build list when the answer does not name it.
 */
class DeployHubAdapter {
    ctx;
    name = 'deployhub';
    title = 'DeployHub';
    /** Build ids listed just before the trigger: none of them is ours. */
    knownIds;
    triggeredAt;
    discoveredId = '';
    listCache;
    constructor(ctx) {
        this.ctx = ctx;
    }
    async trigger() {
        const { http, clock, settings, log } = this.ctx;
        const before = await this.list();
        this.listCache = before;
        this.knownIds = new Set(before.map((build) => build._id).filter((id) => id !== undefined));
        this.triggeredAt = clock.now();
        const res = await http.request({
            method: 'POST',
            path: encodePath `/api/redeploy/${settings.project}`,
            what: 'trigger the redeploy',
            // Undocumented answer: read it as text so a non-JSON success is not mistaken for a failure.
            responseType: 'text',
        });
        let body;
        try {
            body = JSON.parse(res.body);
        }
        catch {
            body = undefined;
        }
        const id = buildIdIn(body, settings.project);
        if (!id) {
            log.debug('The redeploy answer names no build; looking for it in the build list');
            return { id: '', state: 'queued', providerStatus: 'pending' };
        }
        this.discoveredId = id;
        const inline = record(record(body)['build']);
        return this.toBuild({ ...inline, _id: id });
    }
    async findTriggered(since) {
        const found = this.newBuild(await this.list(), since);
        if (found?._id)
            this.discoveredId = found._id;
        return found ? this.toBuild(found) : undefined;
    }
    async poll(build) {
        const id = build.id || this.discoveredId;
        if (id)
            return this.detail(id);
        const found = this.newBuild(await this.list(), this.triggeredAt ?? this.ctx.clock.now());
        if (!found?._id)
            return build;
        this.discoveredId = found._id;
        this.ctx.log.info(`DeployHub build ${found._id} is the one this run started`);
        const listed = this.toBuild(found);
        // The list has no dockerImage; a finished build needs the detail read once for it.
        return listed.state === 'success' ? this.detail(found._id) : listed;
    }
    async typicalDurationMs() {
        const builds = this.listCache ?? (await this.list());
        const durations = builds
            .map((build) => {
            const start = parseTime(build.createdAt);
            const end = parseTime(build.finishedAt);
            return start === undefined || end === undefined ? undefined : end - start;
        })
            .filter((ms) => ms !== undefined && ms > 0)
            .slice(0, HISTORY);
        return median(durations);
    }
    async detail(id) {
        const body = await this.ctx.http.getJson(encodePath `/api/projects/${this.ctx.settings.project}/builds/${id}`, `read build ${id}`, { polling: true });
        return this.toBuild({ ...body?.build, _id: id });
    }
    /** The newest build created since the trigger (allowing for skew) that was not there before. */
    newBuild(builds, since) {
        return builds
            .filter((build) => build._id !== undefined &&
            !this.knownIds?.has(build._id) &&
            (parseTime(build.createdAt) ?? 0) >= since - SKEW_MS)
            .sort((a, b) => (parseTime(b.createdAt) ?? 0) - (parseTime(a.createdAt) ?? 0))[0];
    }
    async list() {
        const body = await this.ctx.http.getJson(encodePath `/api/projects/${this.ctx.settings.project}/builds`, 'list builds', { polling: true });
        return Array.isArray(body?.builds) ? body.builds : [];
    }
    toBuild(raw) {
        const build = {
            id: raw._id ?? '',
            state: stateOf(raw),
            providerStatus: raw.status ?? 'pending',
        };
        if (raw.logUrl)
            build.logUrl = raw.logUrl;
        if (raw.dockerImage)
            build.dockerImage = raw.dockerImage;
        return build;
    }
}
/** DeployHub: container redeploys; builds are found and followed through the project's list. */
const deployhub = {
    name: 'deployhub',
    title: 'DeployHub',
    defaultApiUrl: 'https://api.deployhub.online',
    required: ['project'],
    credentials: bearerCredentials,
    describeError: deployhub_describeError,
    create: (ctx) => new DeployHubAdapter(ctx),
};

;// CONCATENATED MODULE: external "node:fs/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");
var promises_default = /*#__PURE__*/__nccwpck_require__.n(promises_namespaceObject);
;// CONCATENATED MODULE: external "node:stream/promises"
const external_node_stream_promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream/promises");
;// CONCATENATED MODULE: ./src/providers/deskforge.ts










const STATES = {
    queued: 'queued',
    building: 'building',
    success: 'success',
    failed: 'failure',
    // Not documented, but a cancelled build must not be waited on until the timeout.
    cancelled: 'cancelled',
    canceled: 'cancelled',
};
/** Clock skew allowed between our clock and the build's createdAt. */
const deskforge_SKEW_MS = 5000;
const deskforge_HISTORY = 10;
function deskforge_describeError(status, body) {
    const details = commonErrorDetails(body);
    // The document has no error table; these say which Deskforge setting to look at.
    if (status === 401)
        return { ...details, fix: 'check the token (a Deskforge API key) is current' };
    if (status === 404) {
        return { ...details, fix: 'check the project input is the Deskforge project id (proj_...)' };
    }
    return details.code || details.message ? details : undefined;
}
function reason(error) {
    return error instanceof Error ? error.message : String(error);
}
function newestFirst(builds) {
    return [...builds].sort((a, b) => (parseTime(b.createdAt) ?? 0) - (parseTime(a.createdAt) ?? 0));
}
/** The last path segment of a URL, if it is a usable file name. */
function fileNameOf(url) {
    if (!url)
        return undefined;
    try {
        const segment = new URL(url).pathname.split('/').filter(Boolean).pop();
        const name = segment === undefined ? '' : decodeURIComponent(segment);
        return name && name !== '.' && name !== '..' && !/[/\\]/.test(name) ? name : undefined;
    }
    catch {
        return undefined;
    }
}
function formatLogLine(entry) {
    const at = parseTime(entry.timestamp);
    const clock = at === undefined ? '--:--:--' : new Date(at).toISOString().slice(11, 19);
    return safeLine(`${clock} ${entry.level ?? 'info'} ${entry.message ?? ''}`, 2000);
}
/** Desktop builds per platform and architecture, with logs and a downloadable artifact. */
class DeskforgeAdapter {
    ctx;
    name = 'deskforge';
    title = 'Deskforge';
    /** How many times each log line has been handed out, so repeats in the log are still shown. */
    logLinesSeen = new Map();
    artifactSizes = new Map();
    constructor(ctx) {
        this.ctx = ctx;
    }
    async trigger() {
        const { http, settings } = this.ctx;
        const res = await http.request({
            method: 'POST',
            path: encodePath `/projects/${settings.project}/builds`,
            what: 'trigger the build',
            json: {
                platform: settings.platform,
                arch: settings.arch,
                ...(settings.version ? { version: settings.version } : {}),
            },
        });
        return this.toBuild(res.body ?? {});
    }
    async findTriggered(since) {
        const { settings } = this.ctx;
        const match = newestFirst(await this.list()).find((build) => build.platform === settings.platform &&
            (build.arch ?? 'x64') === settings.arch &&
            // Without a version of ours, the server picks one; any version is then a match.
            (!settings.version || build.version === settings.version) &&
            (parseTime(build.createdAt) ?? 0) >= since - deskforge_SKEW_MS);
        return match ? this.toBuild(match) : undefined;
    }
    async poll(build) {
        const detail = await this.ctx.http.getJson(encodePath `/builds/${build.id}`, `read build ${build.id}`, { polling: true });
        return this.toBuild({ id: build.id, ...detail }, build);
    }
    async logs(build) {
        const body = await this.ctx.http.getJson(encodePath `/builds/${build.id}/logs`, `read the log of build ${build.id}`, { polling: true });
        const lines = [];
        const inThisAnswer = new Map();
        for (const entry of Array.isArray(body?.logs) ? body.logs : []) {
            // Each answer repeats the whole log; the n-th copy of a line is new only once.
            const key = JSON.stringify([entry.timestamp, entry.level, entry.message]);
            const nth = (inThisAnswer.get(key) ?? 0) + 1;
            inThisAnswer.set(key, nth);
            if (nth > (this.logLinesSeen.get(key) ?? 0)) {
                this.logLinesSeen.set(key, nth);
                lines.push(formatLogLine(entry));
            }
        }
        return lines;
    }
    async typicalDurationMs() {
        const durations = newestFirst(await this.list())
            .filter((build) => build.status === 'success' && build.platform === this.ctx.settings.platform)
            .slice(0, deskforge_HISTORY)
            .map((build) => {
            if (typeof build.duration === 'number')
                return build.duration * 1000;
            const start = parseTime(build.createdAt);
            const end = parseTime(build.completedAt);
            return start === undefined || end === undefined ? undefined : end - start;
        })
            .filter((ms) => ms !== undefined && ms > 0);
        return median(durations);
    }
    async finish(build) {
        const { downloadTo } = this.ctx.settings;
        if (!downloadTo || build.state !== 'success')
            return build;
        const note = await this.download(build, downloadTo);
        return { ...build, notes: [...(build.notes ?? []), note] };
    }
    async download(build, downloadTo) {
        const { http, log, signal } = this.ctx;
        const res = await http.request({
            method: 'GET',
            path: encodePath `/builds/${build.id}/download`,
            what: `download the artifact of build ${build.id}`,
            responseType: 'stream',
            // The API answers with a redirect to its CDN; the client drops credentials on the way.
            followForeignRedirects: true,
        });
        const source = res.body;
        let target;
        let partial;
        try {
            target = await this.targetPath(downloadTo, build, res.url);
            await promises_default().mkdir(external_node_path_default().dirname(target), { recursive: true });
            // Same directory, so the final rename is atomic and never leaves a half file under the name.
            partial = `${target}.${(0,external_node_crypto_.randomBytes)(4).toString('hex')}.part`;
        }
        catch (error) {
            source.destroy();
            throw new ActionError(`Deskforge: cannot save the artifact to ${downloadTo}: ${reason(error)}`, {
                fix: 'set download-to to a writable file or directory path',
            });
        }
        try {
            await (0,external_node_stream_promises_namespaceObject.pipeline)(source, (0,external_node_fs_namespaceObject.createWriteStream)(partial), { signal });
        }
        catch (error) {
            await promises_default().rm(partial, { force: true });
            throw new ActionError(`Deskforge: download the artifact of build ${build.id} failed: ${reason(error)}`, {
                fix: 'rerun the job; the artifact stays available in Deskforge',
                cause: error,
            });
        }
        const { size } = await promises_default().stat(partial);
        const expected = this.artifactSizes.get(build.id);
        if (expected !== undefined && size !== expected) {
            await promises_default().rm(partial, { force: true });
            throw new ActionError(`Deskforge: the artifact of build ${build.id} has the wrong size: expected ${expected} ` +
                `bytes (artifactSize), got ${size}`, { fix: 'rerun the job; if it persists the artifact on the CDN may be damaged' });
        }
        await promises_default().rename(partial, target);
        const note = `Downloaded ${formatBytes(size)} to ${this.display(target)}`;
        log.info(note);
        return note;
    }
    /** Where the file goes: `downloadTo` itself, or inside it when it names a directory. */
    async targetPath(downloadTo, build, finalUrl) {
        const resolved = external_node_path_default().resolve(downloadTo);
        const isDirectory = /[/\\]$/.test(downloadTo) ||
            (await promises_default().stat(resolved).then((stats) => stats.isDirectory(), () => false));
        if (!isDirectory)
            return resolved;
        const name = fileNameOf(build.artifactUrl) ?? fileNameOf(finalUrl) ?? `${build.id}.bin`;
        return external_node_path_default().join(resolved, name);
    }
    display(target) {
        const relative = external_node_path_default().relative(process.cwd(), target);
        return relative && !relative.startsWith('..') && !external_node_path_default().isAbsolute(relative) ? relative : target;
    }
    async list() {
        const body = await this.ctx.http.getJson(encodePath `/projects/${this.ctx.settings.project}/builds`, 'list builds');
        return Array.isArray(body?.builds) ? body.builds : [];
    }
    toBuild(raw, previous) {
        const word = raw.status ?? previous?.providerStatus ?? 'queued';
        let state = STATES[word];
        if (!state) {
            this.ctx.log.debug(`Deskforge reported an undocumented status '${word}'; still waiting`);
            state = 'building';
        }
        const id = raw.id ?? previous?.id ?? '';
        if (typeof raw.artifactSize === 'number')
            this.artifactSizes.set(id, raw.artifactSize);
        const build = { ...previous, id, state, providerStatus: word };
        if (raw.artifactUrl)
            build.artifactUrl = raw.artifactUrl;
        if (raw.buildLog)
            build.logUrl = raw.buildLog;
        return build;
    }
}
/** Deskforge: desktop app builds (mac, windows, linux) with logs and artifact downloads. */
const deskforge = {
    name: 'deskforge',
    title: 'Deskforge',
    defaultApiUrl: 'https://api.deskforge.app',
    required: ['project', 'platform'],
    credentials: bearerCredentials,
    describeError: deskforge_describeError,
    create: (ctx) => new DeskforgeAdapter(ctx),
};

;// CONCATENATED MODULE: ./src/providers/jamdesk.ts



/** The document's error table, by HTTP status. */
const ERRORS = {
    401: {
        code: 'unauthorized',
        message: 'Invalid API key',
        fix: 'Regenerate the key in Settings > API',
    },
    403: {
        code: 'forbidden',
        message: 'Unauthorized project access',
        fix: "Confirm the project ID matches the API key's project",
    },
    404: {
        code: 'project_not_found',
        message: 'Project not found',
        fix: 'Verify the project ID in the dashboard',
    },
    429: {
        code: 'rate_limited',
        message: 'Too many requests',
        fix: 'Back off and retry with exponential backoff',
    },
    500: {
        code: 'internal_error',
        message: 'Internal server error',
        fix: 'Retry after a few seconds. Contact support if it persists',
    },
};
/** The status words the rebuild response may carry. */
const jamdesk_STATES = {
    queued: 'queued',
    building: 'building',
    deployed: 'success',
    failed: 'failure',
};
/** What a Jamdesk commit status means, in our words and in Jamdesk's. */
const FROM_COMMIT_STATUS = {
    pending: { state: 'building', word: 'building' },
    success: { state: 'success', word: 'deployed' },
    failure: { state: 'failure', word: 'failed' },
    error: { state: 'failure', word: 'failed' },
};
/** Polls in a row that may meet something other than GitHub's JSON before the run fails. */
const MAX_GLITCHES = 5;
function jamdesk_describeError(status, body) {
    const fromBody = commonErrorDetails(body);
    const row = Object.values(ERRORS).find((candidate) => candidate.code === fromBody.code) ?? ERRORS[status];
    if (!row)
        return fromBody.code || fromBody.message ? fromBody : undefined;
    return {
        code: fromBody.code ?? row.code,
        message: fromBody.message ?? row.message,
        fix: row.fix,
    };
}
function signature(status) {
    return JSON.stringify([status.state, status.description ?? '', status.targetUrl ?? '']);
}
/**
 * Jamdesk has no status endpoint: it reports each build as a commit status on GitHub, so after
 * the trigger this adapter reads the commit's statuses instead of the Builds API.
 */
class JamdeskAdapter {
    ctx;
    name = 'jamdesk';
    title = 'Jamdesk';
    // Every poll spends GitHub API quota, shared with the rest of the workflow.
    minPollIntervalMs = 2000;
    sha;
    baseline;
    sawOurStatus = false;
    /** Polls in a row that met a page instead of GitHub's JSON. */
    glitches = 0;
    constructor(ctx) {
        this.ctx = ctx;
        this.sha = ctx.github.sha;
    }
    async trigger() {
        const { http, settings, github, log } = this.ctx;
        // Read before the trigger so a status Jamdesk posts within milliseconds still counts as new.
        const before = await this.snapshot(github.sha);
        const res = await http.request({
            method: 'POST',
            path: encodePath `/projects/${settings.project}/rebuild`,
            what: 'trigger the rebuild',
            // The error table documents "Retry after a few seconds" for internal_error (429 is the
            // client's own rule).
            retrySafe: (error) => error.status === 500,
        });
        const body = record(res.body);
        this.sha = await this.resolveSha(util_text(record(body['commit'])['sha']));
        // Jamdesk may build another commit than ours (its connected branch); a snapshot taken just
        // after the trigger is the best baseline there is for that commit.
        this.baseline = this.sha === before?.sha ? before : await this.snapshot(this.sha);
        log.info(`Jamdesk reports builds as GitHub commit statuses; following ${this.sha.slice(0, 7)}`);
        const word = util_text(body['status']) ?? 'queued';
        return {
            id: util_text(body['buildId']) ?? '',
            state: jamdesk_STATES[word] ?? 'queued',
            providerStatus: word,
        };
    }
    async poll(build) {
        let statuses;
        try {
            statuses = await this.jamdeskStatuses(this.sha);
        }
        catch (error) {
            // An HTML page instead of the list (a proxy, a captive portal) says nothing about the build.
            if (!(error instanceof UnexpectedGitHubBody) || ++this.glitches >= MAX_GLITCHES)
                throw error;
            this.ctx.log.info(`${error.reason}; looking again at the next poll`);
            return build;
        }
        this.glitches = 0;
        const status = this.current(statuses);
        if (!status)
            return build;
        this.sawOurStatus = true;
        const { state, word } = FROM_COMMIT_STATUS[status.state];
        const next = { ...build, state, providerStatus: word };
        if (status.targetUrl)
            next.logUrl = status.targetUrl;
        if (state === 'failure' && status.description)
            next.failureReason = status.description;
        return next;
    }
    describeTimeout() {
        if (this.sawOurStatus)
            return undefined;
        return (`No Jamdesk commit status appeared on ${this.sha.slice(0, 7)} before the timeout; ` +
            'connect the repository to GitHub in Jamdesk so it posts commit statuses, or set wait: false');
    }
    /** The newest Jamdesk status that belongs to this run's build, if one has appeared. */
    current(statuses) {
        const newest = statuses[0];
        if (!newest)
            return undefined;
        const baseline = this.baseline;
        if (this.sawOurStatus || !baseline || baseline.sha !== this.sha)
            return newest;
        // GitHub keeps every status a commit ever had; a rebuild of the same commit must not report
        // the previous build's result. Count and content together survive a paginated (capped) list.
        const isNew = statuses.length > baseline.count || signature(newest) !== baseline.newest;
        return isNew ? newest : undefined;
    }
    /** Jamdesk's statuses on `sha`, newest first; never the action's own. */
    async jamdeskStatuses(sha) {
        const { github } = this.ctx;
        const all = await github.listStatuses(sha);
        return all.filter((status) => status.context !== github.ownContext && status.context.toLowerCase().includes('jamdesk'));
    }
    async snapshot(sha) {
        try {
            const statuses = await this.jamdeskStatuses(sha);
            const newest = statuses[0];
            return { sha, count: statuses.length, newest: newest ? signature(newest) : undefined };
        }
        catch (error) {
            this.ctx.log.debug(`Could not read commit statuses on ${sha.slice(0, 7)} before polling: ${String(error)}; ` +
                'an earlier Jamdesk result on this commit may be reported');
            return undefined;
        }
    }
    async resolveSha(short) {
        const { github, log } = this.ctx;
        if (!short) {
            log.debug(`The rebuild response names no commit; following ${github.sha.slice(0, 7)}`);
            return github.sha;
        }
        try {
            return await github.resolveCommit(short);
        }
        catch (error) {
            log.debug(`Could not resolve Jamdesk's commit ${short} on GitHub (${String(error)}); ` +
                `following ${github.sha.slice(0, 7)}`);
            return github.sha;
        }
    }
}
/** Jamdesk: docs-site rebuilds; build results arrive as GitHub commit statuses. */
const jamdesk = {
    name: 'jamdesk',
    title: 'Jamdesk',
    defaultApiUrl: 'https://api.jamdesk.com',
    required: ['project'],
    credentials: bearerCredentials,
    describeError: jamdesk_describeError,
    create: (ctx) => new JamdeskAdapter(ctx),
};

;// CONCATENATED MODULE: ./src/artifact/zip.ts




/**
 * Deflate level for files that are not compressed already. Measured on this machine (Node 24,
 * 2 cores, archiver 8), content-sniffed storing on, best of two runs:
 *   typescript/lib (23.6 MB of JS and .d.ts, 125 files):
 *     level 1: 5.56 MB in 0.54 s; level 3: 5.15 MB in 0.59 s; level 6: 4.46 MB in 0.89 s.
 *   the bench's 100 MB of numbered lorem-ipsum text (plus 100 MB of random bytes, stored):
 *     level 1: 132.4 MB in 5.6 s; level 3: 130.6 MB in 6.5 s; level 6: 127.1 MB in 10.6 s.
 * Each MB level 6 saves over level 1 costs 0.3-0.9 s more deflating, so 6 only pays off on an
 * upload slower than about 1-3 MB/s; runners upload to object storage one or two orders of
 * magnitude faster than that. Level 1 gives the shortest zip + upload; level 9 is slower still than 6.
 */
const DEFLATE_LEVEL = 1;
/**
 * Extensions of formats that are compressed already: deflating them again costs CPU for (at best)
 * a few bytes, so they are stored as they are.
 */
const COMPRESSED_EXTENSIONS = new Set([
    // archives and packages
    'zip', 'gz', 'tgz', 'bz2', 'tbz2', 'xz', 'txz', 'zst', 'lz', 'lz4', 'lzma', 'z', '7z', 'rar',
    'cab', 'jar', 'war', 'ear', 'aar', 'apk', 'whl', 'nupkg', 'vsix', 'epub', 'docx', 'xlsx', 'pptx',
    'odt', 'ods', 'odp', 'br',
    // images
    'png', 'jpg', 'jpeg', 'gif', 'webp', 'avif', 'heic', 'heif', 'jxl',
    // audio and video
    'mp4', 'm4v', 'mov', 'webm', 'mkv', 'avi', 'mp3', 'm4a', 'aac', 'ogg', 'oga', 'opus', 'flac',
    // fonts
    'woff', 'woff2',
]); // prettier-ignore
/** True when a file name's extension marks an already-compressed format. */
function isCompressedName(name) {
    const ext = external_node_path_default().extname(name).slice(1).toLowerCase();
    return COMPRESSED_EXTENSIONS.has(ext);
}
/** Files smaller than this are deflated without a look: sampling would cost more than it saves. */
const SNIFF_MIN_BYTES = 16 * 1024;
/** Bytes read from each of the start, middle and end of a file to judge it. */
const SNIFF_WINDOW = 8 * 1024;
/**
 * Order-0 entropy (bits per byte) above which content counts as compressed already. Measured on
 * the sample this module takes: random bytes, woff2 and gzip 7.99; PNG 7.88-7.94 (which deflate
 * still shrinks by 3-13%, so it stays below the line); executables 6.1, JS, JSON and text 4.4-5.0.
 */
const INCOMPRESSIBLE_BITS = 7.95;
/**
 * True when a file's content looks compressed already (an image, archive or encrypted blob under
 * a name that does not say so): a byte histogram of three small windows, no deflating.
 */
async function looksCompressed(file, size) {
    if (size < SNIFF_MIN_BYTES)
        return false;
    const handle = await external_node_fs_default().promises.open(file, 'r');
    const counts = new Uint32Array(256);
    let total = 0;
    try {
        // A small file is read whole; a larger one at its start, middle and end, since headers and
        // trailers can differ from the body.
        const window = size <= 3 * SNIFF_WINDOW ? size : SNIFF_WINDOW;
        const offsets = window === size ? [0] : [0, Math.floor((size - window) / 2), size - window];
        const buffer = Buffer.allocUnsafe(window);
        for (const offset of offsets) {
            const { bytesRead } = await handle.read(buffer, 0, window, offset);
            for (let i = 0; i < bytesRead; i++)
                counts[buffer[i]] += 1;
            total += bytesRead;
        }
    }
    finally {
        await handle.close();
    }
    if (total === 0)
        return false;
    let bits = 0;
    for (const count of counts) {
        if (count > 0)
            bits -= (count / total) * Math.log2(count / total);
    }
    return bits > INCOMPRESSIBLE_BITS;
}
const FIX = 'set artifact to a .zip file or a directory to upload';
/**
 * Turns the `artifact` input into a zip on disk. A `.zip` file is used as it is (after checking it
 * is a zip with entries); a directory is zipped into `tempDir`, streamed straight to a file so
 * memory stays flat whatever the size. Every problem is an InputError naming `artifact`, raised
 * before any build exists.
 */
async function prepareArtifact(input, tempDir) {
    const trimmed = input.trim();
    if (!trimmed)
        throw new InputError('artifact', 'is empty', FIX);
    const resolved = external_node_path_default().resolve(trimmed);
    let stats;
    try {
        stats = await external_node_fs_default().promises.stat(resolved);
    }
    catch (error) {
        const code = error.code;
        throw code === 'ENOENT' || code === 'ENOTDIR'
            ? new InputError('artifact', `points at '${trimmed}', which does not exist`, FIX)
            : new InputError('artifact', `cannot be read ('${trimmed}': ${code ?? String(error)})`, FIX);
    }
    if (stats.isFile()) {
        if (external_node_path_default().extname(resolved).toLowerCase() !== '.zip') {
            throw new InputError('artifact', `is a file but not a .zip ('${trimmed}')`, 'point artifact at a .zip file, or at a directory for the action to zip');
        }
        const entries = await countZipEntries(resolved);
        if (entries === undefined) {
            throw new InputError('artifact', `is not a valid zip file ('${trimmed}')`, FIX);
        }
        if (entries === 0)
            throw new InputError('artifact', `is an empty zip ('${trimmed}')`, FIX);
        return { file: resolved, size: stats.size, entries, zipped: false, skipped: [] };
    }
    if (!stats.isDirectory()) {
        throw new InputError('artifact', `is neither a file nor a directory ('${trimmed}')`, FIX);
    }
    await external_node_fs_default().promises.mkdir(tempDir, { recursive: true });
    const file = external_node_path_default().join(external_node_path_default().resolve(tempDir), `artifact-${(0,external_node_crypto_.randomUUID)()}.zip`);
    const skipped = [];
    const entries = await collect(resolved, file, skipped);
    if (entries.length === 0) {
        throw new InputError('artifact', `is a directory with no files ('${trimmed}')`, FIX);
    }
    await writeZip(entries, file).catch(async (error) => {
        await external_node_fs_default().promises.rm(file, { force: true });
        const reason = error instanceof Error ? error.message : String(error);
        throw new InputError('artifact', `could not be zipped ('${trimmed}': ${reason})`, FIX);
    });
    const size = (await external_node_fs_default().promises.stat(file)).size;
    return { file, size, entries: entries.length, zipped: true, skipped };
}
/**
 * Lists the files to zip, sorted so the same tree gives the same zip. Symlinks are checked
 * against the directory's real path: one that resolves outside it is never followed (that is how
 * a stray `ln -s ~/.ssh` or `/etc` would leak into an upload). A symlink inside the directory
 * that points to a file is stored as a copy of that file, because a zip symlink entry may not
 * survive the provider's unzip; one that points to a directory is skipped, since its target is
 * already in the zip and following it could loop. Empty directories are not stored.
 */
async function collect(root, output, skipped) {
    const realRoot = await external_node_fs_default().promises.realpath(root);
    const inside = (target) => {
        const rel = external_node_path_default().relative(realRoot, target);
        return rel !== '' && !rel.startsWith('..') && !external_node_path_default().isAbsolute(rel);
    };
    const entries = [];
    const walk = async (dir, prefix) => {
        const names = [];
        for await (const dirent of await external_node_fs_default().promises.opendir(dir))
            names.push(dirent.name);
        names.sort();
        for (const name of names) {
            const abs = external_node_path_default().join(dir, name);
            const rel = prefix ? `${prefix}/${name}` : name;
            if (abs === output)
                continue;
            const stats = await external_node_fs_default().promises.lstat(abs);
            if (stats.isDirectory()) {
                await walk(abs, rel);
            }
            else if (stats.isFile()) {
                entries.push({ source: abs, name: rel, stats });
            }
            else if (stats.isSymbolicLink()) {
                const target = await external_node_fs_default().promises.realpath(abs).catch(() => undefined);
                const targetStats = target && inside(target) ? await statOrUndefined(target) : undefined;
                if (target && targetStats?.isFile()) {
                    entries.push({ source: target, name: rel, stats: targetStats });
                }
                else {
                    skipped.push(rel);
                }
            }
            // Sockets, FIFOs and devices have no content to ship.
        }
    };
    await walk(root, '');
    return entries;
}
async function statOrUndefined(file) {
    return external_node_fs_default().promises.stat(file).catch(() => undefined);
}
/**
 * Memory notes (2 cores, Node 24, bench dirs of 200 MB / 2000 files and 400 MB / 4000 files):
 * zipping alone in a bare process idling at 50 MB peaks at 110-138 / 142-182 MB (VmHWM, noisy).
 * Tried and not kept, since none moved the bench's peak RSS beyond run-to-run noise: appending one
 * entry at a time (waiting for 'entry'); writing the central directory as one buffer (archiver
 * issues 19 small writes per entry synchronously at the end, a short V8-heap spike of ~60 MB
 * at 4000 files); own read streams with a 16 KB highWaterMark; archiver highWaterMark 64 KB; zlib
 * memLevel 4 + chunkSize 4 KB; a 64 KB output highWaterMark; reading each file whole; and
 * MALLOC_ARENA_MAX=1. One entry at a time plus the single central-directory write measured
 * 112-121 MB at 400 MB in the bare process, but 141 / 191 MB in the bench and 5.9 s instead of 4.0 s.
 */
async function writeZip(entries, file) {
    // Loaded here so that runs which never zip (every other provider) do not pay for archiver.
    const { ZipArchive } = await Promise.all(/* import() */[__nccwpck_require__.e(581), __nccwpck_require__.e(348)]).then(__nccwpck_require__.bind(__nccwpck_require__, 9348));
    const archive = new ZipArchive({ zlib: { level: DEFLATE_LEVEL } });
    const output = external_node_fs_default().createWriteStream(file, { flags: 'wx' });
    const closed = new Promise((resolve, reject) => {
        output.once('error', reject);
        output.once('close', resolve);
        archive.on('error', reject);
        // archiver reports unreadable or vanished files as warnings; a partial upload is worse.
        archive.on('warning', reject);
    });
    try {
        archive.pipe(output);
        for (const entry of entries) {
            const store = isCompressedName(entry.name) || (await looksCompressed(entry.source, entry.stats.size));
            archive.file(entry.source, {
                name: entry.name,
                stats: entry.stats,
                ...(store ? { store: true } : {}),
            });
        }
        await Promise.all([archive.finalize(), closed]);
    }
    catch (error) {
        archive.abort();
        output.destroy();
        throw error;
    }
}
const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
/**
 * The number of entries a zip's end-of-central-directory record declares, or undefined when the
 * file has no such record (not a zip, or truncated). Reads only the tail of the file.
 */
async function countZipEntries(file) {
    const handle = await external_node_fs_default().promises.open(file, 'r');
    try {
        const { size } = await handle.stat();
        if (size < EOCD_SIZE)
            return undefined;
        const tailLength = Math.min(size, EOCD_SIZE + MAX_COMMENT);
        const tail = Buffer.alloc(tailLength);
        await handle.read(tail, 0, tailLength, size - tailLength);
        let at = -1;
        for (let i = tailLength - EOCD_SIZE; i >= 0; i -= 1) {
            if (tail.readUInt32LE(i) === EOCD_SIGNATURE) {
                at = i;
                break;
            }
        }
        if (at < 0)
            return undefined;
        const total = tail.readUInt16LE(at + 10);
        if (total !== 0xffff)
            return total;
        // Zip64: the real count is in the zip64 record the locator (just before the EOCD) points at.
        const locator = at - 20;
        if (locator < 0 || tail.readUInt32LE(locator) !== ZIP64_LOCATOR_SIGNATURE)
            return total;
        const recordOffset = Number(tail.readBigUInt64LE(locator + 8));
        const record = Buffer.alloc(40);
        await handle.read(record, 0, 40, recordOffset);
        if (record.readUInt32LE(0) !== ZIP64_EOCD_SIGNATURE)
            return undefined;
        return Number(record.readBigUInt64LE(32));
    }
    finally {
        await handle.close();
    }
}

;// CONCATENATED MODULE: ./src/providers/justdeploy.ts








const justdeploy_STATES = {
    pending: 'queued',
    building: 'building',
    ready: 'success',
    error: 'failure',
};
/** Slack for the provider's clock against ours when matching a build to this run's trigger. */
const CLOCK_SKEW_MS = 5_000;
/** Recent successful builds sampled for the typical duration. */
const DURATION_SAMPLE = 10;
const KEYS_FIX = 'check the token input (JustDeploy access key) and secret-key input: both must be current and belong to this organization';
/** JustDeploy: create a build per stage, upload the zip to a presigned URL, poll until ready. */
const justdeploy = {
    name: 'justdeploy',
    title: 'JustDeploy',
    defaultApiUrl: 'https://api.justdeploy.net',
    required: ['project', 'organization', 'secretKey', 'artifact'],
    credentials: (settings) => ({
        'x-access-key': settings.token,
        'x-secret-key': settings.secretKey,
    }),
    describeError(status, body) {
        const details = {};
        if (body && typeof body === 'object') {
            // JustDeploy errors are `{ status: "Conflict", message: "..." }`.
            const record = body;
            if (typeof record['status'] === 'string')
                details.code = record['status'];
            if (typeof record['message'] === 'string')
                details.message = record['message'];
        }
        if (status === 401 || status === 403)
            details.fix = KEYS_FIX;
        if (status === 404) {
            details.fix =
                'check the organization and project inputs are the ids from the JustDeploy dashboard';
        }
        if (status === 409) {
            details.fix =
                'a build for this stage is already running; keep on-conflict: wait to queue behind it';
        }
        return Object.keys(details).length > 0 ? details : undefined;
    },
    create: (ctx) => new JustDeployAdapter(ctx),
};
class JustDeployAdapter {
    ctx;
    name = 'justdeploy';
    title = 'JustDeploy';
    artifact;
    constructor(ctx) {
        this.ctx = ctx;
    }
    get base() {
        const { organization, project } = this.ctx.settings;
        return encodePath `/organizations/${organization}/projects/${project}`;
    }
    /** Zips (or checks) the artifact first, so a bad one fails before any build exists. */
    async prepare() {
        await this.prepared();
    }
    async prepared() {
        if (this.artifact)
            return this.artifact;
        const { settings, tempDir, log } = this.ctx;
        const artifact = await prepareArtifact(settings.artifact, tempDir);
        const source = safeLine(settings.artifact, 200);
        log.info(artifact.zipped
            ? `Artifact: zipped ${source} into ${formatBytes(artifact.size)} (${plural(artifact.entries, 'file')})`
            : `Artifact: ${source}, ${formatBytes(artifact.size)} (${plural(artifact.entries, 'entry', 'entries')})`);
        if (artifact.skipped.length > 0) {
            log.warning(`Left ${plural(artifact.skipped.length, 'symlink')} out of the artifact (pointing outside ` +
                `the directory, broken, or to a directory): ${safeLine(artifact.skipped.slice(0, 10).join(', '), 300)}`);
        }
        this.artifact = artifact;
        return artifact;
    }
    async trigger() {
        const artifact = await this.prepared();
        const { http, settings } = this.ctx;
        let created;
        try {
            created = (await http.request({
                method: 'POST',
                path: `${this.base}/builds`,
                json: { stage: settings.stage },
                what: `create a ${settings.stage} build`,
            })).body;
        }
        catch (error) {
            if (error instanceof HttpError && error.status === 409)
                throw this.conflict(error);
            throw error;
        }
        const build = created?.build;
        if (!build || typeof build.id !== 'string' || !build.id || typeof created?.url !== 'string') {
            throw new ActionError('JustDeploy: create the build answered without a build id or an upload URL', { fix: 'check api-url points at the JustDeploy API' });
        }
        await this.upload(created.url, artifact, build.id);
        return toBuild(build);
    }
    /** The 409 names the running build; the engine waits for it (on-conflict) and triggers again. */
    conflict(error) {
        const body = error.body;
        const running = body && typeof body === 'object' ? body.build : undefined;
        if (!running || typeof running.id !== 'string' || !running.id)
            return error;
        const build = toBuild(running);
        const stage = running.stage ?? this.ctx.settings.stage;
        return new BuildConflict(build, `JustDeploy: a ${stage} build is already in progress: ${build.id} (${build.providerStatus})`);
    }
    /**
     * PUTs the zip to the presigned URL. The request is anonymous (no keys leave for the upload
     * host), and nothing about it is printed but the host: the URL's query is its signature, so
     * errors are rebuilt with every piece of it scrubbed out.
     */
    async upload(url, artifact, buildId) {
        let target;
        try {
            target = new URL(url);
        }
        catch {
            throw new ActionError(`JustDeploy: build ${buildId} came with an upload URL that is not a URL`, {
                fix: 'check api-url points at the JustDeploy API',
            });
        }
        if (target.protocol !== 'https:' &&
            !(target.protocol === 'http:' &&
                /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/.test(target.hostname))) {
            throw new ActionError(`JustDeploy: build ${buildId} came with a ${target.protocol.replace(':', '')} upload URL (${target.host}); the artifact is only sent over https`, { fix: 'check api-url points at the JustDeploy API' });
        }
        const { http, log } = this.ctx;
        log.info(`Uploading ${formatBytes(artifact.size)} to ${target.host} for build ${buildId}`);
        try {
            await http.request({
                method: 'PUT',
                url,
                anonymous: true,
                body: {
                    open: () => external_node_fs_default().createReadStream(artifact.file),
                    length: artifact.size,
                    contentType: 'application/zip',
                },
                responseType: 'none',
                what: `upload the artifact to ${target.host}`,
            });
        }
        catch (error) {
            if (!(error instanceof HttpError))
                throw error;
            // Same failure, with the one thing the user must know: this build will never start.
            throw new HttpError({
                provider: 'JustDeploy',
                what: error.what,
                kind: error.kind,
                ...(error.status === undefined ? {} : { status: error.status }),
                details: {
                    ...(error.code === undefined ? {} : { code: error.code }),
                    ...(error.providerMessage === undefined ? {} : { message: error.providerMessage }),
                    fix: (error.status === 403
                        ? 'the upload host refused the presigned URL (it may have expired); '
                        : '') +
                        `re-run the workflow: build ${buildId} was created but has no artifact, so it will not start`,
                },
                ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
            });
        }
        log.info(`Uploaded the artifact for build ${buildId}`);
    }
    /**
     * The build an ambiguous create may have made. Such a build never got its artifact (the upload
     * URL was in the lost answer), so it cannot start: say so instead of waiting on it to time out.
     */
    async findTriggered(since) {
        const { stage } = this.ctx.settings;
        const newest = (await this.recent())
            .filter((b) => b.stage === stage && (parseTime(b.createdAt) ?? 0) >= since - CLOCK_SKEW_MS)
            .sort((a, b) => (parseTime(b.createdAt) ?? 0) - (parseTime(a.createdAt) ?? 0))[0];
        if (!newest)
            return undefined;
        const build = toBuild(newest);
        if (newest.status === 'pending') {
            throw new ActionError(`JustDeploy: the answer to create the build was lost; build ${build.id} was created, but without its upload URL the artifact cannot be uploaded, so it will not start`, {
                fix: `re-run the workflow once JustDeploy has ended build ${build.id} (a new ${stage} build is refused with 409 while it is pending)`,
            });
        }
        return build;
    }
    async poll(build) {
        const res = await this.ctx.http.request({
            method: 'GET',
            path: `${this.base}${encodePath `/builds/${build.id}`}`,
            what: `read build ${build.id}`,
            polling: true,
        });
        const current = res.body?.build;
        if (!current || typeof current !== 'object') {
            this.ctx.log.debug(`JustDeploy: build ${build.id} answered without a build; polling on`);
            return build;
        }
        return { ...build, ...toBuild({ ...current, id: current.id || build.id }) };
    }
    /** Median run time of this stage's recent successful builds. */
    async typicalDurationMs() {
        let builds;
        try {
            builds = await this.recent();
        }
        catch (error) {
            if (error instanceof ActionError)
                return undefined;
            throw error;
        }
        return median(builds
            .filter((b) => b.stage === this.ctx.settings.stage && b.status === 'ready')
            .sort((a, b) => (parseTime(b.createdAt) ?? 0) - (parseTime(a.createdAt) ?? 0))
            .slice(0, DURATION_SAMPLE)
            .map((b) => (parseTime(b.updatedAt) ?? NaN) - (parseTime(b.createdAt) ?? NaN)));
    }
    /** Fills the deploy URL from the stage's endpoint and lists its custom domains. */
    async finish(build) {
        if (build.state !== 'success')
            return build;
        const { http, log, settings } = this.ctx;
        let body;
        try {
            body = await http.getJson(`${this.base}/endpoints`, 'read the stage endpoints');
        }
        catch (error) {
            // The build is live whatever happens here; a missing link is not worth failing the run.
            if (!(error instanceof ActionError))
                throw error;
            log.warning(`Could not read the ${settings.stage} endpoint: ${error.toString()}`);
            return build;
        }
        const entry = (body?.endpoints ?? []).find((e) => e.stage === settings.stage);
        if (!entry) {
            log.warning(`JustDeploy lists no endpoint for the ${safeLine(settings.stage, 80)} stage`);
            return build;
        }
        const domains = (entry.domains ?? [])
            .map((d) => d.domain)
            .filter((d) => typeof d === 'string' && d !== '');
        const notes = [...(build.notes ?? [])];
        if (domains.length > 0)
            notes.push(`Custom domains: ${domains.join(', ')}`);
        return {
            ...build,
            ...(typeof entry.endpoint === 'string' && entry.endpoint
                ? { deployUrl: entry.endpoint }
                : {}),
            ...(notes.length > 0 ? { notes } : {}),
        };
    }
    async recent() {
        const body = await this.ctx.http.getJson(`${this.base}/builds`, 'list recent builds');
        return Array.isArray(body?.builds)
            ? body.builds.filter((b) => b && typeof b.id === 'string')
            : [];
    }
}
function toBuild(raw) {
    const status = typeof raw.status === 'string' && raw.status ? raw.status : 'unknown';
    // A status the documents do not list is not an ending: keep polling until the timeout.
    const build = { id: raw.id, state: justdeploy_STATES[status] ?? 'building', providerStatus: status };
    if (status === 'error' && typeof raw.error === 'string' && raw.error) {
        build.failureReason = raw.error;
    }
    return build;
}
function plural(count, one, many = `${one}s`) {
    return `${count} ${count === 1 ? one : many}`;
}

;// CONCATENATED MODULE: ./src/providers/sitepaste.ts









/** The documented limit, used when a 429 carries no X-RateLimit-Limit. */
const DOCUMENTED_LIMIT = 20;
const TOKEN_FIX = 'Create a new API token in Sitepaste (tokens are revoked when the Pro plan expires)';
const RATE_FIX = 'Sitepaste allows 20 builds an hour per business account; batch page updates into one build, or wait before triggering again';
/**
 * Sitepaste: upsert pages, then one account-wide build. There is no status endpoint, so waiting
 * watches the live site for a change.
 */
const sitepaste = {
    name: 'sitepaste',
    title: 'Sitepaste',
    defaultApiUrl: 'https://sitepaste.com/api/v1',
    required: [],
    credentials: bearerCredentials,
    describeError(status) {
        if (status === 401)
            return { fix: TOKEN_FIX };
        if (status === 429)
            return { fix: RATE_FIX };
        return undefined;
    },
    create: (ctx) => new SitepasteAdapter(ctx),
};
class SitepasteAdapter {
    ctx;
    name = 'sitepaste';
    title = 'Sitepaste';
    minPollIntervalMs = 2000;
    snapshot;
    constructor(ctx) {
        this.ctx = ctx;
    }
    async prepare() {
        const { settings } = this.ctx;
        if (settings.pages)
            await this.upsertPages(settings.pages);
        // Before the trigger, so a fast build cannot be live before the "before" picture is taken.
        if (settings.siteUrl && settings.wait)
            this.snapshot = await this.takeSnapshot(settings.siteUrl);
    }
    async upsertPages(pattern) {
        const pages = await collectPages(pattern, this.ctx);
        const { http, log } = this.ctx;
        for (const page of pages) {
            // The file is in `what`, so the error line names it while staying an HttpError: a timeout
            // here still ends the run as timed_out.
            await http.request({
                method: 'POST',
                path: encodePath `/public/pages`,
                json: { title: page.title, content: page.content, contentType: 'docs', slug: page.slug },
                what: `upsert page '${page.slug}' from ${safeLine(page.relative, 200)}`,
                // A page with a slug is an upsert, so sending it again after a lost answer is harmless.
                retrySafe: (error) => error.kind === 'network' || TRANSIENT_STATUSES.has(error.status ?? 0),
            });
            log.info(`Page ${safeLine(page.relative, 200)} -> ${page.slug} ("${safeLine(page.title, 120)}")`);
        }
    }
    async trigger() {
        const { http, log, settings, clock } = this.ctx;
        const triggeredAt = clock.now();
        let res;
        try {
            res = await http.request({
                method: 'POST',
                path: encodePath `/public/builds`,
                what: 'trigger the build',
            });
        }
        catch (error) {
            if (error instanceof HttpError && error.status === 429)
                throw this.rateLimited(error);
            throw error;
        }
        const body = res.body && typeof res.body === 'object' ? res.body : {};
        const deployUrl = typeof body.deployUrl === 'string' && body.deployUrl ? body.deployUrl : '';
        const notes = [];
        const quota = quotaLine(res.headers);
        if (quota) {
            log.info(quota);
            notes.push(quota);
        }
        const build = {
            id: '',
            state: 'queued',
            providerStatus: typeof body.status === 'string' && body.status ? body.status : 'queued',
            ...(deployUrl || settings.siteUrl ? { deployUrl: deployUrl || settings.siteUrl } : {}),
            ...(notes.length > 0 ? { notes } : {}),
        };
        if (!this.snapshot && settings.wait) {
            if (deployUrl && /^https?:\/\//i.test(deployUrl)) {
                const snapshot = await this.takeSnapshot(deployUrl);
                // Taken after the trigger: a read that was retried or slow may already see this build
                // live, and then nothing would ever change again. A page modified after the trigger is new.
                const modified = snapshot.lastModified ? Date.parse(snapshot.lastModified) : Number.NaN;
                this.snapshot = modified > triggeredAt ? { url: snapshot.url, up: false } : snapshot;
            }
            else {
                log.warning('Sitepaste returned no deployUrl to watch; set site-url to wait for the build');
            }
        }
        return build;
    }
    /**
     * A 429 the HTTP layer did not wait out: Retry-After is beyond the time left (or retries ran
     * out). Spell out the limit and when the window frees a slot.
     */
    rateLimited(error) {
        const limit = count(header(error.headers, 'x-ratelimit-limit')) ?? DOCUMENTED_LIMIT;
        const remaining = count(header(error.headers, 'x-ratelimit-remaining')) ?? 0;
        let when = 'within the hour (the window slides, so the oldest build frees a slot first)';
        let waitFix = 'wait for the window to free a slot';
        if (error.retryAfterMs !== undefined) {
            const minutes = Math.max(1, Math.ceil(error.retryAfterMs / 60_000));
            const at = new Date(Math.ceil((this.ctx.clock.now() + error.retryAfterMs) / 60_000) * 60_000);
            const hhmm = at.toISOString().slice(11, 16);
            when = `in ${minutes} minute${minutes === 1 ? '' : 's'}, at ${hhmm} UTC`;
            waitFix = `re-run after ${hhmm} UTC, or raise timeout above ${minutes}m so the action waits for the slot itself`;
        }
        // `reason`, not `message`: the message already ends with the HTTP layer's generic fix. When
        // to retry comes early, so the summary's (capped) Details cell still shows it.
        return new ActionError(`${error.reason}: the rate limit of ${limit} builds an hour is used up (${remaining} left); ` +
            `retry ${when}. The limit is per business account, over a sliding 60-minute window, ` +
            `shared by all tokens of the account`, {
            fix: `batch page updates into one build instead of one build per change; ${waitFix}`,
            cause: error,
        });
    }
    /** Reads the live site once, without credentials. A site that is not up yet is not an error. */
    async takeSnapshot(url) {
        try {
            return { url, up: true, ...(await this.readSite(url, 'read the live site', false)) };
        }
        catch (error) {
            if (!(error instanceof HttpError) || error.kind === 'deadline')
                throw error;
            const why = error.status === undefined ? (error.code ?? error.kind) : `HTTP ${error.status}`;
            this.ctx.log.info(`The site at ${safeLine(url, 200)} cannot be read yet (${safeLine(why, 120)}); the first page it serves counts as the new build`);
            return { url, up: false };
        }
    }
    async readSite(url, what, polling) {
        const res = await this.ctx.http.request({
            method: 'GET',
            url,
            // The deploy URL is the user's public site: never send the token there.
            anonymous: true,
            responseType: 'text',
            polling,
            // Ask any CDN in front to revalidate, so a cached copy does not hide the new build.
            headers: { 'cache-control': 'no-cache' },
            what,
        });
        const etag = header(res.headers, 'etag');
        const lastModified = header(res.headers, 'last-modified');
        return {
            ...(etag ? { etag } : {}),
            ...(lastModified ? { lastModified } : {}),
            digest: (0,external_node_crypto_.createHash)('sha256')
                .update(res.body ?? '')
                .digest('hex'),
        };
    }
    /**
     * Live once the site differs from the snapshot: a new ETag, a new Last-Modified or a new body.
     * Any one counts, because a build whose content did not touch this page still redeploys it
     * (new validators), while a host without validators still shows new content.
     */
    async poll(build) {
        const snapshot = this.snapshot;
        if (!snapshot) {
            throw new ActionError('Sitepaste: there is no site URL to watch for the build', {
                fix: 'set site-url to the live site, or set wait: false',
            });
        }
        let current;
        try {
            current = await this.readSite(snapshot.url, 'check the live site', true);
        }
        catch (error) {
            // A site mid-deploy may answer 404 or 5xx for a moment; that is not the build's verdict.
            if (!(error instanceof HttpError) || error.kind !== 'status')
                throw error;
            this.ctx.log.debug(`Sitepaste: the site answered HTTP ${error.status}; still waiting`);
            return { ...build, state: 'building', providerStatus: 'queued' };
        }
        if (snapshot.up &&
            (snapshot.etag !== undefined || snapshot.lastModified !== undefined) &&
            current.etag === undefined &&
            current.lastModified === undefined) {
            // The site always sent its validators; a page without them is a proxy's or a CDN's error
            // page served with 200, not a new build.
            this.ctx.log.debug('Sitepaste: the site answered without its ETag and Last-Modified; still waiting');
            return { ...build, state: 'building', providerStatus: 'queued' };
        }
        const changed = !snapshot.up ||
            differs(snapshot.etag, current.etag) ||
            differs(snapshot.lastModified, current.lastModified) ||
            snapshot.digest !== current.digest;
        return changed
            ? { ...build, state: 'success', providerStatus: 'live' }
            : { ...build, state: 'building', providerStatus: 'queued' };
    }
    describeTimeout() {
        const url = this.snapshot?.url;
        if (!url)
            return undefined;
        return (`The site at ${safeLine(url, 200)} did not change before the timeout, so the Sitepaste ` +
            `build may still be queued or may have failed (check the Builds section of the Sitepaste dashboard)`);
    }
}
function differs(before, after) {
    return before !== undefined && after !== undefined && before !== after;
}
function count(value) {
    return value !== undefined && /^\d+$/.test(value.trim()) ? Number(value.trim()) : undefined;
}
/** `Builds left this hour: 19 of 20`, from the trigger's rate-limit headers. */
function quotaLine(headers) {
    const remaining = count(header(headers, 'x-ratelimit-remaining'));
    if (remaining === undefined)
        return undefined;
    const limit = count(header(headers, 'x-ratelimit-limit'));
    return `Builds left this hour: ${remaining}${limit === undefined ? '' : ` of ${limit}`}`;
}
const MARKDOWN = /\.(md|markdown)$/i;
/**
 * Expands the `pages` glob and reads every Markdown file into a page. Everything that can be
 * wrong with the files (nothing matched, an empty or clashing slug) fails here, before the first
 * page is sent.
 */
async function collectPages(pattern, ctx) {
    // Loaded here so runs without `pages` never load the glob library.
    const { create } = await Promise.all(/* import() */[__nccwpck_require__.e(119), __nccwpck_require__.e(581), __nccwpck_require__.e(25)]).then(__nccwpck_require__.bind(__nccwpck_require__, 2025));
    const globber = await create(pattern, { matchDirectories: false });
    const matched = (await globber.glob()).sort();
    const files = matched.filter((file) => MARKDOWN.test(file));
    if (files.length === 0) {
        throw new InputError('pages', matched.length === 0
            ? `matched no files ('${pattern}')`
            : `matched no Markdown files ('${pattern}' matched ${matched.length} other files)`, 'use a glob of .md files relative to the workspace, such as docs/**/*.md');
    }
    const ignored = matched.length - files.length;
    if (ignored > 0)
        ctx.log.warning(`pages: ignored ${ignored} matched files that are not Markdown`);
    const workspace = process.env['GITHUB_WORKSPACE'] || process.cwd();
    const bySlug = new Map();
    const pages = [];
    for (const file of files) {
        const relative = external_node_path_default().relative(workspace, file).split((external_node_path_default()).sep).join('/');
        const slug = slugFor(relative);
        if (!slug) {
            throw new InputError('pages', `matched '${relative}', whose name gives an empty slug`, 'rename the file with letters or digits (a-z, 0-9)');
        }
        const clash = bySlug.get(slug);
        if (clash !== undefined) {
            throw new InputError('pages', `matched '${clash}' and '${relative}', which both become the page '${slug}'`, 'rename one of them; slugs keep only a-z and 0-9 of the path');
        }
        bySlug.set(slug, relative);
        const text = await external_node_fs_default().promises.readFile(file, 'utf8');
        pages.push({ file, relative, slug, ...parseMarkdown(text, external_node_path_default().basename(file)) });
    }
    return pages;
}
/** `docs/Getting Started.md` -> `docs-getting-started`. */
function slugFor(relativePath) {
    const withoutExt = relativePath.slice(0, relativePath.length - external_node_path_default().extname(relativePath).length);
    return withoutExt
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '');
}
const FRONT_MATTER = /^---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;
/**
 * The page's title and content: the title from front matter `title:`, else the first `# `
 * heading (outside code fences), else the file name; the content without the front matter.
 */
function parseMarkdown(text, fileName) {
    const source = text.replace(/^\uFEFF/, '');
    const match = FRONT_MATTER.exec(source);
    const content = match ? source.slice(match[0].length).replace(/^(?:[ \t]*\r?\n)+/, '') : source;
    const title = (match ? frontMatterTitle(match[1] ?? '') : undefined) ??
        firstHeading(content) ??
        external_node_path_default().basename(fileName, external_node_path_default().extname(fileName));
    return { title, content };
}
function frontMatterTitle(yaml) {
    const line = /^title[ \t]*:[ \t]*(.*)$/m.exec(yaml);
    if (!line)
        return undefined;
    let value = (line[1] ?? '').trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) {
        try {
            value = JSON.parse(value);
        }
        catch {
            value = value.slice(1, -1);
        }
    }
    else if (value.startsWith("'") && value.endsWith("'") && value.length >= 2) {
        value = value.slice(1, -1).replace(/''/g, "'");
    }
    else {
        value = value.replace(/[ \t]+#.*$/, '');
    }
    value = value.trim();
    return value === '' ? undefined : value;
}
function firstHeading(markdown) {
    let fence;
    for (const line of markdown.split(/\r?\n/)) {
        const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
        if (marker) {
            if (fence === undefined)
                fence = marker;
            else if (marker[0] === fence[0] && marker.length >= fence.length)
                fence = undefined;
            continue;
        }
        if (fence !== undefined)
            continue;
        const heading = /^ {0,3}#[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(line);
        if (heading?.[1])
            return heading[1];
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/providers/index.ts





/** Every provider the action speaks, by the name users write in `provider:`. */
const PROVIDERS = Object.freeze({
    jamdesk: jamdesk,
    sitepaste: sitepaste,
    justdeploy: justdeploy,
    deskforge: deskforge,
    deployhub: deployhub,
});
/** The spec for a provider name. */
function providerSpec(name) {
    return PROVIDERS[name];
}
/** What the input reader needs to know about a provider. */
function providerRequirements(name) {
    const spec = PROVIDERS[name];
    return { defaultApiUrl: spec.defaultApiUrl, required: spec.required };
}

;// CONCATENATED MODULE: ./src/main.ts













/** How long a cancelled run may take to post its final status before it exits anyway. */
const CANCEL_GRACE_MS = 5000;
/** The log as the engine sees it, on the runner's log commands. */
const coreLog = {
    info: (m) => info(safeLine(m, 2000)),
    warning: (m) => warning(safeLine(m, 2000)),
    debug: (m) => debug(m),
    group: (name, fn) => group(safeLine(name), fn),
    untrusted: (lines) => {
        // Build logs are the provider's text: suspend workflow commands around them.
        const token = external_node_crypto_default().randomUUID();
        info(`::stop-commands::${token}`);
        for (const line of lines)
            info(line.replace(/\r?\n/g, ' '));
        info(`::${token}::`);
    },
};
/** What the outputs say when the action failed before it could trigger anything. */
const FAILED_BEFORE_TRIGGER = {
    status: 'failure',
    providerTitle: '',
    build: undefined,
    durationMs: 0,
    actionFailed: true,
};
/** Writes every contract output; on failure and timeout too, so later steps can branch on them. */
function setOutputs(outcome) {
    const b = outcome.build;
    setOutput('build-id', b?.id ?? '');
    setOutput('status', outcome.status);
    setOutput('provider-status', b?.providerStatus ?? '');
    setOutput('deploy-url', b?.deployUrl ?? '');
    setOutput('artifact-url', b?.artifactUrl ?? '');
    setOutput('log-url', b?.logUrl ?? '');
    setOutput('docker-image', b?.dockerImage ?? '');
    setOutput('duration', String(Math.round(outcome.durationMs / 1000)));
}
/** inputs -> engine -> outputs. Catches everything; a failure is one line via setFailed. */
async function run(deps = {}) {
    const env = deps.env ?? process.env;
    const controller = new AbortController();
    const onSignal = (signal) => {
        info(`Received ${signal}: cancelling and closing the commit status.`);
        controller.abort(new Error(`received ${signal}`));
        setTimeout(() => process.exit(1), CANCEL_GRACE_MS).unref();
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    // The contract sets every output on failure too, whatever threw and wherever.
    let outputsSet = false;
    try {
        let settings;
        try {
            settings = readSettings(providerRequirements);
        }
        catch (error) {
            if (error instanceof InputError) {
                setOutputs(FAILED_BEFORE_TRIGGER);
                outputsSet = true;
                setFailed(safeLine(describeError(error), 2000));
                return;
            }
            throw error;
        }
        const spec = providerSpec(settings.provider);
        const runContext = readRunContext(settings.sha, env);
        const github = settings.githubToken && runContext.owner
            ? (deps.github ?? octokitApi)(settings.githubToken, runContext.owner, runContext.repo, runContext.apiUrl)
            : undefined;
        if (settings.commitStatus && !github) {
            warning('Commit status skipped: no github-token (keep the default ${{ github.token }}).');
        }
        const tempDir = external_node_fs_default().mkdtempSync(external_node_path_default().join(env['RUNNER_TEMP'] || external_node_os_default().tmpdir(), 'trigger-build-'));
        const outcome = await runBuild({
            settings,
            spec,
            run: runContext,
            clock: deps.clock ?? systemClock,
            signal: controller.signal,
            log: coreLog,
            github,
            saveState: (key, value) => saveState(key, value),
            tempDir,
            env,
            writeSummary: (markdown) => appendSummary(markdown),
        });
        external_node_fs_default().rmSync(tempDir, { recursive: true, force: true });
        setOutputs(outcome);
        outputsSet = true;
        const line = safeLine(outcome.message ?? '', 2000);
        if (outcome.actionFailed) {
            setFailed(line);
        }
        else if (outcome.status === 'success' ||
            outcome.status === 'queued' ||
            outcome.status === 'building') {
            info(`Done: ${outcome.status}.`);
        }
        else if (settings.failOnError) {
            setFailed(line);
        }
        else {
            warning(`${line} (fail-on-error is false, so the step passes)`);
        }
    }
    catch (error) {
        debug(error instanceof Error ? (error.stack ?? '') : String(error));
        if (!outputsSet) {
            try {
                setOutputs(FAILED_BEFORE_TRIGGER);
            }
            catch (outputError) {
                warning(`Could not set the outputs: ${safeLine(describeError(outputError))}`);
            }
        }
        setFailed(safeLine(`trigger-build-action failed unexpectedly: ${describeError(error)}`, 2000));
    }
    finally {
        process.removeListener('SIGINT', onSignal);
        process.removeListener('SIGTERM', onSignal);
    }
}


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 5317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 3557:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 3106:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("zlib");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(9407);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
