import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 1463:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  k: () => (/* binding */ octokitApi)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __nccwpck_require__(3916);
;// CONCATENATED MODULE: ./src/providers/types.ts

/** The names users write in `provider:`. */
const PROVIDER_NAMES = (/* unused pure expression or super */ null && ([
    'jamdesk',
    'sitepaste',
    'justdeploy',
    'deskforge',
    'deployhub',
]));
/** True for a state that will not change again. */
function isTerminal(state) {
    return state === 'success' || state === 'failure' || state === 'cancelled';
}
/**
 * Thrown by a GitHubReader when a 2xx from the GitHub API has a body that is not the documented
 * JSON (an HTML page from a proxy or a captive portal). A passing glitch: a poll that meets it
 * looks again at its next turn, as the HTTP layer does for provider polls.
 */
class UnexpectedGitHubBody extends errors/* ActionError */.lZ {
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
                __nccwpck_require__.e(/* import() */ 758).then(__nccwpck_require__.bind(__nccwpck_require__, 1758)),
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
        throw new errors/* ActionError */.lZ(`GitHub: ${what} was redirected to another host (${origin}); its answer was not used`, { fix: 'check GITHUB_API_URL and any proxy between the runner and GitHub' });
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


/***/ }),

/***/ 5073:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  a: () => (/* binding */ runPost)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __nccwpck_require__(3916);
// EXTERNAL MODULE: ./src/text.ts
var src_text = __nccwpck_require__(8992);
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
    return (0,src_text/* truncate */.xv)((0,src_text/* safeLine */.om)(text, 1000), MAX_DESCRIPTION);
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
class commit_status_CommitStatusReporter {
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
            log.warning(`Post step could not finish the commit status: ${(0,errors/* describeError */.Uc)(error)}`);
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
class summary_SummaryReporter {
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

;// CONCATENATED MODULE: ./src/engine/post.ts


/**
 * The post step: whatever the main step's reporters left open (it was cancelled or killed mid-run),
 * each reporter's closer finishes from the saved state, so no commit status stays pending and no
 * deployment stays in progress. It never fails the job.
 */
async function runPost(deps) {
    const { token, log } = deps;
    const github = token
        ? (owner, repo, apiUrl) => deps.github(token, owner, repo, apiUrl)
        : undefined;
    for (const closer of deps.closers ?? postClosers) {
        const saved = deps.getState(closer.stateKey);
        if (!saved)
            continue;
        try {
            await closer.close(saved, { github, log });
        }
        catch (error) {
            log.warning(`Post step: could not close ${closer.stateKey}: ${(0,errors/* describeError */.Uc)(error)}`);
        }
    }
}


/***/ }),

/***/ 3916:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Uc: () => (/* binding */ describeError),
/* harmony export */   lZ: () => (/* binding */ ActionError)
/* harmony export */ });
/* unused harmony exports InputError, ProviderError, oneLine */
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


/***/ }),

/***/ 6661:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _runner_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(6783);
/* harmony import */ var _engine_github_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(1463);
/* harmony import */ var _engine_post_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(5073);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(8992);




// The post step runs even when the job was cancelled or the main step was killed.
const token = _runner_js__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4('github-token');
if (token)
    _runner_js__WEBPACK_IMPORTED_MODULE_0__/* .setSecret */ .Pq(token);
await (0,_engine_post_js__WEBPACK_IMPORTED_MODULE_2__/* .runPost */ .a)({
    getState: (key) => _runner_js__WEBPACK_IMPORTED_MODULE_0__/* .getState */ .Gu(key),
    token,
    github: _engine_github_js__WEBPACK_IMPORTED_MODULE_1__/* .octokitApi */ .k,
    log: {
        info: (m) => _runner_js__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq((0,_text_js__WEBPACK_IMPORTED_MODULE_3__/* .safeLine */ .om)(m, 2000)),
        warning: (m) => _runner_js__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e((0,_text_js__WEBPACK_IMPORTED_MODULE_3__/* .safeLine */ .om)(m, 2000)),
        debug: (m) => _runner_js__WEBPACK_IMPORTED_MODULE_0__/* .debug */ .Yz(m),
    },
});
process.exit();

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 6783:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Yz: () => (/* binding */ debug),
  V4: () => (/* binding */ getInput),
  Gu: () => (/* binding */ getState),
  pq: () => (/* binding */ info),
  Pq: () => (/* binding */ setSecret),
  $e: () => (/* binding */ warning)
});

// UNUSED EXPORTS: appendSummary, error, group, saveState, setFailed, setOutput

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
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
    const delimiter = `ghadelimiter_${crypto.randomUUID()}`;
    fs.appendFileSync(path, `${key}<<${delimiter}${os.EOL}${value}${os.EOL}${delimiter}${os.EOL}`, 'utf8');
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
    process.stdout.write(`::group::${escapeData(name)}${os.EOL}`);
    try {
        return await fn();
    }
    finally {
        process.stdout.write(`::endgroup::${os.EOL}`);
    }
}
function setOutput(name, value) {
    if (!fileCommand('OUTPUT', name, value)) {
        // Very old runners only: the deprecated stdout form.
        process.stdout.write(`${os.EOL}::set-output name=${name}::${escapeData(value)}${os.EOL}`);
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
    fs.appendFileSync(path, `${markdown}${os.EOL}`, 'utf8');
    return true;
}


/***/ }),

/***/ 8992:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   om: () => (/* binding */ safeLine),
/* harmony export */   xv: () => (/* binding */ truncate)
/* harmony export */ });
/* unused harmony exports markdownCell, redactUrl, queryScrubber, formatDuration, parseDuration */
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


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

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

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

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
/******/ 		return "" + chunkId + (["758"].includes(String(chunkId)) ? ".post.js" : ".index.js");
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
/******/ var __webpack_exports__ = __nccwpck_require__(6661);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
