import { createRequire as __tbaCreateRequire } from 'node:module';
const require = __tbaCreateRequire(import.meta.url);
import {
  HttpClient,
  getIDToken,
  getInput,
  setSecret
} from "./chunk-3NSA7WRU.js";

// src/clock.ts
var systemClock = {
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
    const timer = setTimeout(
      () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      },
      Math.max(0, ms)
    );
    signal?.addEventListener("abort", onAbort, { once: true });
  }),
  random: () => Math.random()
};
var Deadline = class {
  constructor(clock, at) {
    this.clock = clock;
    this.at = at;
  }
  clock;
  at;
  /** Milliseconds left, never negative. */
  remaining() {
    return Math.max(0, this.at - this.clock.now());
  }
  expired() {
    return this.remaining() <= 0;
  }
};

// src/text.ts
var MAX_UNTRUSTED = 16 * 1024;
function bound(text2, max = MAX_UNTRUSTED) {
  if (text2.length <= max) return text2;
  const last = text2.charCodeAt(max - 1);
  return text2.slice(0, last >= 55296 && last <= 56319 ? max - 1 : max);
}
var CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
function escapeControl(c) {
  const code = c.charCodeAt(0);
  return code < 256 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}
function printable(text2) {
  return text2.replace(CONTROLS, escapeControl);
}
function safeLine(text2, maxLength = 500) {
  const flat = printable(
    bound(text2, Math.max(MAX_UNTRUSTED, maxLength * 2)).replace(/[\r\n\u2028\u2029\u0085]+/g, " ")
  ).replace(/:(?=:)/g, ":\u200B").replace(/#(?=#\[)/g, "#\u200B");
  return truncate(flat, maxLength);
}
function trimEndOf(text2, chars) {
  let end = text2.length;
  while (end > 0 && chars.includes(text2[end - 1] ?? "")) end -= 1;
  return text2.slice(0, end);
}
function trimStartOf(text2, chars) {
  let start = 0;
  while (start < text2.length && chars.includes(text2[start] ?? "")) start += 1;
  return text2.slice(start);
}
function jsonText(value, space) {
  return (JSON.stringify(value, null, space) ?? "null").replace(
    /[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`
  );
}
function truncate(text2, maxLength) {
  if (text2.length <= maxLength) return text2;
  let out = "";
  for (const point of text2) {
    if (out.length + point.length > maxLength - 1) break;
    out += point;
  }
  return `${out}\u2026`;
}
function queryScrubber(url) {
  if (url.search === "") return (text2) => text2;
  const secrets = /* @__PURE__ */ new Set([url.href, `${url.pathname}${url.search}`, url.search]);
  for (const [, value] of url.searchParams) {
    if (value.length >= 6) {
      secrets.add(value);
      secrets.add(encodeURIComponent(value));
    }
  }
  const ordered = [...secrets].filter((s) => s.length > 1).sort((a, b) => b.length - a.length);
  return (text2) => ordered.reduce((out, secret) => out.split(secret).join("\u2026"), text2);
}
function formatDuration(ms) {
  const total = Math.max(0, Math.round(ms / 1e3));
  const h = Math.floor(total / 3600);
  const m = Math.floor(total % 3600 / 60);
  const s = total % 60;
  if (h > 0) return `${h}h ${m}m ${s}s`;
  if (m > 0) return `${m}m ${s}s`;
  return `${s}s`;
}
function parseDuration(text2) {
  const value = text2.trim().toLowerCase();
  if (/^\d+$/.test(value)) return Number(value) * 1e3;
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(value);
  if (!match || value === "") return void 0;
  const [, h = "0", m = "0", s = "0"] = match;
  return ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1e3;
}

// src/errors.ts
var ActionError = class extends Error {
  /** What went wrong, without the fix. */
  reason;
  /** What the user can do about it, appended to the message as "Fix: ...". */
  fix;
  constructor(message, options = {}) {
    const reason2 = oneLine(message);
    const fix = options.fix === void 0 ? void 0 : oneLine(options.fix);
    super(
      fix ? `${ensurePeriod(reason2)} Fix: ${ensurePeriod(fix)}` : reason2,
      options.cause === void 0 ? void 0 : { cause: options.cause }
    );
    this.name = "ActionError";
    this.reason = reason2;
    this.fix = fix;
  }
  /** The full line shown to the user. */
  toString() {
    return this.message;
  }
};
var InputError = class extends ActionError {
  input;
  constructor(input, problem, fix) {
    super(`Input '${input}' ${problem}`, fix === void 0 ? {} : { fix });
    this.name = "InputError";
    this.input = input;
  }
};
var ProviderError = class extends ActionError {
  provider;
  /** What was being done: "trigger the build". */
  what;
  status;
  code;
  providerMessage;
  constructor(init) {
    const code = init.code === void 0 ? void 0 : bound(init.code);
    const providerMessage = init.providerMessage === void 0 ? void 0 : bound(init.providerMessage);
    const detail = [
      init.status === void 0 ? void 0 : `HTTP ${init.status}`,
      code,
      providerMessage === void 0 ? void 0 : `"${providerMessage}"`
    ].filter((part) => Boolean(part)).join(" ");
    const opts = {};
    if (init.fix !== void 0) opts.fix = init.fix;
    if (init.cause !== void 0) opts.cause = init.cause;
    super(`${init.provider}: ${init.what} failed${detail ? `: ${detail}` : ""}`, opts);
    this.name = "ProviderError";
    this.provider = init.provider;
    this.what = init.what;
    this.status = init.status;
    this.code = code;
    this.providerMessage = providerMessage;
  }
};
function oneLine(text2) {
  const input = bound(text2);
  const parts = [];
  let from = 0;
  for (let i = 0; i < input.length; i += 1) {
    const c = input[i];
    if (c !== "\r" && c !== "\n") continue;
    parts.push(input.slice(from, i).trimEnd(), " ");
    let next = i + 1;
    while (next < input.length && /\s/.test(input[next] ?? "")) next += 1;
    from = next;
    i = next - 1;
  }
  parts.push(input.slice(from));
  return parts.join("").trim();
}
function ensurePeriod(text2) {
  return /[.!?]$/.test(text2) ? text2 : `${text2}.`;
}
function describeError(error) {
  if (error instanceof ActionError) return error.toString();
  if (error instanceof Error) return oneLine(error.message);
  return oneLine(String(error));
}

// src/engine/github.ts
import { randomUUID } from "node:crypto";

// src/github-event.ts
var object = (value) => value !== null && typeof value === "object" && !Array.isArray(value) ? value : void 0;
var isSha = (value) => typeof value === "string" && /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i.test(value);
var prNumberOf = (value) => {
  const n = object(value)?.["number"];
  return typeof n === "number" && Number.isSafeInteger(n) && n > 0 ? n : void 0;
};
var branchName = (value) => typeof value === "string" && value.trim() !== "" ? value.trim() : void 0;
function refName(ref, from) {
  const match = /^refs\/(?:heads|tags)\/(.+)$/.exec(ref);
  return match ? { name: match[1], from } : { name: "", from: `${from} is ${ref ? `'${ref}'` : "empty"}, not a branch or tag` };
}
function pullRequestBranch(value, from = "pull_request.head.ref") {
  const pr = object(value);
  const head = object(pr?.["head"]);
  const headRepo = object(head?.["repo"]);
  const baseRepo = object(object(pr?.["base"])?.["repo"]);
  const name = branchName(head?.["ref"]);
  if (!name) return { name: "", from: `${from} is missing` };
  if (!headRepo) return { name: "", from: "the pull request's head repository was deleted" };
  const same = typeof headRepo["id"] === "number" && typeof baseRepo?.["id"] === "number" ? headRepo["id"] === baseRepo["id"] : String(headRepo["full_name"] ?? "").toLowerCase() === String(baseRepo?.["full_name"] ?? "").toLowerCase();
  return same ? { name, from } : {
    name: "",
    from: `the pull request's head branch '${name}' is in the fork ${String(headRepo["full_name"] ?? "")}, not in this repository`
  };
}
function ownPullRequest(list, repository) {
  if (!Array.isArray(list)) return void 0;
  const repoId = object(repository)?.["id"];
  for (const entry of list) {
    const baseRepo = object(object(object(entry)?.["base"])?.["repo"]);
    if (typeof repoId === "number" && baseRepo && baseRepo["id"] !== repoId) continue;
    const n = prNumberOf(entry);
    if (n !== void 0) return n;
  }
  return void 0;
}
function resolveEvent(eventName, payload, githubSha, githubRef = "") {
  const event = object(payload) ?? {};
  const runnerRef = refName(githubRef, "GITHUB_REF");
  const fallback = { sha: githubSha, from: "GITHUB_SHA", ref: runnerRef };
  const pr = object(event["pull_request"]);
  if (pr) {
    const head = object(pr["head"])?.["sha"];
    const number = prNumberOf(pr);
    return {
      ...isSha(head) ? { sha: head, from: "pull_request.head.sha" } : fallback,
      ...number ? { prNumber: number } : {},
      ref: pullRequestBranch(pr)
    };
  }
  switch (eventName) {
    case "workflow_run":
    case "check_suite":
    case "check_run": {
      const run2 = object(event[eventName]);
      const head = run2?.["head_sha"];
      if (!isSha(head)) return fallback;
      const number = ownPullRequest(run2?.["pull_requests"], event["repository"]);
      return {
        sha: head,
        ...number ? { prNumber: number } : {},
        from: `${eventName}.head_sha`,
        ref: headBranch(eventName, run2, event["repository"])
      };
    }
    case "issue_comment": {
      const issue = object(event["issue"]);
      const number = prNumberOf(issue);
      if (!issue || !object(issue["pull_request"]) || number === void 0) return fallback;
      return {
        sha: "",
        prNumber: number,
        readHeadOf: number,
        from: `pull request #${number}'s head`,
        ref: { name: "", from: `pull request #${number}'s head branch was not read from GitHub` }
      };
    }
    case "merge_group": {
      const group = object(event["merge_group"]);
      const head = group?.["head_sha"];
      if (!isSha(head)) return fallback;
      const ref = group?.["head_ref"];
      return {
        sha: head,
        from: "merge_group.head_sha",
        ref: refName(typeof ref === "string" ? ref : "", "merge_group.head_ref")
      };
    }
    case "deployment":
    case "deployment_status": {
      const deployment = object(event["deployment"]);
      const sha2 = deployment?.["sha"];
      return isSha(sha2) ? { sha: sha2, from: "deployment.sha", ref: deploymentRef(deployment?.["ref"], sha2) } : fallback;
    }
    case "status": {
      const sha2 = event["sha"];
      return isSha(sha2) ? { sha: sha2, from: "status.sha", ref: tipBranch(event["branches"], sha2) } : fallback;
    }
    case "push": {
      const after = event["after"];
      const ref = typeof event["ref"] === "string" ? event["ref"] : "";
      if (isSha(after) && /^0+$/.test(after)) {
        return { ...fallback, ref: { name: "", from: `the push deleted ${ref || "its ref"}` } };
      }
      return isSha(after) ? { sha: after, from: "push.after", ref: refName(ref, "push.ref") } : fallback;
    }
    case "release": {
      const tag = branchName(object(event["release"])?.["tag_name"]);
      return tag ? { ...fallback, ref: { name: tag, from: "release.tag_name" } } : fallback;
    }
    case "create": {
      const name = branchName(event["ref"]);
      return name ? { ...fallback, ref: { name, from: `create.ref (a ${String(event["ref_type"])})` } } : fallback;
    }
    default:
      return fallback;
  }
}
function headBranch(eventName, run2, repository) {
  const suite = eventName === "check_run" ? object(run2?.["check_suite"]) : run2;
  const from = eventName === "check_run" ? "check_run.check_suite.head_branch" : `${eventName}.head_branch`;
  const name = branchName(suite?.["head_branch"]);
  if (!name) return { name: "", from: `${from} is empty` };
  const headRepo = object(run2?.["head_repository"]);
  const here = object(repository);
  if (headRepo && here && typeof headRepo["id"] === "number" && typeof here["id"] === "number" && headRepo["id"] !== here["id"]) {
    return {
      name: "",
      from: `the run's head branch '${name}' is in ${String(headRepo["full_name"] ?? "another repository")}, not in this repository`
    };
  }
  return { name, from };
}
function deploymentRef(value, sha2) {
  const ref = branchName(value);
  if (!ref) return { name: "", from: "deployment.ref is empty" };
  if (ref.startsWith("refs/")) return refName(ref, "deployment.ref");
  return /^[0-9a-f]{7,64}$/i.test(ref) && sha2.toLowerCase().startsWith(ref.toLowerCase()) ? { name: "", from: `deployment.ref is the commit ${ref}, not a branch or tag` } : { name: ref, from: "deployment.ref" };
}
function tipBranch(branches, sha2) {
  for (const entry of Array.isArray(branches) ? branches : []) {
    const branch = object(entry);
    const name = branchName(branch?.["name"]);
    if (name && object(branch?.["commit"])?.["sha"] === sha2) {
      return { name, from: "status.branches (the branch whose tip is the commit)" };
    }
  }
  return { name: "", from: "no branch in status.branches has the commit at its tip" };
}

// src/engine/github-policy.ts
import { AsyncLocalStorage } from "node:async_hooks";

// src/http/errors.ts
var NOT_SENT_PAST_DEADLINE = "timeout reached before the request was sent";
var HttpError = class _HttpError extends ProviderError {
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
      ...init.status === void 0 ? {} : { status: init.status },
      ...init.details?.code === void 0 ? {} : { code: init.details.code },
      ...init.details?.message === void 0 ? {} : { providerMessage: init.details.message },
      ...fix === void 0 ? {} : { fix },
      ...init.cause === void 0 ? {} : { cause: init.cause }
    });
    this.name = "HttpError";
    this.kind = init.kind;
    this.body = init.body;
    this.headers = init.headers ?? {};
    this.retryAfterMs = init.retryAfterMs;
    this.ambiguous = init.ambiguous ?? false;
  }
  /** The same error with `scrub` applied to every text that came from the exchange. */
  redacted(scrub) {
    const body = typeof this.body === "string" ? scrub(this.body) : this.body === void 0 ? void 0 : JSON.parse(scrub(JSON.stringify(this.body)));
    return new _HttpError({
      provider: this.provider,
      what: this.what,
      kind: this.kind,
      ...this.status === void 0 ? {} : { status: this.status },
      details: {
        ...this.code === void 0 ? {} : { code: scrub(this.code) },
        ...this.providerMessage === void 0 ? {} : { message: scrub(this.providerMessage) },
        ...this.fix === void 0 ? {} : { fix: scrub(this.fix) }
      },
      body,
      headers: this.headers,
      ...this.retryAfterMs === void 0 ? {} : { retryAfterMs: this.retryAfterMs },
      ambiguous: this.ambiguous,
      ...this.cause === void 0 ? {} : { cause: this.cause }
    });
  }
};

// src/http/retry.ts
var TRANSIENT_STATUSES = /* @__PURE__ */ new Set([408, 429, 500, 502, 503, 504]);
var UNSENT_ERROR_CODES = /* @__PURE__ */ new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "CONNECT_TIMEOUT"
]);
function isRateLimited(status, headers) {
  if (status === 429) return true;
  if (status !== 403) return false;
  return header(headers, "retry-after") !== void 0 || header(headers, "x-ratelimit-remaining") === "0";
}
function parseRetryAfter(value, now) {
  if (value === void 0) return void 0;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1e3;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return void 0;
  return Math.max(0, at - now);
}
function parseRateLimitReset(value, now) {
  if (value === void 0 || !/^\d+$/.test(value.trim())) return void 0;
  return Math.max(0, Number(value.trim()) * 1e3 - now);
}
function backoffDelay(attempt, random, baseMs = 1e3, capMs = 3e4) {
  const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}
function header(headers, name) {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

// src/engine/github-policy.ts
var GITHUB_GRACE_MS = 1e4;
var GITHUB_ATTEMPTS = 3;
var POST_STEP_ATTEMPTS = 2;
var BACKOFF_MS = [1e3, 2e3, 4e3];
var GITHUB = "GitHub";
var bounds = new AsyncLocalStorage();
function withGitHubBounds(b, fn) {
  return bounds.run(b, fn);
}
function currentGitHubBounds() {
  return bounds.getStore() ?? {
    clock: systemClock,
    until: Number.POSITIVE_INFINITY,
    attempts: GITHUB_ATTEMPTS
  };
}
async function gitHubCall(what, attempt) {
  return run(what, "idempotent", attempt, void 0);
}
async function gitHubCreate(what, attempt, find) {
  return run(what, "create", attempt, find);
}
async function run(what, kind, attempt, find) {
  const b = currentGitHubBounds();
  const attempts = Math.max(1, b.attempts);
  for (let n = 0; ; n++) {
    let error;
    try {
      return await bounded(b, what, attempt);
    } catch (thrown) {
      if (thrown instanceof ActionError && !(thrown instanceof HttpError)) throw thrown;
      if (!isHttpFailure(thrown)) throw thrown;
      error = gitHubError(thrown, what, kind);
    }
    if (error.kind === "deadline") throw error;
    if (kind === "create" && error.ambiguous) {
      let found;
      try {
        found = await run(`look for what "${what}" made`, "idempotent", find, void 0);
      } catch (lookError) {
        throw maybeMade(error, lookError);
      }
      if (found !== void 0) return found;
    }
    const delay = retryDelay(error, kind, n, b.clock.now());
    if (delay === void 0 || n + 1 >= attempts) throw error;
    if (b.clock.now() + delay >= b.until) throw error;
    b.note?.(
      `${GITHUB}: ${what} failed (${label(error)}); retry ${n + 1}/${attempts - 1} in ${formatDuration(delay)}`
    );
    await b.clock.sleep(delay);
  }
}
function isHttpFailure(thrown) {
  if (thrown instanceof HttpError) return true;
  const e = thrown;
  return typeof e?.status === "number" || e?.name === "AbortError";
}
function retryDelay(error, kind, n, now) {
  const backoff = BACKOFF_MS[Math.min(n, BACKOFF_MS.length - 1)];
  switch (error.kind) {
    case "unsent":
      return backoff;
    case "network":
      return backoff;
    case "status": {
      const status = error.status ?? 0;
      if (isRateLimited(status, error.headers)) {
        const asked = parseRetryAfter(header(error.headers, "retry-after"), now) ?? parseRateLimitReset(header(error.headers, "x-ratelimit-reset"), now);
        return Math.max(backoff, asked ?? 0);
      }
      if (TRANSIENT_STATUSES.has(status))
        return kind === "create" && !error.ambiguous ? void 0 : backoff;
      return void 0;
    }
    default:
      return void 0;
  }
}
async function bounded(b, what, attempt) {
  const left = b.until - b.clock.now();
  if (left <= 0) throw deadlineError(what, NOT_SENT_PAST_DEADLINE);
  const controller = new AbortController();
  if (!Number.isFinite(left)) return attempt(controller.signal);
  let timer;
  const expired = new Promise((_, reject) => {
    timer = setTimeout(() => {
      const error = deadlineError(what, "no answer before the timeout");
      controller.abort(error);
      reject(error);
    }, left);
    timer.unref?.();
  });
  try {
    return await Promise.race([attempt(controller.signal), expired]);
  } finally {
    clearTimeout(timer);
  }
}
function deadlineError(what, code) {
  return new HttpError({
    provider: GITHUB,
    what,
    kind: "deadline",
    details: { code },
    fix: "raise the timeout input if GitHub is slow, or check https://www.githubstatus.com"
  });
}
function label(error) {
  return error.status === void 0 ? error.code ?? error.kind : `HTTP ${error.status}`;
}
function maybeMade(error, thrown) {
  const why = thrown instanceof HttpError ? label(thrown) : thrown instanceof ActionError ? thrown.reason : label(gitHubError(thrown, error.what, "idempotent"));
  return new HttpError({
    provider: GITHUB,
    what: error.what,
    kind: error.kind,
    ...error.status === void 0 ? {} : { status: error.status },
    details: {
      ...error.code === void 0 ? {} : { code: error.code },
      message: `${error.providerMessage ?? "no answer"}; GitHub may have made it, and looking for it failed too (${safeLine(why, 120)}), so it was not sent again`
    },
    headers: error.headers,
    ambiguous: true,
    cause: error,
    fix: "check the pull request or the environment on GitHub before re-running"
  });
}
function gitHubError(thrown, what, kind) {
  if (thrown instanceof HttpError) return thrown;
  const e = thrown ?? {};
  if (e.name === "AbortError") {
    return deadlineError(what, "no answer before the timeout");
  }
  const status = typeof e.status === "number" ? e.status : void 0;
  if (e.response === void 0) {
    const code = networkCode(e.cause) ?? "ECONNRESET";
    const unsent = UNSENT_ERROR_CODES.has(code);
    const kindOf = unsent ? "unsent" : "network";
    return new HttpError({
      provider: GITHUB,
      what,
      kind: kindOf,
      details: {
        code: `${code}${typeof e.message === "string" && e.message && !e.message.includes(code) ? ` (${safeLine(e.message, 120)})` : ""}`
      },
      ambiguous: !unsent && kind === "create",
      cause: thrown,
      fix: "check the runner's connection to GitHub (GITHUB_API_URL, any proxy), or https://www.githubstatus.com"
    });
  }
  const data = e.response.data;
  const message = typeof data === "object" && data !== null && typeof data.message === "string" ? data.message : typeof e.message === "string" ? e.message : void 0;
  const headers = e.response.headers ?? {};
  return new HttpError({
    provider: GITHUB,
    what,
    kind: "status",
    ...status === void 0 ? {} : { status },
    details: message ? { message: safeLine(message, 200) } : {},
    headers,
    // A 5xx or 408 may come after GitHub did the work: a create is then looked for.
    ambiguous: kind === "create" && status !== void 0 && (status >= 500 || status === 408),
    cause: thrown,
    ...fixFor(status) === void 0 ? {} : { fix: fixFor(status) }
  });
}
function fixFor(status) {
  if (status === void 0) return void 0;
  if (status === 401) return "check the github-token input (keep the default ${{ github.token }})";
  if (status >= 500)
    return "GitHub had a server error; see https://www.githubstatus.com and re-run";
  return void 0;
}
function networkCode(cause) {
  for (let c = cause, depth = 0; c && depth < 4; depth++) {
    const code = c.code;
    if (typeof code === "string" && code) return code;
    c = c.cause;
  }
  return void 0;
}

// src/providers/types.ts
function isTerminal(state) {
  return state === "success" || state === "failure" || state === "cancelled";
}
var UnexpectedGitHubBody = class extends ActionError {
  constructor(what) {
    super(`GitHub: ${what} answered with something that is not the API's JSON`, {
      fix: "check GITHUB_API_URL and any proxy between the runner and GitHub"
    });
    this.name = "UnexpectedGitHubBody";
  }
};
var NO_RUN_FACTS = Object.freeze({ repository: "", apiUrl: "" });
var BuildConflict = class extends Error {
  constructor(running, message, words2) {
    super(message);
    this.running = running;
    this.words = words2;
    this.name = "BuildConflict";
  }
  running;
  words;
};
var TOKEN_INPUT = Object.freeze({
  name: "token",
  required: true,
  fix: "pass the API token from a secret: token: ${{ secrets.BUILD_API_TOKEN }}"
});
function projectInput(provider) {
  return {
    name: "project",
    required: true,
    fix: `set project to the ${provider} project id from its dashboard`
  };
}
function bearerCredentials(settings) {
  return { authorization: `Bearer ${settings.token}` };
}

// src/engine/github.ts
var WriteDropped = class extends Error {
  constructor() {
    super("GitHub: the call was not sent: the run was interrupted while it waited its turn");
    this.name = "WriteDropped";
  }
};
var Ticket = class {
  sent = false;
};
var DEPLOYMENT_NONCE_KEY = "trigger-build-action-nonce";
function octokitApi(token, owner, repo, apiUrl2) {
  let interrupted = false;
  let onInterrupt = () => void 0;
  const interruption = new Promise((resolve) => onInterrupt = resolve);
  const dropWhenInterrupted = (o) => {
    o.hook.wrap("request", async (request2, options) => {
      const ticket = options.request?.ticket;
      if (ticket instanceof Ticket) {
        if (interrupted) throw new WriteDropped();
        ticket.sent = true;
      }
      return request2(options);
    });
  };
  const make = async (throttled) => {
    const [{ getOctokit }, { throttling }] = await Promise.all([
      import("./github-VKPMYRZX.js"),
      import("./dist-bundle-3AE2NNOV.js")
    ]);
    return getOctokit(
      token,
      {
        baseUrl: apiUrl2,
        // No `request` here: Octokit merges it shallowly, so any `request: {...}` replaces
        // @actions/github's proxy-aware `request.fetch` (HTTPS_PROXY, NO_PROXY, loopback). The
        // per-call `request: { signal }` below is merged deeply and keeps it.
        // No retry plugin: it repeats POSTs (a create whose answer was lost is made twice) and
        // waits on its own timers past `timeout`. The client policy (github-policy.ts) retries.
        throttle: {
          // After an interrupt the closing writes go out at once: the runner leaves 7.5 s.
          enabled: throttled,
          // Rate limits are retried by the policy, which knows the deadline.
          onRateLimit: () => false,
          onSecondaryRateLimit: () => false
        }
      },
      // Only the spaced client's calls can be caught waiting; the closing client's always go.
      throttled ? dropWhenInterrupted : () => void 0,
      throttling
    );
  };
  let client;
  let closingClient;
  const octokit = async () => {
    if (interrupted) return closingClient ??= make(false);
    return client ??= make(true);
  };
  const send2 = async (signal, call) => {
    const api = await octokit();
    const ticket = new Ticket();
    const sent = call(api, { request: { ticket, signal } });
    if (interrupted) return sent;
    sent.catch(() => void 0);
    return Promise.race([
      sent,
      interruption.then(() => ticket.sent ? sent : Promise.reject(new WriteDropped()))
    ]);
  };
  const fromApi = (url, what) => {
    let origin;
    try {
      origin = url ? new URL(url).origin : void 0;
    } catch {
      origin = void 0;
    }
    if (origin === void 0 || origin === new URL(apiUrl2).origin) return;
    throw new ActionError(
      `GitHub: ${what} was redirected to another host (${origin}); its answer was not used`,
      { fix: "check GITHUB_API_URL and any proxy between the runner and GitHub" }
    );
  };
  const request = (signal) => ({ request: { signal } });
  const lastList = /* @__PURE__ */ new Map();
  const commentsPage = async (issue, page, signal) => {
    const api = await octokit();
    const what = `list the comments of #${issue}`;
    const { data, url, headers } = await api.rest.issues.listComments({
      owner,
      repo,
      issue_number: issue,
      per_page: 100,
      page,
      ...request(signal)
    });
    fromApi(url, what);
    if (!Array.isArray(data)) throw new UnexpectedGitHubBody(what);
    return { comments: data.map(toComment), more: /\brel="next"/.test(headers.link ?? "") };
  };
  const listIssueComments = async function* (issue) {
    for (let page = 1; ; page++) {
      const { comments, more } = await gitHubCall(
        `list the comments of #${issue}`,
        (signal) => commentsPage(issue, page, signal)
      );
      yield comments;
      if (!more || comments.length === 0) return;
    }
  };
  const checkRunById = async (sha2, name, externalId, signal) => {
    const api = await octokit();
    const what = `list the check runs of ${sha2.slice(0, 7)}`;
    const { data, url } = await api.rest.checks.listForRef({
      owner,
      repo,
      ref: sha2,
      check_name: name,
      filter: "all",
      per_page: 100,
      ...request(signal)
    });
    fromApi(url, what);
    const runs = data.check_runs;
    if (!Array.isArray(runs)) throw new UnexpectedGitHubBody(what);
    const found = runs.find((r) => r.external_id === externalId);
    return found ? checkRunOf(found, what) : void 0;
  };
  return {
    createStatus: ({ sha: sha2, state, context, description, targetUrl }) => (
      // Posting the same state again leaves the same result: GitHub shows a context's newest.
      gitHubCall("post the commit status", async (signal) => {
        const { url } = await send2(
          signal,
          (api, options) => api.rest.repos.createCommitStatus({
            owner,
            repo,
            sha: sha2,
            state,
            context,
            description,
            ...targetUrl ? { target_url: targetUrl } : {},
            ...options
          })
        );
        fromApi(url, "post the commit status");
      })
    ),
    listStatuses: (sha2) => {
      const what = `list the statuses of ${sha2.slice(0, 7)}`;
      return gitHubCall(what, async (signal) => {
        const api = await octokit();
        const cached = lastList.get(sha2);
        let answer;
        try {
          answer = await api.rest.repos.listCommitStatusesForRef({
            owner,
            repo,
            ref: sha2,
            per_page: 100,
            ...cached ? { headers: { "if-none-match": cached.etag } } : {},
            ...request(signal)
          });
        } catch (error) {
          if (cached && error.status === 304) return cached.statuses;
          throw error;
        }
        const { data, url, headers } = answer;
        fromApi(url, what);
        if (!Array.isArray(data)) throw new UnexpectedGitHubBody(what);
        const statuses = data.map((s) => {
          const createdAt = Date.parse(s.created_at);
          return {
            context: s.context,
            state: s.state,
            description: s.description,
            targetUrl: s.target_url,
            ...Number.isNaN(createdAt) ? {} : { createdAt }
          };
        });
        const etag = headers.etag;
        if (typeof etag === "string" && etag !== "") lastList.set(sha2, { etag, statuses });
        else lastList.delete(sha2);
        return statuses;
      });
    },
    createDeployment: (input) => {
      const what = "create the deployment";
      const nonce = randomUUID();
      return gitHubCreate(
        what,
        async (signal) => {
          const { data, url } = await send2(
            signal,
            (api, options) => api.rest.repos.createDeployment({
              owner,
              repo,
              ref: input.sha,
              environment: input.environment,
              description: input.description,
              // Deploying exactly the built commit: never merge the default branch in first, and
              // do not wait for other checks (the build is the check).
              auto_merge: false,
              required_contexts: [],
              production_environment: input.productionEnvironment,
              transient_environment: input.transientEnvironment,
              payload: { ...input.payload, [DEPLOYMENT_NONCE_KEY]: nonce },
              ...options
            })
          );
          fromApi(url, what);
          const id = data.id;
          if (typeof id !== "number") throw new UnexpectedGitHubBody(what);
          return id;
        },
        async (signal) => {
          const api = await octokit();
          const { data, url } = await api.rest.repos.listDeployments({
            owner,
            repo,
            sha: input.sha,
            environment: input.environment,
            per_page: 100,
            ...request(signal)
          });
          fromApi(url, "list the deployments");
          if (!Array.isArray(data)) throw new UnexpectedGitHubBody("list the deployments");
          const made = data.find((d) => {
            const payload = d.payload;
            return typeof payload === "object" && payload !== null && payload[DEPLOYMENT_NONCE_KEY] === nonce;
          });
          return made?.id;
        }
      );
    },
    createDeploymentStatus: (input) => {
      const what = `post the status of deployment ${input.deploymentId}`;
      return gitHubCall(what, async (signal) => {
        const { url } = await send2(
          signal,
          (api, options) => api.rest.repos.createDeploymentStatus({
            owner,
            repo,
            deployment_id: input.deploymentId,
            state: input.state,
            description: input.description,
            auto_inactive: input.autoInactive,
            ...input.logUrl ? { log_url: input.logUrl } : {},
            ...input.environmentUrl ? { environment_url: input.environmentUrl } : {},
            ...options
          })
        );
        fromApi(url, what);
      });
    },
    listIssueComments,
    createIssueComment: (issue, body) => {
      const what = `comment on #${issue}`;
      return gitHubCreate(
        what,
        async (signal) => {
          const { data, url } = await send2(
            signal,
            (api, options) => api.rest.issues.createComment({ owner, repo, issue_number: issue, body, ...options })
          );
          fromApi(url, what);
          return toComment(data);
        },
        // The body starts with the sticky comment's hidden marker and carries this run's state:
        // a comment with exactly this body is the one the lost request made.
        async (signal) => {
          const same = (text2) => text2.replace(/\r\n/g, "\n").trimEnd();
          for (let page = 1; ; page++) {
            const { comments, more } = await commentsPage(issue, page, signal);
            const made = comments.find((c) => same(c.body) === same(body));
            if (made) return made;
            if (!more || comments.length === 0) return void 0;
          }
        }
      );
    },
    updateIssueComment: (commentId, body) => {
      const what = `update comment ${commentId}`;
      return gitHubCall(what, async (signal) => {
        const { data, url } = await send2(
          signal,
          (api, options) => api.rest.issues.updateComment({ owner, repo, comment_id: commentId, body, ...options })
        );
        fromApi(url, what);
        return toComment(data);
      });
    },
    viewerLogin: () => gitHubCall("read the token identity", async (signal) => {
      const data = await send2(
        signal,
        (api, options) => api.graphql("query { viewer { login } }", options)
      );
      const login = data?.viewer?.login;
      if (typeof login !== "string" || !login)
        throw new UnexpectedGitHubBody("read the token identity");
      return login;
    }),
    resolveCommit: (ref) => gitHubCall(`read commit ${ref}`, async (signal) => {
      const api = await octokit();
      const { data, url } = await api.rest.repos.getCommit({
        owner,
        repo,
        ref,
        ...request(signal)
      });
      fromApi(url, `read commit ${ref}`);
      if (typeof data?.sha !== "string") throw new UnexpectedGitHubBody(`read commit ${ref}`);
      return data.sha;
    }),
    pullRequestHead: (pullNumber) => gitHubCall(`read pull request #${pullNumber}`, async (signal) => {
      const api = await octokit();
      const { data, url } = await api.rest.pulls.get({
        owner,
        repo,
        pull_number: pullNumber,
        ...request(signal)
      });
      fromApi(url, `read pull request #${pullNumber}`);
      const sha2 = data?.head?.sha;
      if (typeof sha2 !== "string")
        throw new UnexpectedGitHubBody(`read pull request #${pullNumber}`);
      return { sha: sha2, ref: pullRequestBranch(data, `pull request #${pullNumber}'s head branch`) };
    }),
    createCheckRun: ({ externalId, ...input }) => {
      const what = `create the check run ${input.name}`;
      return gitHubCreate(
        what,
        async (signal) => {
          const { data, url } = await send2(
            signal,
            (api, options) => api.rest.checks.create({
              owner,
              repo,
              name: input.name,
              head_sha: input.sha,
              external_id: externalId,
              ...checkRunBody(input),
              ...options
            })
          );
          fromApi(url, what);
          return checkRunOf(data, what);
        },
        (signal) => checkRunById(input.sha, input.name, externalId, signal)
      );
    },
    findCheckRun: ({ sha: sha2, name, externalId }) => gitHubCall(
      `list the check runs of ${sha2.slice(0, 7)}`,
      (signal) => checkRunById(sha2, name, externalId, signal)
    ),
    updateCheckRun: (id, input) => {
      const what = `update check run ${id}`;
      return gitHubCall(what, async (signal) => {
        const { url } = await send2(
          signal,
          (api, options) => api.rest.checks.update({
            owner,
            repo,
            check_run_id: id,
            ...checkRunBody(input),
            ...options
          })
        );
        fromApi(url, what);
      });
    },
    interrupt() {
      if (interrupted) return;
      interrupted = true;
      onInterrupt();
    }
  };
}
function checkRunOf(data, what) {
  const run2 = data;
  if (typeof run2?.id !== "number") throw new UnexpectedGitHubBody(what);
  return { id: run2.id, url: typeof run2.html_url === "string" ? run2.html_url : "" };
}
function checkRunBody(input) {
  const iso = (at) => new Date(at).toISOString().replace(/\.\d{3}Z$/, "Z");
  return {
    status: input.status,
    ...input.conclusion ? { conclusion: input.conclusion } : {},
    ...input.detailsUrl ? { details_url: input.detailsUrl } : {},
    ...input.startedAt !== void 0 ? { started_at: iso(input.startedAt) } : {},
    ...input.completedAt !== void 0 ? { completed_at: iso(input.completedAt) } : {},
    output: {
      title: input.output.title,
      summary: input.output.summary,
      ...input.output.text ? { text: input.output.text } : {},
      ...input.output.annotations?.length ? {
        annotations: input.output.annotations.map((a) => ({
          path: a.path,
          start_line: a.line,
          end_line: a.line,
          ...a.column ? { start_column: a.column, end_column: a.column } : {},
          annotation_level: a.level,
          message: a.message
        }))
      } : {}
    }
  };
}
function toComment(data) {
  if (typeof data?.id !== "number") throw new UnexpectedGitHubBody("read a comment");
  return {
    id: data.id,
    body: typeof data.body === "string" ? data.body : "",
    author: data.user?.login ?? "",
    url: data.html_url ?? ""
  };
}

// src/public/links.ts
var MAX_LINK_LENGTH = 2048;
var NOT_IN_LINKS = '\\"<>`^{}|';
function checkLink(url, place = {}) {
  if (url.length > MAX_LINK_LENGTH) return { ok: false, why: "too-long" };
  for (let i = 0; i < url.length; i += 1) {
    const code = url.charCodeAt(i);
    if (code <= 32 || code === 127 || NOT_IN_LINKS.includes(url[i] ?? "")) {
      return { ok: false, why: "not-a-url" };
    }
  }
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, why: "not-a-url" };
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    return { ok: false, why: "not-web" };
  }
  if (!/^(?:[a-z0-9_-]+\.)*[a-z0-9_-]+\.?$|^\[[0-9a-f:.]+\]$/.test(parsed.hostname)) {
    return { ok: false, why: "not-a-url" };
  }
  if (parsed.username || parsed.password || authority(url).includes("@")) {
    return { ok: false, why: "credentials" };
  }
  if (parsed.search !== "" || url.includes("?")) return { ok: false, why: "query" };
  if (parsed.hash !== "" || url.includes("#")) return { ok: false, why: "fragment" };
  if ((place.tokenOrigins ?? []).some((origin) => origin === parsed.origin)) {
    return { ok: false, why: "needs-token" };
  }
  return { ok: true, href: parsed.href };
}
function authority(url) {
  const start = url.indexOf("//");
  if (start < 0) return "";
  const end = url.indexOf("/", start + 2);
  return url.slice(start + 2, end < 0 ? url.length : end);
}
function publicLink(url, place = {}) {
  if (url === void 0 || url === "") return void 0;
  const verdict2 = checkLink(url, place);
  return verdict2.ok ? verdict2.href : void 0;
}
function outputLink(url) {
  return url !== void 0 && url !== "" && checkLink(url).ok ? url : "";
}
function firstPublicLink(candidates, place = {}) {
  for (const candidate of candidates) {
    const link2 = publicLink(candidate, place);
    if (link2 !== void 0) return link2;
  }
  return void 0;
}
function clickPlace(apiUrl2) {
  try {
    return { clicked: true, tokenOrigins: [new URL(apiUrl2).origin] };
  } catch {
    return { clicked: true };
  }
}
function publicBuildLinks(build, place = {}) {
  const out = { ...build };
  for (const key of ["deployUrl", "artifactUrl", "logUrl"]) {
    const url = build[key];
    if (url === void 0) continue;
    const link2 = key === "logUrl" && place.clicked && build.logNeedsToken ? void 0 : publicLink(url, place);
    if (link2 === void 0) delete out[key];
    else out[key] = link2;
  }
  return out;
}

// src/engine/reporters/summary.ts
function htmlText(text2, maxLength = 300) {
  return safeLine(text2, maxLength).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
function htmlLink(label3, url) {
  const href = publicLink(url);
  if (href === void 0) return void 0;
  return `<a href="${htmlText(href, 4e3)}">${htmlText(label3)}</a>`;
}
function htmlCode(text2) {
  return text2 ? `<code>${htmlText(text2)}</code>` : void 0;
}
function summaryTable(outcome, project) {
  const { build } = outcome;
  const icon2 = outcome.status === "success" ? "\u2705" : outcome.status === "queued" || outcome.status === "building" ? "\u23F3" : "\u274C";
  const link2 = htmlLink;
  const code = htmlCode;
  const rows = [
    ["Provider", htmlText(outcome.providerTitle)],
    ["Project", code(project)],
    ["Build", code(build?.id)],
    [
      "Status",
      `${icon2} ${outcome.status}${build?.providerStatus ? ` (${htmlText(build.providerStatus)})` : ""}`
    ],
    ["Duration", formatDuration(outcome.durationMs)],
    ["Deploy URL", link2(build?.deployUrl ?? "", build?.deployUrl)],
    ["Build log", link2("log", build?.logUrl)],
    ["Artifact", link2("artifact", build?.artifactUrl)],
    ["Docker image", code(build?.dockerImage)],
    ["Details", outcome.message ? htmlText(outcome.message) : void 0],
    ...(build?.notes ?? []).map((note) => ["Note", htmlText(note)])
  ];
  return {
    heading: `${icon2} ${outcome.providerTitle} build`,
    rows: rows.filter((row) => row[1] !== void 0 && row[1] !== "")
  };
}
var SummaryReporter = class {
  constructor(options) {
    this.options = options;
  }
  options;
  name = "job summary";
  async finished({ outcome }) {
    try {
      await this.options.write(summaryTable(outcome, this.options.project));
    } catch (error) {
      this.options.log.warning(`Could not write the job summary: ${describeError(error)}`);
    }
  }
  async cancelled(event) {
    await this.finished(event);
  }
};
function icon(status) {
  if (status === "success") return "\u2705";
  if (status === "queued" || status === "building") return "\u23F3";
  if (status === "cancelled") return "\u26AA";
  return "\u274C";
}
function targetsSummaryTable(targets, aggregate) {
  const rows = targets.map(({ name, outcome }) => {
    const { build } = outcome;
    const links = [
      htmlLink("deploy", build?.deployUrl),
      htmlLink("log", build?.logUrl),
      htmlLink("artifact", build?.artifactUrl),
      htmlCode(build?.dockerImage)
    ].filter((cell) => cell !== void 0);
    return [
      htmlText(name),
      `${icon(outcome.status)} ${outcome.status}${build?.providerStatus ? ` (${htmlText(build.providerStatus)})` : ""}`,
      `${htmlText(outcome.providerTitle)}${build?.id ? ` ${htmlCode(build.id)}` : ""}`,
      outcome.durationMs > 0 ? formatDuration(outcome.durationMs) : "",
      links.join(" \xB7 "),
      outcome.status === "success" ? "" : htmlText(outcome.message ?? "")
    ].map((cell) => cell || "\u2014");
  });
  return {
    heading: `${icon(aggregate)} ${targets.length} builds: ${aggregate}`,
    header: ["Target", "Status", "Build", "Duration", "Links", "Details"],
    rows
  };
}

// src/engine/results.ts
function namedOutcomes(results) {
  return results.map((r) => ({
    name: r.target.name,
    provider: r.target.settings.provider,
    outcome: r.outcome
  }));
}
function resultEntry({ name, provider, outcome }) {
  const b = outcome.build;
  return {
    name,
    provider,
    "build-id": b?.id ?? "",
    status: outcome.status,
    "provider-status": b?.providerStatus ?? "",
    // Links by the link rule (src/public/links.ts); a script may call the API's own with its token.
    "deploy-url": outputLink(b?.deployUrl),
    "artifact-url": outputLink(b?.artifactUrl),
    "log-url": outputLink(b?.logUrl),
    "docker-image": b?.dockerImage ?? "",
    duration: Math.round(outcome.durationMs / 1e3),
    message: outcome.message ?? "",
    "deployment-id": outcome.reportOutputs?.["deployment-id"] ?? "",
    "comment-url": outcome.reportOutputs?.["comment-url"] ?? ""
  };
}
function aggregateStatus(statuses) {
  const order = ["failure", "timed_out", "cancelled", "building", "queued"];
  return order.find((status) => statuses.includes(status)) ?? "success";
}
function stepOutputs(outcomes, multi) {
  const entries = outcomes.map(resultEntry);
  const results = jsonText(entries);
  const only = entries[0];
  if (!multi && only && entries.length === 1) {
    return {
      "build-id": only["build-id"],
      status: only.status,
      "provider-status": only["provider-status"],
      "deploy-url": only["deploy-url"],
      "artifact-url": only["artifact-url"],
      "log-url": only["log-url"],
      "docker-image": only["docker-image"],
      duration: String(only.duration),
      "deployment-id": only["deployment-id"],
      "comment-url": only["comment-url"],
      results
    };
  }
  return {
    "build-id": "",
    status: aggregateStatus(entries.map((e) => e.status)),
    "provider-status": "",
    "deploy-url": "",
    "artifact-url": "",
    "log-url": "",
    "docker-image": "",
    duration: String(Math.max(0, ...entries.map((e) => e.duration))),
    "deployment-id": "",
    "comment-url": "",
    results
  };
}
var FAILED_BEFORE_TRIGGER = Object.freeze({
  status: "failure",
  end: "action-error",
  providerTitle: "",
  build: void 0,
  durationMs: 0
});
function outputsBeforeRun() {
  return {
    ...stepOutputs([{ name: "", provider: "", outcome: FAILED_BEFORE_TRIGGER }], false),
    results: "[]"
  };
}

// src/engine/verdict.ts
var EXIT = {
  success: 0,
  buildFailed: 1,
  badInput: 2,
  timedOut: 3,
  toolFailed: 4,
  interrupted: 130
};
function gitHubState(outcome) {
  if (outcome.status === "queued" || outcome.status === "building") return void 0;
  if (outcome.end !== "build") return "error";
  if (outcome.status === "success") return "success";
  if (outcome.status === "failure") return "failure";
  return "error";
}
function isActionFailure(outcome) {
  return outcome.end === "action-error" || outcome.end === "bad-input";
}
function triggersFailFast(outcome) {
  return outcome.status === "failure" || isActionFailure(outcome);
}
function verdict(outcome, failOnError) {
  const { status } = outcome;
  const line = outcome.message ?? `${outcome.providerTitle} build ${status}`;
  const failing = (exitCode) => failOnError ? { status, fails: true, excused: false, exitCode, level: "error", line } : { status, fails: false, excused: true, exitCode: EXIT.success, level: "warning", line };
  switch (outcome.end) {
    case "action-error":
      return {
        status,
        fails: true,
        excused: false,
        exitCode: EXIT.toolFailed,
        level: "error",
        line
      };
    case "bad-input":
      return { status, fails: true, excused: false, exitCode: EXIT.badInput, level: "error", line };
    case "stopped":
      return { status, fails: false, excused: false, exitCode: EXIT.success, level: "info", line };
    case "timed-out":
      return failing(EXIT.timedOut);
    case "cancelled":
      return failing(EXIT.interrupted);
    case "build":
      if (status === "success" || status === "queued" || status === "building") {
        return {
          status,
          fails: false,
          excused: false,
          exitCode: EXIT.success,
          level: "info",
          line: `Done: ${status}.`
        };
      }
      return failing(status === "timed_out" ? EXIT.timedOut : EXIT.buildFailed);
  }
}
function stepVerdict(named, options) {
  const targets = named.map(({ name, outcome }) => {
    const own = verdict(outcome, options.failOnError);
    const line = options.multi ? `[${name}] ${own.line}` : own.line;
    return options.interrupted ? { ...own, name, line, fails: true, exitCode: EXIT.interrupted, level: "error" } : { ...own, name, line };
  });
  const status = aggregateStatus(named.map((n) => n.outcome.status));
  const failing = targets.filter((t) => t.exitCode !== EXIT.success);
  const worst = aggregateStatus(failing.map((t) => t.status));
  const exitCode = options.interrupted ? EXIT.interrupted : failing.length === 0 ? EXIT.success : Math.max(...failing.filter((t) => t.status === worst).map((t) => t.exitCode));
  return { targets, status, fails: targets.some((t) => t.fails), exitCode };
}

// src/engine/step.ts
import fs10 from "node:fs";
import os from "node:os";
import path9 from "node:path";

// src/http/credentials.ts
function isCredentialSource(credentials) {
  return typeof credentials.headers === "function";
}
var OIDC_FETCH_LIMIT_MS = 3e4;
var OIDC_PLACEHOLDER = "{oidc-token}";
function jwtTimes(token) {
  const payload = token.split(".")[1];
  if (payload === void 0) return {};
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    if (!claims || typeof claims !== "object") return {};
    const { exp, iat } = claims;
    return {
      ...typeof exp === "number" && Number.isFinite(exp) ? { exp: exp * 1e3 } : {},
      ...typeof iat === "number" && Number.isFinite(iat) ? { iat: iat * 1e3 } : {}
    };
  } catch {
    return {};
  }
}
var MAX_MARGIN_MS = 6e4;
var RefreshingCredentials = class {
  /**
   * `fetchToken` masks what it returns where a log could show it (getIDToken does on the runner;
   * the CLI masks its variable's value when the inputs are read).
   */
  constructor(template, fetchToken) {
    this.template = template;
    this.fetchToken = fetchToken;
  }
  template;
  fetchToken;
  current;
  pending;
  tokens = /* @__PURE__ */ new Set();
  async headers(now) {
    const current = this.current;
    const token = current && (current.renewAt === void 0 || now < current.renewAt) ? current.token : await this.fetch(now);
    const out = {};
    for (const [name, value] of Object.entries(this.template)) {
      out[name] = value.split(OIDC_PLACEHOLDER).join(token);
    }
    return out;
  }
  issued() {
    return [...this.tokens];
  }
  async renew(now) {
    const before = this.current?.token;
    const token = await this.fetch(now);
    return token !== before;
  }
  fetch(now) {
    this.pending ??= this.fetchToken().then((token) => {
      if (!token) throw new ActionError("the OIDC token came back empty");
      this.tokens.add(token);
      const { exp, iat } = jwtTimes(token);
      const life = exp === void 0 ? void 0 : exp - Math.min(iat ?? now, now);
      const margin = life === void 0 ? 0 : Math.min(MAX_MARGIN_MS, Math.max(0, life) / 4);
      this.current = { token, renewAt: exp === void 0 ? void 0 : exp - margin };
      return token;
    }).finally(() => {
      this.pending = void 0;
    });
    return this.pending;
  }
};
var OIDC_PERMISSION_FIX = "add 'permissions: id-token: write' to the job (or workflow); GitHub then sets ACTIONS_ID_TOKEN_REQUEST_URL";
function oidcUnavailable(oidc, env = process.env) {
  if (oidc.tokenEnv) {
    return env[oidc.tokenEnv] ? void 0 : `the variable ${oidc.tokenEnv} is empty or not set`;
  }
  if (!env["ACTIONS_ID_TOKEN_REQUEST_URL"] || !env["ACTIONS_ID_TOKEN_REQUEST_TOKEN"]) {
    return "the job cannot request GitHub's OIDC token (it lacks the id-token: write permission)";
  }
  return void 0;
}
function oidcTokenFetcher(oidc, provider, env = process.env, limitMs = OIDC_FETCH_LIMIT_MS) {
  if (oidc.tokenEnv) {
    return () => Promise.resolve((env[oidc.tokenEnv] ?? "").trim());
  }
  return async () => {
    let timer;
    try {
      const limit = new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${limitMs / 1e3} s`)),
          limitMs
        );
        timer.unref();
      });
      return await Promise.race([getIDToken(oidc.audience), limit]);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new ActionError(
        `${provider}: could not get GitHub's OIDC token for audience '${oidc.audience}' (${detail.slice(0, 200)})`,
        { fix: OIDC_PERMISSION_FIX }
      );
    } finally {
      clearTimeout(timer);
    }
  };
}

// src/inputs/boolean.ts
var TRUE_WORDS = ["true", "True", "TRUE"];
var FALSE_WORDS = ["false", "False", "FALSE"];
function bool(value, input, fallback) {
  if (value === "") return fallback;
  if (TRUE_WORDS.includes(value)) return true;
  if (FALSE_WORDS.includes(value)) return false;
  throw new InputError(
    input,
    `must be true or false (YAML 1.2: true | True | TRUE | false | False | FALSE), got '${value}'`,
    `set ${input}: true or ${input}: false`
  );
}

// src/inputs/header-value.ts
function headerValueProblem(value) {
  if (/[\r\n]/.test(value)) return "has a line break (CR or LF) in it";
  if (/[\u0000-\u001f\u007f-\u009f]/.test(value)) return "has a control character in it";
  if (/[^ -\u00ff]/.test(value)) {
    return "has a character outside Latin-1, which an HTTP header cannot carry";
  }
  return void 0;
}
function secretLines(secret) {
  return secret.split(/[\r\n]+/).map((line) => line.trim()).filter((line) => line !== "" && line !== secret);
}

// src/http/json.ts
function parseJson(text2) {
  const source = text2.charCodeAt(0) === 65279 ? text2.slice(1) : text2;
  const quoted = quoteWideIntegers(source);
  return JSON.parse(quoted);
}
function quoteWideIntegers(text2) {
  let out = "";
  let copied = 0;
  let i = 0;
  const n = text2.length;
  while (i < n) {
    const c = text2.charCodeAt(i);
    if (c === 34) {
      i += 1;
      while (i < n) {
        const d = text2.charCodeAt(i);
        if (d === 92) i += 2;
        else if (d === 34) break;
        else i += 1;
      }
      i += 1;
      continue;
    }
    if (c === 45 || c >= 48 && c <= 57) {
      const start = i;
      if (c === 45) i += 1;
      while (i < n && isDigit(text2.charCodeAt(i))) i += 1;
      const integerEnd = i;
      while (i < n && isNumberChar(text2.charCodeAt(i))) i += 1;
      if (i === integerEnd && integerEnd - start >= 16) {
        const literal = text2.slice(start, i);
        if (/^-?[1-9][0-9]*$/.test(literal) && !Number.isSafeInteger(Number(literal)) && !followedByColon(text2, i)) {
          out += `${text2.slice(copied, start)}"${literal}"`;
          copied = i;
        }
      }
      continue;
    }
    i += 1;
  }
  return copied === 0 ? text2 : out + text2.slice(copied);
}
function followedByColon(text2, i) {
  let j = i;
  while (j < text2.length && " 	\n\r".includes(text2[j] ?? "")) j += 1;
  return text2[j] === ":";
}
function isDigit(c) {
  return c >= 48 && c <= 57;
}
function isNumberChar(c) {
  return isDigit(c) || c === 46 || c === 101 || c === 69 || c === 43 || c === 45;
}

// src/providers/custom/json-path.ts
var SHORTHAND_START = /[A-Za-z_\u0080-\uffff]/;
var SHORTHAND_CHAR = /[A-Za-z0-9_\u0080-\uffff]/;
var ESCAPES = {
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "	",
  "/": "/",
  "\\": "\\",
  "'": "'",
  '"': '"'
};
var PathSyntaxError = class extends Error {
  /** What is wrong and where: "expected ']' at character 9". */
  detail;
  constructor(source, at, problem) {
    const detail = `${problem} at character ${at + 1}`;
    super(`'${source}' is not a field path: ${detail}`);
    this.name = "PathSyntaxError";
    this.detail = detail;
  }
};
function parseFieldPath(source) {
  const text2 = source.trim();
  const segments = [];
  let i = 0;
  const fail = (problem) => {
    throw new PathSyntaxError(text2, i, problem);
  };
  const rooted = text2.startsWith("$");
  if (rooted) i = 1;
  else if (text2 === "") fail("it is empty");
  else if (!text2.startsWith("[")) i = -1;
  while (i < text2.length) {
    const c = i < 0 ? "." : text2[i];
    if (c === ".") {
      i += 1;
      const start = i;
      if (!rooted && /[0-9]/.test(text2[i] ?? "")) {
        while (/[0-9]/.test(text2[i] ?? "")) i += 1;
        segments.push({ name: text2.slice(start, i) });
        continue;
      }
      if (!SHORTHAND_START.test(text2[i] ?? "")) {
        fail(
          text2[i] === "." ? "'..' (descendants) can match several values" : "a name must follow ."
        );
      }
      while (i < text2.length && SHORTHAND_CHAR.test(text2[i] ?? "")) i += 1;
      segments.push({ name: text2.slice(start, i) });
    } else if (c === "[") {
      i += 1;
      const q = text2[i];
      if (q === "'" || q === '"') {
        i += 1;
        let name = "";
        for (; ; ) {
          const ch = text2[i];
          if (ch === void 0) fail("the quoted name is not closed");
          if (ch === q) break;
          if (ch === "\\") {
            const next = text2[i + 1] ?? "";
            if (next === "u") {
              const hex = text2.slice(i + 2, i + 6);
              if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail("\\u needs four hex digits");
              name += String.fromCharCode(parseInt(hex, 16));
              i += 6;
              continue;
            }
            const escaped = ESCAPES[next];
            if (escaped === void 0 || next === "'" && q === '"' || next === '"' && q === "'")
              fail(`unknown escape \\${next}`);
            name += escaped;
            i += 2;
            continue;
          }
          name += ch;
          i += 1;
        }
        i += 1;
        segments.push({ name });
      } else {
        const digits = /^(-?(?:0|[1-9][0-9]*))/.exec(text2.slice(i))?.[1] ?? "";
        if (digits === "" || digits === "-0") {
          fail(
            q === "*" || q === "?" || q === ":" ? "wildcards, filters and slices can match several values" : "expected a quoted name or an integer index"
          );
        }
        const index = Number(digits);
        if (!Number.isSafeInteger(index)) fail("the index is too large");
        segments.push({ index });
        i += digits.length;
      }
      if (text2[i] === ":" || text2[i] === ",") fail("slices and unions can match several values");
      if (text2[i] !== "]") fail("expected ']'");
      i += 1;
    } else {
      fail(`unexpected '${c}'`);
    }
  }
  return Object.freeze({ source: text2, segments: Object.freeze(segments) });
}
function formatPath(segments) {
  return segments.reduce((out, segment) => {
    if ("index" in segment) return `${out}[${segment.index}]`;
    return /^[A-Za-z_][A-Za-z0-9_]*$/.test(segment.name) ? `${out}.${segment.name}` : `${out}[${JSON.stringify(segment.name)}]`;
  }, "$");
}
function evaluatePath(path10, root) {
  let value = root;
  for (let k = 0; k < path10.segments.length; k += 1) {
    const segment = path10.segments[k];
    const miss = (emptyList = false) => ({
      found: false,
      at: formatPath(path10.segments.slice(0, k + 1)),
      emptyList
    });
    if (Array.isArray(value)) {
      const index = "index" in segment ? segment.index : /^(?:0|[1-9][0-9]*)$/.test(segment.name) ? Number(segment.name) : void 0;
      if (index === void 0) return miss();
      const at = index < 0 ? value.length + index : index;
      if (at < 0 || at >= value.length) return miss(value.length === 0);
      value = value[at];
    } else if (value !== null && typeof value === "object" && "name" in segment) {
      if (!Object.prototype.hasOwnProperty.call(value, segment.name)) return miss();
      value = value[segment.name];
    } else {
      return miss();
    }
  }
  return { found: true, value };
}
function describeShape(value, maxKeys = 20) {
  if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? "" : "s"}`;
  if (value === null || typeof value !== "object") {
    return value === void 0 ? "an empty answer" : `a bare ${typeOf(value)}`;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return "an empty object";
  const shown = keys.slice(0, maxKeys).map((key) => `${key.slice(0, 60)}: ${typeOf(value[key])}`);
  const more = keys.length > maxKeys ? `, \u2026 ${keys.length - maxKeys} more` : "";
  return `an object with top-level keys {${shown.join(", ")}${more}}`;
}
function typeOf(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return `array(${value.length})`;
  return typeof value;
}
function parseFieldPaths(source) {
  const text2 = source.trim();
  const parts = [];
  let start = 0;
  let quote;
  let depth = 0;
  for (let i = 0; i < text2.length; i += 1) {
    const c = text2[i];
    if (quote !== void 0) {
      if (c === "\\") i += 1;
      else if (c === quote) quote = void 0;
    } else if (depth > 0 && (c === "'" || c === '"')) {
      quote = c;
    } else if (c === "[") {
      depth += 1;
    } else if (c === "]") {
      depth = Math.max(0, depth - 1);
    } else if (c === "," && depth === 0) {
      parts.push(text2.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text2.slice(start));
  if (parts.length > 1) {
    const empty = parts.findIndex((part) => part.trim() === "");
    if (empty >= 0) {
      const at = parts.slice(0, empty).reduce((n, part) => n + part.length + 1, 0);
      throw new PathSyntaxError(text2, at, "an empty path between commas");
    }
  }
  return Object.freeze({ source: text2, paths: Object.freeze(parts.map(parseFieldPath)) });
}
function evaluatePaths(fields, root) {
  const results = fields.paths.map((path10) => evaluatePath(path10, root));
  const value = results.find((r) => r.found && r.value !== null);
  if (value) return value;
  const nullFound = results.find((r) => r.found);
  if (nullFound) return nullFound;
  const first = results[0];
  if (!first || first.found) return { found: false, at: "$", emptyList: false };
  return { ...first, emptyList: results.some((r) => !r.found && r.emptyList) };
}

// src/providers/custom/settings.ts
var METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];
var DEFAULT_AUTH_HEADER = "Authorization: Bearer {token}";
var DEFAULT_SUCCESS_VALUES = "success,succeeded,successful,ready,deployed,done,completed,passed";
var DEFAULT_FAILURE_VALUES = "failed,failure,error,errored,canceled,cancelled";
var HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
var RESERVED_HEADERS = /* @__PURE__ */ new Set(["host", "content-length", "transfer-encoding", "connection"]);
var ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
function customNeedsToken(get) {
  const auth = get("auth-header") || DEFAULT_AUTH_HEADER;
  return auth.toLowerCase() !== "none" && auth.includes("{token}");
}
function readCustomSettings(get, token, project, env = process.env, mask = () => void 0) {
  const headers = {};
  let authHeaderName = "";
  const auth = get("auth-header") || DEFAULT_AUTH_HEADER;
  if (auth.toLowerCase() !== "none") {
    const [name, value] = headerLine(auth, "auth-header");
    authHeaderName = name;
    headers[name.toLowerCase()] = value.split("{token}").join(token);
  }
  for (const line of get("headers").split(/\r?\n/)) {
    if (line.trim() === "") continue;
    const [name, value] = headerLine(line.trim(), "headers");
    if (name.toLowerCase() === authHeaderName.toLowerCase()) {
      throw new InputError("headers", `sets ${name}, which auth-header already sets`);
    }
    headers[name.toLowerCase()] = value.split("{token}").join(token);
  }
  const triggerRaw = get("trigger-endpoint");
  if (!triggerRaw) {
    throw new InputError(
      "trigger-endpoint",
      "is required for provider 'custom'",
      "set it to the method and path that start a build, e.g. POST /projects/{project}/builds"
    );
  }
  const trigger2 = endpoint(triggerRaw, "trigger-endpoint", "POST", project);
  if (trigger2.path.includes("{id}")) {
    throw new InputError(
      "trigger-endpoint",
      "uses {id}, but there is no build id before the trigger"
    );
  }
  const statusRaw = get("status-endpoint");
  const status = statusRaw ? endpoint(statusRaw, "status-endpoint", "GET", project) : void 0;
  const cancelRaw = get("cancel-endpoint");
  const cancel = cancelRaw ? endpoint(cancelRaw, "cancel-endpoint", "POST", project) : void 0;
  const bodyRaw = get("trigger-body");
  let triggerBody;
  if (bodyRaw) {
    try {
      parseJson(bodyRaw);
      triggerBody = bodyRaw;
    } catch (error) {
      throw new InputError(
        "trigger-body",
        `is not valid JSON (${error instanceof Error ? error.message : String(error)})`,
        'write the body as JSON text, e.g. {"branch": "main"}'
      );
    }
  }
  const success = words(get("success-values") || DEFAULT_SUCCESS_VALUES, "success-values");
  const failure = words(get("failure-values") || DEFAULT_FAILURE_VALUES, "failure-values");
  const running = get("running-values") ? words(get("running-values"), "running-values") : [];
  for (const word of success) {
    if (failure.includes(word)) {
      throw new InputError("failure-values", `and success-values both contain '${word}'`);
    }
  }
  for (const word of running) {
    if (success.includes(word) || failure.includes(word)) {
      throw new InputError("running-values", `contains '${word}', which also ends the build`);
    }
  }
  const cancelOnTimeout = bool(get("cancel-on-timeout"), "cancel-on-timeout", false);
  if (cancelOnTimeout && !cancel) {
    throw new InputError(
      "cancel-on-timeout",
      "is true, but there is no cancel-endpoint to call",
      "set cancel-endpoint, e.g. POST /builds/{id}/cancel"
    );
  }
  const oidc = readOidc(get, headers, env, mask);
  const needsId = [status, cancel].some((e) => e?.path.includes("{id}"));
  return Object.freeze({
    project,
    headers: Object.freeze(headers),
    authHeaderName,
    trigger: trigger2,
    triggerBody,
    buildIdField: field(get("build-id-field") || "id", "build-id-field"),
    buildIdFieldSet: get("build-id-field") !== "" || needsId,
    status,
    statusField: field(get("status-field") || "status", "status-field"),
    words: Object.freeze({ success, failure, running }),
    deployUrlField: optionalField(get("deploy-url-field"), "deploy-url-field"),
    logUrlField: optionalField(get("log-url-field"), "log-url-field"),
    failureReasonField: optionalField(get("failure-reason-field"), "failure-reason-field"),
    cancel,
    cancelOnTimeout,
    oidc
  });
}
function readOidc(get, headers, env, mask) {
  const uses = Object.values(headers).some((value) => value.includes(OIDC_PLACEHOLDER));
  const audienceRaw = get("oidc-audience");
  const tokenEnv = get("oidc-token-env");
  if (!uses) {
    const set = audienceRaw ? "oidc-audience" : tokenEnv ? "oidc-token-env" : void 0;
    if (set) {
      throw new InputError(
        set,
        `is set, but no header uses ${OIDC_PLACEHOLDER}`,
        "write auth-header: 'Authorization: Bearer {oidc-token}'"
      );
    }
    return void 0;
  }
  if (tokenEnv && !ENV_NAME.test(tokenEnv)) {
    throw new InputError("oidc-token-env", `must be a variable name, got '${tokenEnv}'`);
  }
  let audience = audienceRaw;
  if (!audience) {
    try {
      audience = new URL(get("api-url")).origin;
    } catch {
      audience = "";
    }
  }
  const badAudience = headerValueProblem(audience);
  if (badAudience) throw new InputError("oidc-audience", badAudience);
  const oidc = Object.freeze({ audience, tokenEnv });
  const unavailable = oidcUnavailable(oidc, env);
  if (unavailable) {
    throw new InputError(
      "auth-header",
      `uses ${OIDC_PLACEHOLDER}, but ${unavailable}`,
      tokenEnv ? `set ${tokenEnv} to the OIDC token your CI mints (GitLab: id_tokens:)` : `${OIDC_PERMISSION_FIX} (the CLI takes the token from a variable: --oidc-token-env NAME)`
    );
  }
  if (tokenEnv) {
    const value = (env[tokenEnv] ?? "").trim();
    mask(value);
    const problem = headerValueProblem(value);
    if (problem) throw new InputError("oidc-token-env", `names a variable whose token ${problem}`);
  }
  return oidc;
}
function headerLine(line, input) {
  const colon = line.indexOf(":");
  const name = colon > 0 ? line.slice(0, colon).trim() : "";
  const value = colon > 0 ? line.slice(colon + 1).trim() : "";
  if (!HEADER_NAME.test(name)) {
    throw new InputError(
      input,
      `has a line that is not 'Name: value' (${JSON.stringify(line.slice(0, 40))}\u2026)`,
      input === "auth-header" ? "write e.g. 'Circle-Token: {token}', or 'none' for no auth header" : "write one Name: value header a line"
    );
  }
  if (RESERVED_HEADERS.has(name.toLowerCase())) {
    throw new InputError(input, `sets ${name}, which the HTTP layer sets itself`);
  }
  const problem = headerValueProblem(value);
  if (problem) throw new InputError(input, `${problem.replace(/ in it$/, "")} in ${name}`);
  return [name, value];
}
function endpoint(raw, input, defaultMethod, project) {
  const match = /^(?:([A-Za-z]+)\s+)?(\S+)$/.exec(raw.trim());
  const method = (match?.[1] ?? defaultMethod).toUpperCase();
  const path10 = match?.[2] ?? "";
  if (!match || !METHODS.includes(method)) {
    throw new InputError(
      input,
      `must be 'METHOD /path', got '${raw}'`,
      `use one of ${METHODS.join(", ")} and a path below api-url, e.g. ${defaultMethod} /builds/{id}`
    );
  }
  if (!path10.startsWith("/") || path10.startsWith("//") || /[\\#]/.test(path10)) {
    throw new InputError(
      input,
      `must have a path below api-url starting with '/', got '${path10}'`,
      "credentials go only to api-url; write the path relative to it"
    );
  }
  const placeholders = path10.match(/\{[^}]*\}/g) ?? [];
  for (const placeholder of placeholders) {
    if (placeholder !== "{id}" && placeholder !== "{project}") {
      throw new InputError(
        input,
        `has an unknown placeholder ${placeholder}`,
        "use {id} (the build id) and {project} (the project input)"
      );
    }
  }
  if (/[{}]/.test(path10.replace(/\{(?:id|project)\}/g, ""))) {
    throw new InputError(input, `has an unclosed '{' or '}' in '${path10}'`);
  }
  if (placeholders.includes("{project}") && !project) {
    throw new InputError("project", `is required: ${input} uses {project}`, `set project`);
  }
  const pathOnly = path10.split("?")[0] ?? "";
  if (pathOnly.split("/").some((segment) => /^(?:\.|%2e){1,2}$/i.test(segment))) {
    throw new InputError(input, `has a '.' or '..' segment in '${path10}'`);
  }
  return Object.freeze({ method, path: path10, input });
}
function words(raw, input) {
  const list = raw.split(/[,\n]/).map((w) => w.trim().toLowerCase()).filter(Boolean);
  if (list.length === 0) throw new InputError(input, "lists no words");
  return list;
}
function field(raw, input) {
  try {
    return parseFieldPaths(raw);
  } catch (error) {
    if (error instanceof PathSyntaxError) {
      throw new InputError(
        input,
        `is not a field path ('${raw}': ${error.detail})`,
        "write a JSONPath singular query such as $.data.status or $.items[0].id (several, separated by commas, are tried in order)"
      );
    }
    throw error;
  }
}
function optionalField(raw, input) {
  return raw ? field(raw, input) : void 0;
}

// src/public/scrub.ts
var MASK = "***";
var MIN_SECRET_LENGTH = 3;
var CUT = "\u2026";
var MIN_CUT_PART = 8;
function cutFormStart(text2, cut, form) {
  const head = form.slice(0, MIN_CUT_PART);
  if (head.length < MIN_CUT_PART) return cut;
  let at = text2.indexOf(head, Math.max(0, cut - form.length));
  while (at >= 0 && at <= cut - MIN_CUT_PART) {
    if (form.startsWith(text2.slice(at, cut))) return at;
    at = text2.indexOf(head, at + 1);
  }
  return cut;
}
var MIN_BASE64_FRAGMENT = 8;
var PUBLIC_HEADERS = /* @__PURE__ */ new Set([
  "accept",
  "accept-encoding",
  "accept-language",
  "cache-control",
  "content-type",
  "user-agent"
]);
var SECRET_PARAM = /key|token|secret|sig|auth|pass|credential|session|code/i;
var LONG_QUERY_VALUE = 8;
function secretValues(found) {
  return unique(found.map((v) => v.trim()).filter((v) => !/\{[a-z-]+\}/.test(v)));
}
function secretsOf(settings) {
  return unique([settings.token, settings.githubToken, ...settings.secrets ?? []]);
}
function headerValueSecrets(value) {
  const trimmed = value.trim();
  const space = trimmed.lastIndexOf(" ");
  return unique([trimmed, space > 0 ? trimmed.slice(space + 1) : ""]);
}
function headerLinesSecrets(text2) {
  const found = [];
  for (const line of text2.split("\n")) {
    const colon = line.indexOf(":");
    if (colon <= 0) {
      found.push(line.trim());
      continue;
    }
    if (PUBLIC_HEADERS.has(line.slice(0, colon).trim().toLowerCase())) continue;
    found.push(...headerValueSecrets(line.slice(colon + 1)));
  }
  return unique(found);
}
function querySecrets(path10) {
  const mark = path10.indexOf("?");
  if (mark < 0) return [];
  const query = path10.slice(mark + 1);
  const found = [];
  for (const pair of query.split("&")) {
    const eq = pair.indexOf("=");
    if (eq < 0) continue;
    const name = pair.slice(0, eq);
    const raw = pair.slice(eq + 1);
    let value = raw;
    try {
      value = decodeURIComponent(raw.replace(/\+/g, " "));
    } catch {
      value = raw;
    }
    if (SECRET_PARAM.test(name) || value.length >= LONG_QUERY_VALUE) found.push(raw, value);
  }
  return unique(found);
}
function unique(values) {
  return [...new Set(values.filter((v) => v.length >= MIN_SECRET_LENGTH))];
}
var Scrubber = class {
  /** Every form of every secret, longest first (so a longer form is never cut by a shorter). */
  forms = [];
  secrets = /* @__PURE__ */ new Set();
  /** Where secrets minted during the run come from (OIDC tokens renewed while it waits). */
  sources = [];
  constructor(secrets = []) {
    for (const secret of secrets) this.add(secret);
  }
  /** Scrub `secret` too, from now on. */
  add(secret) {
    if (secret.length < MIN_SECRET_LENGTH || this.secrets.has(secret)) return;
    this.secrets.add(secret);
    const forms = new Set(this.forms);
    for (const form of formsOf(secret)) forms.add(form);
    this.forms = [...forms].sort((a, b) => b.length - a.length);
  }
  /**
   * Scrub whatever `source` lists too, read again before each use: a credential minted after the
   * run's settings were read (a renewed OIDC token) is a secret from the moment it exists.
   */
  follow(source) {
    this.sources.push(source);
  }
  refresh() {
    for (const source of this.sources) for (const secret of source()) this.add(secret);
  }
  /** True when there is nothing to scrub. */
  get empty() {
    this.refresh();
    return this.forms.length === 0;
  }
  /**
   * `text` with every form of every secret replaced by `***`, and a secret's beginning cut off
   * by a `…` (text is bounded before it gets here: a 300-character reason can end inside a token)
   * replaced too.
   */
  scrub(text2) {
    this.refresh();
    let out = text2;
    for (const form of this.forms) {
      if (out.includes(form)) out = out.split(form).join(MASK);
    }
    return out.includes(CUT) ? this.scrubCutForms(out) : out;
  }
  /** Each `…` in `text` that ends the first part of a secret's form: that part goes as well. */
  scrubCutForms(text2) {
    let out = "";
    let from = 0;
    for (let cut = text2.indexOf(CUT); cut >= 0; cut = text2.indexOf(CUT, cut + 1)) {
      let start = cut;
      for (const form of this.forms) start = Math.min(start, cutFormStart(text2, cut, form));
      out += start < cut ? `${text2.slice(from, start)}${MASK}` : text2.slice(from, cut);
      from = cut;
    }
    return out + text2.slice(from);
  }
  /** True when `text` holds any form of any secret. */
  holdsSecret(text2) {
    this.refresh();
    return this.forms.some((form) => text2.includes(form));
  }
};
function formsOf(secret) {
  const forms = /* @__PURE__ */ new Set([secret]);
  const uri = encodeURIComponent(secret);
  forms.add(uri);
  forms.add(uri.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()));
  forms.add(new URLSearchParams({ s: secret }).toString().slice(2));
  forms.add(JSON.stringify(secret).slice(1, -1));
  for (const fragment of base64Forms(secret)) forms.add(fragment);
  return [...forms].filter((form) => form.length >= MIN_SECRET_LENGTH);
}
function base64Forms(secret) {
  const bytes = Buffer.from(secret, "utf8");
  const out = [Buffer.from(bytes).toString("base64")];
  for (let offset = 0; offset < 3; offset += 1) {
    const padded = Buffer.concat([Buffer.alloc(offset), bytes]);
    const encoded = padded.toString("base64");
    const whole = Math.floor(padded.length / 3) * 4;
    const skip = offset === 0 ? 0 : offset === 1 ? 2 : 3;
    const fragment = encoded.slice(skip, whole);
    if (fragment.length >= MIN_BASE64_FRAGMENT) out.push(fragment);
  }
  return out.flatMap((form) => [form, form.replace(/\+/g, "-").replace(/\//g, "_")]);
}

// src/providers/log-reader.ts
var ERROR_LINES = 3;
var ERROR_LINE_CHARS = 300;
var LogReader = class {
  constructor(readNow) {
    this.readNow = readNow;
  }
  readNow;
  reading = Promise.resolve();
  readSinceEnd = false;
  /** The last error lines seen, oldest first. */
  errors = [];
  /** One read of the log, after any read under way. */
  read(build, maxBytes) {
    const ended = isTerminal(build.state);
    const read = this.reading.then(async () => {
      const page = await this.readNow(build, maxBytes);
      if (ended) this.readSinceEnd = true;
      return page;
    });
    this.reading = read.catch(() => void 0);
    return read;
  }
  /** Adds an error line, keeping the last few. */
  noteError(line) {
    this.errors.push(line);
    if (this.errors.length > ERROR_LINES) this.errors.shift();
  }
  /** The build with its failure reason from the log's error lines, reading the log if needed. */
  async explain(build) {
    if (build.failureReason) return build;
    if (!this.readSinceEnd) await this.read(build, 0);
    const reason2 = this.errors.join("; ");
    return reason2 ? { ...build, failureReason: reason2 } : build;
  }
};

// src/providers/text-log.ts
import { addAbortSignal } from "node:stream";

// src/http/line-stream.ts
var NEWLINE = 10;
async function scanLines(source, onLine, options = {}) {
  const maxLineBytes = options.maxLineBytes ?? 64 * 1024;
  let toSkip = options.skip ?? 0;
  let parts = [];
  let partBytes = 0;
  let bytes = 0;
  let complete = 0;
  const emit = (last) => {
    const size = partBytes + last.length;
    let line;
    if (size <= maxLineBytes) line = parts.length === 0 ? last : Buffer.concat([...parts, last]);
    if (line && line.length > 0 && line[line.length - 1] === 13) line = line.subarray(0, -1);
    parts = [];
    partBytes = 0;
    onLine(line, size);
  };
  for await (const piece of source) {
    let chunk = typeof piece === "string" ? Buffer.from(piece) : piece;
    bytes += chunk.length;
    if (toSkip > 0) {
      const skipped = Math.min(toSkip, chunk.length);
      toSkip -= skipped;
      complete += skipped;
      chunk = chunk.subarray(skipped);
    }
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE); end >= 0; end = chunk.indexOf(NEWLINE, start)) {
      emit(chunk.subarray(start, end));
      complete = bytes - chunk.length + end + 1;
      start = end + 1;
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      partBytes += rest.length;
      parts = partBytes <= maxLineBytes ? [...parts, Buffer.from(rest)] : [];
    }
  }
  if (options.includePartial && partBytes > 0) {
    emit(Buffer.alloc(0));
    complete = bytes;
  }
  return { bytes, complete };
}

// src/providers/log-tail.ts
var LogTail = class {
  constructor(maxBytes) {
    this.maxBytes = maxBytes;
    this.buffer = Buffer.alloc(maxBytes);
    const slots = Math.max(16, Math.ceil(maxBytes / 16));
    this.starts = new Int32Array(slots);
    this.lengths = new Float64Array(slots);
  }
  maxBytes;
  buffer;
  /** Ring of kept entries: where each starts in `buffer`, its length, or -size when too large. */
  starts;
  lengths;
  first = 0;
  count = 0;
  writeAt = 0;
  used = 0;
  omittedLines = 0;
  omittedBytes = 0;
  /** Adds an entry at the end (`undefined`: one too large to keep, of `size` bytes). */
  push(raw, size) {
    if (this.maxBytes === 0 || raw !== void 0 && raw.length > this.maxBytes) {
      while (this.count > 0) this.dropOldest();
      this.omittedLines += 1;
      this.omittedBytes += size;
      return;
    }
    const length = raw === void 0 ? 0 : raw.length;
    while (this.count > 0 && (this.used + length > this.maxBytes || this.count === this.starts.length)) {
      this.dropOldest();
    }
    const slot = (this.first + this.count) % this.starts.length;
    this.starts[slot] = this.writeAt;
    this.lengths[slot] = raw === void 0 ? -size : length;
    if (raw !== void 0) {
      const room = this.maxBytes - this.writeAt;
      raw.copy(this.buffer, this.writeAt, 0, Math.min(length, room));
      if (length > room) raw.copy(this.buffer, 0, room, length);
      this.writeAt = (this.writeAt + length) % this.maxBytes;
      this.used += length;
    }
    this.count += 1;
  }
  /** The kept entries as lines, and what was left out before them. */
  page(readBytes, format) {
    const lines = [];
    for (let i = 0; i < this.count; i += 1) {
      const slot = (this.first + i) % this.starts.length;
      const length = this.lengths[slot] ?? 0;
      lines.push(format(length < 0 ? -length : this.text(this.starts[slot] ?? 0, length)));
    }
    return {
      lines,
      omittedLines: this.omittedLines,
      omittedBytes: this.omittedBytes,
      readBytes
    };
  }
  dropOldest() {
    const slot = this.first;
    const length = this.lengths[slot] ?? 0;
    const size = length < 0 ? -length : length;
    if (length > 0) this.used -= length;
    this.first = (this.first + 1) % this.starts.length;
    this.count -= 1;
    this.omittedLines += 1;
    this.omittedBytes += size;
  }
  text(start, length) {
    const end = start + length;
    if (end <= this.maxBytes) return this.buffer.toString("utf8", start, end);
    return Buffer.concat([
      this.buffer.subarray(start),
      this.buffer.subarray(0, end - this.maxBytes)
    ]).toString("utf8");
  }
};

// src/providers/text-log.ts
function isLogText(contentType) {
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
  if (type === "" || type === "application/octet-stream") return true;
  return type.startsWith("text/") && type !== "text/html";
}
var TextLog = class {
  constructor(options) {
    this.options = options;
  }
  options;
  /** Bytes of the log already read, up to its last complete line: the next read starts there. */
  offset = 0;
  /** URLs that answered something other than log text: not asked again. */
  notText = /* @__PURE__ */ new Set();
  /** What is new in the log at `build.logUrl`, at most the last `maxBytes`. */
  async read(build, maxBytes) {
    const { http: http2, signal, title } = this.options;
    const tail = new LogTail(maxBytes);
    const url = build.logUrl;
    if (!url || this.notText.has(url)) return tail.page(0, String);
    const offset = this.offset;
    const res = await http2.request({
      method: "GET",
      url,
      what: `read the log of build ${build.id}`,
      responseType: "stream",
      polling: true,
      headers: offset > 0 ? { range: `bytes=${offset}-` } : {},
      // Nothing past the offset yet.
      acceptStatuses: [416]
    });
    if (res.status === 416) {
      res.body.resume();
      return tail.page(0, String);
    }
    const contentType = res.headers["content-type"];
    if (this.options.textOnly && !isLogText(String(contentType ?? ""))) {
      res.body.destroy();
      this.notText.add(url);
      return tail.page(0, String);
    }
    const ranged = res.status === 206 && /^bytes\s+(\d+)-/.exec(String(res.headers["content-range"] ?? ""))?.[1] === String(offset);
    if (res.status === 206 && !ranged) {
      res.body.destroy();
      throw new ActionError(
        `${title}: read the log of build ${build.id} failed: the log host answered another range than asked`,
        { fix: "the log stays available at log-url" }
      );
    }
    const stop = AbortSignal.any([
      signal,
      AbortSignal.timeout(Math.max(1, http2.deadline.remaining()))
    ]);
    const { onLine } = this.options;
    let scan;
    try {
      scan = await scanLines(
        addAbortSignal(stop, res.body),
        (raw, size) => {
          if (raw !== void 0 && onLine) onLine(raw.toString("utf8"));
          tail.push(raw, size);
        },
        { skip: ranged ? 0 : offset, includePartial: isTerminal(build.state) }
      );
    } catch (error) {
      res.body.destroy();
      throw new ActionError(
        `${title}: read the log of build ${build.id} failed: ${stop.aborted ? signal.aborted ? "cancelled" : "timeout reached" : error instanceof Error ? error.message : String(error)}`,
        { fix: "the log stays available at log-url", cause: error }
      );
    }
    this.offset = ranged ? offset + scan.complete : scan.complete;
    return tail.page(
      scan.bytes,
      (raw) => typeof raw === "number" ? `(a log line of ${raw} bytes left out: longer than the action reads)` : safeLine(raw, 2e3)
    );
  }
};

// src/providers/ids.ts
function pathSegment(value, input) {
  if (value === "." || value === "..") {
    throw new InputError(
      input,
      `cannot be '${value}': it would be read as a relative path segment, not an id`,
      `set ${input} to the id shown in the provider's dashboard`
    );
  }
  return value;
}

// src/providers/custom/index.ts
var TITLE = "Custom API";
var QUEUED_WORDS = /* @__PURE__ */ new Set(["queued", "pending", "created", "scheduled", "waiting", "enqueued"]);
function fillPath(endpoint2, values) {
  return endpoint2.path.replace(/\{(id|project)\}/g, (_m, key) => {
    const value = values[key] ?? "";
    if (value === "" || value === "." || value === "..") {
      if (key === "project") {
        throw new InputError("project", `cannot be '${value}' in ${endpoint2.input}`, "set project");
      }
      throw new ActionError(
        `${TITLE}: the build id '${value}' cannot fill {id} in ${endpoint2.input}`,
        { fix: "check build-id-field points at the id in the trigger answer" }
      );
    }
    return encodeURIComponent(value);
  });
}
function missingField(input, path10, at, what, body) {
  const only = path10.paths.length === 1 ? path10.paths[0] : void 0;
  const where = !only || at === formatPath(only.segments) ? "" : ` (nothing at ${at})`;
  return new ActionError(
    `${TITLE}: ${input} '${path10.source}' matched nothing in the answer to ${what}${where}; the answer is ${describeShape(body)}`,
    { fix: `set ${input} to the path of the field in that answer` }
  );
}
function scalar(value) {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return void 0;
}
var CustomAdapter = class {
  constructor(ctx) {
    this.ctx = ctx;
    this.config = ctx.own;
    this.waits = this.config.status !== void 0;
    this.cancelOnTimeout = this.config.cancelOnTimeout;
    if (this.config.cancel) {
      const endpoint2 = this.config.cancel;
      this.cancel = (build, http2) => this.sendCancel(endpoint2, build, http2);
    }
    if (this.config.logUrlField) {
      const text2 = new TextLog({
        title: TITLE,
        http: ctx.http,
        signal: ctx.signal,
        textOnly: true
      });
      const reader = new LogReader((build, maxBytes) => text2.read(build, maxBytes));
      this.logs = (build, limit) => reader.read(build, limit.maxBytes);
    }
  }
  ctx;
  name = "custom";
  title = TITLE;
  waits;
  cancelOnTimeout;
  cancel;
  /**
   * With log-url-field: the log at that URL when it answers text (`text/*` but not HTML), read
   * in parts with bounded memory. A URL that answers an HTML page (a dashboard) is not read
   * again: the link is the way to that log.
   */
  logs;
  config;
  async trigger() {
    const { trigger: trigger2, triggerBody, buildIdField, buildIdFieldSet } = this.config;
    const what = `trigger the build (${trigger2.method} ${trigger2.path})`;
    const res = await this.ctx.http.request({
      method: trigger2.method,
      path: fillPath(trigger2, { project: this.config.project }),
      what,
      sideEffects: true,
      ...triggerBody === void 0 ? {} : { jsonText: triggerBody }
    });
    const body = res.body;
    const found = evaluatePaths(buildIdField, body);
    let id = "";
    if (found.found && scalar(found.value) !== void 0) {
      id = scalar(found.value) ?? "";
    } else if (buildIdFieldSet) {
      if (found.found) {
        throw new ActionError(
          `${TITLE}: build-id-field '${buildIdField.source}' is not a string or number in the answer to ${what}`,
          { fix: "point build-id-field at the id itself" }
        );
      }
      throw missingField("build-id-field", buildIdField, found.at, what, body);
    }
    const build = { id, state: "queued", providerStatus: "triggered" };
    const word = this.word(body);
    if (word !== void 0) {
      const state = this.knownState(word);
      build.providerStatus = word;
      if (state === "success" || state === "failure") build.state = state;
    }
    if (!this.waits) {
      this.ctx.log.info(
        `${TITLE}: no status-endpoint, so the run does not wait (fire-and-forget); status is queued.`
      );
    }
    return this.withFields(build, body);
  }
  async poll(build) {
    const endpoint2 = this.config.status;
    if (!endpoint2) return build;
    const path10 = fillPath(endpoint2, { id: build.id, project: this.config.project });
    const what = `read the build status (${endpoint2.method} ${endpoint2.path})`;
    const res = await this.ctx.http.request({
      method: endpoint2.method,
      path: path10,
      what,
      polling: true
    });
    if (res.body === void 0 && (res.status === 204 || res.status === 202)) {
      return { ...build };
    }
    const { statusField } = this.config;
    const found = evaluatePaths(statusField, res.body);
    if (!found.found) {
      if (found.emptyList) return this.withFields({ ...build, state: "queued" }, res.body);
      throw missingField("status-field", statusField, found.at, what, res.body);
    }
    const word = scalar(found.value)?.trim();
    if (word === void 0) {
      throw new ActionError(
        `${TITLE}: status-field '${statusField.source}' is ${describeShape(found.value)}, not a status word, in the answer to ${what}`,
        { fix: "point status-field at the status word itself" }
      );
    }
    return this.withFields({ ...build, state: this.stateOf(word), providerStatus: word }, res.body);
  }
  /** The status word in an answer, when status-field finds one there. */
  word(body) {
    const found = evaluatePaths(this.config.statusField, body);
    return found.found ? scalar(found.value)?.trim() : void 0;
  }
  /** The state a word names, compared as the word lists are read: trimmed, any case. */
  knownState(word) {
    const lower = word.trim().toLowerCase();
    const { success, failure, running } = this.config.words;
    if (success.includes(lower)) return "success";
    if (failure.includes(lower)) return "failure";
    if (running.includes(lower)) return QUEUED_WORDS.has(lower) ? "queued" : "building";
    return void 0;
  }
  stateOf(word) {
    const known = this.knownState(word);
    if (known) return known;
    if (this.config.words.running.length > 0) {
      throw new ActionError(
        `${TITLE}: unexpected status word '${safeLine(word, 60)}' (not in success-values, failure-values or running-values)`,
        { fix: "add the word to the list it belongs to" }
      );
    }
    return QUEUED_WORDS.has(word.trim().toLowerCase()) ? "queued" : "building";
  }
  withFields(build, body) {
    const next = { ...build };
    const read = (path10) => {
      if (!path10) return void 0;
      const found = evaluatePaths(path10, body);
      const value = found.found ? scalar(found.value) : void 0;
      return value === "" ? void 0 : value;
    };
    const deployUrl = read(this.config.deployUrlField);
    const logUrl = read(this.config.logUrlField);
    const reason2 = read(this.config.failureReasonField);
    if (deployUrl) next.deployUrl = deployUrl;
    if (logUrl) next.logUrl = logUrl;
    if (reason2) next.failureReason = reason2;
    return next;
  }
  async sendCancel(endpoint2, build, http2) {
    if (!build.id && endpoint2.path.includes("{id}")) {
      return { accepted: false, detail: "no build id to cancel" };
    }
    try {
      const res = await http2.request({
        method: endpoint2.method,
        path: fillPath(endpoint2, { id: build.id, project: this.config.project }),
        what: `cancel build ${build.id} (${endpoint2.method} ${endpoint2.path})`,
        responseType: "text",
        // A cancel is safe to repeat, but the whole exchange must fit the runner's few seconds.
        maxAttempts: 2
      });
      return { accepted: true, detail: `HTTP ${res.status}` };
    } catch (error) {
      if (error instanceof HttpError && error.kind === "status") {
        return { accepted: false, detail: error.reason };
      }
      throw error;
    }
  }
};
var CUSTOM_INPUTS = [
  // A token only when the auth header uses one (`auth-header: none` needs none).
  { ...TOKEN_INPUT, required: customNeedsToken },
  { name: "project" },
  // Header values and credential-looking query values are secrets (src/public/scrub.ts).
  { name: "auth-header", secrets: headerLinesSecrets },
  { name: "headers", secrets: headerLinesSecrets },
  { name: "trigger-endpoint", secrets: querySecrets },
  { name: "status-endpoint", secrets: querySecrets },
  { name: "cancel-endpoint", secrets: querySecrets },
  ...[
    "oidc-audience",
    "trigger-body",
    "build-id-field",
    "status-field",
    "success-values",
    "failure-values",
    "running-values",
    "deploy-url-field",
    "log-url-field",
    "failure-reason-field",
    "cancel-on-timeout"
  ].map((name) => ({ name }))
];
var customProvider = {
  name: "custom",
  title: TITLE,
  defaultApiUrl: "",
  inputs: CUSTOM_INPUTS,
  readInputs: (get, { token, mask }) => readCustomSettings(get, token, pathSegment(get("project"), "project"), process.env, mask),
  credentials: (_settings, { headers, oidc }) => {
    return oidc ? new RefreshingCredentials(headers, oidcTokenFetcher(oidc, TITLE)) : { ...headers };
  },
  create: (ctx) => new CustomAdapter(ctx)
};

// src/util.ts
function record(value) {
  return value && typeof value === "object" ? value : {};
}
function text(value) {
  return typeof value === "string" && value !== "" ? value : void 0;
}
function parseTime(value) {
  if (!value) return void 0;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? void 0 : ms;
}
function median(values) {
  const sorted = values.filter((v) => Number.isFinite(v) && v > 0).sort((a, b) => a - b);
  if (sorted.length === 0) return void 0;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
function formatBytes(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const mb = bytes / (1024 * 1024);
  if (mb < 1024) return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
  return `${(mb / 1024).toFixed(1)} GB`;
}

// src/http/gate.ts
var RateGate = class {
  until = 0;
  reason;
  /** Records that the origin refused requests until `untilMs` (epoch ms), because of `cause`. */
  block(untilMs, cause) {
    if (untilMs <= this.until) return;
    this.until = untilMs;
    this.reason = cause;
  }
  /** Milliseconds a request must wait before it may go out; 0 when it may go now. */
  delay(now) {
    return Math.max(0, this.until - now);
  }
  /** The rate-limited answer that closed the gate, while it is closed. */
  cause(now) {
    return this.delay(now) > 0 ? this.reason : void 0;
  }
};
var RateGates = class {
  gates = /* @__PURE__ */ new Map();
  /** The gate for `provider` at `baseUrl`'s origin, created on first use. */
  for(provider, baseUrl) {
    const key = `${provider} ${new URL(baseUrl).origin}`;
    let gate = this.gates.get(key);
    if (!gate) {
      gate = new RateGate();
      this.gates.set(key, gate);
    }
    return gate;
  }
};

// src/http/transport.ts
import http from "node:http";
import https from "node:https";
import { EventEmitter } from "node:events";
import net from "node:net";
function send(request) {
  const { url, signal } = request;
  const fixRequest = {
    prepareRequest(options) {
      options.signal = signal;
      const bare = url.hostname.replace(/^\[|\]$/g, "");
      if (bare !== url.hostname) {
        options.host = bare;
        options.headers = { ...options.headers, host: url.host };
      }
      if (bypassedAsBareIpv6(url)) {
        options.agent = url.protocol === "https:" ? new https.Agent({ keepAlive: false }) : new http.Agent({ keepAlive: false });
      }
    },
    canHandleAuthentication: () => false,
    handleAuthentication: () => Promise.reject(new Error("not used"))
  };
  const client = new HttpClient(request.userAgent, [fixRequest], {
    allowRedirects: false,
    allowRetries: false,
    keepAlive: false,
    socketTimeout: request.idleMs
  });
  return client.request(
    request.method,
    url.href,
    typeof request.body === "object" ? pipeInto(request.body) : request.body ?? null,
    request.headers
  ).then((response) => response.message);
}
function pipeInto(writer) {
  const stream = Object.assign(new EventEmitter(), {
    pipe(request) {
      const sink = request;
      writer.writeTo(sink).catch((error) => sink.destroy(error));
      return request;
    }
  });
  return stream;
}
function bypassedAsBareIpv6(url, env = process.env) {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (!net.isIPv6(host)) return false;
  const noProxy = env["no_proxy"] || env["NO_PROXY"] || "";
  return noProxy.split(",").map((entry) => entry.trim()).some((entry) => net.isIPv6(entry) && sameIpv6(entry, host));
}
function sameIpv6(a, b) {
  return new URL(`http://[${a}]/`).hostname === new URL(`http://[${b}]/`).hostname;
}

// src/http/client.ts
var DEFAULT_TIMEOUTS = { idleMs: 3e4, attemptMs: 6e4 };
var DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
var REDIRECTS = /* @__PURE__ */ new Set([301, 302, 303, 307, 308]);
var MAX_REDIRECTS = 5;
var IDEMPOTENT = /* @__PURE__ */ new Set(["GET", "HEAD", "PUT", "DELETE"]);
function isIdempotent(spec) {
  return IDEMPOTENT.has(spec.method) && !spec.sideEffects;
}
function encodePath(strings, ...values) {
  return strings.reduce((path10, part, i) => {
    if (i >= values.length) return path10 + part;
    const value = String(values[i]);
    if (value === "" || value === "." || value === "..") {
      throw new ActionError(
        `Refused to build a request path with ${value === "" ? "an empty" : `a '${value}'`} segment after '${path10 + part}'`,
        { fix: "check the project, organization and build ids" }
      );
    }
    return path10 + part + encodeURIComponent(value);
  }, "");
}
function sameOrigin(a, b) {
  return a.protocol === b.protocol && a.host === b.host;
}
function commonErrorDetails(body) {
  if (typeof body === "string") {
    const text2 = body.trim();
    return text2 && !text2.startsWith("<") && text2.length <= 200 ? { message: text2 } : {};
  }
  if (!body || typeof body !== "object") return {};
  const record2 = body;
  const error = record2["error"];
  const message = typeof record2["message"] === "string" ? record2["message"] : void 0;
  if (error && typeof error === "object") {
    const inner = error;
    return {
      ...typeof inner["code"] === "string" ? { code: inner["code"] } : {},
      ...typeof inner["message"] === "string" ? { message: inner["message"] } : {}
    };
  }
  if (typeof error === "string") {
    return message ? { code: error, message } : { message: error };
  }
  return message ? { message } : {};
}
var HttpClient2 = class {
  constructor(options) {
    this.options = options;
    this.base = new URL(options.baseUrl.endsWith("/") ? options.baseUrl : `${options.baseUrl}/`);
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.gate = options.gate ?? new RateGate();
  }
  options;
  base;
  timeouts;
  gate;
  /** The deadline shared with the engine. */
  get deadline() {
    return this.options.deadline;
  }
  /** Resolves a spec's target URL. */
  resolve(spec) {
    const url = spec.url ? new URL(spec.url) : new URL((spec.path ?? "").replace(/^\//, ""), this.base);
    for (const [key, value] of Object.entries(spec.query ?? {})) {
      if (value !== void 0) url.searchParams.set(key, String(value));
    }
    return url;
  }
  /** GET and parse JSON. */
  async getJson(path10, what, extra = {}) {
    return (await this.request({ method: "GET", path: path10, what, ...extra })).body;
  }
  /** Sends a request, retrying per the table, and returns the parsed response. */
  async request(spec) {
    const maxAttempts = spec.maxAttempts ?? this.options.maxAttempts ?? 6;
    const { clock, deadline, signal, credentials } = this.options;
    let renewed = false;
    for (let attempt = 0; ; attempt += 1) {
      this.checkAlive(spec);
      await this.passGate(spec);
      try {
        return await this.send(spec);
      } catch (error) {
        if (!(error instanceof HttpError)) throw error;
        if (error.status === 401 && !renewed && !spec.anonymous && isCredentialSource(credentials) && attempt + 1 < maxAttempts) {
          renewed = true;
          if (await credentials.renew(clock.now())) continue;
        }
        if (error.retryAfterMs !== void 0 && isRateLimited(error.status ?? 0, error.headers)) {
          this.gate.block(clock.now() + error.retryAfterMs, error);
        }
        const reason2 = this.retryReason(error, spec, attempt, maxAttempts);
        if (reason2 === void 0) throw error;
        const backoff = backoffDelay(
          attempt,
          () => clock.random(),
          this.options.backoff?.baseMs,
          this.options.backoff?.capMs
        );
        const cap = spec.polling ? this.options.pollRetryCapMs : void 0;
        const planned = error.retryAfterMs ?? (cap === void 0 ? backoff : Math.min(backoff, cap));
        if (error.retryAfterMs !== void 0 && error.retryAfterMs > deadline.remaining()) {
          throw error;
        }
        const delayMs = Math.min(planned, deadline.remaining());
        this.options.onRetry?.({
          what: spec.what,
          attempt: attempt + 2,
          maxAttempts,
          delayMs,
          reason: reason2,
          ...error.retryAfterMs === void 0 ? {} : { serverAsked: true }
        });
        await clock.sleep(delayMs, signal).catch(() => void 0);
      }
    }
  }
  /**
   * Waits while the origin's shared gate is closed. When it stays closed past the deadline, fails
   * now with the rate-limited answer that closed it, as if this request had been refused itself.
   */
  async passGate(spec) {
    const { clock, deadline, signal } = this.options;
    const delayMs = this.gate.delay(clock.now());
    if (delayMs <= 0) return;
    const cause = this.gate.cause(clock.now());
    if (cause && delayMs > deadline.remaining()) {
      throw new HttpError({
        provider: this.options.provider,
        what: spec.what,
        kind: "status",
        ...cause.status === void 0 ? {} : { status: cause.status },
        details: {
          ...cause.code === void 0 ? {} : { code: cause.code },
          ...cause.providerMessage === void 0 ? {} : { message: cause.providerMessage },
          ...cause.fix === void 0 ? {} : { fix: cause.fix }
        },
        body: cause.body,
        headers: cause.headers,
        retryAfterMs: delayMs
      });
    }
    this.options.onGateWait?.({ what: spec.what, delayMs });
    await clock.sleep(Math.min(delayMs, deadline.remaining()), signal).catch(() => void 0);
    this.checkAlive(spec);
  }
  checkAlive(spec) {
    if (this.options.signal?.aborted) {
      throw this.failure(spec, "deadline", { code: "cancelled" });
    }
    if (this.options.deadline.expired()) {
      throw this.failure(spec, "deadline", { code: "timeout reached before an answer" });
    }
  }
  /** Why a failed attempt may be retried, or undefined when it must not be. */
  retryReason(error, spec, attempt, maxAttempts) {
    if (attempt + 1 >= maxAttempts || this.options.deadline.expired()) return void 0;
    const idempotent = isIdempotent(spec);
    const label3 = error.status === void 0 ? error.code ?? error.kind : `HTTP ${error.status}`;
    switch (error.kind) {
      case "unsent":
        return label3;
      case "status": {
        const status = error.status ?? 0;
        if (isRateLimited(status, error.headers)) return label3;
        if (TRANSIENT_STATUSES.has(status) && idempotent) return label3;
        return spec.retrySafe?.(error) ? label3 : void 0;
      }
      case "network":
        return idempotent || spec.retrySafe?.(error) ? label3 : void 0;
      case "body":
        return idempotent && spec.polling ? "unexpected response body" : void 0;
      default:
        return void 0;
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
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      const { credentials } = this.options;
      const tokens = isCredentialSource(credentials) ? credentials.issued() : [];
      const scrubTokens = (text2) => tokens.reduce((out, token) => out.split(token).join("***"), text2);
      const redacted = visited.reduce((e, url) => e.redacted(queryScrubber(url)), error);
      return Promise.reject(tokens.length > 0 ? redacted.redacted(scrubTokens) : redacted);
    }
  }
  async follow(spec, visited) {
    let url = this.resolve(spec);
    let method = spec.method;
    let withBody = true;
    for (let hop = 0; ; hop += 1) {
      visited.push(url);
      const trusted = !spec.anonymous && sameOrigin(url, this.base);
      const credentials = trusted ? await this.credentialHeaders() : {};
      const res = await this.exchange(spec, url, method, credentials, withBody);
      const location = res.headers.location;
      if (!REDIRECTS.has(res.statusCode ?? 0) || !location) {
        return await this.finish(spec, url, res);
      }
      res.resume();
      if (hop >= MAX_REDIRECTS) {
        throw this.failure(spec, "redirect", { code: `more than ${MAX_REDIRECTS} redirects` });
      }
      const next = new URL(location, url);
      if (url.protocol === "https:" && next.protocol !== "https:") {
        throw this.failure(
          spec,
          "redirect",
          {
            code: `refused a redirect from https to ${next.protocol.replace(":", "")} (${next.host})`
          },
          "check api-url; the action never downgrades to plain http"
        );
      }
      const nextTrusted = !spec.anonymous && sameOrigin(next, this.base);
      if (!nextTrusted && trusted && !spec.followForeignRedirects) {
        throw this.failure(
          spec,
          "redirect",
          { code: `the API redirected to another host (${next.origin})` },
          `credentials are only sent to ${this.base.origin}; set api-url to the API's own address`
        );
      }
      if (res.statusCode === 303 || (res.statusCode ?? 0) <= 302 && method === "POST") {
        method = "GET";
        withBody = false;
      }
      url = next;
    }
  }
  /** The headers that authenticate with the API now (a short-lived token is renewed here). */
  async credentialHeaders() {
    const { credentials, clock } = this.options;
    return isCredentialSource(credentials) ? credentials.headers(clock.now()) : credentials;
  }
  /** Opens one HTTP exchange and resolves with the response head. */
  exchange(spec, url, method, credentials, withBody) {
    const headers = {
      "user-agent": this.options.userAgent ?? "trigger-build-action",
      ...spec.responseType === void 0 || spec.responseType === "json" ? { accept: "application/json" } : {},
      // Credentials are attached per request, and only for the API's own origin (see follow).
      ...credentials,
      ...spec.headers
    };
    let payload;
    if (withBody && spec.jsonText !== void 0) {
      payload = spec.jsonText;
      headers["content-type"] = "application/json";
    } else if (withBody && spec.json !== void 0) {
      payload = JSON.stringify(spec.json);
      headers["content-type"] = "application/json";
    }
    if (withBody && spec.body) {
      headers["content-type"] = spec.body.contentType;
      headers["content-length"] = String(spec.body.length);
    } else if (payload) {
      headers["content-length"] = String(Buffer.byteLength(payload));
    } else if (method === "POST" || method === "PUT" || method === "PATCH") {
      headers["content-length"] = "0";
    }
    const { idleMs, attemptMs } = this.timeouts;
    const remaining = this.options.deadline.remaining();
    const attemptLimit = spec.body || spec.responseType === "stream" ? remaining : Math.min(attemptMs, remaining);
    const nonIdempotent = !isIdempotent(spec);
    const controller = new AbortController();
    let why;
    const stop = (kind, code, cause) => {
      why ??= { kind, code, cause };
      controller.abort(new Error(code));
    };
    const attemptTimer = setTimeout(
      () => attemptLimit < attemptMs && attemptLimit === remaining ? stop("deadline", "timeout reached while waiting for an answer") : stop("network", `no answer within ${formatDuration(attemptLimit)}`),
      Math.max(1, attemptLimit)
    );
    const onCancel = () => stop("deadline", "cancelled");
    this.options.signal?.addEventListener("abort", onCancel, { once: true });
    const cleanup = () => {
      clearTimeout(attemptTimer);
      this.options.signal?.removeEventListener("abort", onCancel);
    };
    let body = payload;
    if (withBody && spec.body) {
      const writer = spec.body.open();
      body = {
        writeTo: (sink) => writer.writeTo(sink).catch(
          (error) => stop("unsent", `could not read the upload: ${error.message}`, error)
        )
      };
    }
    return send({
      method,
      url,
      headers,
      ...body === void 0 ? {} : { body },
      signal: controller.signal,
      idleMs,
      userAgent: headers["user-agent"] ?? "trigger-build-action"
    }).then(
      (res) => {
        if (why) {
          res.destroy();
          cleanup();
          throw this.failure(spec, why.kind, { code: why.code }, void 0, {
            ambiguous: why.kind === "network" && nonIdempotent,
            cause: why.cause
          });
        }
        if (spec.responseType === "stream" && (res.statusCode ?? 0) < 300) {
          cleanup();
          res.setTimeout(
            idleMs,
            () => res.destroy(new Error(`connection idle for ${formatDuration(idleMs)}`))
          );
        } else {
          res.once("end", cleanup);
          res.once("close", cleanup);
        }
        return res;
      },
      (error) => {
        cleanup();
        if (why) {
          throw this.failure(spec, why.kind, { code: why.code }, void 0, {
            ambiguous: why.kind === "network" && nonIdempotent,
            cause: why.cause ?? error
          });
        }
        const code = /^Request timeout/.test(error.message) ? "IDLE" : error.code ?? "ECONNRESET";
        const kind = UNSENT_ERROR_CODES.has(code) ? "unsent" : "network";
        throw this.failure(
          spec,
          kind,
          { code: describeNetworkCode(code, url, idleMs) },
          void 0,
          {
            ambiguous: kind === "network" && nonIdempotent,
            cause: error
          }
        );
      }
    );
  }
  /** Turns a final (non-redirect) response into a result or an HttpError. */
  async finish(spec, url, res) {
    const status = res.statusCode ?? 0;
    const ok = status >= 200 && status < 300 || (spec.acceptStatuses ?? []).includes(status);
    if (ok && spec.responseType === "stream") {
      return { status, headers: res.headers, body: res, url: url.href };
    }
    const text2 = await this.readCapped(spec, res);
    if (ok) {
      if (spec.responseType === "none")
        return { status, headers: res.headers, body: void 0, url: url.href };
      if (spec.responseType === "text")
        return { status, headers: res.headers, body: text2, url: url.href };
      if (text2.trim() === "")
        return { status, headers: res.headers, body: void 0, url: url.href };
      try {
        return { status, headers: res.headers, body: parseJson(text2), url: url.href };
      } catch {
        const type = header(res.headers, "content-type") ?? "no content type";
        throw this.failure(
          spec,
          "body",
          { code: `HTTP ${status} with a body that is not JSON (${type.split(";")[0]})` },
          "check api-url points at the API itself, not a web page or a proxy login"
        );
      }
    }
    let body = text2;
    try {
      body = text2 ? parseJson(text2) : void 0;
    } catch {
      body = text2.slice(0, 500);
    }
    const details = { ...commonErrorDetails(body), ...this.options.describe?.(status, body) };
    const now = this.options.clock.now();
    const rateLimited = isRateLimited(status, res.headers);
    const retryAfterMs = rateLimited ? parseRetryAfter(header(res.headers, "retry-after"), now) ?? parseRateLimitReset(header(res.headers, "x-ratelimit-reset"), now) : parseRetryAfter(header(res.headers, "retry-after"), now);
    const fix = rateLimited && retryAfterMs !== void 0 ? [defaultFix(429, retryAfterMs), details.fix].filter(Boolean).join("; ") : details.fix ?? defaultFix(status, retryAfterMs);
    return Promise.reject(
      new HttpError({
        provider: this.options.provider,
        what: spec.what,
        kind: "status",
        status,
        details: { ...details, ...fix ? { fix } : {} },
        body,
        headers: res.headers,
        ...retryAfterMs === void 0 ? {} : { retryAfterMs },
        ambiguous: !isIdempotent(spec) && status >= 500
      })
    );
  }
  /**
   * Reads a whole body, at most the cap. A success answer over the cap fails as `too-large`
   * (never retried: the same request gets the same answer); an error answer is cut at the cap,
   * since its first bytes carry the provider's code and message.
   */
  readCapped(spec, res) {
    const cap = this.options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    const status = res.statusCode ?? 0;
    const ok = status >= 200 && status < 300 || (spec.acceptStatuses ?? []).includes(status);
    return new Promise((resolve, reject) => {
      const chunks = [];
      let size = 0;
      res.on("data", (chunk) => {
        if (size + chunk.length > cap) {
          if (ok) {
            reject(
              this.failure(
                spec,
                "too-large",
                {
                  code: `answer larger than ${cap} bytes (${formatBytes(cap)}), the most read at once`
                },
                "check api-url points at the API itself; an answer this large is not asked for again"
              )
            );
          } else {
            chunks.push(chunk.subarray(0, cap - size));
            resolve(Buffer.concat(chunks).toString("utf8"));
          }
          size = cap + 1;
          res.destroy();
          return;
        }
        size += chunk.length;
        chunks.push(chunk);
      });
      res.once("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
      res.once(
        "error",
        (error) => reject(
          this.failure(spec, "network", { code: error.message }, void 0, {
            ambiguous: !isIdempotent(spec)
          })
        )
      );
      res.once(
        "aborted",
        () => reject(
          this.failure(spec, "network", { code: "response cut off" }, void 0, {
            ambiguous: !isIdempotent(spec)
          })
        )
      );
    });
  }
  failure(spec, kind, details, fix, extra = {}) {
    return new HttpError({
      provider: this.options.provider,
      what: spec.what,
      kind,
      details,
      ...fix === void 0 ? {} : { fix },
      ...extra.ambiguous === void 0 ? {} : { ambiguous: extra.ambiguous },
      ...extra.cause === void 0 ? {} : { cause: extra.cause }
    });
  }
};
function describeNetworkCode(code, url, idleMs) {
  switch (code) {
    case "IDLE":
      return `connection idle for ${formatDuration(idleMs)}`;
    case "ECONNREFUSED":
      return `connection refused by ${url.host}`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `cannot resolve ${url.hostname}`;
    case "ECONNRESET":
      return `connection reset by ${url.host}`;
    case "EPIPE":
      return `connection closed by ${url.host} while sending`;
    default:
      return `${code} (${url.host})`;
  }
}
function defaultFix(status, retryAfterMs) {
  switch (status) {
    case 401:
      return "check the token input (a repository secret) is current";
    case 403:
      return "check the token has access to this project";
    case 404:
      return "check the project input and api-url";
    case 429:
      return retryAfterMs === void 0 ? "wait before triggering again" : `the API asks to wait ${formatDuration(retryAfterMs)}; retry after that or raise timeout`;
    default:
      return status >= 500 ? "the provider had a server error; retry later" : void 0;
  }
}

// src/providers/deployhub/index.ts
var ERROR_LINE = /\b(?:error|fatal)\b/i;
var LEADING_TIME = /^\d{4}-\d\d-\d\dT[\d:.]+Z?\s+/;
var SKEW_MS = 5e3;
var HISTORY = 10;
function describeError2(status, body) {
  const record2 = body && typeof body === "object" ? body : {};
  const message = typeof record2["message"] === "string" ? record2["message"] : typeof body === "string" && body.trim() && !body.trim().startsWith("<") ? body.trim().slice(0, 200) : void 0;
  const details = message === void 0 ? {} : { message };
  if (status === 401) {
    return { ...details, fix: "check the token (a DeployHub access token)" };
  }
  if (status === 404 && message === "Build not found") {
    return { ...details, fix: "the build is gone or belongs to another project; check project" };
  }
  if (status === 404) {
    return {
      ...details,
      fix: "check the project id (a MongoDB ObjectId) and that your token owns it"
    };
  }
  return message === void 0 ? void 0 : details;
}
function stateOf(build) {
  switch (build.status) {
    case "success":
      return "success";
    case "failed":
      return "failure";
    case "cancelled":
    case "canceled":
      return "cancelled";
    default:
      return build.startedAt ? "building" : "queued";
  }
}
function buildIdIn(body, project) {
  const top = record(body);
  const nested = record(top["build"]);
  const id = [nested["_id"], nested["id"], top["buildId"], top["_id"], top["id"]].map(text).find((candidate) => candidate !== void 0);
  return id === project ? void 0 : id;
}
var DeployHubAdapter = class {
  constructor(ctx) {
    this.ctx = ctx;
    this.logText = new TextLog({
      title: "DeployHub",
      http: ctx.http,
      signal: ctx.signal,
      onLine: (line) => {
        if (ERROR_LINE.test(line)) {
          this.log.noteError(safeLine(line.replace(LEADING_TIME, ""), ERROR_LINE_CHARS));
        }
      }
    });
  }
  ctx;
  name = "deployhub";
  title = "DeployHub";
  /** Build ids listed just before the trigger: none of them is ours. */
  knownIds;
  triggeredAt;
  discoveredId = "";
  listCache;
  /** The plain-text log at `logUrl`, read in parts; its error lines make the failure reason. */
  logText;
  log = new LogReader((build, maxBytes) => this.logText.read(build, maxBytes));
  async logs(build, limit) {
    return await this.log.read(build, limit.maxBytes);
  }
  async explainFailure(build) {
    return await this.log.explain(build);
  }
  async trigger() {
    const { http: http2, clock, own, log } = this.ctx;
    const before = await this.list();
    this.listCache = before;
    this.knownIds = new Set(before.map((build) => build._id).filter((id2) => id2 !== void 0));
    this.triggeredAt = clock.now();
    const res = await http2.request({
      method: "POST",
      path: encodePath`/api/redeploy/${own.project}`,
      what: "trigger the redeploy",
      // Undocumented answer: read it as text so a non-JSON success is not mistaken for a failure.
      responseType: "text"
    });
    let body;
    try {
      body = JSON.parse(res.body);
    } catch {
      body = void 0;
    }
    const id = buildIdIn(body, own.project);
    if (!id) {
      log.debug("The redeploy answer names no build; looking for it in the build list");
      return { id: "", state: "queued", providerStatus: "pending" };
    }
    this.discoveredId = id;
    const inline = record(record(body)["build"]);
    return this.toBuild({ ...inline, _id: id });
  }
  async findTriggered(since) {
    const found = this.newBuild(await this.list(), since);
    if (found?._id) this.discoveredId = found._id;
    return found ? this.toBuild(found) : void 0;
  }
  async poll(build) {
    const id = build.id || this.discoveredId;
    if (id) return this.detail(id);
    const found = this.newBuild(await this.list(), this.triggeredAt ?? this.ctx.clock.now());
    if (!found?._id) return build;
    this.discoveredId = found._id;
    this.ctx.log.info(`DeployHub build ${found._id} is the one this run started`);
    const listed = this.toBuild(found);
    return listed.state === "success" ? this.detail(found._id) : listed;
  }
  async typicalDurationMs() {
    const builds = this.listCache ?? await this.list();
    const durations = builds.map((build) => {
      const start = parseTime(build.createdAt);
      const end = parseTime(build.finishedAt);
      return start === void 0 || end === void 0 ? void 0 : end - start;
    }).filter((ms) => ms !== void 0 && ms > 0).slice(0, HISTORY);
    return median(durations);
  }
  async detail(id) {
    const body = await this.ctx.http.getJson(
      encodePath`/api/projects/${this.ctx.own.project}/builds/${id}`,
      `read build ${id}`,
      { polling: true }
    );
    return this.toBuild({ ...body?.build, _id: id });
  }
  /** The newest build created since the trigger (allowing for skew) that was not there before. */
  newBuild(builds, since) {
    return builds.filter(
      (build) => build._id !== void 0 && !this.knownIds?.has(build._id) && (parseTime(build.createdAt) ?? 0) >= since - SKEW_MS
    ).sort((a, b) => (parseTime(b.createdAt) ?? 0) - (parseTime(a.createdAt) ?? 0))[0];
  }
  async list() {
    const body = await this.ctx.http.getJson(
      encodePath`/api/projects/${this.ctx.own.project}/builds`,
      "list builds",
      { polling: true }
    );
    return Array.isArray(body?.builds) ? body.builds : [];
  }
  toBuild(raw) {
    const build = {
      id: raw._id ?? "",
      state: stateOf(raw),
      providerStatus: raw.status ?? "pending"
    };
    if (raw.logUrl) build.logUrl = raw.logUrl;
    if (raw.dockerImage) build.dockerImage = raw.dockerImage;
    return build;
  }
};
var deployhub = {
  name: "deployhub",
  title: "DeployHub",
  defaultApiUrl: "https://api.deployhub.online",
  inputs: [TOKEN_INPUT, projectInput("deployhub")],
  readInputs: (get) => ({ project: pathSegment(get("project"), "project") }),
  credentials: bearerCredentials,
  describeError: describeError2,
  create: (ctx) => new DeployHubAdapter(ctx)
};

// src/providers/deskforge/index.ts
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import fs3 from "node:fs/promises";
import path3 from "node:path";
import { addAbortSignal as addAbortSignal2 } from "node:stream";
import { pipeline } from "node:stream/promises";

// src/inputs/parse.ts
var LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1)$/i;
function isLoopbackHost(hostname) {
  return LOOPBACK.test(hostname);
}
function oneOf(value, input, allowed) {
  const lower = value.toLowerCase();
  if (allowed.includes(lower)) return lower;
  throw new InputError(
    input,
    `has an unknown value '${value}'`,
    `use one of: ${allowed.filter(Boolean).join(", ")}`
  );
}
function apiUrl(value, input = "api-url") {
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new InputError(
      input,
      `is not a valid URL: '${value}'`,
      "use a full URL such as https://api.example.com"
    );
  }
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
    throw new InputError(
      input,
      `uses plain http (${url.host}); tokens would cross the network unencrypted`,
      "use https (plain http is accepted only for loopback addresses)"
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new InputError(input, `must be an https URL, got '${url.protocol}'`);
  }
  if (url.username || url.password) {
    throw new InputError(input, "must not contain credentials", "pass the token input instead");
  }
  if (url.search !== "" || url.hash !== "" || /[?#]/.test(value)) {
    throw new InputError(
      input,
      `must not contain a query string or fragment (${url.search ? "?\u2026" : "#\u2026"})`,
      "pass the base URL only; credentials go in the token input"
    );
  }
  return url.toString().replace(/\/+$/, "");
}

// src/files/names.ts
import fs2 from "node:fs";
import path2 from "node:path";

// src/files/inside.ts
import fs from "node:fs";
import path from "node:path";
function relativeInside(root, target, p = path) {
  const rel = p.relative(root, target);
  if (rel === "") return "";
  if (p.isAbsolute(rel) || /^[a-zA-Z]:/.test(rel)) return void 0;
  const parts = rel.split(p.sep);
  if (parts[0] === "..") return void 0;
  return parts.join("/");
}
function hiddenKind(rel) {
  if (rel === "") return void 0;
  const parts = rel.split("/");
  if (parts.includes(".git")) return "git";
  for (let i = 0; i < parts.length; i++) {
    if (parts[i].startsWith(".") && parts[i - 1] !== "node_modules") return "hidden";
  }
  return void 0;
}
var C = fs.constants;
var NOFOLLOW = C.O_NOFOLLOW ?? 0;
var NONBLOCK = C.O_NONBLOCK ?? 0;
var DIRECTORY = C.O_DIRECTORY ?? 0;
var Root = class _Root {
  constructor(real, proc, rootFd) {
    this.real = real;
    this.proc = proc;
    this.rootFd = rootFd;
  }
  real;
  proc;
  rootFd;
  /** Opens `root` (which must be a directory); throws what fs throws when it cannot. */
  static open(root) {
    const real = fs.realpathSync.native(root);
    if (process.platform === "linux") {
      let fd;
      try {
        fd = fs.openSync(real, C.O_RDONLY | DIRECTORY | NONBLOCK);
        if (fs.readlinkSync(`/proc/self/fd/${fd}`) === real) return new _Root(real, true, fd);
      } catch {
      }
      if (fd !== void 0) fs.closeSync(fd);
    }
    return new _Root(real, false, void 0);
  }
  /** The root directory itself, entered. */
  top() {
    const stats = fs.statSync(this.real);
    return {
      base: this.proc ? `/proc/self/fd/${this.rootFd}` : this.real,
      stats,
      rel: "",
      close: () => void 0
    };
  }
  /** Lets go of the root's own descriptor. */
  close() {
    if (this.rootFd !== void 0) fs.closeSync(this.rootFd);
  }
  /** The path of `name` inside an entered directory (not following anything by itself). */
  child(dir, name) {
    return this.proc ? `${dir.base}/${name}` : path.join(dir.base, name);
  }
  /** Where a path leads now, relative to the root; undefined when outside, broken or gone. */
  resolve(file) {
    try {
      return relativeInside(this.real, fs.realpathSync.native(file));
    } catch {
      return void 0;
    }
  }
  /**
   * Opens a regular file for reading and checks the descriptor lies inside the root. With
   * `follow: false` the last component must not be a link (a child swapped for one is
   * `'missing'`, as if it had gone).
   */
  openFile(file, follow) {
    let fd;
    try {
      fd = fs.openSync(file, C.O_RDONLY | NONBLOCK | (follow ? 0 : NOFOLLOW));
    } catch (error) {
      return error.code === "EISDIR" ? "kind" : "missing";
    }
    const stats = fs.fstatSync(fd);
    const rel = stats.isFile() ? this.locate(fd, file, stats) : void 0;
    if (rel === void 0) {
      fs.closeSync(fd);
      return stats.isFile() ? "outside" : "kind";
    }
    return { fd, stats, rel };
  }
  /** Enters a directory (the last component not a link) and checks it lies inside the root. */
  openDirectory(dir) {
    if (!this.proc) {
      let real;
      let stats2;
      try {
        if (fs.lstatSync(dir).isSymbolicLink()) return "missing";
        real = fs.realpathSync.native(dir);
        stats2 = fs.statSync(real);
      } catch {
        return "missing";
      }
      if (!stats2.isDirectory()) return "kind";
      const rel2 = relativeInside(this.real, real);
      return rel2 === void 0 ? "outside" : { base: real, stats: stats2, rel: rel2, close: () => void 0 };
    }
    let fd;
    try {
      fd = fs.openSync(dir, C.O_RDONLY | DIRECTORY | NOFOLLOW | NONBLOCK);
    } catch (error) {
      return error.code === "ENOTDIR" ? "kind" : "missing";
    }
    const stats = fs.fstatSync(fd);
    const rel = this.locate(fd, dir, stats);
    if (rel === void 0) {
      fs.closeSync(fd);
      return "outside";
    }
    let open2 = true;
    return {
      base: `/proc/self/fd/${fd}`,
      stats,
      rel,
      close: () => {
        if (open2) fs.closeSync(fd);
        open2 = false;
      }
    };
  }
  /** The root-relative place of an open descriptor, or undefined when it is not inside. */
  locate(fd, opened, stats) {
    try {
      if (this.proc) return relativeInside(this.real, fs.readlinkSync(`/proc/self/fd/${fd}`));
      const real = fs.realpathSync.native(opened);
      const now = fs.statSync(real);
      if (now.dev !== stats.dev || now.ino !== stats.ino) return void 0;
      return relativeInside(this.real, real);
    } catch {
      return void 0;
    }
  }
};

// src/files/names.ts
var MAX_NAME = 120;
var WINDOWS_DEVICES = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\.|$)/i;
function safeFileName(raw) {
  let name = trimEndOf(
    raw.normalize("NFC").replace(/[^\p{L}\p{M}\p{N}._+-]/gu, "_").replace(/^\./, "_"),
    "."
  );
  if (WINDOWS_DEVICES.test(name)) name = `_${name}`;
  if (name.length > MAX_NAME) {
    const ext = /\.[\p{L}\p{N}]{1,16}$/u.exec(name)?.[0] ?? "";
    name = name.slice(0, MAX_NAME - ext.length) + ext;
  }
  return /[\p{L}\p{N}]/u.test(name) ? name : void 0;
}
function pathInside(dir, name, p = path2) {
  const safe = safeFileName(name);
  if (safe === void 0) return void 0;
  const target = p.join(p.resolve(dir), safe);
  return relativeInside(p.resolve(dir), target, p) === safe ? target : void 0;
}
async function moveNoReplace(from, to) {
  try {
    await fs2.promises.link(from, to);
  } catch (error) {
    const code = error.code;
    if (code === "EEXIST") throw error;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EXDEV" && code !== "ENOSYS") {
      throw error;
    }
    await fs2.promises.copyFile(from, to, fs2.constants.COPYFILE_EXCL);
  }
  await fs2.promises.rm(from, { force: true });
}

// src/http/json-stream.ts
var QUOTE = 34;
var BACKSLASH = 92;
var OPEN_OBJECT = 123;
var CLOSE_OBJECT = 125;
var OPEN_ARRAY = 91;
var CLOSE_ARRAY = 93;
var COMMA = 44;
var COLON = 58;
var LONGEST_KEY = 256;
var JsonStreamError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "JsonStreamError";
  }
};
function isSpace(c) {
  return c === 32 || c === 10 || c === 13 || c === 9;
}
async function scanJsonArray(source, key, onElement, options = {}) {
  const maxElementBytes = options.maxElementBytes ?? 64 * 1024;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let expectKey = false;
  let valuePending = false;
  let keyParts;
  let keyBytes = 0;
  let lastKey;
  let inTarget = false;
  let found = false;
  let closed = false;
  let element;
  let count3 = 0;
  let bytes = 0;
  const endElement = (chunk, end) => {
    if (!element) return;
    const size = element.bytes + (end - element.start);
    let raw;
    if (size <= maxElementBytes) {
      raw = element.parts.length === 0 ? chunk.subarray(element.start, end) : Buffer.concat([...element.parts, chunk.subarray(element.start, end)]);
    }
    element = void 0;
    count3 += 1;
    onElement(raw, size);
  };
  for await (const piece of source) {
    const chunk = typeof piece === "string" ? Buffer.from(piece) : piece;
    bytes += chunk.length;
    if (element) element.start = 0;
    let keyStart = keyParts ? 0 : -1;
    let nextBackslash = -1;
    for (let i = 0; i < chunk.length; i += 1) {
      if (inString && !escaped) {
        if (nextBackslash !== -2 && nextBackslash < i) {
          nextBackslash = chunk.indexOf(BACKSLASH, i);
          if (nextBackslash < 0) nextBackslash = -2;
        }
        const quote = chunk.indexOf(QUOTE, i);
        const stop = Math.min(
          quote < 0 ? chunk.length : quote,
          nextBackslash < 0 ? chunk.length : nextBackslash
        );
        if (stop >= chunk.length) break;
        i = stop;
      }
      const c = chunk[i];
      if (inString) {
        if (escaped) escaped = false;
        else if (c === BACKSLASH) escaped = true;
        else if (c === QUOTE) {
          inString = false;
          if (keyParts) {
            keyParts.push(chunk.subarray(keyStart, i));
            try {
              lastKey = JSON.parse(`"${Buffer.concat(keyParts).toString("utf8")}"`);
            } catch {
              lastKey = void 0;
            }
            keyParts = void 0;
            keyStart = -1;
          }
        }
        continue;
      }
      if (isSpace(c)) continue;
      if (closed) throw new JsonStreamError("more after the end of the JSON document");
      if (inTarget && depth === 2 && !element && c !== COMMA && c !== CLOSE_ARRAY) {
        element = { parts: [], bytes: 0, start: i };
      }
      switch (c) {
        case QUOTE:
          inString = true;
          if (depth === 1 && expectKey) {
            keyParts = [];
            keyBytes = 0;
            keyStart = i + 1;
            expectKey = false;
          }
          valuePending = false;
          break;
        case OPEN_OBJECT:
        case OPEN_ARRAY:
          if (depth === 0 && c !== OPEN_OBJECT) throw new JsonStreamError("not a JSON object");
          if (depth === 1 && valuePending && c === OPEN_ARRAY && lastKey === key && !found) {
            inTarget = true;
            found = true;
          }
          valuePending = false;
          depth += 1;
          if (depth === 1) expectKey = true;
          break;
        case CLOSE_OBJECT:
        case CLOSE_ARRAY:
          if (inTarget && depth === 2) {
            if (c !== CLOSE_ARRAY) throw new JsonStreamError(`"${key}" is not a JSON array`);
            endElement(chunk, i);
            inTarget = false;
          }
          depth -= 1;
          if (depth < 0) throw new JsonStreamError("not JSON");
          if (depth === 0) closed = true;
          break;
        case COMMA:
          if (inTarget && depth === 2) endElement(chunk, i);
          if (depth === 1) expectKey = true;
          break;
        case COLON:
          if (depth === 1) valuePending = true;
          break;
        default:
          if (depth === 0) throw new JsonStreamError("not a JSON object");
          valuePending = false;
      }
    }
    if (element) {
      const tail = chunk.length - element.start;
      if (element.bytes + tail <= maxElementBytes)
        element.parts.push(chunk.subarray(element.start));
      else element.parts = [];
      element.bytes += tail;
    }
    if (keyParts) {
      keyBytes += chunk.length - keyStart;
      if (keyBytes > LONGEST_KEY) {
        keyParts = void 0;
        lastKey = void 0;
      } else keyParts.push(chunk.subarray(keyStart));
    }
  }
  if (!closed) {
    throw new JsonStreamError(bytes === 0 ? "the answer is empty" : "the JSON answer was cut off");
  }
  return { count: count3, bytes, found };
}

// src/providers/deskforge/index.ts
var STATES = {
  queued: "queued",
  building: "building",
  success: "success",
  failed: "failure",
  // Not documented, but a cancelled build must not be waited on until the timeout.
  cancelled: "cancelled",
  canceled: "cancelled"
};
function isErrorLevel(level) {
  return typeof level === "string" && /^\s*(?:error|err|fatal|critical)\s*$/i.test(level);
}
var MAYBE_ERROR = /err|fatal|critical/i;
function parseEntry(text2) {
  try {
    const value = JSON.parse(text2);
    return value && typeof value === "object" && !Array.isArray(value) ? value : void 0;
  } catch {
    return void 0;
  }
}
var SKEW_MS2 = 5e3;
var HISTORY2 = 10;
function describeError3(status, body) {
  const details = commonErrorDetails(body);
  if (status === 401)
    return { ...details, fix: "check the token (a Deskforge API key) is current" };
  if (status === 404) {
    return { ...details, fix: "check the project input is the Deskforge project id (proj_...)" };
  }
  return details.code || details.message ? details : void 0;
}
function reason(error) {
  return error instanceof Error ? error.message : String(error);
}
function newestFirst(builds) {
  return [...builds].sort((a, b) => (parseTime(b.createdAt) ?? 0) - (parseTime(a.createdAt) ?? 0));
}
function fileNameOf(url) {
  if (!url) return void 0;
  try {
    const segment = new URL(url).pathname.split("/").filter(Boolean).pop();
    return segment === void 0 ? void 0 : decodeURIComponent(segment) || void 0;
  } catch {
    return void 0;
  }
}
function formatLogLine(entry) {
  const at = parseTime(entry.timestamp);
  const clock = at === void 0 ? "--:--:--" : new Date(at).toISOString().slice(11, 19);
  return safeLine(`${clock} ${entry.level ?? "info"} ${entry.message ?? ""}`, 2e3);
}
var DeskforgeAdapter = class {
  constructor(ctx) {
    this.ctx = ctx;
  }
  ctx;
  name = "deskforge";
  title = "Deskforge";
  /** Log entries already handed out: the API answers the whole log, oldest first, every time. */
  logEntriesSeen = 0;
  /** The log's ETag from its last read, when the server sends one. */
  logEtag;
  /** Reads in turn, and the last error-level messages of the latest read. */
  log = new LogReader((build, maxBytes) => this.readLogNow(build, maxBytes));
  artifactSizes = /* @__PURE__ */ new Map();
  async trigger() {
    const { http: http2, own } = this.ctx;
    const res = await http2.request({
      method: "POST",
      path: encodePath`/projects/${own.project}/builds`,
      what: "trigger the build",
      json: {
        platform: own.platform,
        arch: own.arch,
        ...own.version ? { version: own.version } : {}
      }
    });
    return this.toBuild(res.body ?? {});
  }
  async findTriggered(since) {
    const { own } = this.ctx;
    const match = newestFirst(await this.list()).find(
      (build) => build.platform === own.platform && (build.arch ?? "x64") === own.arch && // Without a version of ours, the server picks one; any version is then a match.
      (!own.version || build.version === own.version) && (parseTime(build.createdAt) ?? 0) >= since - SKEW_MS2
    );
    return match ? this.toBuild(match) : void 0;
  }
  async poll(build) {
    const detail = await this.ctx.http.getJson(
      encodePath`/builds/${build.id}`,
      `read build ${build.id}`,
      { polling: true }
    );
    return this.toBuild({ id: build.id, ...detail }, build);
  }
  async logs(build, limit) {
    return await this.log.read(build, limit.maxBytes);
  }
  async explainFailure(build) {
    return await this.log.explain(build);
  }
  /**
   * Reads the whole log (the API answers it whole, every time) as a stream: new entries go into a
   * tail of `maxBytes`, the last error-level ones are kept for the failure reason, and nothing else
   * stays in memory, whatever the log's size.
   */
  async readLogNow(build, maxBytes) {
    const { http: http2, signal } = this.ctx;
    const res = await http2.request({
      method: "GET",
      path: encodePath`/builds/${build.id}/logs`,
      what: `read the log of build ${build.id}`,
      responseType: "stream",
      polling: true,
      // The seed documents no ETag, but a server that sends one is asked whether it changed.
      ...this.logEtag ? { headers: { "if-none-match": this.logEtag }, acceptStatuses: [304] } : {}
    });
    const tail = new LogTail(maxBytes);
    if (res.status === 304) {
      res.body.resume();
      return tail.page(0, String);
    }
    const etag = res.headers.etag;
    const errors = [];
    const seen = this.logEntriesSeen;
    let index = 0;
    const stop = AbortSignal.any([
      signal,
      AbortSignal.timeout(Math.max(1, http2.deadline.remaining()))
    ]);
    const body = addAbortSignal2(stop, res.body);
    let scan;
    try {
      scan = await scanJsonArray(body, "logs", (raw, size) => {
        if (raw !== void 0 && MAYBE_ERROR.test(raw.toString("latin1"))) {
          const entry = parseEntry(raw.toString("utf8"));
          if (entry && isErrorLevel(entry.level)) {
            errors.push(safeLine(String(entry.message ?? ""), ERROR_LINE_CHARS));
            if (errors.length > ERROR_LINES) errors.shift();
          }
        }
        if (index >= seen) tail.push(raw, size);
        index += 1;
      });
    } catch (error) {
      res.body.destroy();
      throw new ActionError(
        `Deskforge: read the log of build ${build.id} failed: ${stop.aborted ? signal.aborted ? "cancelled" : "timeout reached" : reason(error)}`,
        { fix: "the log stays available in the Deskforge dashboard", cause: error }
      );
    }
    this.logEntriesSeen = scan.count;
    this.log.errors = errors;
    this.logEtag = typeof etag === "string" && etag.length <= 200 ? etag : void 0;
    return tail.page(scan.bytes, (item) => {
      if (typeof item === "number") {
        return `(a log entry of ${formatBytes(item)} left out: larger than the action reads)`;
      }
      const entry = parseEntry(item);
      return entry ? formatLogLine(entry) : "(a log entry that is not a JSON object)";
    });
  }
  async typicalDurationMs() {
    const durations = newestFirst(await this.list()).filter((build) => build.status === "success" && build.platform === this.ctx.own.platform).slice(0, HISTORY2).map((build) => {
      if (typeof build.duration === "number") return build.duration * 1e3;
      const start = parseTime(build.createdAt);
      const end = parseTime(build.completedAt);
      return start === void 0 || end === void 0 ? void 0 : end - start;
    }).filter((ms) => ms !== void 0 && ms > 0);
    return median(durations);
  }
  async finish(build) {
    const { downloadTo } = this.ctx.own;
    if (!downloadTo || build.state !== "success") return build;
    const note = await this.download(build, downloadTo);
    return { ...build, notes: [...build.notes ?? [], note] };
  }
  async download(build, downloadTo) {
    const { http: http2, log, signal } = this.ctx;
    const res = await http2.request({
      method: "GET",
      path: encodePath`/builds/${build.id}/download`,
      what: `download the artifact of build ${build.id}`,
      responseType: "stream",
      // The API answers with a redirect to its CDN; the client drops credentials on the way.
      followForeignRedirects: true
    });
    const source = res.body;
    let target;
    let partial;
    try {
      target = await this.targetPath(downloadTo, build, res.url);
      await fs3.mkdir(path3.dirname(target.file), { recursive: true });
      partial = `${target.file}.${randomBytes(4).toString("hex")}.part`;
    } catch (error) {
      source.destroy();
      throw new ActionError(
        `Deskforge: cannot save the artifact to ${downloadTo}: ${reason(error)}`,
        {
          fix: "set download-to to a writable file or directory path"
        }
      );
    }
    try {
      await pipeline(source, createWriteStream(partial, { flags: "wx" }), { signal });
    } catch (error) {
      await fs3.rm(partial, { force: true });
      throw new ActionError(
        `Deskforge: download the artifact of build ${build.id} failed: ${reason(error)}`,
        {
          fix: "rerun the job; the artifact stays available in Deskforge",
          cause: error
        }
      );
    }
    const { size } = await fs3.stat(partial);
    const expected = this.artifactSizes.get(build.id);
    if (expected !== void 0 && size !== expected) {
      await fs3.rm(partial, { force: true });
      throw new ActionError(
        `Deskforge: the artifact of build ${build.id} has the wrong size: expected ${expected} bytes (artifactSize), got ${size}`,
        { fix: "rerun the job; if it persists the artifact on the CDN may be damaged" }
      );
    }
    try {
      if (target.replace) await fs3.rename(partial, target.file);
      else await moveNoReplace(partial, target.file);
    } catch (error) {
      await fs3.rm(partial, { force: true });
      const exists = error.code === "EEXIST";
      throw new ActionError(
        `Deskforge: cannot save the artifact to ${this.display(target.file)}: ${exists ? "a file of that name is already there" : reason(error)}`,
        {
          fix: exists ? "empty the download-to directory first, or set download-to to a file path" : "set download-to to a writable file or directory path"
        }
      );
    }
    const note = `Downloaded ${formatBytes(size)} to ${this.display(target.file)}`;
    log.info(note);
    return note;
  }
  /**
   * Where the file goes: `downloadTo` itself (the user's name: `replace`), or inside it when it
   * names a directory, under a name from the provider made safe by the one safe-name rule.
   */
  async targetPath(downloadTo, build, finalUrl) {
    const resolved = path3.resolve(downloadTo);
    const isDirectory = /[/\\]$/.test(downloadTo) || await fs3.stat(resolved).then(
      (stats) => stats.isDirectory(),
      () => false
    );
    if (!isDirectory) return { file: resolved, replace: true };
    const file = [fileNameOf(build.artifactUrl), fileNameOf(finalUrl), `${build.id}.bin`].map((name) => name === void 0 ? void 0 : pathInside(resolved, name)).find((candidate) => candidate !== void 0) ?? path3.join(resolved, "artifact.bin");
    return { file, replace: false };
  }
  display(target) {
    const relative = path3.relative(process.cwd(), target);
    return relative && !relative.startsWith("..") && !path3.isAbsolute(relative) ? relative : target;
  }
  async list() {
    const body = await this.ctx.http.getJson(
      encodePath`/projects/${this.ctx.own.project}/builds`,
      "list builds"
    );
    return Array.isArray(body?.builds) ? body.builds : [];
  }
  toBuild(raw, previous) {
    const word = raw.status ?? previous?.providerStatus ?? "queued";
    let state = STATES[word];
    if (!state) {
      this.ctx.log.debug(`Deskforge reported an undocumented status '${word}'; still waiting`);
      state = "building";
    }
    const id = raw.id ?? previous?.id ?? "";
    if (typeof raw.artifactSize === "number") this.artifactSizes.set(id, raw.artifactSize);
    const build = { ...previous, id, state, providerStatus: word };
    if (raw.artifactUrl) build.artifactUrl = raw.artifactUrl;
    if (raw.buildLog) {
      build.logUrl = raw.buildLog;
      build.logNeedsToken = true;
    }
    return build;
  }
};
function semver(value) {
  const version = value.replace(/^v(?=\d)/i, "");
  if (version && !/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.test(version)) {
    throw new InputError(
      "version",
      `must be a semantic version like 1.2.3 (or 1.2.3-rc.1+build.5), got '${value}'`
    );
  }
  return version;
}
var deskforge = {
  name: "deskforge",
  title: "Deskforge",
  defaultApiUrl: "https://api.deskforge.app",
  inputs: [
    TOKEN_INPUT,
    projectInput("deskforge"),
    { name: "platform", required: true, fix: "set platform to mac, windows or linux" },
    { name: "arch" },
    { name: "version" },
    { name: "download-to" }
  ],
  readInputs: (get) => ({
    // `platform` is required: empty passes here and is reported as missing.
    platform: oneOf(get("platform"), "platform", ["", "mac", "windows", "linux"]),
    project: pathSegment(get("project"), "project"),
    arch: oneOf(get("arch") || "x64", "arch", ["x64", "arm64"]),
    version: semver(get("version")),
    downloadTo: get("download-to")
  }),
  credentials: bearerCredentials,
  describeError: describeError3,
  create: (ctx) => new DeskforgeAdapter(ctx)
};

// src/providers/github-workflow/adapter.ts
import { randomUUID as randomUUID2 } from "node:crypto";

// src/providers/github-workflow/match.ts
var CLOCK_SLACK_MS = 1e4;
function newRuns(runs, dispatch) {
  return runs.filter(
    (run2) => typeof run2.id === "number" && !dispatch.known?.has(run2.id) && (run2.event === void 0 || run2.event === "workflow_dispatch") && (parseTime(run2.created_at) ?? 0) >= dispatch.at - CLOCK_SLACK_MS
  ).sort(
    (a, b) => (parseTime(a.created_at) ?? 0) - (parseTime(b.created_at) ?? 0) || a.id - b.id
  );
}
function matchRun(runs, dispatch) {
  const fresh = newRuns(runs, dispatch);
  if (dispatch.distinctId) {
    const id = dispatch.distinctId;
    const carries = (run2) => (run2.display_title ?? "").includes(id) || (run2.name ?? "").includes(id);
    const ours = fresh.filter(carries);
    return {
      ...ours[0] ? { run: ours[0] } : {},
      candidates: ours.length,
      untitled: fresh.length - ours.length
    };
  }
  return { ...fresh[0] ? { run: fresh[0] } : {}, candidates: fresh.length, untitled: 0 };
}

// src/providers/github-workflow/settings.ts
var MAX_WORKFLOW_INPUTS = 25;
var REPOSITORY = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/;
var INPUT_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,99}$/;
function sameRepository(a, b) {
  return a.toLowerCase() === b.toLowerCase();
}
function readWorkflowSettings(get, common, run2) {
  const here = run2.repository.trim();
  const repository = get("repository") || here;
  if (!repository) {
    throw new InputError(
      "repository",
      "is required for provider 'github-workflow' outside GitHub Actions",
      "set it to owner/name of the repository whose workflow to run"
    );
  }
  const match = REPOSITORY.exec(repository);
  const [owner = "", repo = ""] = match ? [match[1], match[2]] : [];
  if (!match || [owner, repo].some((part) => part === "." || part === "..")) {
    throw new InputError(
      "repository",
      `must be owner/name, got '${repository}'`,
      "write it as on github.com, e.g. octo-org/deploy"
    );
  }
  const isHere = here !== "" && sameRepository(repository, here);
  const workflow = workflowId(get("workflow"));
  const ref = get("ref");
  if (!ref && !isHere) {
    throw new InputError(
      "ref",
      `is required when repository is another repository (${repository})`,
      "set ref to the branch or tag to run the workflow on, e.g. ref: main"
    );
  }
  if (ref && (/[\s\u0000-\u001f\u007f~^:?*[\\]/.test(ref) || ref.includes(".."))) {
    throw new InputError("ref", `is not a branch or tag name: '${ref}'`, "use e.g. main or v1.2.3");
  }
  const distinctIdInput = get("distinct-id-input");
  if (distinctIdInput && !INPUT_NAME.test(distinctIdInput)) {
    throw new InputError(
      "distinct-id-input",
      `must be the name of a workflow input, got '${distinctIdInput}'`,
      "use the input name the target workflow declares under on.workflow_dispatch.inputs, e.g. distinct_id"
    );
  }
  const token = common.token || (isHere ? common.githubToken : "");
  if (!token) {
    throw new InputError(
      "token",
      isHere ? "is required for provider 'github-workflow' (github-token is empty too)" : `is required for provider 'github-workflow' when repository is another repository (${repository}): the job's GITHUB_TOKEN can dispatch workflows in its own repository only`,
      `pass a fine-grained personal access token or a GitHub App token with actions: write on ${repository}, e.g. token: \${{ secrets.WORKFLOW_TOKEN }}`
    );
  }
  return Object.freeze({
    // A repository's workflow, not a provider project: no "Project" row.
    project: "",
    owner,
    repo,
    workflow,
    ref,
    inputsText: get("workflow-inputs"),
    distinctIdInput,
    cancelOnTimeout: bool(get("cancel-on-timeout"), "cancel-on-timeout", false),
    token
  });
}
function workflowId(value) {
  if (!value) {
    throw new InputError(
      "workflow",
      "is required for provider 'github-workflow'",
      "set it to the workflow file name (e.g. ci.yml) or its numeric id"
    );
  }
  const name = value.replace(/^\.github\/workflows\//, "");
  if (/^\d+$/.test(name) || /^[^/\\\s]+\.ya?ml$/.test(name)) return name;
  throw new InputError(
    "workflow",
    `must be a workflow file name (ci.yml) or a numeric id, got '${value}'`,
    "use the file name under .github/workflows/ of the target repository"
  );
}
async function parseWorkflowInputs(text2) {
  if (!text2.trim()) return {};
  const { parseDocument } = await import("./yaml-6ZB2SEGI.js");
  const doc = parseDocument(text2, { schema: "failsafe", uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new InputError(
      "workflow-inputs",
      `is not valid YAML or JSON (${doc.errors[0].message.split("\n")[0]})`,
      'write a map, one "name: value" a line, or JSON such as {"environment": "staging"}'
    );
  }
  const data = doc.toJS();
  if (!data || typeof data !== "object" || Array.isArray(data)) {
    throw new InputError(
      "workflow-inputs",
      "must be a map of input names to values",
      'write one "name: value" a line, or JSON such as {"environment": "staging"}'
    );
  }
  const inputs = {};
  for (const [key, value] of Object.entries(data)) {
    if (typeof value !== "string") {
      throw new InputError(
        "workflow-inputs",
        `has a ${Array.isArray(value) ? "list" : "map"} for '${key}'; workflow inputs are single values`,
        "pass a string, number or true/false (as text) for each input"
      );
    }
    inputs[key] = value;
  }
  if (Object.keys(inputs).length > MAX_WORKFLOW_INPUTS) {
    throw new InputError(
      "workflow-inputs",
      `has ${Object.keys(inputs).length} inputs; GitHub takes at most ${MAX_WORKFLOW_INPUTS}`,
      "pass fewer inputs, e.g. several values as one JSON text input"
    );
  }
  return inputs;
}

// src/providers/github-workflow/adapter.ts
var GITHUB_HEADERS = Object.freeze({
  accept: "application/vnd.github+json",
  "x-github-api-version": "2022-11-28"
});
var GHES_MAX_INPUTS = 10;
var UNTITLED_GRACE_MS = 6e4;
var LIST_PAGE = 30;
var PASSING = /* @__PURE__ */ new Set(["success", "neutral", "skipped"]);
var FAILING = /* @__PURE__ */ new Set(["failure", "timed_out", "startup_failure", "action_required"]);
function runState(run2) {
  if (run2.status === "completed") {
    if (PASSING.has(run2.conclusion ?? "")) return "success";
    if (run2.conclusion === "cancelled") return "cancelled";
    return "failure";
  }
  return run2.status === "in_progress" ? "building" : "queued";
}
function describeFailedJobs(jobs) {
  return jobs.filter((job) => FAILING.has(job.conclusion ?? "")).map((job) => {
    const steps = (job.steps ?? []).filter((step) => FAILING.has(step.conclusion ?? "")).map((step) => `"${step.name ?? `step ${step.number ?? "?"}`}"`);
    const at = steps.length > 0 ? ` at step ${steps.join(", ")}` : "";
    const link2 = job.html_url ? ` (${job.html_url})` : "";
    return `job "${job.name ?? job.id}" ${job.conclusion === "timed_out" ? "timed out" : "failed"}${at}${link2}`;
  });
}
var GitHubWorkflowAdapter = class {
  constructor(ctx) {
    this.ctx = ctx;
    this.own = ctx.own;
    this.ref = this.own.ref || ctx.eventRef.name;
    this.cancelOnTimeout = this.own.cancelOnTimeout;
    this.workflowLabel = `${this.own.owner}/${this.own.repo} ${this.own.workflow}`;
  }
  ctx;
  name = "github-workflow";
  title = "GitHub workflow";
  /** GITHUB_TOKEN has 1,000 requests an hour per repository: no faster than one look in 2 s. */
  minPollIntervalMs = 2e3;
  cancelOnTimeout;
  own;
  /** `ref`, else (for this repository) the branch the event is about. */
  ref;
  inputs = {};
  dispatch;
  runId = 0;
  workflowLabel;
  warnedAmbiguous = false;
  history;
  get repoPath() {
    return encodePath`/repos/${this.own.owner}/${this.own.repo}`;
  }
  async prepare() {
    if (!this.ref) {
      throw new InputError(
        "ref",
        `is required: this run has no branch or tag of ${this.own.owner}/${this.own.repo} to default to (${this.ctx.eventRef.from})`,
        "set ref to the branch or tag to run the workflow on, e.g. ref: main"
      );
    }
    if (!this.own.ref) {
      this.ctx.log.info(
        `Ref: ${this.ref}, from ${this.ctx.eventRef.from} (set ref to choose another).`
      );
    }
    this.inputs = await parseWorkflowInputs(this.own.inputsText);
    const { distinctIdInput } = this.own;
    if (distinctIdInput && distinctIdInput in this.inputs) {
      throw new InputError(
        "workflow-inputs",
        `sets '${distinctIdInput}', which distinct-id-input fills with this run's id`,
        `remove '${distinctIdInput}' from workflow-inputs`
      );
    }
    if (distinctIdInput && Object.keys(this.inputs).length + 1 > 25) {
      throw new InputError(
        "workflow-inputs",
        "has 25 inputs, and distinct-id-input needs one more; GitHub takes at most 25",
        "pass fewer inputs"
      );
    }
  }
  async trigger() {
    const { http: http2, clock, log } = this.ctx;
    const { own } = this;
    const wf = await http2.request({
      method: "GET",
      path: `${this.repoPath}${encodePath`/actions/workflows/${own.workflow}`}`,
      headers: GITHUB_HEADERS,
      what: `read workflow ${own.workflow} of ${own.owner}/${own.repo}`
    });
    const workflow = wf.body ?? {};
    if (workflow.path) this.workflowLabel = `${own.owner}/${own.repo} ${workflow.path}`;
    if (workflow.state && workflow.state !== "active") {
      throw new ActionError(
        `GitHub workflow ${this.workflowLabel} cannot be dispatched: it is ${workflow.state}`,
        {
          fix: `enable it in ${own.owner}/${own.repo} (Actions tab, the workflow, Enable workflow)`
        }
      );
    }
    const enterprise = header(wf.headers, "x-github-enterprise-version");
    const inputs = { ...this.inputs };
    const distinctId = own.distinctIdInput ? randomUUID2() : void 0;
    if (distinctId) inputs[own.distinctIdInput] = distinctId;
    if (enterprise && Object.keys(inputs).length > GHES_MAX_INPUTS) {
      throw new InputError(
        "workflow-inputs",
        `sends ${Object.keys(inputs).length} inputs; GitHub Enterprise Server ${enterprise} takes at most ${GHES_MAX_INPUTS}`,
        "pass fewer inputs"
      );
    }
    if (enterprise) {
      log.info(
        `GitHub Enterprise Server ${safeLine(enterprise, 20)}: the dispatch answers without a run id, so the run is found in the workflow's run list${distinctId ? ` by its id ${distinctId} (${own.distinctIdInput})` : ""}.`
      );
      this.history = await this.listRuns(http2);
    }
    const known = this.history ? new Set(this.history.map((run2) => run2.id)) : void 0;
    const body = {
      ref: this.ref,
      ...Object.keys(inputs).length > 0 ? { inputs } : {}
    };
    const at = clock.now();
    let answer;
    if (!enterprise) {
      try {
        answer = await this.sendDispatch(http2, { ...body, return_run_details: true });
      } catch (error) {
        if (!(error instanceof HttpError && refusesRunDetails(error))) throw error;
        log.info(
          "The server does not take return_run_details; dispatching without it and finding the run in the list."
        );
        answer = await this.sendDispatch(http2, body);
      }
    } else {
      answer = await this.sendDispatch(http2, body);
    }
    this.dispatch = {
      at,
      ...known ? { known } : {},
      ...distinctId ? { distinctId } : {}
    };
    const runId = answer?.workflow_run_id;
    if (typeof runId === "number" && runId > 0) {
      this.runId = runId;
      const build = { id: String(runId), state: "queued", providerStatus: "queued" };
      if (answer?.html_url) build.logUrl = answer.html_url;
      return build;
    }
    log.info(
      `Dispatched ${this.workflowLabel} on ${this.ref}; looking for its run in the workflow's run list.`
    );
    return { id: "", state: "queued", providerStatus: "dispatched" };
  }
  async findTriggered(since) {
    this.dispatch ??= { at: since };
    const run2 = await this.findRun(this.ctx.http);
    return run2 ? this.toBuild(run2) : void 0;
  }
  async poll(build) {
    const { http: http2 } = this.ctx;
    if (!this.runId) {
      const run3 = await this.findRun(http2);
      if (!run3) return build;
      return this.withFailure(this.toBuild(run3));
    }
    const run2 = await http2.getJson(
      `${this.repoPath}${encodePath`/actions/runs/${this.runId}`}`,
      `read workflow run ${this.runId}`,
      { headers: GITHUB_HEADERS, polling: true }
    );
    return this.withFailure(this.toBuild({ ...run2, id: this.runId }));
  }
  async typicalDurationMs() {
    const durations = (this.history ?? []).filter((run2) => run2.status === "completed" && run2.conclusion === "success").map((run2) => {
      const start = parseTime(run2.run_started_at ?? run2.created_at);
      const end = parseTime(run2.updated_at);
      return start === void 0 || end === void 0 ? 0 : end - start;
    });
    return median(durations);
  }
  describeTimeout(build) {
    if (this.runId) return void 0;
    return `Timed out: no workflow_dispatch run of ${this.workflowLabel} on ${this.ref} that this dispatch started appeared in the run list (last status: ${build.providerStatus})`;
  }
  async cancel(build, http2) {
    if (!this.runId) {
      const run2 = await this.findRun(http2).catch(() => void 0);
      if (!run2) return { accepted: false, detail: "its run was not found in the run list yet" };
    }
    try {
      const res = await http2.request({
        method: "POST",
        path: `${this.repoPath}${encodePath`/actions/runs/${this.runId}/cancel`}`,
        headers: GITHUB_HEADERS,
        what: `cancel workflow run ${this.runId}`,
        responseType: "none"
      });
      return { accepted: true, detail: `HTTP ${res.status}` };
    } catch (error) {
      if (error instanceof HttpError && error.kind === "status") {
        return {
          accepted: false,
          detail: `HTTP ${error.status}${error.providerMessage ? ` "${safeLine(error.providerMessage, 120)}"` : ""}`
        };
      }
      throw error;
    }
  }
  async sendDispatch(http2, json) {
    const res = await http2.request({
      method: "POST",
      path: `${this.repoPath}${encodePath`/actions/workflows/${this.own.workflow}/dispatches`}`,
      headers: GITHUB_HEADERS,
      json,
      what: `dispatch ${this.workflowLabel} on ${this.ref}`
    });
    return res.body;
  }
  async listRuns(http2) {
    const body = await http2.getJson(
      `${this.repoPath}${encodePath`/actions/workflows/${this.own.workflow}/runs`}`,
      `list the runs of ${this.workflowLabel}`,
      {
        headers: GITHUB_HEADERS,
        query: {
          event: "workflow_dispatch",
          branch: this.ref.replace(/^refs\/(heads|tags)\//, ""),
          per_page: LIST_PAGE
        },
        polling: true
      }
    );
    return Array.isArray(body?.workflow_runs) ? body.workflow_runs : [];
  }
  /** Our run in the list, once it is there; remembers its id. */
  async findRun(http2) {
    const dispatch = this.dispatch;
    if (!dispatch) return void 0;
    const { log, clock } = this.ctx;
    const match = matchRun(await this.listRuns(http2), dispatch);
    if (!match.run) {
      if (dispatch.distinctId && match.untitled > 0 && clock.now() - dispatch.at > UNTITLED_GRACE_MS) {
        throw new ActionError(
          `GitHub workflow ${this.workflowLabel}: ${match.untitled} run(s) started on ${this.ref} after the dispatch, and none carries this run's id ${dispatch.distinctId} in its title after ${formatDuration(UNTITLED_GRACE_MS)}`,
          {
            fix: `show the input in the target workflow's title: run-name: \${{ github.workflow }} \${{ inputs.${this.own.distinctIdInput} }}`
          }
        );
      }
      return void 0;
    }
    this.runId = match.run.id;
    if (match.candidates > 1 && !dispatch.distinctId && !this.warnedAmbiguous) {
      this.warnedAmbiguous = true;
      log.warning(
        `${match.candidates} workflow_dispatch runs of ${this.workflowLabel} on ${this.ref} started after this dispatch; following the oldest, run ${this.runId}, which may be someone else's. Set distinct-id-input to tell them apart.`
      );
    }
    log.info(
      `Workflow run ${this.runId} (#${match.run.run_number ?? "?"} "${safeLine(match.run.display_title ?? "", 80)}") is the one this dispatch started.`
    );
    return match.run;
  }
  toBuild(run2) {
    const build = {
      id: String(run2.id ?? this.runId),
      state: runState(run2),
      providerStatus: run2.conclusion ?? run2.status ?? "queued"
    };
    if (run2.html_url) build.logUrl = run2.html_url;
    return build;
  }
  /** A failed run names its failed jobs and steps, with links to them. */
  async withFailure(build) {
    if (build.state !== "failure" || !this.runId) return build;
    let jobs = [];
    try {
      const body = await this.ctx.http.getJson(
        `${this.repoPath}${encodePath`/actions/runs/${this.runId}/jobs`}`,
        `list the jobs of workflow run ${this.runId}`,
        { headers: GITHUB_HEADERS, query: { filter: "latest", per_page: 100 } }
      );
      jobs = Array.isArray(body?.jobs) ? body.jobs : [];
    } catch (error) {
      this.ctx.log.debug(`Listing the run's jobs failed: ${String(error)}`);
    }
    const failed = describeFailedJobs(jobs);
    for (const line of failed) this.ctx.log.info(`Workflow run ${this.runId}: ${line}`);
    if (failed.length === 0) return build;
    return { ...build, failureReason: failed.join("; "), notes: failed };
  }
};
function refusesRunDetails(error) {
  if (error.status !== 422) return false;
  const text2 = typeof error.body === "string" ? error.body : JSON.stringify(error.body ?? "");
  return text2.includes("return_run_details");
}
function createWorkflowAdapter(ctx) {
  return new GitHubWorkflowAdapter(ctx);
}

// src/providers/github-workflow/index.ts
function describeError4(status, body) {
  const record2 = body && typeof body === "object" ? body : {};
  const message = typeof record2["message"] === "string" ? record2["message"] : void 0;
  const details = message === void 0 ? {} : { message };
  switch (status) {
    case 401:
      return {
        ...details,
        fix: "check the token: it is missing, expired or revoked"
      };
    case 403:
      return {
        ...details,
        fix: "give the token actions: write on the target repository; the job's GITHUB_TOKEN works for its own repository only (permissions: actions: write), another repository needs a fine-grained PAT or a GitHub App token"
      };
    case 404:
      return {
        ...details,
        fix: "check repository and workflow (the file name under .github/workflows/, e.g. ci.yml), and that the token can see that repository"
      };
    case 422:
      return {
        ...details,
        fix: /workflow_dispatch/i.test(message ?? "") ? 'add "on: workflow_dispatch" to the target workflow, on the ref you dispatch' : `check ref (a branch or tag of the target repository) and workflow-inputs against the target workflow's "on: workflow_dispatch: inputs"`
      };
    default:
      return message === void 0 ? void 0 : details;
  }
}
var githubWorkflow = {
  name: "github-workflow",
  title: "GitHub workflow",
  /** The run's own GitHub API (GITHUB_API_URL, from the host), so GHES works without api-url. */
  defaultApiUrl: (run2) => (run2.apiUrl || "https://api.github.com").replace(/\/+$/, ""),
  // `token` may be empty: for this repository, github-token stands in (readWorkflowSettings).
  inputs: [
    "token",
    "repository",
    "workflow",
    "ref",
    "workflow-inputs",
    "distinct-id-input",
    "cancel-on-timeout"
  ].map((name) => ({ name })),
  readInputs: (get, common, run2) => readWorkflowSettings(get, common, run2),
  credentials: (_settings, own) => ({ authorization: `Bearer ${own.token}` }),
  describeError: describeError4,
  create: createWorkflowAdapter
};

// src/providers/jamdesk/index.ts
var ERRORS = {
  401: {
    code: "unauthorized",
    message: "Invalid API key",
    fix: "Regenerate the key in Settings > API"
  },
  403: {
    code: "forbidden",
    message: "Unauthorized project access",
    fix: "Confirm the project ID matches the API key's project"
  },
  404: {
    code: "project_not_found",
    message: "Project not found",
    fix: "Verify the project ID in the dashboard"
  },
  429: {
    code: "rate_limited",
    message: "Too many requests",
    fix: "Back off and retry with exponential backoff"
  },
  500: {
    code: "internal_error",
    message: "Internal server error",
    fix: "Retry after a few seconds. Contact support if it persists"
  }
};
var STATES2 = {
  queued: "queued",
  building: "building",
  deployed: "success",
  failed: "failure"
};
var FROM_COMMIT_STATUS = {
  pending: { state: "building", word: "building" },
  success: { state: "success", word: "deployed" },
  failure: { state: "failure", word: "failed" },
  error: { state: "failure", word: "failed" }
};
var MAX_GLITCHES = 5;
var CREATED_AT_SKEW_MS = 2e3;
function describeError5(status, body) {
  const fromBody = commonErrorDetails(body);
  const row = Object.values(ERRORS).find((candidate) => candidate.code === fromBody.code) ?? ERRORS[status];
  if (!row) return fromBody.code || fromBody.message ? fromBody : void 0;
  return {
    code: fromBody.code ?? row.code,
    message: fromBody.message ?? row.message,
    fix: row.fix
  };
}
function passing(error) {
  if (error instanceof UnexpectedGitHubBody) return true;
  if (error instanceof HttpError) {
    if (error.kind === "network" || error.kind === "unsent") return true;
    return error.kind === "status" && ((error.status ?? 0) >= 500 || error.status === 429);
  }
  if (error instanceof ActionError) return false;
  const status = error.status;
  return typeof status === "number" ? status >= 500 || status === 429 : true;
}
function signature(status) {
  return JSON.stringify([
    status.state,
    status.description ?? "",
    status.targetUrl ?? "",
    status.createdAt ?? ""
  ]);
}
var JamdeskAdapter = class {
  constructor(ctx) {
    this.ctx = ctx;
    this.sha = ctx.github.sha;
  }
  ctx;
  name = "jamdesk";
  title = "Jamdesk";
  // Every poll spends GitHub API quota, shared with the rest of the workflow.
  minPollIntervalMs = 2e3;
  sha;
  baseline;
  sawOurStatus = false;
  /** Our clock just before the rebuild request went out. */
  triggeredAt;
  /** Polls in a row that met a page instead of GitHub's JSON. */
  glitches = 0;
  /** Why the last read of GitHub's status list failed, until one succeeds. */
  gitHubFailure;
  async trigger() {
    const { http: http2, own, github, log, clock } = this.ctx;
    const before = await this.snapshot(github.sha);
    this.triggeredAt = clock.now();
    const res = await http2.request({
      method: "POST",
      path: encodePath`/projects/${own.project}/rebuild`,
      what: "trigger the rebuild",
      // The error table documents "Retry after a few seconds" for internal_error (429 is the
      // client's own rule).
      retrySafe: (error) => error.status === 500
    });
    const body = record(res.body);
    this.sha = await this.resolveSha(text(record(body["commit"])["sha"]));
    this.baseline = this.sha === before?.sha ? before : void 0;
    log.info(`Jamdesk reports builds as GitHub commit statuses; following ${this.sha.slice(0, 7)}`);
    const word = text(body["status"]) ?? "queued";
    return {
      id: text(body["buildId"]) ?? "",
      state: STATES2[word] ?? "queued",
      providerStatus: word
    };
  }
  async poll(build) {
    let statuses;
    try {
      statuses = await this.jamdeskStatuses(this.sha);
    } catch (error) {
      const deadline = error instanceof HttpError && error.kind === "deadline";
      const unsent = deadline && error.code === NOT_SENT_PAST_DEADLINE;
      if (!unsent && (!deadline || this.gitHubFailure === void 0)) {
        this.gitHubFailure = error instanceof ActionError ? error.reason : `GitHub: reading the commit statuses failed (${safeLine(String(error), 120)})`;
      }
      if (!passing(error) || ++this.glitches >= MAX_GLITCHES) throw error;
      this.ctx.log.info(`${this.gitHubFailure}; looking again at the next poll`);
      return build;
    }
    this.glitches = 0;
    this.gitHubFailure = void 0;
    const status = this.current(statuses);
    if (!status) return build;
    this.sawOurStatus = true;
    const { state, word } = FROM_COMMIT_STATUS[status.state];
    const next = { ...build, state, providerStatus: word };
    if (status.targetUrl) next.logUrl = status.targetUrl;
    if (state === "failure" && status.description) next.failureReason = status.description;
    return next;
  }
  describeTimeout() {
    if (this.gitHubFailure) {
      return `Jamdesk's result could not be read from GitHub before the timeout: ${this.gitHubFailure}`;
    }
    if (this.sawOurStatus) return void 0;
    return `No Jamdesk commit status appeared on ${this.sha.slice(0, 7)} before the timeout; connect the repository to GitHub in Jamdesk so it posts commit statuses, or set wait: false`;
  }
  /**
   * The newest Jamdesk status that belongs to this run's build, if one has appeared. GitHub keeps
   * every status a commit ever had, and rebuilding the same commit is the main use, so a status is
   * ours when it differs from the baseline read before the trigger (count and content together
   * survive a capped list), or, with no such baseline, when GitHub created it after the trigger.
   */
  current(statuses) {
    const newest = statuses[0];
    if (!newest) return void 0;
    if (this.sawOurStatus) return newest;
    const baseline = this.baseline;
    if (baseline && baseline.sha === this.sha) {
      const isNew = statuses.length > baseline.count || signature(newest) !== baseline.newest;
      return isNew ? newest : void 0;
    }
    if (newest.createdAt === void 0 || this.triggeredAt === void 0) return newest;
    const since = Math.floor((this.triggeredAt - CREATED_AT_SKEW_MS) / 1e3) * 1e3;
    return newest.createdAt >= since ? newest : void 0;
  }
  /** Jamdesk's statuses on `sha`, newest first; never the action's own. */
  async jamdeskStatuses(sha2) {
    const { github } = this.ctx;
    const all = await github.listStatuses(sha2);
    return all.filter(
      (status) => status.context !== github.ownContext && status.context.toLowerCase().includes("jamdesk")
    );
  }
  async snapshot(sha2) {
    try {
      const statuses = await this.jamdeskStatuses(sha2);
      const newest = statuses[0];
      return { sha: sha2, count: statuses.length, newest: newest ? signature(newest) : void 0 };
    } catch (error) {
      if (error instanceof HttpError && error.kind === "deadline") throw error;
      this.ctx.log.info(
        `${error instanceof ActionError ? error.reason : `GitHub: reading the commit statuses on ${sha2.slice(0, 7)} failed (${safeLine(String(error), 120)})`}; following the build without them (an earlier Jamdesk result on this commit may be reported)`
      );
      return void 0;
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
    } catch (error) {
      log.debug(
        `Could not resolve Jamdesk's commit ${short} on GitHub (${String(error)}); following ${github.sha.slice(0, 7)}`
      );
      return github.sha;
    }
  }
};
var jamdesk = {
  name: "jamdesk",
  title: "Jamdesk",
  defaultApiUrl: "https://api.jamdesk.com",
  inputs: [TOKEN_INPUT, projectInput("jamdesk")],
  readInputs: (get) => ({ project: pathSegment(get("project"), "project") }),
  credentials: bearerCredentials,
  describeError: describeError5,
  create: (ctx) => new JamdeskAdapter(ctx)
};

// src/artifact/error.ts
var OWN_NAMES = {
  path: "the artifact path",
  includeHidden: "includeHidden"
};
var ArtifactError = class extends Error {
  problemWords;
  fixWords;
  constructor(problem, fix) {
    const problemWords = typeof problem === "string" ? () => problem : problem;
    super(`${OWN_NAMES.path} ${problemWords(OWN_NAMES)}`);
    this.name = "ArtifactError";
    this.problemWords = problemWords;
    this.fixWords = fix;
  }
  /** What is wrong, worded to follow the path setting's name: "is empty". */
  problem(names2) {
    return this.problemWords(names2);
  }
  /** What the user can do about it. */
  fix(names2) {
    return this.fixWords(names2);
  }
};

// src/artifact/progress.ts
var MIN_BYTES = 4 * 1024 * 1024;
var EVERY_MS = 5e3;
var ProgressLine = class {
  constructor(what, print, now) {
    this.what = what;
    this.print = print;
    this.now = now;
    this.started = now();
    this.last = this.started;
  }
  what;
  print;
  now;
  started;
  last;
  /** `bytes` done so far, and optionally files done and the total bytes expected. */
  update(bytes, files, total) {
    const now = this.now();
    if (now - this.last < EVERY_MS || bytes < MIN_BYTES) return;
    this.last = now;
    const seconds = Math.max((now - this.started) / 1e3, 1e-3);
    const parts = [
      ...files === void 0 ? [] : [`${files.toLocaleString("en-US")} files`],
      total ? `${formatBytes(bytes)} of ${formatBytes(total)} (${Math.floor(bytes / total * 100)}%)` : formatBytes(bytes)
    ];
    this.print(
      `${this.what}: ${parts.join(", ")} at ${formatBytes(Math.round(bytes / seconds))}/s`
    );
  }
};

// src/artifact/zip.ts
import { randomUUID as randomUUID3 } from "node:crypto";
import fs6 from "node:fs";
import path5 from "node:path";

// src/artifact/walk.ts
import fs4 from "node:fs";
import path4 from "node:path";
var SAMPLE = 20;
var FIX_NAME = (n) => `rename the file, or zip the directory yourself and set ${n.path} to the .zip (entry names must be UTF-8 without backslashes)`;
function* walkArtifact(rootPath, options, report) {
  const root = Root.open(rootPath);
  const exclude = options.exclude === void 0 ? void 0 : excluded(root, options.exclude);
  const frames = [];
  const onPath = /* @__PURE__ */ new Set();
  const enter = (dir, prefix) => {
    const key = `${dir.stats.dev}:${dir.stats.ino}`;
    frames.push({ dir, prefix, names: readNames(dir.base, prefix, options), next: 0, key });
    onPath.add(key);
  };
  const skip = (name) => {
    report.skippedCount += 1;
    if (report.skipped.length < SAMPLE) report.skipped.push(name);
  };
  const hide = (rel, kind, directory) => {
    report.hiddenCount += 1;
    if (kind === "git") report.gitCount += 1;
    if (report.hidden.length < SAMPLE) report.hidden.push(directory ? `${rel}/` : rel);
  };
  try {
    enter(root.top(), "");
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      if (frame.next >= frame.names.length) {
        frames.pop();
        onPath.delete(frame.key);
        frame.dir.close();
        continue;
      }
      const entry = frame.names[frame.next++];
      const name = entry.name;
      const abs = root.child(frame.dir, name);
      const rel = frame.prefix ? `${frame.prefix}/${name}` : name;
      if (exclude !== void 0 && exclude === (frame.dir.rel ? `${frame.dir.rel}/${name}` : name)) {
        continue;
      }
      const ownKind = name === ".git" ? "git" : name.startsWith(".") ? "hidden" : void 0;
      if (ownKind === "git" || ownKind === "hidden" && !options.includeHidden) {
        hide(rel, ownKind, entry.isDirectory());
        continue;
      }
      zipEntryName(frame.prefix, name);
      let opened;
      if (entry.isSymbolicLink()) {
        const target = root.resolve(abs);
        const targetStats = target === void 0 ? void 0 : stat(abs);
        const real = target === void 0 ? "" : path4.join(root.real, ...target.split("/"));
        opened = !targetStats ? "missing" : targetStats.isDirectory() ? root.openDirectory(real) : targetStats.isFile() ? root.openFile(real, false) : "kind";
        if (opened === "missing" || opened === "outside") {
          skip(rel);
          continue;
        }
        if (typeof opened !== "string") {
          const kind = hiddenKind(opened.rel);
          if (kind === "git" || kind === "hidden" && !options.includeHidden) {
            const directory = !("fd" in opened);
            if ("fd" in opened) fs4.closeSync(opened.fd);
            else opened.close();
            hide(rel, kind, directory);
            continue;
          }
        }
      } else if (entry.isDirectory()) {
        opened = root.openDirectory(abs);
      } else if (entry.isFile()) {
        opened = root.openFile(abs, false);
      } else {
        continue;
      }
      if (typeof opened === "string") continue;
      if ("fd" in opened) {
        yield { kind: "file", name: rel, fd: opened.fd, stats: opened.stats };
        continue;
      }
      if (onPath.has(`${opened.stats.dev}:${opened.stats.ino}`)) {
        opened.close();
        skip(rel);
        continue;
      }
      try {
        enter(opened, rel);
      } catch (error) {
        opened.close();
        throw error;
      }
      yield { kind: "directory", name: rel, stats: opened.stats };
    }
  } finally {
    for (const frame of frames) frame.dir.close();
    root.close();
  }
}
function zipEntryName(prefix, name) {
  const rel = prefix ? `${prefix}/${name}` : name;
  if (name.includes("\\")) {
    throw new ArtifactError(
      `holds a file whose name contains a backslash ('${escapeName(rel)}'), which unzip on Windows and Java would read as a folder`,
      FIX_NAME
    );
  }
  return rel;
}
function excluded(root, file) {
  try {
    const dir = fs4.realpathSync.native(path4.dirname(file));
    return relativeInside(root.real, path4.join(dir, path4.basename(file)));
  } catch {
    return void 0;
  }
}
function listEntries(dir) {
  try {
    return fs4.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    if (error.code !== "ENOENT") throw error;
  }
  return fs4.readdirSync(dir).map((name) => {
    const stats = fs4.lstatSync(path4.join(dir, name), { throwIfNoEntry: false });
    return {
      name,
      isFile: () => stats?.isFile() ?? false,
      isDirectory: () => stats?.isDirectory() ?? false,
      isSymbolicLink: () => stats?.isSymbolicLink() ?? false
    };
  });
}
function readNames(dir, prefix, options) {
  let names2;
  try {
    names2 = listEntries(dir);
  } catch (error) {
    const code = error.code;
    if (code === "ENOENT" || code === "ENOTDIR") return [];
    throw error;
  }
  if (names2.some((entry) => entry.name.includes("\uFFFD"))) {
    for (const raw of fs4.readdirSync(dir, { encoding: "buffer" })) {
      if (Buffer.from(raw.toString("utf8"), "utf8").equals(raw)) continue;
      if (raw[0] === 46 && !options.includeHidden) continue;
      const rel = prefix ? `${escapeName(prefix)}/${escapeBytes(raw)}` : escapeBytes(raw);
      throw new ArtifactError(`holds a file whose name is not valid UTF-8 ('${rel}')`, FIX_NAME);
    }
  }
  return names2.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}
function escapeBytes(raw) {
  let out = "";
  for (const byte of raw) {
    out += byte >= 32 && byte < 127 && byte !== 92 ? String.fromCharCode(byte) : `\\x${byte.toString(16).padStart(2, "0")}`;
  }
  return out;
}
function escapeName(name) {
  return escapeBytes(Buffer.from(name, "utf8"));
}
function stat(file) {
  try {
    return fs4.statSync(file);
  } catch {
    return void 0;
  }
}

// src/artifact/zip-writer.ts
import { once } from "node:events";
import fs5 from "node:fs";
import zlib from "node:zlib";
var STORED = 0;
var DEFLATED = 8;
var LOCAL_SIGNATURE = 67324752;
var CENTRAL_SIGNATURE = 33639248;
var EOCD_SIGNATURE = 101010256;
var ZIP64_EOCD_SIGNATURE = 101075792;
var ZIP64_LOCATOR_SIGNATURE = 117853008;
var LOCAL_SIZE = 30;
var CENTRAL_SIZE = 46;
var TIME_EXTRA_SIZE = 9;
var ZIP64_LOCAL_EXTRA_SIZE = 20;
var FLAG_UTF8 = 2048;
var MADE_BY_UNIX = 3 << 8;
var VERSION_DEFAULT = 20;
var VERSION_ZIP64 = 45;
var MAX32 = 4294967295;
var MAX16 = 65535;
var ZIP64_LOCAL_FROM = 4026531840;
var OUT_BYTES = 2 * 1024 * 1024;
var STREAM_ROOM = 64 * 1024;
var SLICE_MS = 20;
var CENTRAL_CHUNK_BYTES = 256 * 1024;
var crc32 = typeof zlib.crc32 === "function" ? (data, initial = 0) => zlib.crc32(data, initial) : crc32Js;
var table;
function crc32Js(data, initial = 0) {
  if (!table) {
    table = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 3988292384 ^ c >>> 1 : c >>> 1;
      table[n] = c;
    }
  }
  let crc = ~initial;
  for (let i = 0; i < data.length; i++) crc = table[(crc ^ data[i]) & 255] ^ crc >>> 8;
  return ~crc >>> 0;
}
function deflateOptions(size, level) {
  let windowBits = 9;
  while (windowBits < 15 && 1 << windowBits < size) windowBits++;
  return { level, windowBits, memLevel: Math.max(1, Math.min(8, windowBits - 7)) };
}
function dosDateTime(date) {
  const year = date.getFullYear();
  if (year < 1980) return { time: 0, day: 1 << 5 | 1 };
  if (year > 2107) return { time: 23 << 11 | 59 << 5 | 29, day: 127 << 9 | 12 << 5 | 31 };
  return {
    time: date.getHours() << 11 | date.getMinutes() << 5 | date.getSeconds() >> 1,
    day: year - 1980 << 9 | date.getMonth() + 1 << 5 | date.getDate()
  };
}
function unixTime(date) {
  return Math.max(-2147483648, Math.min(2147483647, Math.floor(date.getTime() / 1e3)));
}
var CentralDirectory = class {
  chunks = [];
  chunk = Buffer.allocUnsafe(0);
  used = 0;
  /** Entries recorded. */
  count = 0;
  /** Bytes recorded. */
  size = 0;
  /** Room for one record of `length` bytes: the chunk to write it into and where. */
  reserve(length) {
    if (this.used + length > this.chunk.length) {
      if (this.used > 0) this.chunks.push(this.chunk.subarray(0, this.used));
      this.chunk = Buffer.allocUnsafe(Math.max(CENTRAL_CHUNK_BYTES, length));
      this.used = 0;
    }
    const at = this.used;
    this.used += length;
    this.count += 1;
    this.size += length;
    return { buffer: this.chunk, at };
  }
  /** Every chunk in order, and lets go of them. */
  take() {
    const all = [...this.chunks, this.chunk.subarray(0, this.used)];
    this.chunks = [];
    this.chunk = Buffer.allocUnsafe(0);
    this.used = 0;
    return all;
  }
};
var ZipWriter = class {
  /**
   * @param fd the file, opened for writing
   * @param level deflate level for what is worth deflating
   * @param start where in the file the zip starts (0; more behind a stub, as self-extractors
   *   have): offsets in the zip count from the file's start, so the zip stays valid
   * @param reuseDeflate false: what runtimes without the reusable stream get (for tests)
   */
  constructor(fd, level, start = 0, reuseDeflate = true) {
    this.fd = fd;
    this.level = level;
    this.flushed = start;
    this.deflater = new Deflater(level, reuseDeflate);
  }
  fd;
  level;
  out = Buffer.allocUnsafeSlow(OUT_BYTES);
  used = 0;
  /** Bytes of the file already written to disk. */
  flushed = 0;
  central = new CentralDirectory();
  deflater;
  sliceStart = performance.now();
  /** Where the next byte goes. */
  get offset() {
    return this.flushed + this.used;
  }
  /** A directory entry (`name` ends with `/`). */
  addDirectory(meta) {
    const name = Buffer.from(meta.name, "utf8");
    const offset = this.offset;
    this.writeLocal(name, meta, STORED, 0, 0, 0, false);
    this.record(name, meta, STORED, 0, 0, 0, offset);
  }
  /**
   * A file whose whole content is in `data` (the caller may reuse the buffer afterwards).
   * Deflated unless `store`, and stored anyway when deflating does not make it smaller. The
   * deflated bytes go straight into the output buffer, after the room left for the header.
   */
  addBuffer(meta, data, store) {
    const crc = data.length === 0 ? 0 : crc32(data);
    const name = Buffer.from(meta.name, "utf8");
    const offset = this.offset;
    const zip64 = data.length >= ZIP64_LOCAL_FROM;
    const headerLength = localLength(name, zip64);
    let method = STORED;
    let compressed = data.length;
    if (!store && data.length > 0) {
      if (this.used + headerLength + data.length > this.out.length) this.flush();
      const room = Math.min(data.length - 1, this.out.length - this.used - headerLength);
      const n = this.deflater.deflate(data, this.out, this.used + headerLength, room);
      if (n >= 0) {
        method = DEFLATED;
        compressed = n;
        this.writeLocal(name, meta, method, crc, n, data.length, zip64);
        this.used += n;
      }
    }
    if (method === STORED) {
      this.writeLocal(name, meta, method, crc, data.length, data.length, zip64);
      this.write(data);
    }
    this.record(name, meta, method, crc, compressed, data.length, offset);
  }
  /**
   * A file read from `fd` in chunks of `chunk.length` bytes (the buffer is reused) from offset 0 to
   * its end, stored when `store`, else deflated by the reused stream straight into the output
   * buffer, so memory does not grow with the file. `size` (from stat)
   * decides whether the local header needs Zip64; the header is patched with the real CRC and
   * sizes afterwards. Returns the bytes read.
   */
  async addLargeFile(meta, fd, size, store, chunk) {
    const name = Buffer.from(meta.name, "utf8");
    const offset = this.offset;
    const zip64 = size >= ZIP64_LOCAL_FROM;
    const method = store ? STORED : DEFLATED;
    this.writeLocal(name, meta, method, 0, 0, 0, zip64);
    let crc = 0;
    let read = 0;
    let written = 0;
    if (store) {
      for (; ; ) {
        const n = fs5.readSync(fd, chunk, 0, chunk.length, read);
        if (n === 0) break;
        const piece = chunk.subarray(0, n);
        crc = crc32(piece, crc);
        this.write(piece);
        read += n;
        await this.breathe();
      }
      written = read;
    } else if (this.deflater.reused) {
      try {
        for (; ; ) {
          const n = fs5.readSync(fd, chunk, 0, chunk.length, read);
          crc = n > 0 ? crc32(chunk.subarray(0, n), crc) : crc;
          read += n;
          written += this.deflateInto(chunk, n, n === 0);
          if (n === 0) break;
          await this.breathe();
        }
      } finally {
        this.deflater.reset();
      }
    } else {
      const deflate = zlib.createDeflateRaw({ level: this.level });
      const ended = new Promise((resolve, reject) => {
        deflate.on("data", (out) => {
          written += out.length;
          this.write(out);
        });
        deflate.once("end", resolve);
        deflate.once("error", reject);
      });
      ended.catch(() => void 0);
      try {
        for (; ; ) {
          const piece = Buffer.allocUnsafe(chunk.length);
          const n = fs5.readSync(fd, piece, 0, piece.length, read);
          if (n === 0) break;
          crc = crc32(piece.subarray(0, n), crc);
          read += n;
          if (!deflate.write(piece.subarray(0, n))) await once(deflate, "drain");
        }
        deflate.end();
        await ended;
      } catch (error) {
        deflate.destroy();
        throw error;
      }
    }
    if (!zip64 && (read >= MAX32 || written >= MAX32)) {
      throw new Error(`${meta.name} grew past 4 GiB while it was zipped`);
    }
    this.patchLocal(offset, name.length, crc, written, read, zip64);
    this.record(name, meta, method, crc, written, read, offset);
    return read;
  }
  /**
   * Deflates `length` bytes of `input` (none, to end the stream, when `finish`) with the reused
   * stream into the output buffer, flushing it as it fills: the bytes produced.
   */
  deflateInto(input, length, finish) {
    let offset = 0;
    let left = length;
    let produced = 0;
    for (; ; ) {
      if (this.out.length - this.used < STREAM_ROOM) this.flush();
      const room = this.out.length - this.used;
      const [inLeft, outLeft] = this.deflater.part(
        input,
        offset,
        left,
        this.out,
        this.used,
        room,
        finish
      );
      this.used += room - outLeft;
      produced += room - outLeft;
      offset += left - inLeft;
      left = inLeft;
      if (outLeft > 0) return produced;
    }
  }
  /** A turn of the event loop every SLICE_MS of work on one large file. */
  async breathe() {
    if (performance.now() - this.sliceStart < SLICE_MS) return;
    await new Promise((resolve) => setImmediate(resolve));
    this.sliceStart = performance.now();
  }
  /**
   * Writes the central directory and the end records (Zip64 ones when the entries, the
   * directory's size or its offset do not fit the classic fields), and flushes. Does not close
   * the descriptor.
   */
  finish() {
    const start = this.offset;
    const { count: count3, size } = this.central;
    for (const piece of this.central.take()) this.write(piece);
    const zip64 = count3 >= MAX16 || size >= MAX32 || start >= MAX32;
    if (zip64) {
      const at = this.offset;
      const record2 = Buffer.alloc(56 + 20);
      record2.writeUInt32LE(ZIP64_EOCD_SIGNATURE, 0);
      record2.writeBigUInt64LE(44n, 4);
      record2.writeUInt16LE(MADE_BY_UNIX | VERSION_ZIP64, 12);
      record2.writeUInt16LE(VERSION_ZIP64, 14);
      record2.writeBigUInt64LE(BigInt(count3), 24);
      record2.writeBigUInt64LE(BigInt(count3), 32);
      record2.writeBigUInt64LE(BigInt(size), 40);
      record2.writeBigUInt64LE(BigInt(start), 48);
      record2.writeUInt32LE(ZIP64_LOCATOR_SIGNATURE, 56);
      record2.writeBigUInt64LE(BigInt(at), 64);
      record2.writeUInt32LE(1, 72);
      this.write(record2);
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(EOCD_SIGNATURE, 0);
    end.writeUInt16LE(Math.min(count3, MAX16), 8);
    end.writeUInt16LE(Math.min(count3, MAX16), 10);
    end.writeUInt32LE(Math.min(size, MAX32), 12);
    end.writeUInt32LE(Math.min(start, MAX32), 16);
    this.write(end);
    this.flush();
    this.deflater.close();
    return { entries: count3, size: this.flushed };
  }
  writeLocal(name, meta, method, crc, compressed, size, zip64) {
    const length = localLength(name, zip64);
    const extra = length - LOCAL_SIZE - name.length;
    const { buffer, at } = this.reserveOut(length);
    const { time, day } = dosDateTime(meta.mtime);
    buffer.writeUInt32LE(LOCAL_SIGNATURE, at);
    buffer.writeUInt16LE(zip64 ? VERSION_ZIP64 : VERSION_DEFAULT, at + 4);
    buffer.writeUInt16LE(FLAG_UTF8, at + 6);
    buffer.writeUInt16LE(method, at + 8);
    buffer.writeUInt16LE(time, at + 10);
    buffer.writeUInt16LE(day, at + 12);
    buffer.writeUInt32LE(crc, at + 14);
    buffer.writeUInt32LE(zip64 ? MAX32 : compressed, at + 18);
    buffer.writeUInt32LE(zip64 ? MAX32 : size, at + 22);
    buffer.writeUInt16LE(name.length, at + 26);
    buffer.writeUInt16LE(extra, at + 28);
    name.copy(buffer, at + 30);
    let e = at + 30 + name.length;
    e = writeTimeExtra(buffer, e, meta.mtime);
    if (zip64) {
      buffer.writeUInt16LE(1, e);
      buffer.writeUInt16LE(16, e + 2);
      buffer.writeBigUInt64LE(BigInt(size), e + 4);
      buffer.writeBigUInt64LE(BigInt(compressed), e + 12);
    }
  }
  /** Puts the real CRC and sizes into the local header written at `offset`. */
  patchLocal(offset, nameLength, crc, compressed, size, zip64) {
    const fixed = Buffer.alloc(12);
    fixed.writeUInt32LE(crc, 0);
    fixed.writeUInt32LE(zip64 ? MAX32 : compressed, 4);
    fixed.writeUInt32LE(zip64 ? MAX32 : size, 8);
    this.patch(offset + 14, fixed);
    if (zip64) {
      const sizes = Buffer.alloc(16);
      sizes.writeBigUInt64LE(BigInt(size), 0);
      sizes.writeBigUInt64LE(BigInt(compressed), 8);
      this.patch(offset + LOCAL_SIZE + nameLength + TIME_EXTRA_SIZE + 4, sizes);
    }
  }
  /** Appends the central directory record of an entry written at `offset`. */
  record(name, meta, method, crc, compressed, size, offset) {
    const bigSize = size >= MAX32;
    const bigCompressed = compressed >= MAX32;
    const bigOffset = offset >= MAX32;
    const zip64Length = (bigSize ? 8 : 0) + (bigCompressed ? 8 : 0) + (bigOffset ? 8 : 0);
    const extra = TIME_EXTRA_SIZE + (zip64Length > 0 ? 4 + zip64Length : 0);
    const { buffer, at } = this.central.reserve(CENTRAL_SIZE + name.length + extra);
    const { time, day } = dosDateTime(meta.mtime);
    const version = zip64Length > 0 ? VERSION_ZIP64 : VERSION_DEFAULT;
    const directory = meta.name.endsWith("/");
    buffer.writeUInt32LE(CENTRAL_SIGNATURE, at);
    buffer.writeUInt16LE(MADE_BY_UNIX | version, at + 4);
    buffer.writeUInt16LE(version, at + 6);
    buffer.writeUInt16LE(FLAG_UTF8, at + 8);
    buffer.writeUInt16LE(method, at + 10);
    buffer.writeUInt16LE(time, at + 12);
    buffer.writeUInt16LE(day, at + 14);
    buffer.writeUInt32LE(crc, at + 16);
    buffer.writeUInt32LE(bigCompressed ? MAX32 : compressed, at + 20);
    buffer.writeUInt32LE(bigSize ? MAX32 : size, at + 24);
    buffer.writeUInt16LE(name.length, at + 28);
    buffer.writeUInt16LE(extra, at + 30);
    buffer.writeUInt16LE(0, at + 32);
    buffer.writeUInt16LE(0, at + 34);
    buffer.writeUInt16LE(0, at + 36);
    buffer.writeUInt32LE(((meta.mode & 65535) << 16 | (directory ? 16 : 0)) >>> 0, at + 38);
    buffer.writeUInt32LE(bigOffset ? MAX32 : offset, at + 42);
    name.copy(buffer, at + 46);
    let e = writeTimeExtra(buffer, at + 46 + name.length, meta.mtime);
    if (zip64Length > 0) {
      buffer.writeUInt16LE(1, e);
      buffer.writeUInt16LE(zip64Length, e + 2);
      e += 4;
      if (bigSize) e = buffer.writeBigUInt64LE(BigInt(size), e);
      if (bigCompressed) e = buffer.writeBigUInt64LE(BigInt(compressed), e);
      if (bigOffset) buffer.writeBigUInt64LE(BigInt(offset), e);
    }
  }
  /** `length` contiguous bytes in the output buffer, flushing first when they do not fit. */
  reserveOut(length) {
    if (this.used + length > this.out.length) {
      this.flush();
      if (length > this.out.length) this.out = Buffer.allocUnsafeSlow(length);
    }
    const at = this.used;
    this.used += length;
    return { buffer: this.out, at };
  }
  write(data) {
    if (this.used + data.length <= this.out.length) {
      data.copy(this.out, this.used);
      this.used += data.length;
      return;
    }
    this.flush();
    if (data.length >= this.out.length / 2) {
      this.writeAt(data, this.flushed);
      this.flushed += data.length;
    } else {
      data.copy(this.out, 0);
      this.used = data.length;
    }
  }
  /** Overwrites bytes written before, in the buffer if they are still there, else on disk. */
  patch(position, bytes) {
    if (position >= this.flushed) bytes.copy(this.out, position - this.flushed);
    else this.writeAt(bytes, position);
  }
  flush() {
    if (this.used === 0) return;
    this.writeAt(this.out.subarray(0, this.used), this.flushed);
    this.flushed += this.used;
    this.used = 0;
  }
  writeAt(data, position) {
    let done = 0;
    while (done < data.length) {
      done += fs5.writeSync(this.fd, data, done, data.length - done, position + done);
    }
  }
};
function localLength(name, zip64) {
  return LOCAL_SIZE + name.length + TIME_EXTRA_SIZE + (zip64 ? ZIP64_LOCAL_EXTRA_SIZE : 0);
}
var Deflater = class {
  /**
   * @param level deflate level
   * @param reuse false: `deflateRawSync` every time (what other runtimes get; for tests)
   */
  constructor(level, reuse = true) {
    this.level = level;
    if (!reuse) return;
    try {
      const stream = zlib.createDeflateRaw({ level });
      const inner = stream;
      const handle = inner._handle;
      const state = inner._writeState;
      if (typeof handle?.writeSync !== "function" || typeof handle.reset !== "function" || !(state instanceof Uint32Array)) {
        stream.close();
        return;
      }
      this.stream = stream;
      this.handle = handle;
      this.state = state;
      const sample = Buffer.from("a sample that deflates, a sample that deflates\n".repeat(64));
      const out = Buffer.alloc(sample.length);
      const n = this.deflateHandle(sample, out, 0, out.length);
      if (n <= 0 || !zlib.inflateRawSync(out.subarray(0, n)).equals(sample)) this.close();
    } catch {
      this.close();
    }
  }
  level;
  stream;
  handle;
  state;
  /** True when the reused stream is in use (for tests). */
  get reused() {
    return this.handle !== void 0;
  }
  /**
   * Deflates all of `input` into `out` from `at`, using at most `room` bytes: the bytes written,
   * or -1 when they would not fit in `room`.
   */
  deflate(input, out, at, room) {
    if (room <= 0) return -1;
    if (this.handle) return this.deflateHandle(input, out, at, room);
    const deflated = zlib.deflateRawSync(input, deflateOptions(input.length, this.level));
    if (deflated.length > room) return -1;
    deflated.copy(out, at);
    return deflated.length;
  }
  /**
   * One step of a stream over several calls (only when `reused`): deflates `input` from `offset`
   * (`length` bytes) into `out` from `at` (`room` bytes), ending the stream when `finish`.
   * Returns [input bytes left, output bytes left]. Call `reset` after the stream's last step.
   */
  part(input, offset, length, out, at, room, finish) {
    const flush = finish ? zlib.constants.Z_FINISH : zlib.constants.Z_NO_FLUSH;
    this.handle.writeSync(flush, input, offset, length, out, at, room);
    return [this.state[1], this.state[0]];
  }
  /** Readies the reused stream for a new input. */
  reset() {
    this.handle?.reset();
  }
  deflateHandle(input, out, at, room) {
    const handle = this.handle;
    const state = this.state;
    try {
      handle.writeSync(zlib.constants.Z_FINISH, input, 0, input.length, out, at, room);
      const outLeft = state[0];
      const inLeft = state[1];
      return inLeft === 0 && outLeft > 0 ? room - outLeft : -1;
    } finally {
      handle.reset();
    }
  }
  /** Lets go of the zlib stream. */
  close() {
    this.stream?.close();
    this.stream = void 0;
    this.handle = void 0;
    this.state = void 0;
  }
};
function writeTimeExtra(buffer, at, mtime) {
  buffer.writeUInt16LE(21589, at);
  buffer.writeUInt16LE(5, at + 2);
  buffer.writeUInt8(1, at + 4);
  buffer.writeInt32LE(unixTime(mtime), at + 5);
  return at + TIME_EXTRA_SIZE;
}

// src/artifact/zip.ts
var DEFLATE_LEVEL = 1;
var COMPRESSED_EXTENSIONS = /* @__PURE__ */ new Set([
  // archives and packages
  "zip",
  "gz",
  "tgz",
  "bz2",
  "tbz2",
  "xz",
  "txz",
  "zst",
  "lz",
  "lz4",
  "lzma",
  "z",
  "7z",
  "rar",
  "cab",
  "jar",
  "war",
  "ear",
  "aar",
  "apk",
  "whl",
  "nupkg",
  "vsix",
  "epub",
  "docx",
  "xlsx",
  "pptx",
  "odt",
  "ods",
  "odp",
  "br",
  // images
  "png",
  "jpg",
  "jpeg",
  "gif",
  "webp",
  "avif",
  "heic",
  "heif",
  "jxl",
  // audio and video
  "mp4",
  "m4v",
  "mov",
  "webm",
  "mkv",
  "avi",
  "mp3",
  "m4a",
  "aac",
  "ogg",
  "oga",
  "opus",
  "flac",
  // fonts
  "woff",
  "woff2"
]);
function isCompressedName(name) {
  const ext = path5.extname(name).slice(1).toLowerCase();
  return COMPRESSED_EXTENSIONS.has(ext);
}
var SNIFF_MIN_BYTES = 16 * 1024;
var SNIFF_WINDOW = 8 * 1024;
var INCOMPRESSIBLE_BITS = 7.95;
function looksCompressed(fd, size) {
  if (size < SNIFF_MIN_BYTES) return false;
  const counts = new Uint32Array(256);
  let total = 0;
  const buffer = Buffer.allocUnsafe(sniffWindow(size));
  for (const offset of sniffOffsets(size)) {
    const bytesRead = fs6.readSync(fd, buffer, 0, buffer.length, offset);
    total += count(buffer.subarray(0, bytesRead), counts);
  }
  return entropyAbove(counts, total);
}
function bufferLooksCompressed(data) {
  if (data.length < SNIFF_MIN_BYTES) return false;
  const counts = new Uint32Array(256);
  const window = sniffWindow(data.length);
  let total = 0;
  for (const offset of sniffOffsets(data.length)) {
    total += count(data.subarray(offset, offset + window), counts);
  }
  return entropyAbove(counts, total);
}
function sniffWindow(size) {
  return size <= 3 * SNIFF_WINDOW ? size : SNIFF_WINDOW;
}
function sniffOffsets(size) {
  const window = sniffWindow(size);
  return window === size ? [0] : [0, Math.floor((size - window) / 2), size - window];
}
function count(bytes, counts) {
  for (let i = 0; i < bytes.length; i++) counts[bytes[i]] += 1;
  return bytes.length;
}
function entropyAbove(counts, total) {
  if (total === 0) return false;
  let bits = 0;
  for (const n of counts) {
    if (n > 0) bits -= n / total * Math.log2(n / total);
  }
  return bits > INCOMPRESSIBLE_BITS;
}
var FIX = (n) => `set ${n.path} to a .zip file or a directory to upload`;
async function prepareArtifact(input, tempDir, options = {}) {
  const trimmed = input.trim();
  if (!trimmed) throw new ArtifactError("is empty", FIX);
  const resolved = path5.resolve(trimmed);
  let stats;
  try {
    stats = await fs6.promises.stat(resolved);
  } catch (error) {
    const code = error.code;
    throw code === "ENOENT" || code === "ENOTDIR" ? new ArtifactError(`points at '${trimmed}', which does not exist`, FIX) : new ArtifactError(`cannot be read ('${trimmed}': ${code ?? String(error)})`, FIX);
  }
  const report = {
    skipped: [],
    skippedCount: 0,
    hidden: [],
    hiddenCount: 0,
    gitCount: 0
  };
  if (stats.isFile()) {
    if (path5.extname(resolved).toLowerCase() !== ".zip") {
      throw new ArtifactError(
        `is a file but not a .zip ('${trimmed}')`,
        (n) => `point ${n.path} at a .zip file, or at a directory for the action to zip`
      );
    }
    const entries = await countZipEntries(resolved);
    if (entries === void 0) {
      throw new ArtifactError(`is not a valid zip file ('${trimmed}')`, FIX);
    }
    if (entries === 0) throw new ArtifactError(`is an empty zip ('${trimmed}')`, FIX);
    return {
      file: resolved,
      size: stats.size,
      entries,
      directories: 0,
      bytes: 0,
      zipped: false,
      ...report
    };
  }
  if (!stats.isDirectory()) {
    throw new ArtifactError(`is neither a file nor a directory ('${trimmed}')`, FIX);
  }
  await fs6.promises.mkdir(tempDir, { recursive: true });
  const file = path5.join(path5.resolve(tempDir), `artifact-${randomUUID3()}.zip`);
  const items = walkArtifact(
    resolved,
    { includeHidden: options.includeHidden ?? false, exclude: file },
    report
  );
  let counts;
  try {
    counts = await writeZip(items, file, options.onProgress);
  } catch (error) {
    await fs6.promises.rm(file, { force: true });
    if (error instanceof ArtifactError) throw error;
    const reason2 = error instanceof Error ? error.message : String(error);
    throw new ArtifactError(`could not be zipped ('${trimmed}': ${reason2})`, FIX);
  }
  if (counts.files === 0) {
    await fs6.promises.rm(file, { force: true });
    const hidden = report.hiddenCount - report.gitCount;
    throw new ArtifactError(
      (n) => `is a directory with no files ('${trimmed}'${hidden > 0 ? `; ${hidden} hidden entries were left out (${n.includeHidden}: true zips them)` : ""})`,
      FIX
    );
  }
  const size = (await fs6.promises.stat(file)).size;
  return {
    file,
    size,
    entries: counts.files,
    directories: counts.directories,
    bytes: counts.bytes,
    zipped: true,
    ...report
  };
}
var READ_WHOLE_BYTES = 1024 * 1024;
var SLICE_MS2 = 20;
async function writeZip(items, file, onProgress) {
  const counts = { files: 0, directories: 0, bytes: 0 };
  const fd = fs6.openSync(file, "wx");
  const zip = new ZipWriter(fd, DEFLATE_LEVEL);
  const chunk = Buffer.allocUnsafeSlow(READ_WHOLE_BYTES);
  let sliceStart = performance.now();
  try {
    for (const item of items) {
      const meta = { name: item.name, mode: item.stats.mode, mtime: item.stats.mtime };
      if (item.kind === "directory") {
        zip.addDirectory({ ...meta, name: `${item.name}/` });
        counts.directories += 1;
      } else {
        try {
          const size = item.stats.size;
          if (size <= READ_WHOLE_BYTES) {
            const data = readWhole(item.fd, chunk, size);
            zip.addBuffer(meta, data, isCompressedName(item.name) || bufferLooksCompressed(data));
            counts.bytes += data.length;
          } else {
            const store = isCompressedName(item.name) || looksCompressed(item.fd, size);
            counts.bytes += await zip.addLargeFile(meta, item.fd, size, store, chunk);
          }
        } finally {
          fs6.closeSync(item.fd);
        }
        counts.files += 1;
        onProgress?.({ files: counts.files, bytes: counts.bytes });
      }
      if (performance.now() - sliceStart >= SLICE_MS2) {
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    }
    zip.finish();
    return counts;
  } catch (error) {
    items.return(void 0);
    throw error;
  } finally {
    fs6.closeSync(fd);
  }
}
function readWhole(fd, buffer, size) {
  let done = 0;
  while (done < size) {
    const n = fs6.readSync(fd, buffer, done, size - done, done);
    if (n === 0) break;
    done += n;
  }
  return buffer.subarray(0, done);
}
var EOCD_SIGNATURE2 = 101010256;
var ZIP64_LOCATOR_SIGNATURE2 = 117853008;
var ZIP64_EOCD_SIGNATURE2 = 101075792;
var EOCD_SIZE = 22;
var MAX_COMMENT = 65535;
async function countZipEntries(file) {
  const handle = await fs6.promises.open(file, "r");
  try {
    const { size } = await handle.stat();
    if (size < EOCD_SIZE) return void 0;
    const tailLength = Math.min(size, EOCD_SIZE + MAX_COMMENT);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    let at = -1;
    for (let i = tailLength - EOCD_SIZE; i >= 0; i -= 1) {
      if (tail.readUInt32LE(i) === EOCD_SIGNATURE2) {
        at = i;
        break;
      }
    }
    if (at < 0) return void 0;
    const total = tail.readUInt16LE(at + 10);
    if (total !== 65535) return total;
    const locator = at - 20;
    if (locator < 0 || tail.readUInt32LE(locator) !== ZIP64_LOCATOR_SIGNATURE2) return total;
    const recordOffset = Number(tail.readBigUInt64LE(locator + 8));
    const record2 = Buffer.alloc(40);
    await handle.read(record2, 0, 40, recordOffset);
    if (record2.readUInt32LE(0) !== ZIP64_EOCD_SIGNATURE2) return void 0;
    return Number(record2.readBigUInt64LE(32));
  } finally {
    await handle.close();
  }
}

// src/http/body.ts
import { open } from "node:fs/promises";
var CHUNK_BYTES = 256 * 1024;
var BUFFERS = 4;
function fileBody(file, length, options = {}) {
  const chunkBytes = options.chunkBytes ?? CHUNK_BYTES;
  const count3 = options.buffers ?? BUFFERS;
  return {
    async writeTo(sink) {
      const handle = await open(file, "r");
      const free = [];
      for (let i = 0; i < count3; i++) free.push(Buffer.allocUnsafeSlow(chunkBytes));
      let stopped = sink.destroyed || sink.writableEnded;
      let wake;
      const wakeUp = () => {
        const resume = wake;
        wake = void 0;
        resume?.();
      };
      const stop = () => {
        stopped = true;
        wakeUp();
      };
      sink.once("close", stop);
      sink.once("error", stop);
      let sent = 0;
      try {
        let position = 0;
        while (position < length && !stopped) {
          if (free.length === 0) {
            await new Promise((resolve) => wake = resolve);
            continue;
          }
          const buffer = free.pop();
          const { bytesRead } = await handle.read(
            buffer,
            0,
            Math.min(buffer.length, length - position),
            position
          );
          if (bytesRead === 0) {
            throw new Error(`${file} ended after ${position} of its ${length} bytes`);
          }
          position += bytesRead;
          if (stopped) break;
          const chunk = bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
          sink.write(chunk, (error) => {
            if (error) return stop();
            sent += bytesRead;
            options.onSent?.(sent);
            free.push(buffer);
            wakeUp();
          });
        }
        if (!stopped) sink.end();
      } finally {
        sink.off("close", stop);
        sink.off("error", stop);
        await handle.close();
      }
    }
  };
}

// src/providers/justdeploy/index.ts
var STATES3 = {
  pending: "queued",
  building: "building",
  ready: "success",
  error: "failure"
};
var CLOCK_SKEW_MS = 5e3;
var DURATION_SAMPLE = 10;
var ARTIFACT_INPUTS = {
  path: "artifact",
  includeHidden: "include-hidden-files"
};
var KEYS_FIX = "check the token input (JustDeploy access key) and secret-key input: both must be current and belong to this organization";
var CONFLICT_WORDS = {
  why: "on-conflict: wait",
  timeoutFix: "raise the timeout input, or use on-conflict: fail",
  againFix: "re-run the workflow when the stage is free"
};
var justdeploy = {
  name: "justdeploy",
  title: "JustDeploy",
  defaultApiUrl: "https://api.justdeploy.net",
  inputs: [
    {
      name: "token",
      required: true,
      fix: "pass the JustDeploy access key from a secret: token: ${{ secrets.JUSTDEPLOY_ACCESS_KEY }}"
    },
    projectInput("justdeploy"),
    { name: "organization", required: true },
    {
      name: "secret-key",
      required: true,
      secret: true,
      fix: "pass the JustDeploy secret key from a secret: secret-key: ${{ secrets.JUSTDEPLOY_SECRET_KEY }}"
    },
    {
      name: "artifact",
      required: true,
      fix: "set artifact to a .zip file or a directory to upload"
    },
    { name: "include-hidden-files" },
    { name: "stage" },
    // Only JustDeploy answers a trigger with 409 for a running build.
    { name: "on-conflict" }
  ],
  readInputs: (get) => ({
    project: pathSegment(get("project"), "project"),
    secretKey: get("secret-key"),
    organization: pathSegment(get("organization"), "organization"),
    artifact: get("artifact"),
    includeHiddenFiles: bool(get("include-hidden-files"), "include-hidden-files", false),
    stage: get("stage") || "production",
    onConflict: oneOf(get("on-conflict") || "wait", "on-conflict", ["wait", "fail"])
  }),
  credentials: (settings, own) => ({
    "x-access-key": settings.token,
    "x-secret-key": own.secretKey
  }),
  describeError(status, body) {
    const details = {};
    if (body && typeof body === "object") {
      const record2 = body;
      if (typeof record2["status"] === "string") details.code = record2["status"];
      if (typeof record2["message"] === "string") details.message = record2["message"];
    }
    if (status === 401 || status === 403) details.fix = KEYS_FIX;
    if (status === 404) {
      details.fix = "check the organization and project inputs are the ids from the JustDeploy dashboard";
    }
    if (status === 409) {
      details.fix = "a build for this stage is already running; keep on-conflict: wait to queue behind it";
    }
    return Object.keys(details).length > 0 ? details : void 0;
  },
  create: (ctx) => new JustDeployAdapter(ctx)
};
var JustDeployAdapter = class {
  constructor(ctx) {
    this.ctx = ctx;
  }
  ctx;
  name = "justdeploy";
  title = "JustDeploy";
  artifact;
  get base() {
    const { organization, project } = this.ctx.own;
    return encodePath`/organizations/${organization}/projects/${project}`;
  }
  /** Zips (or checks) the artifact first, so a bad one fails before any build exists. */
  async prepare() {
    await this.prepared();
  }
  async prepared() {
    if (this.artifact) return this.artifact;
    const { own, tempDir, log, clock } = this.ctx;
    const zipping = new ProgressLine(
      "Zipping",
      (line) => log.info(line),
      () => clock.now()
    );
    const artifact = await prepareArtifact(own.artifact, tempDir, {
      includeHidden: own.includeHiddenFiles,
      onProgress: ({ files, bytes }) => zipping.update(bytes, files)
    }).catch((error) => {
      if (!(error instanceof ArtifactError)) throw error;
      throw new InputError(
        ARTIFACT_INPUTS.path,
        error.problem(ARTIFACT_INPUTS),
        error.fix(ARTIFACT_INPUTS)
      );
    });
    const source = safeLine(own.artifact, 200);
    log.info(
      artifact.zipped ? `Artifact: zipped ${source} (${plural(artifact.entries, "file")}, ${formatBytes(artifact.bytes)}) into ${formatBytes(artifact.size)}` : `Artifact: ${source}, ${formatBytes(artifact.size)} (${plural(artifact.entries, "entry", "entries")})`
    );
    if (artifact.skippedCount > 0) {
      log.warning(
        `Left ${plural(artifact.skippedCount, "symlink")} out of the artifact (pointing outside the directory, broken, or looping back): ${names(artifact.skipped, artifact.skippedCount)}`
      );
    }
    if (artifact.hiddenCount > 0) log.warning(hiddenWarning(artifact, own.includeHiddenFiles));
    this.artifact = artifact;
    return artifact;
  }
  async trigger() {
    const artifact = await this.prepared();
    const { http: http2, own } = this.ctx;
    let created;
    try {
      created = (await http2.request({
        method: "POST",
        path: `${this.base}/builds`,
        json: { stage: own.stage },
        what: `create a ${own.stage} build`
      })).body;
    } catch (error) {
      if (error instanceof HttpError && error.status === 409) throw this.conflict(error);
      throw error;
    }
    const build = created?.build;
    if (!build || typeof build.id !== "string" || !build.id || typeof created?.url !== "string") {
      throw new ActionError(
        "JustDeploy: create the build answered without a build id or an upload URL",
        { fix: "check api-url points at the JustDeploy API" }
      );
    }
    await this.upload(created.url, artifact, build.id);
    return toBuild(build);
  }
  /**
   * The 409 names the running build. With on-conflict: wait the engine waits for it and triggers
   * again (BuildConflict); with on-conflict: fail the run fails at once, naming it.
   */
  conflict(error) {
    const body = error.body;
    const running = body && typeof body === "object" ? body.build : void 0;
    if (!running || typeof running.id !== "string" || !running.id) return error;
    const build = toBuild(running);
    const stage = running.stage ?? this.ctx.own.stage;
    const message = `JustDeploy: a ${stage} build is already in progress: ${build.id} (${build.providerStatus})`;
    if (this.ctx.own.onConflict === "fail") {
      return new ActionError(message, {
        fix: "set on-conflict: wait to queue behind the running build, or re-run when it ends"
      });
    }
    return new BuildConflict(build, message, CONFLICT_WORDS);
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
    } catch {
      throw new ActionError(
        `JustDeploy: build ${buildId} came with an upload URL that is not a URL`,
        {
          fix: "check api-url points at the JustDeploy API"
        }
      );
    }
    if (target.protocol !== "https:" && !(target.protocol === "http:" && isLoopbackHost(target.hostname))) {
      throw new ActionError(
        `JustDeploy: build ${buildId} came with a ${target.protocol.replace(":", "")} upload URL (${target.host}); the artifact is only sent over https`,
        { fix: "check api-url points at the JustDeploy API" }
      );
    }
    const { http: http2, log } = this.ctx;
    log.info(`Uploading ${formatBytes(artifact.size)} to ${target.host} for build ${buildId}`);
    try {
      await http2.request({
        method: "PUT",
        url,
        anonymous: true,
        body: {
          open: () => this.uploadBody(artifact),
          length: artifact.size,
          contentType: "application/zip"
        },
        responseType: "none",
        what: `upload the artifact to ${target.host}`
      });
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      throw new HttpError({
        provider: "JustDeploy",
        what: error.what,
        kind: error.kind,
        ...error.status === void 0 ? {} : { status: error.status },
        details: {
          ...error.code === void 0 ? {} : { code: error.code },
          ...error.providerMessage === void 0 ? {} : { message: error.providerMessage },
          fix: (error.status === 403 ? "the upload host refused the presigned URL (it may have expired); " : "") + `re-run the workflow: build ${buildId} was created but has no artifact, so it will not start`
        },
        ...error.retryAfterMs === void 0 ? {} : { retryAfterMs: error.retryAfterMs }
      });
    }
    log.info(`Uploaded the artifact for build ${buildId}`);
  }
  /** The zip read from disk, counted on its way out for the progress lines (afresh per try). */
  uploadBody(artifact) {
    const { log, clock } = this.ctx;
    const progress = new ProgressLine(
      "Uploading",
      (line) => log.info(line),
      () => clock.now()
    );
    return fileBody(artifact.file, artifact.size, {
      onSent: (sent) => progress.update(sent, void 0, artifact.size)
    });
  }
  /**
   * The build an ambiguous create may have made. Such a build never got its artifact (the upload
   * URL was in the lost answer), so it cannot start: say so instead of waiting on it to time out.
   */
  async findTriggered(since) {
    const { stage } = this.ctx.own;
    const newest = (await this.recent()).filter((b) => b.stage === stage && (parseTime(b.createdAt) ?? 0) >= since - CLOCK_SKEW_MS).sort((a, b) => (parseTime(b.createdAt) ?? 0) - (parseTime(a.createdAt) ?? 0))[0];
    if (!newest) return void 0;
    const build = toBuild(newest);
    if (newest.status === "pending") {
      throw new ActionError(
        `JustDeploy: the answer to create the build was lost; build ${build.id} was created, but without its upload URL the artifact cannot be uploaded, so it will not start`,
        {
          fix: `re-run the workflow once JustDeploy has ended build ${build.id} (a new ${stage} build is refused with 409 while it is pending)`
        }
      );
    }
    return build;
  }
  async poll(build) {
    const res = await this.ctx.http.request({
      method: "GET",
      path: `${this.base}${encodePath`/builds/${build.id}`}`,
      what: `read build ${build.id}`,
      polling: true
    });
    const current = res.body?.build;
    if (!current || typeof current !== "object") {
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
    } catch (error) {
      if (error instanceof ActionError) return void 0;
      throw error;
    }
    return median(
      builds.filter((b) => b.stage === this.ctx.own.stage && b.status === "ready").sort((a, b) => (parseTime(b.createdAt) ?? 0) - (parseTime(a.createdAt) ?? 0)).slice(0, DURATION_SAMPLE).map((b) => (parseTime(b.updatedAt) ?? NaN) - (parseTime(b.createdAt) ?? NaN))
    );
  }
  /** Fills the deploy URL from the stage's endpoint and lists its custom domains. */
  async finish(build) {
    if (build.state !== "success") return build;
    const { http: http2, log, own } = this.ctx;
    let body;
    try {
      body = await http2.getJson(
        `${this.base}/endpoints`,
        "read the stage endpoints"
      );
    } catch (error) {
      if (!(error instanceof ActionError)) throw error;
      log.warning(`Could not read the ${own.stage} endpoint: ${error.toString()}`);
      return build;
    }
    const entry = (body?.endpoints ?? []).find((e) => e.stage === own.stage);
    if (!entry) {
      log.warning(`JustDeploy lists no endpoint for the ${safeLine(own.stage, 80)} stage`);
      return build;
    }
    const domains = (entry.domains ?? []).map((d) => d.domain).filter((d) => typeof d === "string" && d !== "");
    const notes = [...build.notes ?? []];
    if (domains.length > 0) notes.push(`Custom domains: ${domains.join(", ")}`);
    return {
      ...build,
      ...typeof entry.endpoint === "string" && entry.endpoint ? { deployUrl: entry.endpoint } : {},
      ...notes.length > 0 ? { notes } : {}
    };
  }
  async recent() {
    const body = await this.ctx.http.getJson(
      `${this.base}/builds`,
      "list recent builds"
    );
    return Array.isArray(body?.builds) ? body.builds.filter((b) => b && typeof b.id === "string") : [];
  }
};
function toBuild(raw) {
  const status = typeof raw.status === "string" && raw.status ? raw.status : "unknown";
  const build = { id: raw.id, state: STATES3[status] ?? "building", providerStatus: status };
  if (status === "error" && typeof raw.error === "string" && raw.error) {
    build.failureReason = raw.error;
  }
  return build;
}
function names(sample, total) {
  const shown = sample.slice(0, 10);
  const more = total - shown.length;
  return safeLine(shown.join(", ") + (more > 0 ? ` and ${more} more` : ""), 400);
}
function hiddenWarning(artifact, included) {
  const listed = names(artifact.hidden, artifact.hiddenCount);
  if (included) {
    return `Left ${plural(artifact.hiddenCount, ".git directory", ".git directories")} out of the artifact: ${listed} (.git never goes in: it can hold the checkout's token)`;
  }
  const pnpm = artifact.hidden.some((name) => /(^|\/)node_modules\/\.pnpm\/$/.test(name)) ? "; node_modules/.pnpm is pnpm's store, which the linked packages' own dependencies need" : "";
  return `Left ${plural(artifact.hiddenCount, "hidden file or directory", "hidden files and directories")} out of the artifact: ${listed}. Set include-hidden-files: true to zip them (.git never goes in)${pnpm}`;
}
function plural(count3, one, many = `${one}s`) {
  return `${count3} ${count3 === 1 ? one : many}`;
}

// src/providers/sitepaste/index.ts
import { createHash } from "node:crypto";

// src/providers/sitepaste/pages.ts
import fs7 from "node:fs";
import path6 from "node:path";
var MARKDOWN = /\.(md|markdown)$/i;
async function collectPages(pattern, ctx) {
  const { create } = await import("./glob-AHVPFKMN.js");
  const globber = await create(pattern, { matchDirectories: false });
  const matched = (await globber.glob()).sort();
  const files = matched.filter((file) => MARKDOWN.test(file));
  if (files.length === 0) {
    throw new InputError(
      "pages",
      matched.length === 0 ? `matched no files ('${pattern}')` : `matched no Markdown files ('${pattern}' matched ${matched.length} other files)`,
      "use a glob of .md files relative to the workspace, such as docs/**/*.md"
    );
  }
  const ignored = matched.length - files.length;
  if (ignored > 0) ctx.log.warning(`pages: ignored ${ignored} matched files that are not Markdown`);
  const { workspace } = ctx;
  const root = Root.open(workspace);
  try {
    return readPages(files, workspace, root);
  } finally {
    root.close();
  }
}
function readPages(files, workspace, root) {
  const bySlug = /* @__PURE__ */ new Map();
  const pages = [];
  for (const file of files) {
    const relative = relativeInside(workspace, file) ?? path6.relative(workspace, file).split(path6.sep).join("/");
    const slug = slugFor(relative);
    if (!slug) {
      throw new InputError(
        "pages",
        `matched '${relative}', whose name gives an empty slug`,
        "rename the file with letters or digits (a-z, 0-9)"
      );
    }
    const clash = bySlug.get(slug);
    if (clash !== void 0) {
      throw new InputError(
        "pages",
        `matched '${clash}' and '${relative}', which both become the page '${slug}'`,
        "rename one of them; slugs keep only a-z and 0-9 of the path"
      );
    }
    bySlug.set(slug, relative);
    const opened = root.openFile(file, true);
    const refused = typeof opened === "string" ? opened : refusedPage(relative, opened.rel);
    if (refused !== void 0 || typeof opened === "string") {
      if (typeof opened !== "string") fs7.closeSync(opened.fd);
      throw new InputError(
        "pages",
        refused === "kind" ? `matched '${relative}', which is not a regular file` : refused === "missing" ? `matched '${relative}', which cannot be read (a broken link, or gone)` : `matched '${relative}', which leads ${refused === "outside" ? "outside the workspace" : `into ${refused}`}; pages are only read from the workspace's own files`,
        "remove the link or copy the page into the workspace; pages never publish files outside it, in .git or hidden ones reached through a link"
      );
    }
    let text2;
    try {
      text2 = fs7.readFileSync(opened.fd, "utf8");
    } finally {
      fs7.closeSync(opened.fd);
    }
    pages.push({ file, relative, slug, ...parseMarkdown(text2, path6.basename(file)) });
  }
  return pages;
}
function refusedPage(matched, real) {
  const kind = hiddenKind(real);
  if (kind === "git") return ".git";
  if (kind === "hidden" && hiddenKind(matched) !== "hidden") return "a hidden file";
  return void 0;
}
function slugFor(relativePath) {
  const withoutExt = relativePath.slice(0, relativePath.length - path6.extname(relativePath).length);
  return trimStartOf(trimEndOf(withoutExt.toLowerCase().replace(/[^a-z0-9]+/g, "-"), "-"), "-");
}
var FRONT_MATTER = /^---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;
function parseMarkdown(text2, fileName) {
  const source = text2.replace(/^\uFEFF/, "");
  const match = FRONT_MATTER.exec(source);
  const content = match ? source.slice(match[0].length).replace(/^(?:[ \t]*\r?\n)+/, "") : source;
  const title = (match ? frontMatterTitle(match[1] ?? "") : void 0) ?? firstHeading(content) ?? path6.basename(fileName, path6.extname(fileName));
  return { title, content };
}
function frontMatterTitle(yaml) {
  const line = /^title[ \t]*:[ \t]*(.*)$/m.exec(yaml);
  if (!line) return void 0;
  let value = bound(line[1] ?? "").trim();
  if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) {
    try {
      value = JSON.parse(value);
    } catch {
      value = value.slice(1, -1);
    }
  } else if (value.startsWith("'") && value.endsWith("'") && value.length >= 2) {
    value = value.slice(1, -1).replace(/''/g, "'");
  } else {
    value = withoutYamlComment(value);
  }
  value = value.trim();
  return value === "" ? void 0 : value;
}
function withoutYamlComment(value) {
  for (let i = 1; i < value.length; i += 1) {
    if (value[i] === "#" && (value[i - 1] === " " || value[i - 1] === "	")) {
      return trimEndOf(value.slice(0, i), " 	");
    }
  }
  return value;
}
function firstHeading(markdown) {
  let fence;
  for (const full of markdown.split(/\r?\n/)) {
    const line = bound(full);
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker) {
      if (fence === void 0) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = void 0;
      continue;
    }
    if (fence !== void 0) continue;
    const heading = atxHeading(line);
    if (heading) return heading;
  }
  return void 0;
}
function atxHeading(line) {
  let i = 0;
  while (i < 3 && line[i] === " ") i += 1;
  if (line[i] !== "#") return void 0;
  i += 1;
  if (line[i] !== " " && line[i] !== "	") return void 0;
  let text2 = trimEndOf(trimStartOf(line.slice(i), " 	"), " 	");
  const hashes = trimEndOf(text2, "#");
  if (hashes.length < text2.length && (hashes.endsWith(" ") || hashes.endsWith("	"))) {
    text2 = trimEndOf(hashes, " 	");
  }
  return text2 === "" ? void 0 : text2;
}

// src/providers/sitepaste/index.ts
var DOCUMENTED_LIMIT = 20;
var TOKEN_FIX = "Create a new API token in Sitepaste (tokens are revoked when the Pro plan expires)";
var RATE_FIX = "Sitepaste allows 20 builds an hour per business account; batch page updates into one build, or wait before triggering again";
var sitepaste = {
  name: "sitepaste",
  title: "Sitepaste",
  defaultApiUrl: "https://sitepaste.com/api/v1",
  inputs: [TOKEN_INPUT, { name: "pages" }, { name: "site-url", address: true }],
  readInputs(get) {
    const siteUrl = get("site-url");
    if (siteUrl) apiUrl(siteUrl, "site-url");
    return { project: "", pages: get("pages"), siteUrl };
  },
  credentials: bearerCredentials,
  describeError(status) {
    if (status === 401) return { fix: TOKEN_FIX };
    if (status === 429) return { fix: RATE_FIX };
    return void 0;
  },
  create: (ctx) => new SitepasteAdapter(ctx)
};
var SitepasteAdapter = class {
  constructor(ctx) {
    this.ctx = ctx;
  }
  ctx;
  name = "sitepaste";
  title = "Sitepaste";
  minPollIntervalMs = 2e3;
  snapshot;
  async prepare() {
    const { settings, own } = this.ctx;
    if (own.pages) await this.upsertPages(own.pages);
    if (own.siteUrl && settings.wait) this.snapshot = await this.takeSnapshot(own.siteUrl);
  }
  async upsertPages(pattern) {
    const pages = await collectPages(pattern, this.ctx);
    const { http: http2, log } = this.ctx;
    for (const page of pages) {
      await http2.request({
        method: "POST",
        path: encodePath`/public/pages`,
        json: { title: page.title, content: page.content, contentType: "docs", slug: page.slug },
        what: `upsert page '${page.slug}' from ${safeLine(page.relative, 200)}`,
        // A page with a slug is an upsert, so sending it again after a lost answer is harmless.
        retrySafe: (error) => error.kind === "network" || TRANSIENT_STATUSES.has(error.status ?? 0)
      });
      log.info(
        `Page ${safeLine(page.relative, 200)} -> ${page.slug} ("${safeLine(page.title, 120)}")`
      );
    }
  }
  async trigger() {
    const { http: http2, log, settings, own, clock } = this.ctx;
    const triggeredAt = clock.now();
    let res;
    try {
      res = await http2.request({
        method: "POST",
        path: encodePath`/public/builds`,
        what: "trigger the build"
      });
    } catch (error) {
      if (error instanceof HttpError && error.status === 429) throw this.rateLimited(error);
      throw error;
    }
    const body = res.body && typeof res.body === "object" ? res.body : {};
    const deployUrl = typeof body.deployUrl === "string" && body.deployUrl ? body.deployUrl : "";
    const notes = [];
    const quota = quotaLine(res.headers);
    if (quota) {
      log.info(quota);
      notes.push(quota);
    }
    const build = {
      id: "",
      state: "queued",
      providerStatus: typeof body.status === "string" && body.status ? body.status : "queued",
      ...deployUrl || own.siteUrl ? { deployUrl: deployUrl || own.siteUrl } : {},
      ...notes.length > 0 ? { notes } : {}
    };
    if (!this.snapshot && settings.wait) {
      if (deployUrl && /^https?:\/\//i.test(deployUrl)) {
        const snapshot = await this.takeSnapshot(deployUrl);
        const modified = snapshot.lastModified ? Date.parse(snapshot.lastModified) : Number.NaN;
        this.snapshot = modified > triggeredAt ? { url: snapshot.url, up: false } : snapshot;
      } else {
        log.warning("Sitepaste returned no deployUrl to watch; set site-url to wait for the build");
      }
    }
    return build;
  }
  /**
   * A 429 the HTTP layer did not wait out: Retry-After is beyond the time left (or retries ran
   * out). Spell out the limit and when the window frees a slot.
   */
  rateLimited(error) {
    const limit = count2(header(error.headers, "x-ratelimit-limit")) ?? DOCUMENTED_LIMIT;
    const remaining = count2(header(error.headers, "x-ratelimit-remaining")) ?? 0;
    let when = "within the hour (the window slides, so the oldest build frees a slot first)";
    let waitFix = "wait for the window to free a slot";
    if (error.retryAfterMs !== void 0) {
      const minutes = Math.max(1, Math.ceil(error.retryAfterMs / 6e4));
      const at = new Date(Math.ceil((this.ctx.clock.now() + error.retryAfterMs) / 6e4) * 6e4);
      const hhmm = at.toISOString().slice(11, 16);
      when = `in ${minutes} minute${minutes === 1 ? "" : "s"}, at ${hhmm} UTC`;
      waitFix = `re-run after ${hhmm} UTC, or raise timeout above ${minutes}m so the action waits for the slot itself`;
    }
    return new ActionError(
      `${error.reason}: the rate limit of ${limit} builds an hour is used up (${remaining} left); retry ${when}. The limit is per business account, over a sliding 60-minute window, shared by all tokens of the account`,
      {
        fix: `batch page updates into one build instead of one build per change; ${waitFix}`,
        cause: error
      }
    );
  }
  /** Reads the live site once, without credentials. A site that is not up yet is not an error. */
  async takeSnapshot(url) {
    try {
      return { url, up: true, ...await this.readSite(url, "read the live site", false) };
    } catch (error) {
      if (!(error instanceof HttpError) || error.kind === "deadline") throw error;
      const why = error.status === void 0 ? error.code ?? error.kind : `HTTP ${error.status}`;
      this.ctx.log.info(
        `The site at ${safeLine(url, 200)} cannot be read yet (${safeLine(why, 120)}); the first page it serves counts as the new build`
      );
      return { url, up: false };
    }
  }
  async readSite(url, what, polling) {
    const res = await this.ctx.http.request({
      method: "GET",
      url,
      // The deploy URL is the user's public site: never send the token there.
      anonymous: true,
      responseType: "text",
      polling,
      // Ask any CDN in front to revalidate, so a cached copy does not hide the new build.
      headers: { "cache-control": "no-cache" },
      what
    });
    const etag = header(res.headers, "etag");
    const lastModified = header(res.headers, "last-modified");
    return {
      ...etag ? { etag } : {},
      ...lastModified ? { lastModified } : {},
      digest: createHash("sha256").update(res.body ?? "").digest("hex")
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
      throw new ActionError("Sitepaste: there is no site URL to watch for the build", {
        fix: "set site-url to the live site, or set wait: false"
      });
    }
    let current;
    try {
      current = await this.readSite(snapshot.url, "check the live site", true);
    } catch (error) {
      if (!(error instanceof HttpError) || error.kind !== "status") throw error;
      this.ctx.log.debug(`Sitepaste: the site answered HTTP ${error.status}; still waiting`);
      return { ...build, state: "building", providerStatus: "queued" };
    }
    if (snapshot.up && (snapshot.etag !== void 0 || snapshot.lastModified !== void 0) && current.etag === void 0 && current.lastModified === void 0) {
      this.ctx.log.debug(
        "Sitepaste: the site answered without its ETag and Last-Modified; still waiting"
      );
      return { ...build, state: "building", providerStatus: "queued" };
    }
    const changed = !snapshot.up || differs(snapshot.etag, current.etag) || differs(snapshot.lastModified, current.lastModified) || snapshot.digest !== current.digest;
    return changed ? { ...build, state: "success", providerStatus: "live" } : { ...build, state: "building", providerStatus: "queued" };
  }
  describeTimeout() {
    const url = this.snapshot?.url;
    if (!url) return void 0;
    return `The site at ${safeLine(url, 200)} did not change before the timeout, so the Sitepaste build may still be queued or may have failed (check the Builds section of the Sitepaste dashboard)`;
  }
};
function differs(before, after) {
  return before !== void 0 && after !== void 0 && before !== after;
}
function count2(value) {
  return value !== void 0 && /^\d+$/.test(value.trim()) ? Number(value.trim()) : void 0;
}
function quotaLine(headers) {
  const remaining = count2(header(headers, "x-ratelimit-remaining"));
  if (remaining === void 0) return void 0;
  const limit = count2(header(headers, "x-ratelimit-limit"));
  return `Builds left this hour: ${remaining}${limit === void 0 ? "" : ` of ${limit}`}`;
}

// src/providers/index.ts
var PROVIDERS = Object.freeze({
  jamdesk,
  sitepaste,
  justdeploy,
  deskforge,
  deployhub,
  custom: customProvider,
  "github-workflow": githubWorkflow
});
var PROVIDER_NAMES = Object.freeze(
  Object.keys(PROVIDERS)
);
function isProviderName(name) {
  return Object.prototype.hasOwnProperty.call(PROVIDERS, name);
}
function providerSpec(name) {
  return PROVIDERS[name];
}

// src/engine/reporters/index.ts
import fs8 from "node:fs";

// src/engine/reporters/annotations.ts
import path7 from "node:path";
var LEVEL = (word) => word !== void 0 && /^warn/i.test(word) ? "warning" : "failure";
var FILE = String.raw`((?:[A-Za-z]:)?[\w./\\@+-]*\w\.[A-Za-z][\w]*)`;
var TSC_PARENS = new RegExp(String.raw`${FILE}\((\d+),(\d+)\):\s+(error|warning)\s+(.*)$`);
var TSC_PRETTY = new RegExp(String.raw`${FILE}:(\d+):(\d+)\s+-\s+(error|warning)\s+(.*)$`);
var COLON2 = new RegExp(
  String.raw`${FILE}:(\d+)(?::(\d+))?:\s*(?:(fatal error|error|warning|note)\s*:?\s*)?(.*)$`
);
var RUST_ARROW = new RegExp(String.raw`(?:^|\s)-->\s+${FILE}:(\d+):(\d+)`);
var RUST_HEAD = /\b(error|warning)(\[[A-Z]\d+\])?:\s+(.*)$/;
var PY_FRAME = /File "([^"]+)", line (\d+)/;
var PY_EXCEPTION = /^\s*(?:[\w.]+\.)?(\w+(?:Error|Exception)|KeyboardInterrupt|SystemExit)(?::\s*(.*))?$/;
var ESLINT_FILE = new RegExp(String.raw`^\s*${FILE}\s*$`);
var ESLINT_ROW = /^\s+(\d+):(\d+)\s+(error|warning)\s+(.+?)(?:\s{2,}[\w@/-]+)?\s*$/;
var ANY_ERROR = /\b(error|fatal|failed)\b/i;
function repoPath(reported, isRepoFile) {
  const parts = reported.replace(/\\/g, "/").replace(/^[A-Za-z]:/, "").split("/").filter((p) => p !== "" && p !== ".");
  if (parts.includes("..")) return void 0;
  for (let start = 0; start < parts.length; start++) {
    const candidate = parts.slice(start).join("/");
    if (isRepoFile(candidate)) return candidate;
  }
  return void 0;
}
function checkoutFiles(root, exists) {
  const base = path7.resolve(root);
  return (relative) => {
    const full = path7.resolve(base, relative);
    if (full !== base && !full.startsWith(base + path7.sep)) return false;
    return exists(full);
  };
}
function findAnnotations(lines, isRepoFile) {
  const annotations = [];
  const unplaced = [];
  const seen = /* @__PURE__ */ new Set();
  const add = (file, line, column, level, message) => {
    const where = repoPath(file, isRepoFile);
    const n = Number(line);
    if (!where || !Number.isInteger(n) || n < 1) return false;
    const key = `${where}:${n}:${column ?? ""}:${message}`;
    if (!seen.has(key)) {
      seen.add(key);
      annotations.push({
        path: where,
        line: n,
        ...column && Number(column) >= 1 ? { column: Number(column) } : {},
        level,
        message: message.trim() || "error"
      });
    }
    return true;
  };
  let rustHead;
  let eslintFile;
  let pyFrame;
  for (const raw of lines) {
    const text2 = raw.replace(/\u001b\[[0-9;]*m/g, "");
    let m;
    if (m = RUST_ARROW.exec(text2)) {
      if (rustHead) add(m[1], m[2], m[3], rustHead.level, rustHead.message);
      rustHead = void 0;
      continue;
    }
    if (rustHead && text2.trim() !== "") {
      if (rustHead.level === "failure") unplaced.push(rustHead.text);
      rustHead = void 0;
    }
    if (m = PY_FRAME.exec(text2)) {
      pyFrame = { file: m[1], line: m[2] };
      continue;
    }
    if (pyFrame && (m = PY_EXCEPTION.exec(text2))) {
      if (!add(pyFrame.file, pyFrame.line, void 0, "failure", text2.trim()))
        unplaced.push(text2.trim());
      pyFrame = void 0;
      continue;
    }
    if (eslintFile && (m = ESLINT_ROW.exec(text2))) {
      add(eslintFile, m[1], m[2], LEVEL(m[3]), m[4]);
      continue;
    }
    if ((m = ESLINT_FILE.exec(text2)) && repoPath(m[1], isRepoFile)) {
      eslintFile = m[1];
      continue;
    }
    eslintFile = void 0;
    if ((m = TSC_PARENS.exec(text2)) || (m = TSC_PRETTY.exec(text2))) {
      if (add(m[1], m[2], m[3], LEVEL(m[4]), m[5])) continue;
    }
    if ((m = COLON2.exec(text2)) && m[4] !== "note") {
      if (add(m[1], m[2], m[3], LEVEL(m[4]), m[5] || text2.trim())) continue;
    }
    if (m = RUST_HEAD.exec(text2)) {
      rustHead = {
        level: LEVEL(m[1]),
        message: `${m[1]}${m[2] ?? ""}: ${m[3]}`,
        text: text2.trim()
      };
      continue;
    }
    if (ANY_ERROR.test(text2)) unplaced.push(text2.trim());
  }
  if (rustHead?.level === "failure") unplaced.push(rustHead.text);
  return { annotations, unplaced };
}

// src/engine/reporters/check-run.ts
import { randomUUID as randomUUID4 } from "node:crypto";

// src/engine/reporters/types.ts
function httpStatus(error) {
  const status = error?.status;
  return typeof status === "number" ? status : void 0;
}
function isRefusal(error) {
  const status = httpStatus(error);
  return status === 403 || status === 404;
}
function refusalWarning(what, error, permission) {
  return isRefusal(error) ? `Could not ${what} (GitHub answered ${httpStatus(error)}). Fork pull requests get a read-only token; otherwise grant the job "permissions: ${permission}". The build itself is unaffected.` : `Could not ${what}: ${describeError(error)}`;
}
function readSaved(raw, what, log) {
  try {
    return JSON.parse(raw);
  } catch {
    log.warning(`Post step: the saved ${what} state is unreadable; nothing to finish.`);
    return void 0;
  }
}
var Refusals = class {
  constructor(log, permission) {
    this.log = log;
    this.permission = permission;
  }
  log;
  permission;
  /** True once GitHub refused with 403/404 (or the reporter turned itself off). */
  off = false;
  warned = false;
  /** Takes a failed write of `what` ("create the deployment"). */
  note(error, what) {
    if (error instanceof WriteDropped) return;
    if (isRefusal(error)) this.off = true;
    if (this.warned) {
      this.log.debug(`Could not ${what}: ${describeError(error)}`);
      return;
    }
    this.warned = true;
    this.log.warning(refusalWarning(what, error, this.permission));
  }
};

// src/engine/reporters/commit-status.ts
var STATUS_STATE_KEY = "commit-status";
var MAX_DESCRIPTION = 140;
function statusDescription(text2) {
  return truncate(safeLine(text2, 1e3), MAX_DESCRIPTION);
}
function buildName(outcome) {
  return outcome.build?.id ? `${outcome.providerTitle} build ${outcome.build.id}` : `${outcome.providerTitle} build`;
}
function finalDescription(outcome) {
  const name = buildName(outcome);
  return outcome.status === "success" ? `${name} succeeded in ${formatDuration(outcome.durationMs)}` : outcome.message ?? `${name}: ${outcome.status}`;
}
var CommitStatusReporter = class {
  constructor(options) {
    this.options = options;
    if (options.api && !options.sha) {
      options.log.warning("Commit status skipped: no commit sha (set the sha input).");
      this.disabled = true;
    }
  }
  options;
  name = "commit status";
  lastState;
  disabled = false;
  /** True once a pending status is out there and no final one followed. */
  get pending() {
    return this.lastState === "pending";
  }
  async triggered({ providerTitle, build, waiting, link: link2 }) {
    if (!waiting) return;
    await this.update("pending", `${buildName({ providerTitle, build })} ${build.state}`, link2);
  }
  async finished({ outcome, link: link2, local }) {
    const state = gitHubState(outcome);
    if (local || !state) return;
    await this.update(state, finalDescription(outcome), link2);
  }
  async cancelled(event) {
    await this.finished(event);
  }
  /** Posts `state` unless it is the state already posted. */
  async update(state, description, targetUrl) {
    const { api } = this.options;
    if (!api || this.disabled || state === this.lastState) return;
    const text2 = statusDescription(description);
    targetUrl = publicLink(targetUrl);
    const saved = {
      owner: this.options.owner,
      repo: this.options.repo,
      apiUrl: this.options.apiUrl,
      sha: this.options.sha,
      context: this.options.context,
      ...targetUrl ? { targetUrl } : {},
      phase: state === "pending" ? "pending" : "finishing",
      ...state === "pending" ? {} : { final: { state, description: text2 } }
    };
    this.options.saveState(STATUS_STATE_KEY, JSON.stringify(saved));
    try {
      await api.createStatus({
        sha: this.options.sha,
        state,
        context: this.options.context,
        description: text2,
        ...targetUrl ? { targetUrl } : {}
      });
      this.lastState = state;
      this.options.log.info(
        `Commit status ${this.options.context}: ${state} on ${this.options.sha.slice(0, 7)}`
      );
      if (state !== "pending") {
        this.options.saveState(STATUS_STATE_KEY, JSON.stringify({ ...saved, phase: "done" }));
      }
    } catch (error) {
      if (error instanceof WriteDropped) return;
      if (isRefusal(error)) {
        this.disabled = true;
        this.options.saveState(STATUS_STATE_KEY, JSON.stringify({ ...saved, phase: "done" }));
      }
      this.options.log.warning(refusalWarning("post the commit status", error, "statuses: write"));
    }
  }
};
var commitStatusCloser = {
  stateKey: STATUS_STATE_KEY,
  async close(raw, { github, log }) {
    const saved = readSaved(raw, "commit status", log);
    if (!saved || saved.phase === "done" || !github) return;
    const final = saved.phase === "finishing" && saved.final ? saved.final : {
      state: "error",
      description: statusDescription(
        "Cancelled: the workflow stopped before the build finished"
      )
    };
    try {
      await github(saved.owner, saved.repo, saved.apiUrl).createStatus({
        sha: saved.sha,
        state: final.state,
        context: saved.context,
        description: final.description,
        ...saved.targetUrl ? { targetUrl: saved.targetUrl } : {}
      });
      log.info(
        `Commit status ${saved.context}: ${final.state} on ${saved.sha.slice(0, 7)} (the main step did not finish it).`
      );
    } catch (error) {
      log.warning(`Post step could not finish the commit status: ${describeError(error)}`);
    }
  }
};

// src/engine/reporters/pr-comment.ts
var COMMENT_STATE_KEY = "pr-comment";
var MAX_COMMENT2 = 65536;
var GITHUB_ACTIONS_LOGIN = "github-actions[bot]";
function commentMarker(context) {
  return `<!-- trigger-build-action:pr-comment context=${encodeURIComponent(context)} -->`;
}
function markdownText(text2, max = 300) {
  return safeLine(text2, max).replace(/[\\`*_{}[\]()<>#+\-.!|~&"'=:@$%^;?,/]/g, (c) => `\\${c}`).replace(/@/g, "@\u200B").replace(/#/g, "#\u200B").replace(/:\\\//g, ":\u200B\\/").replace(/(w)(w)(w)\\\./gi, "$1$2$3\u200B\\.");
}
function link(label3, url) {
  const href = publicLink(url);
  if (href === void 0) return void 0;
  return `[${label3}](<${href.replace(/[<>|]/g, (c) => encodeURIComponent(c))}>)`;
}
function urlLabel(url) {
  try {
    const parsed = new URL(url);
    let label3 = `${parsed.host}${parsed.pathname}`;
    while (label3.endsWith("/")) label3 = label3.slice(0, -1);
    return label3;
  } catch {
    return "";
  }
}
var ICONS = {
  queued: "\u{1F552}",
  building: "\u23F3",
  triggered: "\u{1F680}",
  success: "\u2705",
  failure: "\u274C",
  timed_out: "\u23F1\uFE0F",
  cancelled: "\u{1F6AB}",
  error: "\u26A0\uFE0F"
};
var HEADLINES = {
  queued: "queued",
  building: "building",
  triggered: "triggered (not followed: wait is false)",
  success: "succeeded",
  failure: "failed",
  timed_out: "timed out",
  cancelled: "cancelled",
  error: "could not finish"
};
function providerWord(word, headline) {
  const said = word?.trim() ?? "";
  return said === "" || said.toLowerCase() === headline ? "" : ` (${markdownText(said, 80)})`;
}
function renderComment(view) {
  const rows = [
    ["Project", view.project ? markdownText(view.project, 120) : void 0],
    ["Build", view.buildId ? markdownText(view.buildId, 120) : void 0],
    [
      "Status",
      `${ICONS[view.phase]} ${HEADLINES[view.phase]}${providerWord(view.providerStatus, HEADLINES[view.phase])}`
    ],
    [
      "Deploy URL",
      view.deployUrl ? link(markdownText(urlLabel(view.deployUrl), 200), view.deployUrl) : void 0
    ],
    ["Build log", link("Open the build log", view.logUrl)],
    ["Artifact", link("Download the artifact", view.artifactUrl)],
    ["Duration", view.durationMs !== void 0 ? formatDuration(view.durationMs) : void 0],
    ["Commit", /^[0-9a-f]{7,40}$/i.test(view.sha) ? view.sha.slice(0, 7) : void 0],
    ["Reason", view.reason ? markdownText(view.reason, 1e3) : void 0]
  ];
  const table2 = rows.filter((row) => row[1] !== void 0 && row[1] !== "").map(([key, value]) => `| ${key} | ${value} |`).join("\n");
  const run2 = link("workflow run", view.runUrl);
  const body = [
    commentMarker(view.context),
    `### ${ICONS[view.phase]} ${markdownText(view.providerTitle, 60)} build ${HEADLINES[view.phase]}`,
    "",
    "| | |",
    "|---|---|",
    table2,
    "",
    `<sub>Status context ${markdownText(view.context, 255)}${run2 ? ` \xB7 ${run2}` : ""} \xB7 updated in place by trigger-build-action</sub>`,
    ""
  ].join("\n");
  return body.length < MAX_COMMENT2 ? body : `${body.slice(0, MAX_COMMENT2 - 2)}\u2026`;
}
async function findStickyComment(api, issue, context, identity) {
  const marker = commentMarker(context);
  let me;
  for await (const page of api.listIssueComments(issue)) {
    for (const comment of page) {
      if (!comment.body.trimStart().startsWith(marker)) continue;
      me ??= (await identity()).toLowerCase();
      if (comment.author.toLowerCase() === me) return comment;
    }
  }
  return void 0;
}
function phaseOf(outcome) {
  if (outcome.status === "queued" || outcome.status === "building") return "triggered";
  if (isActionFailure(outcome)) return "error";
  return outcome.status;
}
var PullRequestCommentReporter = class {
  constructor(options) {
    this.options = options;
    this.refusals = new Refusals(options.log, "pull-requests: write");
    if (options.api && options.prNumber === void 0) {
      options.log.info(
        "pr-comment: this run is not about a pull request (its event names none, and no pr-number input), so no comment is written."
      );
      this.refusals.off = true;
    }
  }
  options;
  name = "pull request comment";
  commentId;
  commentUrl;
  identity;
  refusals;
  triggeredAt = 0;
  lastState;
  view;
  outputs() {
    return this.commentUrl ? { "comment-url": this.commentUrl } : {};
  }
  async triggered({ providerTitle, build, waiting, link: link2, at }) {
    this.triggeredAt = at;
    this.lastState = build.state;
    const phase = !waiting ? "triggered" : build.state === "queued" ? "queued" : "building";
    await this.show(this.viewOf(providerTitle, build, phase, link2), waiting ? "open" : "done");
  }
  async changed({ providerTitle, build, link: link2 }) {
    if (build.state === this.lastState || build.state !== "building") return;
    this.lastState = build.state;
    await this.show(this.viewOf(providerTitle, build, "building", link2), "open");
  }
  async finished({ outcome, link: link2, local }) {
    if (local) return;
    const view = {
      ...this.viewOf(outcome.providerTitle, outcome.build, phaseOf(outcome), link2),
      durationMs: outcome.durationMs,
      ...outcome.status !== "success" && outcome.message ? { reason: outcome.message } : {}
    };
    await this.show(view, "done");
  }
  async cancelled(event) {
    await this.finished(event);
  }
  viewOf(providerTitle, build, phase, link2) {
    const logUrl = publicLink(build?.logUrl);
    const live = logUrl ?? (link2 !== this.options.runUrl ? publicLink(link2) : void 0);
    return {
      context: this.options.context,
      providerTitle,
      project: this.options.project,
      phase,
      ...build?.id ? { buildId: build.id } : {},
      ...build?.providerStatus ? { providerStatus: build.providerStatus } : {},
      ...publicLink(build?.deployUrl) ? { deployUrl: build?.deployUrl } : {},
      ...live ? { logUrl: live } : {},
      ...build?.artifactUrl ? { artifactUrl: build.artifactUrl } : {},
      sha: this.options.sha,
      runUrl: this.options.runUrl
    };
  }
  /** Writes the view: edits this run's comment, else the one a earlier run left, else a new one. */
  async show(view, phase) {
    const { api, prNumber } = this.options;
    if (!api || this.refusals.off || prNumber === void 0) return;
    this.view = view;
    const body = renderComment(view);
    try {
      let written;
      if (this.commentId === void 0) {
        const found = await findStickyComment(
          api,
          prNumber,
          this.options.context,
          () => this.whoAmI(api)
        );
        written = found ? await api.updateIssueComment(found.id, body) : await api.createIssueComment(prNumber, body);
        this.options.log.info(
          `${found ? "Updated the" : "Commented on"} pull request #${prNumber} (${this.options.context}).`
        );
        if (written.author) this.identity = written.author;
      } else {
        written = await api.updateIssueComment(this.commentId, body);
      }
      this.commentId = written.id;
      if (written.url) this.commentUrl = written.url;
      this.save(phase);
    } catch (error) {
      this.refusals.note(error, "write the pull request comment");
    }
  }
  /**
   * The token's login. GraphQL `viewer` answers every kind of token (REST `GET /user` refuses
   * installation tokens); if even that fails, the token is taken to be GITHUB_TOKEN.
   */
  async whoAmI(api) {
    if (this.identity) return this.identity;
    try {
      this.identity = await api.viewerLogin();
    } catch (error) {
      this.options.log.debug(
        `Could not read the token's identity (${describeError(error)}); assuming ${GITHUB_ACTIONS_LOGIN}.`
      );
      this.identity = GITHUB_ACTIONS_LOGIN;
    }
    return this.identity;
  }
  save(phase) {
    if (this.commentId === void 0 || !this.view) return;
    const saved = {
      owner: this.options.owner,
      repo: this.options.repo,
      apiUrl: this.options.apiUrl,
      commentId: this.commentId,
      phase,
      view: this.view,
      triggeredAt: this.triggeredAt
    };
    this.options.saveState(COMMENT_STATE_KEY, JSON.stringify(saved));
  }
};
var commentCloser = {
  stateKey: COMMENT_STATE_KEY,
  async close(raw, { github, log }) {
    const saved = readSaved(raw, "comment", log);
    if (!saved || saved.phase === "done" || !github || typeof saved.commentId !== "number") return;
    const view = {
      ...saved.view,
      phase: "cancelled",
      durationMs: Math.max(0, Date.now() - saved.triggeredAt),
      reason: "Cancelled: the workflow stopped before the build finished"
    };
    try {
      await github(saved.owner, saved.repo, saved.apiUrl).updateIssueComment(
        saved.commentId,
        renderComment(view)
      );
      log.info("Pull request comment: cancelled (the main step did not finish it).");
    } catch (error) {
      log.warning(`Post step could not finish the pull request comment: ${describeError(error)}`);
    }
  }
};

// src/engine/reporters/check-run.ts
var CHECK_RUN_STATE_KEY = "check-run";
var MAX_TITLE = 255;
var MAX_CHECK_TEXT = 65535;
var PER_REQUEST = 50;
var MAX_ANNOTATIONS = 200;
var MAX_UNPLACED = 10;
function logText(log, whole) {
  if (log.lines.length === 0) return void 0;
  const longest = Math.max(
    2,
    ...log.lines.map((l) => Math.max(0, ...(l.match(/`+/g) ?? []).map((r) => r.length)))
  );
  const fence = "`".repeat(longest + 1);
  const where = whole ? ` The whole log: ${whole}` : "";
  const kept = [];
  let size = 0;
  const room = MAX_CHECK_TEXT - 2 * fence.length - 400;
  for (let i = log.lines.length - 1; i >= 0; i--) {
    const line = log.lines[i];
    if (size + line.length + 1 > room) break;
    kept.unshift(line);
    size += line.length + 1;
  }
  const dropped = log.omittedLines + (log.lines.length - kept.length);
  const note = dropped > 0 ? `The last ${kept.length} lines of the build log; ${dropped} earlier lines were left out.${where}` : `The build log.${where}`;
  return `${note}

${fence}text
${kept.join("\n")}
${fence}`;
}
function checkConclusion(outcome) {
  switch (outcome.end) {
    case "build":
      if (outcome.status === "success") return "success";
      if (outcome.status === "failure") return "failure";
      if (outcome.status === "cancelled") return "cancelled";
      return "neutral";
    case "timed-out":
      return "timed_out";
    case "cancelled":
    case "stopped":
      return "cancelled";
    default:
      return "failure";
  }
}
var CheckRunReporter = class {
  constructor(options) {
    this.options = options;
    this.refusals = new Refusals(options.log, "checks: write");
    if (options.api && !options.sha) {
      options.log.warning("Check run skipped: no commit sha (set the sha input).");
      this.refusals.off = true;
    }
  }
  options;
  name = "check run";
  id;
  url;
  /** Names this run's check run, so the post step finds one whose create answer never came. */
  externalId = `trigger-build-action:${randomUUID4()}`;
  refusals;
  lastState;
  startedAt = 0;
  output;
  detailsUrl;
  outputs() {
    return {};
  }
  async triggered({ providerTitle, build, waiting, link: link2, at }) {
    const { api } = this.options;
    if (!api || this.refusals.off) return;
    this.startedAt = at;
    this.lastState = build.state;
    this.detailsUrl = firstPublicLink([link2, this.options.runUrl]);
    const output = waiting ? this.progress(providerTitle, build) : this.render(
      `${buildName({ providerTitle, build })} triggered (not followed: wait is false)`,
      providerTitle,
      build,
      "Not followed (`wait: false`): see the build log for its result."
    );
    const fields = waiting ? { status: "in_progress", startedAt: at, output, ...this.details() } : {
      status: "completed",
      conclusion: "neutral",
      startedAt: at,
      completedAt: this.options.now(),
      output,
      ...this.details()
    };
    this.output = output;
    this.save("creating");
    try {
      const made = await api.createCheckRun({
        sha: this.options.sha,
        name: this.options.name,
        externalId: this.externalId,
        ...fields
      });
      this.id = made.id;
      this.url = made.url || void 0;
    } catch (error) {
      this.refusals.note(error, "create the check run");
      this.refusals.off = true;
      return;
    }
    this.options.log.info(
      `Check run ${this.options.name}: ${fields.conclusion ?? fields.status}${this.url ? ` (${this.url})` : ""}`
    );
    this.save(waiting ? "open" : "done");
  }
  async changed({ providerTitle, build, link: link2 }) {
    if (this.id === void 0 || this.refusals.off || build.state === this.lastState) return;
    if (isTerminal(build.state)) return;
    this.lastState = build.state;
    this.detailsUrl = firstPublicLink([link2, this.detailsUrl]);
    const output = this.progress(providerTitle, build);
    if (await this.write({ status: "in_progress", output, ...this.details() })) {
      this.output = output;
      this.save("open");
    }
  }
  async finished({ outcome, link: link2, local, log }) {
    if (local || this.id === void 0) return;
    const conclusion = checkConclusion(outcome);
    if (!conclusion) return;
    this.detailsUrl = firstPublicLink([link2, this.detailsUrl]);
    const { annotations = [], ...output } = this.final(outcome, conclusion, log);
    this.save("finishing", {
      conclusion,
      output: { title: output.title, summary: output.summary }
    });
    const done = await this.write({
      status: "completed",
      conclusion,
      completedAt: this.options.now(),
      output: {
        ...output,
        ...annotations.length > 0 ? { annotations: annotations.slice(0, PER_REQUEST) } : {}
      },
      ...this.details()
    });
    if (!done) return;
    this.output = output;
    this.save("done");
    this.options.log.info(`Check run ${this.options.name}: ${conclusion}`);
    for (let from = PER_REQUEST; from < annotations.length; from += PER_REQUEST) {
      const more = annotations.slice(from, from + PER_REQUEST);
      if (!await this.write({
        status: "completed",
        conclusion,
        output: { ...output, annotations: more }
      }))
        return;
    }
  }
  async cancelled(event) {
    await this.finished(event);
  }
  details() {
    return this.detailsUrl ? { detailsUrl: this.detailsUrl } : {};
  }
  progress(providerTitle, build) {
    return this.render(
      `${buildName({ providerTitle, build })} is ${build.state}`,
      providerTitle,
      build
    );
  }
  final(outcome, conclusion, log) {
    const name = buildName(outcome);
    const headline = conclusion === "success" ? `${name} succeeded in ${formatDuration(outcome.durationMs)}` : finalDescription(outcome);
    const why = outcome.status !== "success" && outcome.message ? `${isActionFailure(outcome) ? "The action could not see the build through" : "Reason"}: ${markdownText(outcome.message, 1e3)}` : void 0;
    const found = log ? findAnnotations(log.lines, this.options.isRepoFile) : void 0;
    const annotations = found ? [
      ...found.annotations.filter((a) => a.level === "failure"),
      ...found.annotations.filter((a) => a.level === "warning")
    ].slice(0, MAX_ANNOTATIONS) : [];
    const notes = [
      found && found.annotations.length > annotations.length ? `${found.annotations.length} errors and warnings found in the log; the first ${annotations.length} are shown on their lines.` : void 0,
      found && found.unplaced.length > 0 ? [
        "Errors that name no file of the repository:",
        "",
        ...found.unplaced.slice(-MAX_UNPLACED).map((line) => `- ${markdownText(line, 300)}`)
      ].join("\n") : void 0
    ];
    const output = this.render(
      headline,
      outcome.providerTitle,
      outcome.build,
      [`Duration: ${formatDuration(outcome.durationMs)}`, why, ...notes].filter(Boolean).join("\n\n")
    );
    const text2 = log ? logText(log, publicLink(outcome.build?.logUrl)) : void 0;
    return {
      ...output,
      ...text2 ? { text: text2 } : {},
      ...annotations.length > 0 ? { annotations } : {}
    };
  }
  /** Title and Markdown summary: provider, project, build id, status and links, all escaped. */
  render(headline, providerTitle, build, extra) {
    const link2 = (label3, url) => {
      const href = publicLink(url);
      return href ? `[${label3}](<${href.replace(/[<>|\s]/g, encodeURIComponent)}>)` : void 0;
    };
    const rows = [
      ["Provider", markdownText(providerTitle, 60)],
      ["Project", this.options.project ? markdownText(this.options.project, 120) : void 0],
      ["Build", build?.id ? markdownText(build.id, 120) : void 0],
      [
        "Status",
        build ? `${build.state}${build.providerStatus ? ` (${markdownText(build.providerStatus, 80)})` : ""}` : void 0
      ],
      ["Deploy URL", link2("Open the deployment", build?.deployUrl)],
      ["Build log", link2("Open the build log", build?.logUrl)],
      ["Workflow run", link2("Open the workflow run", this.options.runUrl || void 0)]
    ];
    const table2 = rows.filter((row) => Boolean(row[1])).map(([key, value]) => `| ${key} | ${value} |`).join("\n");
    const summary = ["| | |", "|---|---|", table2, ...extra ? ["", extra] : []].join("\n");
    const title = headline.length > MAX_TITLE ? `${headline.slice(0, MAX_TITLE - 1)}\u2026` : headline;
    return { title, summary };
  }
  /** One update; false when GitHub refused it (already warned). */
  async write(fields) {
    const { api } = this.options;
    if (!api || this.id === void 0 || this.refusals.off) return false;
    try {
      await api.updateCheckRun(this.id, fields);
      return true;
    } catch (error) {
      this.refusals.note(error, `update the check run to ${fields.conclusion ?? fields.status}`);
      return false;
    }
  }
  save(phase, final) {
    if (this.id === void 0 && phase !== "creating" || !this.output) return;
    const saved = {
      owner: this.options.owner,
      repo: this.options.repo,
      apiUrl: this.options.apiUrl,
      ...this.id === void 0 ? {} : { checkRunId: this.id },
      sha: this.options.sha,
      name: this.options.name,
      externalId: this.externalId,
      phase,
      output: this.output,
      ...final ? { final } : {}
    };
    this.options.saveState(CHECK_RUN_STATE_KEY, JSON.stringify(saved));
  }
};
var checkRunCloser = {
  stateKey: CHECK_RUN_STATE_KEY,
  async close(raw, { github, log }) {
    const saved = readSaved(raw, "check run", log);
    if (!saved || saved.phase === "done" || !github) return;
    const api = github(saved.owner, saved.repo, saved.apiUrl);
    let id = saved.checkRunId;
    if (typeof id !== "number") {
      try {
        id = (await api.findCheckRun(saved))?.id;
      } catch (error) {
        log.warning(`Post step could not look for the check run: ${describeError(error)}`);
        return;
      }
      if (id === void 0) return;
    }
    const final = saved.phase === "finishing" && saved.final ? saved.final : {
      conclusion: "cancelled",
      output: {
        title: "Cancelled: the workflow stopped before the build finished",
        summary: saved.output?.summary || "The workflow stopped before the build finished."
      }
    };
    try {
      await api.updateCheckRun(id, {
        status: "completed",
        conclusion: final.conclusion,
        completedAt: Date.now(),
        output: final.output
      });
      log.info(`Check run ${id}: ${final.conclusion} (the main step did not finish it).`);
    } catch (error) {
      log.warning(`Post step could not complete check run ${id}: ${describeError(error)}`);
    }
  }
};

// src/engine/reporters/deployment.ts
var DEPLOYMENT_STATE_KEY = "deployment";
var CANCELLED = "Cancelled: the workflow stopped before the build finished";
var DeploymentReporter = class {
  constructor(options) {
    this.options = options;
    this.refusals = new Refusals(options.log, "deployments: write");
    if (options.api && !options.sha) {
      options.log.warning("Deployment skipped: no commit sha (set the sha input).");
      this.refusals.off = true;
    }
  }
  options;
  name = "deployment";
  id;
  logUrl;
  refusals;
  outputs() {
    return this.id === void 0 ? {} : { "deployment-id": String(this.id) };
  }
  async triggered({ providerTitle, build, waiting, link: link2 }) {
    const { api, environment, project } = this.options;
    if (!api || this.refusals.off) return;
    const name = buildName({ providerTitle, build });
    try {
      this.id = await api.createDeployment({
        sha: this.options.sha,
        environment,
        description: statusDescription(`${name}${project ? ` of ${project}` : ""}`),
        productionEnvironment: this.options.productionEnvironment,
        transientEnvironment: this.options.transientEnvironment,
        payload: { provider: providerTitle, ...build.id ? { buildId: build.id } : {} }
      });
    } catch (error) {
      this.refusals.note(error, "create the deployment");
      this.refusals.off = true;
      return;
    }
    this.options.log.info(`Deployment ${this.id} to ${environment} created.`);
    this.logUrl = publicLink(link2);
    if (waiting) {
      this.save("open");
      await this.post("in_progress", `${name} is ${build.state}`);
    } else {
      await this.post(
        "queued",
        `${name} triggered; not followed (wait: false), see the build log for its result`
      );
      this.save("done");
    }
  }
  async finished({ outcome, link: link2 }) {
    const final = gitHubState(outcome);
    if (this.id === void 0 || !final) return;
    const state = final;
    const environmentUrl = state === "success" ? (
      // The environment-url input is the user's own (checked as http(s) when read).
      this.options.environmentUrl || publicLink(outcome.build?.deployUrl)
    ) : void 0;
    this.logUrl = publicLink(link2) ?? this.logUrl;
    const description = statusDescription(finalDescription(outcome));
    this.save("finishing", {
      state,
      description,
      ...environmentUrl ? { environmentUrl } : {},
      autoInactive: state === "success" && this.options.autoInactive
    });
    if (await this.post(state, description, environmentUrl)) this.save("done");
  }
  async cancelled(event) {
    await this.finished(event);
  }
  /** Posts one status; false when GitHub refused it (already warned). */
  async post(state, description, environmentUrl) {
    const { api } = this.options;
    if (!api || this.id === void 0) return false;
    try {
      await api.createDeploymentStatus({
        deploymentId: this.id,
        state,
        description: statusDescription(description),
        ...this.logUrl ? { logUrl: this.logUrl } : {},
        ...environmentUrl ? { environmentUrl } : {},
        // Only a successful deployment may retire the environment's earlier ones: a build still
        // running, or one that failed, must not take the working preview down.
        autoInactive: state === "success" && this.options.autoInactive
      });
      this.options.log.info(
        `Deployment ${this.id}: ${state}${environmentUrl ? ` (${environmentUrl})` : ""}`
      );
      return true;
    } catch (error) {
      this.refusals.note(error, `post the deployment status ${state}`);
      return false;
    }
  }
  save(phase, final) {
    if (this.id === void 0) return;
    const saved = {
      owner: this.options.owner,
      repo: this.options.repo,
      apiUrl: this.options.apiUrl,
      deploymentId: this.id,
      environment: this.options.environment,
      ...this.logUrl ? { logUrl: this.logUrl } : {},
      phase,
      ...final ? { final } : {}
    };
    this.options.saveState(DEPLOYMENT_STATE_KEY, JSON.stringify(saved));
  }
};
var deploymentCloser = {
  stateKey: DEPLOYMENT_STATE_KEY,
  async close(raw, { github, log }) {
    const saved = readSaved(raw, "deployment", log);
    if (!saved || saved.phase === "done" || !github || typeof saved.deploymentId !== "number")
      return;
    const final = saved.phase === "finishing" && saved.final ? saved.final : { state: "error", description: CANCELLED };
    try {
      await github(saved.owner, saved.repo, saved.apiUrl).createDeploymentStatus({
        deploymentId: saved.deploymentId,
        state: final.state,
        description: statusDescription(final.description),
        ...saved.logUrl ? { logUrl: saved.logUrl } : {},
        ..."environmentUrl" in final && final.environmentUrl ? { environmentUrl: final.environmentUrl } : {},
        autoInactive: "autoInactive" in final && final.autoInactive || false
      });
      log.info(
        `Deployment ${saved.deploymentId}: ${final.state} (the main step did not finish it).`
      );
    } catch (error) {
      log.warning(
        `Post step could not finish deployment ${saved.deploymentId}: ${describeError(error)}`
      );
    }
  }
};

// src/engine/reporters/index.ts
function createReporters(deps) {
  const { settings, run: run2, log } = deps;
  const reporters = [
    new CommitStatusReporter({
      api: settings.commitStatus ? deps.github : void 0,
      owner: run2.owner,
      repo: run2.repo,
      apiUrl: run2.apiUrl,
      sha: run2.sha,
      context: settings.statusContext,
      log,
      saveState: deps.saveState
    })
  ];
  if (settings.environment) {
    reporters.push(
      new DeploymentReporter({
        api: deps.github,
        owner: run2.owner,
        repo: run2.repo,
        apiUrl: run2.apiUrl,
        sha: run2.sha,
        environment: settings.environment,
        environmentUrl: settings.environmentUrl,
        productionEnvironment: settings.productionEnvironment,
        // A pull request's preview goes away with it.
        transientEnvironment: settings.transientEnvironment ?? run2.prNumber !== void 0,
        autoInactive: settings.autoInactive,
        project: settings.own.project,
        log,
        saveState: deps.saveState
      })
    );
  }
  if (settings.prComment) {
    reporters.push(
      new PullRequestCommentReporter({
        api: deps.github,
        owner: run2.owner,
        repo: run2.repo,
        apiUrl: run2.apiUrl,
        prNumber: settings.prNumber ?? run2.prNumber,
        context: settings.statusContext,
        project: settings.own.project,
        sha: run2.sha,
        runUrl: run2.runUrl,
        log,
        saveState: deps.saveState
      })
    );
  }
  if (settings.checkRun) {
    reporters.push(
      new CheckRunReporter({
        api: deps.github,
        owner: run2.owner,
        repo: run2.repo,
        apiUrl: run2.apiUrl,
        sha: run2.sha,
        name: settings.checkName || settings.statusContext,
        project: settings.own.project,
        runUrl: run2.runUrl,
        log,
        saveState: deps.saveState,
        now: () => deps.clock ? deps.clock.now() : Date.now(),
        // Annotations go only on files of the checkout (GITHUB_WORKSPACE; the CLI's directory).
        isRepoFile: checkoutFiles(
          deps.env?.["GITHUB_WORKSPACE"] || process.cwd(),
          (file) => fs8.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false
        )
      })
    );
  }
  if (deps.writeSummary) {
    reporters.push(
      new SummaryReporter({ project: settings.own.project, write: deps.writeSummary, log })
    );
  }
  return reporters;
}
var postClosers = [
  commitStatusCloser,
  deploymentCloser,
  commentCloser,
  checkRunCloser
];
var Lifecycle = class {
  /**
   * `view` is what reporters may see of a build and an outcome (src/public: texts scrubbed of
   * secrets, links by the link rule); every event passes through it, so no reporter can post
   * what the rules keep out.
   */
  constructor(reporters, log, view = { build: (b) => b, outcome: (o) => o }) {
    this.reporters = reporters;
    this.log = log;
    this.view = view;
  }
  reporters;
  log;
  view;
  closed = false;
  triggered(event) {
    const shown = { ...event, build: this.view.build(event.build) };
    return this.announce((r) => r.triggered?.(shown));
  }
  changed(event) {
    const shown = { ...event, build: this.view.build(event.build) };
    return this.announce((r) => r.changed?.(shown));
  }
  /** The run's one ending; later endings are ignored. */
  finished(event) {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    const shown = this.shown(event);
    return this.announce((r) => r.finished?.(shown));
  }
  /** The workflow run was cancelled: the run's one ending, announced as such. */
  cancelled(event) {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    const shown = this.shown(event);
    return this.announce((r) => (r.cancelled ?? r.finished)?.call(r, shown));
  }
  shown(event) {
    return { ...event, outcome: this.view.outcome(event.outcome) };
  }
  /** Every reporter's outputs, merged. */
  outputs() {
    return Object.assign({}, ...this.reporters.map((r) => r.outputs?.() ?? {}));
  }
  async announce(call) {
    await Promise.all(
      this.reporters.map(async (reporter) => {
        try {
          await call(reporter);
        } catch (error) {
          this.log.warning(`Could not update the ${reporter.name}: ${describeError(error)}`);
        }
      })
    );
  }
};

// src/engine/target-state.ts
var TARGET_COUNT_STATE_KEY = "targets";
function targetStateKey(key, index) {
  return `${key}-t${index}`;
}

// src/engine/post.ts
async function runPost(deps) {
  const clock = deps.clock ?? systemClock;
  await withGitHubBounds(
    {
      clock,
      until: clock.now() + GITHUB_GRACE_MS,
      attempts: POST_STEP_ATTEMPTS,
      note: (message) => deps.log.info(message)
    },
    () => closeAll(deps)
  );
}
async function closeAll(deps) {
  const { token, log } = deps;
  const github = token ? (owner, repo, apiUrl2) => deps.github(token, owner, repo, apiUrl2) : void 0;
  const count3 = Number(deps.getState(TARGET_COUNT_STATE_KEY) || "0");
  const keysOf = (key) => Number.isInteger(count3) && count3 > 0 ? Array.from({ length: Math.min(count3, 256) }, (_, index) => targetStateKey(key, index)) : [key];
  for (const closer of deps.closers ?? postClosers) {
    await Promise.all(
      keysOf(closer.stateKey).map(async (key) => {
        const saved = deps.getState(key);
        if (!saved) return;
        try {
          await closer.close(saved, { github, log });
        } catch (error) {
          log.warning(`Post step: could not close ${key}: ${describeError(error)}`);
        }
      })
    );
  }
}

// src/engine/targets.ts
import fs9 from "node:fs";
import path8 from "node:path";

// src/engine/stop.ts
var StopWaiting = class extends Error {
  constructor(description) {
    super(description);
    this.description = description;
    this.name = "StopWaiting";
  }
  description;
};
function stoppedWaiting(signal) {
  const reason2 = signal.reason;
  return reason2 instanceof StopWaiting ? reason2.description : void 0;
}

// src/public/outputs.ts
var ID_CHARS = /^[\p{L}\p{N}._:@/+=-]$/u;
var WORD_CHARS = /^[\p{L}\p{N} ._:/+-]$/u;
var URL_CHARS = /^[A-Za-z0-9._~:/@%+=,\-[\]]$/;
var RULES = [
  { output: "build-id", field: "id", chars: ID_CHARS, what: "a build id", maxLength: 256 },
  {
    output: "provider-status",
    field: "providerStatus",
    chars: WORD_CHARS,
    what: "a status word",
    maxLength: 200
  },
  {
    output: "docker-image",
    field: "dockerImage",
    chars: ID_CHARS,
    what: "an image name",
    maxLength: 512
  },
  { output: "deploy-url", field: "deployUrl", chars: URL_CHARS, what: "a URL", maxLength: 2048 },
  {
    output: "artifact-url",
    field: "artifactUrl",
    chars: URL_CHARS,
    what: "a URL",
    maxLength: 2048
  },
  { output: "log-url", field: "logUrl", chars: URL_CHARS, what: "a URL", maxLength: 2048 }
];
function strangers(value, chars) {
  const found = [];
  for (const c of value) {
    if (chars.test(c)) continue;
    const shown = c === " " ? "space" : /^[!-~]$/.test(c) ? `'${c}'` : `U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
    if (!found.includes(shown)) found.push(shown);
    if (found.length === 5) break;
  }
  return found;
}
function checkOutputs(build) {
  const out = { ...build };
  const refused = [];
  for (const rule of RULES) {
    const value = build[rule.field];
    if (value === void 0 || value === "") continue;
    if (rule.chars === URL_CHARS && !checkLink(value).ok) continue;
    const shown = rule.chars === URL_CHARS ? asciiUrl(value) : value;
    const bad = strangers(shown, rule.chars);
    const tooLong = [...shown].length > rule.maxLength;
    if (bad.length === 0 && !tooLong) {
      if (shown !== value) out[rule.field] = shown;
      continue;
    }
    refused.push({
      output: rule.output,
      problem: tooLong ? `is longer than ${rule.maxLength} characters` : `has characters ${rule.what} never has (${bad.join(", ")})`
    });
    if (rule.field === "id") out.id = "";
    else if (rule.field === "providerStatus") out.providerStatus = "";
    else delete out[rule.field];
  }
  return { build: out, refused };
}
function asciiUrl(url) {
  return /^[\x00-\x7f]*$/.test(url) ? url : new URL(url).href;
}
function refusalMessage(providerTitle, refused) {
  const parts = refused.map((r) => `${r.output} ${r.problem}`);
  return `${providerTitle} sent values that cannot be step outputs: ${parts.join("; ")}. They were refused (left empty) so that no later step runs them as shell. Fix: check what the provider answers for these fields (for provider: custom, the *-field inputs)`;
}

// src/public/view.ts
function scrubBuild(build, scrubber) {
  if (scrubber.empty) return build;
  const out = { ...build };
  const s = (text2) => scrubber.scrub(text2);
  out.id = s(build.id);
  out.providerStatus = s(build.providerStatus);
  if (build.failureReason !== void 0) out.failureReason = s(build.failureReason);
  if (build.dockerImage !== void 0) out.dockerImage = s(build.dockerImage);
  if (build.notes !== void 0) out.notes = build.notes.map(s);
  for (const key of ["deployUrl", "artifactUrl", "logUrl"]) {
    const url = build[key];
    if (url !== void 0 && scrubber.holdsSecret(url)) delete out[key];
  }
  return out;
}
function scrubOutcome(outcome, scrubber, build = (b) => scrubBuild(b, scrubber)) {
  const out = { ...outcome, build: outcome.build ? build(outcome.build) : void 0 };
  if (outcome.message !== void 0) out.message = scrubber.scrub(outcome.message);
  return out;
}
function publicView(scrubber, place) {
  const build = (b) => publicBuildLinks(scrubBuild(b, scrubber), place);
  return {
    build,
    outcome: (outcome) => scrubOutcome(outcome, scrubber, build)
  };
}

// src/engine/cancel.ts
var REMOTE_CANCEL_BUDGET_MS = 3e3;
var RemoteCanceller = class {
  constructor(provider, http2, clock, log) {
    this.provider = provider;
    this.http = http2;
    this.clock = clock;
    this.log = log;
  }
  provider;
  http;
  clock;
  log;
  done;
  /** Whether this provider can cancel remotely at all. */
  get available() {
    return this.provider.cancel !== void 0;
  }
  /**
   * Sends the cancel request (the first call only; later calls return the first result). Never
   * throws: whatever happens is logged, and the run goes on to close its commit status.
   */
  cancel(build, why) {
    this.done ??= this.send(build, why);
    return this.done;
  }
  async send(build, why) {
    const { provider, clock, log } = this;
    if (!provider.cancel) return void 0;
    const name = build?.id ? `build ${build.id}` : "the build";
    if (!build) {
      log.info(`${why}: no build had been triggered yet, so there is nothing to cancel remotely.`);
      return void 0;
    }
    log.info(`${why}: asking ${provider.title} to cancel ${name}.`);
    const client = new HttpClient2({
      ...this.http,
      deadline: new Deadline(clock, clock.now() + REMOTE_CANCEL_BUDGET_MS),
      maxAttempts: 2
    });
    try {
      const answer = await provider.cancel(build, client);
      if (answer.accepted) {
        log.info(`${provider.title} accepted the cancel request for ${name} (${answer.detail}).`);
        return "accepted";
      }
      log.warning(`${provider.title} refused to cancel ${name}: ${answer.detail}`);
      return "refused";
    } catch (error) {
      log.warning(`Could not ask ${provider.title} to cancel ${name}: ${describeError(error)}`);
      return "failed";
    }
  }
};
function cancelClause(title, result) {
  switch (result) {
    case "accepted":
      return `; ${title} accepted the cancel request`;
    case "refused":
      return `; ${title} refused the cancel request`;
    case "failed":
      return `; the cancel request to ${title} failed`;
    default:
      return "";
  }
}

// src/engine/schedule.ts
function maxGap(plan) {
  return Math.max(plan.minMs, plan.baseMs);
}
function briskInterval(plan) {
  return Math.max(plan.minMs, Math.min(1e3, plan.baseMs / 5));
}
function nextPollDelay(plan, elapsedMs) {
  const brisk = briskInterval(plan);
  const longest = maxGap(plan);
  const expected = plan.expectedMs;
  let delay = longest;
  if (expected !== void 0 && expected > 0) {
    const windowStart = expected * 0.9 - brisk;
    const windowEnd = expected * 1.1 + 2 * brisk;
    if (elapsedMs < windowStart) {
      const toWindow = windowStart - elapsedMs;
      delay = toWindow / Math.ceil(toWindow / longest);
    } else if (elapsedMs < windowEnd) {
      delay = brisk;
    } else {
      delay = (elapsedMs - windowEnd) / 2;
    }
  } else {
    delay = elapsedMs;
  }
  return Math.round(clamp(delay, Math.min(brisk, longest), longest));
}
function clamp(value, low, high) {
  return Math.min(Math.max(value, low), high);
}

// src/engine/wait.ts
function describeChange(build, elapsedMs, title) {
  const id = build.id ? ` ${build.id}` : "";
  return `[${formatDuration(elapsedMs)}] ${title} build${id}: ${build.state} (${safeLine(build.providerStatus, 80)})`;
}
async function waitForBuild(options) {
  const { provider, clock, deadline, signal, plan, startedAt, info } = options;
  let build = options.build;
  let seen = `${build.state}/${build.providerStatus}`;
  info(describeChange(build, clock.now() - startedAt, provider.title));
  if (isTerminal(build.state)) return { build, end: "done" };
  let lastRead = clock.now();
  for (; ; ) {
    if (signal.aborted) return { build, end: "cancelled" };
    const remaining = deadline.remaining();
    if (remaining <= 0) return { build, end: "timed_out" };
    const sinceRead = clock.now() - lastRead;
    const delay = Math.min(
      Math.max(0, nextPollDelay(plan, clock.now() - startedAt) - sinceRead),
      remaining
    );
    try {
      await clock.sleep(delay, signal);
    } catch {
      return { build, end: "cancelled" };
    }
    lastRead = clock.now();
    try {
      build = await provider.poll(build);
    } catch (error) {
      if (signal.aborted) return { build, end: "cancelled" };
      if (error instanceof HttpError && error.kind === "deadline")
        return { build, end: "timed_out" };
      throw error;
    }
    const key = `${build.state}/${build.providerStatus}`;
    if (key !== seen) {
      seen = key;
      info(describeChange(build, clock.now() - startedAt, provider.title));
      await options.onChange?.(build);
    }
    if (isTerminal(build.state)) return { build, end: "done" };
    options.afterPoll?.(build);
  }
}

// src/engine/logs.ts
var RUNNING_LOG_BYTES = 1024 * 1024;
var LOG_READ_BYTES = 256 * 1024;
var FINAL_LOG_BYTES = 512 * 1024;
var TAIL_BYTES = 60 * 1024;
var MAX_IDLE_SPACING = 8;
var DOWNLOAD_BYTES_PER_POLL = 1024 * 1024;
var LogShow = class {
  constructor(options) {
    this.options = options;
  }
  options;
  shownBytes = 0;
  spacing = 1;
  pollsSinceRead = 0;
  reading;
  full = false;
  /** The last part of everything read, for the check run: lines, and how much went before. */
  kept = [];
  keptBytes = 0;
  keptOmittedLines = 0;
  keptOmittedBytes = 0;
  /**
   * After each status read while the build runs (`show-logs: always`): starts a read of the log
   * when one is due and none is under way, and returns at once.
   */
  follow(build) {
    const { provider } = this.options;
    if (!provider.logs || this.reading || this.full) return;
    this.pollsSinceRead += 1;
    if (this.pollsSinceRead < this.spacing) return;
    this.pollsSinceRead = 0;
    const maxBytes = Math.min(LOG_READ_BYTES, RUNNING_LOG_BYTES - this.shownBytes);
    this.reading = provider.logs(build, { maxBytes }).then(
      (page) => {
        this.keep(page);
        this.print(page, build);
        this.shownBytes += page.lines.reduce((sum, line) => sum + Buffer.byteLength(line) + 1, 0);
        const fresh = page.lines.length + page.omittedLines > 0;
        this.spacing = Math.max(
          fresh ? 1 : Math.min(this.spacing * 2, MAX_IDLE_SPACING),
          Math.ceil(page.readBytes / DOWNLOAD_BYTES_PER_POLL)
        );
        if (this.shownBytes >= RUNNING_LOG_BYTES - 1024) {
          this.full = true;
          this.options.log.info(
            `\u2026 ${formatBytes(this.shownBytes)} of the build log shown while it runs, the most shown per build: later lines are left out while it runs, and if it ends its last part is shown; ${this.whereTheLogIs(build)}`
          );
        }
      },
      (error) => {
        this.spacing = Math.min(this.spacing * 2, MAX_IDLE_SPACING);
        this.options.log.debug(`Reading the build log failed: ${describeError(error)}`);
      }
    ).finally(() => {
      this.reading = void 0;
    });
  }
  /** Waits for a read under way (bounded by the run's deadline, as every read is). */
  async settle() {
    await this.reading;
  }
  /** After the build ended: prints the last part of what is new in its log, in a group. */
  async showEnd(build) {
    const { provider, log, title } = this.options;
    if (!provider.logs) return;
    await this.settle();
    const page = await provider.logs(build, { maxBytes: FINAL_LOG_BYTES }).catch((error) => {
      log.info(`${title}: the build log could not be read: ${describeError(error)}`);
      return void 0;
    });
    if (!page || page.lines.length + page.omittedLines === 0) return;
    this.keep(page);
    await log.group(`${title} build log`, async () => this.print(page, build));
  }
  /**
   * The log's last part (what was read while it ran and at its end, and anything new since), at
   * most TAIL_BYTES, for the check run's text. Undefined when the provider has no log.
   */
  async tail(build) {
    const { provider, log } = this.options;
    if (!provider.logs) return void 0;
    await this.settle();
    const page = await provider.logs(build, { maxBytes: TAIL_BYTES }).catch((error) => {
      log.debug(`Reading the build log for the check run failed: ${describeError(error)}`);
      return void 0;
    });
    if (page) this.keep(page);
    return {
      lines: [...this.kept],
      omittedLines: this.keptOmittedLines,
      omittedBytes: this.keptOmittedBytes
    };
  }
  /** Adds a read to the kept tail, dropping its oldest lines past TAIL_BYTES. */
  keep(page) {
    if (page.omittedLines > 0) {
      this.keptOmittedLines += this.kept.length + page.omittedLines;
      this.keptOmittedBytes += this.keptBytes + page.omittedBytes;
      this.kept = [];
      this.keptBytes = 0;
    }
    for (const line of page.lines) {
      this.kept.push(line);
      this.keptBytes += Buffer.byteLength(line) + 1;
    }
    while (this.keptBytes > TAIL_BYTES && this.kept.length > 0) {
      const dropped = this.kept.shift();
      this.keptBytes -= Buffer.byteLength(dropped) + 1;
      this.keptOmittedLines += 1;
      this.keptOmittedBytes += Buffer.byteLength(dropped) + 1;
    }
  }
  /**
   * Where the whole log is, for the note about what was left out: a link only when a person can
   * open it (no query, not an endpoint that needs the token), else the provider's dashboard.
   */
  whereTheLogIs(build) {
    const link2 = this.options.publicLog(build);
    return link2 ? `the whole log: ${link2}` : `the whole log is in the ${this.options.title} dashboard`;
  }
  print(page, build) {
    const { log } = this.options;
    if (page.omittedLines > 0) {
      log.info(
        `\u2026 ${page.omittedLines} earlier log ${page.omittedLines === 1 ? "line" : "lines"} (${formatBytes(page.omittedBytes)}) left out here, showing the last ${page.lines.length}; ${this.whereTheLogIs(build)}`
      );
    }
    if (page.lines.length > 0) log.untrusted(page.lines);
  }
};

// src/engine/run.ts
var FIND_TRIGGERED_WINDOW_MS = 12e3;
var FIND_TRIGGERED_STEP_MS = 2e3;
async function runBuild(deps) {
  const deadline = deps.deadline ?? new Deadline(deps.clock, deps.clock.now() + deps.settings.timeoutMs);
  return withGitHubBounds(
    {
      clock: deps.clock,
      until: deadline.at,
      attempts: GITHUB_ATTEMPTS,
      note: (message) => deps.log.info(message)
    },
    () => runBounded(deps, deadline)
  );
}
async function runBounded(deps, deadline) {
  const { settings, spec, clock, signal, log } = deps;
  const startedAt = clock.now();
  const credentials = spec.credentials(settings, settings.own);
  const httpOptions = {
    provider: spec.title,
    baseUrl: settings.apiUrl,
    credentials,
    clock,
    ...spec.describeError ? { describe: spec.describeError.bind(spec) } : {},
    onRetry: (e) => log.info(
      `${spec.title}: ${e.what} failed (${safeLine(e.reason, 120)}); retry ${e.attempt}/${e.maxAttempts} in ${formatDuration(e.delayMs)}${e.serverAsked && e.delayMs > settings.pollIntervalMs ? ` (the API asked for this wait with Retry-After/rate-limit headers, longer than poll-interval ${formatDuration(settings.pollIntervalMs)})` : ""}`
    ),
    ...deps.rateGates ? { gate: deps.rateGates.for(spec.name, settings.apiUrl) } : {},
    onGateWait: (e) => log.info(
      `${spec.title}: ${e.what} waits ${formatDuration(e.delayMs)}: the API asked for a pause (Retry-After) on another request`
    ),
    pollRetryCapMs: settings.pollIntervalMs
  };
  const http2 = new HttpClient2({ ...httpOptions, deadline, signal });
  const scrubber = new Scrubber(secretsOf(settings));
  if (isCredentialSource(credentials)) scrubber.follow(() => credentials.issued());
  const place = clickPlace(settings.apiUrl);
  const view = publicView(scrubber, place);
  const lifecycle = new Lifecycle(deps.reporters ?? createReporters(deps), log, view);
  const provider = spec.create({
    settings,
    own: settings.own,
    http: http2,
    clock,
    log,
    github: githubReader(deps),
    tempDir: deps.tempDir,
    signal,
    eventRef: deps.run.ref ?? { name: "", from: "the run has no event to take a branch from" },
    workspace: deps.env?.["GITHUB_WORKSPACE"] || process.cwd()
  });
  const remote = new RemoteCanceller(provider, httpOptions, clock, log);
  const plan = async () => ({
    baseMs: settings.pollIntervalMs,
    minMs: provider.minPollIntervalMs ?? 1e3,
    expectedMs: await provider.typicalDurationMs?.().catch(() => void 0)
  });
  const target = (build2) => {
    const shown = build2 ? view.build(build2) : void 0;
    return firstPublicLink([shown?.logUrl, shown?.deployUrl, deps.run.runUrl], place);
  };
  let build;
  let triggeredAt = startedAt;
  let announcing = Promise.resolve();
  const announce = (next) => {
    announcing = announcing.then(next).catch(() => void 0);
  };
  const finish = async (outcome, how = "finished") => {
    const result = checkedOutputs(
      scrubOutcome(
        { ...outcome, providerTitle: spec.title, durationMs: clock.now() - triggeredAt },
        scrubber
      )
    );
    await announcing;
    const logTail = settings.checkRun ? await readLogTail(result.build) : void 0;
    await closingWrites(
      clock,
      deadline,
      () => lifecycle[how]({
        outcome: result,
        link: target(result.build),
        local: false,
        ...logTail ? { log: logTail } : {}
      })
    );
    return { ...result, reportOutputs: lifecycle.outputs() };
  };
  let logs;
  const readLogTail = async (b) => {
    if (!logs || !b) return void 0;
    const tail = await logs.tail(b);
    return tail && { ...tail, lines: tail.lines.map((line) => scrubber.scrub(line)) };
  };
  try {
    if (provider.prepare) await log.group("Prepare", () => provider.prepare());
    build = await log.group(`Trigger ${spec.title} build`, async () => {
      const created = await trigger(provider, deps, deadline, plan);
      triggeredAt = clock.now();
      log.info(
        `Triggered ${spec.title} build${created.id ? ` ${created.id}` : ""}: ${safeLine(created.providerStatus, 80)}`
      );
      return created;
    });
    if (!settings.wait || provider.waits === false) {
      log.info(
        settings.wait ? `${spec.title} has no way to follow the build here: not waiting for it, and no commit status is posted.` : "wait is false: not waiting for the build, and no commit status is posted (nothing would finish it)."
      );
      await lifecycle.triggered({
        providerTitle: spec.title,
        build,
        waiting: false,
        link: target(build),
        at: triggeredAt
      });
      return await finish({
        status: build.state === "building" ? "building" : "queued",
        build,
        end: "build"
      });
    }
    const triggered = build;
    announce(
      () => lifecycle.triggered({
        providerTitle: spec.title,
        build: triggered,
        waiting: true,
        link: target(triggered),
        at: triggeredAt
      })
    );
    const logShow = new LogShow({
      provider,
      log,
      title: spec.title,
      publicLog: (b) => view.build(b).logUrl
    });
    logs = logShow;
    const waited = await log.group(
      `Wait for ${spec.title} build`,
      async () => waitForBuild({
        provider,
        build,
        clock,
        deadline,
        signal,
        plan: await plan(),
        startedAt: triggeredAt,
        info: (m) => log.info(m),
        onChange: async (changed) => announce(
          () => lifecycle.changed({ providerTitle: spec.title, build: changed, link: target(changed) })
        ),
        ...settings.showLogs === "always" ? { afterPoll: (b) => logShow.follow(b) } : {}
      })
    );
    build = waited.build;
    await logShow.settle();
    if (waited.end === "cancelled") {
      const stopped = stoppedWaiting(signal);
      const cancelled = stopped ? void 0 : await remote.cancel(build, "The run was cancelled");
      return await finish(
        {
          status: "cancelled",
          build,
          message: stopped ?? `Cancelled while waiting for ${spec.title} build${build.id ? ` ${build.id}` : ""}${cancelClause(spec.title, cancelled)}`,
          end: stopped ? "stopped" : "cancelled"
        },
        "cancelled"
      );
    }
    if (waited.end === "timed_out") {
      const why = provider.describeTimeout?.(build) ?? `Timed out after ${formatDuration(settings.timeoutMs)} waiting for ${spec.title} build${build.id ? ` ${build.id}` : ""} (last status: ${build.providerStatus})`;
      const cancelled = provider.cancelOnTimeout ? await remote.cancel(build, "Timed out (cancel-on-timeout)") : void 0;
      return await finish({
        status: "timed_out",
        build,
        message: `${why}${cancelClause(spec.title, cancelled)}. Fix: raise the timeout input, or check the build in ${spec.title}.`,
        end: "timed-out"
      });
    }
    if (settings.showLogs === "always" || settings.showLogs === "on-failure" && build.state !== "success") {
      await logShow.showEnd(build);
    }
    if (build.state === "success") {
      if (provider.finish) build = await provider.finish(build);
      return await finish({ status: "success", build, end: "build" });
    }
    if (build.state === "failure" && provider.explainFailure) {
      const failed = build;
      build = await provider.explainFailure(failed).catch((error) => {
        log.debug(`Reading why the build failed: ${describeError(error)}`);
        return failed;
      });
    }
    return await finish({
      status: build.state === "cancelled" ? "cancelled" : "failure",
      build,
      message: failureMessage(spec.title, build, view.build(build).logUrl),
      end: "build"
    });
  } catch (error) {
    if (signal.aborted) {
      const stopped = stoppedWaiting(signal);
      const cancelled2 = stopped ? void 0 : await remote.cancel(build, "The run was cancelled");
      return await finish(
        {
          status: "cancelled",
          build,
          message: stopped ?? `Cancelled${cancelClause(spec.title, cancelled2)}`,
          end: stopped ? "stopped" : "cancelled"
        },
        "cancelled"
      );
    }
    if (!(error instanceof ActionError))
      log.debug(error instanceof Error ? error.stack ?? error.message : String(error));
    const timedOut = error instanceof HttpError && error.kind === "deadline" || deadline.expired();
    const cancelled = timedOut && provider.cancelOnTimeout ? await remote.cancel(build, "Timed out (cancel-on-timeout)") : void 0;
    if (error instanceof InputError && build === void 0) {
      const result = {
        status: "failure",
        providerTitle: spec.title,
        build,
        durationMs: 0,
        message: describeError(error),
        end: "bad-input"
      };
      await announcing;
      await lifecycle.finished({ outcome: result, link: void 0, local: true });
      return result;
    }
    if (timedOut) {
      return await finish({
        status: "timed_out",
        build,
        message: `Timed out after ${formatDuration(settings.timeoutMs)}: ${describeError(error)}${cancelClause(spec.title, cancelled).replace(/^; (.+)$/, " ($1)")}`,
        end: "timed-out"
      });
    }
    return await finish({
      status: build?.state === "success" ? "success" : "failure",
      build,
      message: `${describeError(error)}${cancelClause(spec.title, cancelled).replace(/^; (.+)$/, " ($1)")}`,
      end: "action-error"
    });
  }
}
var PLAIN_FAILURE_WORDS = /* @__PURE__ */ new Set(["failed", "failure", "fail", "cancelled", "canceled"]);
function failureMessage(title, build, publicLog) {
  const word = build.providerStatus.trim();
  const how = build.state === "cancelled" ? "was cancelled" : "failed";
  const status = PLAIN_FAILURE_WORDS.has(word.toLowerCase()) ? "" : ` (${safeLine(word, 80)})`;
  const reason2 = build.failureReason ? `: ${safeLine(build.failureReason, 300)}` : "";
  const logLink = publicLog ? `. Build log: ${publicLog}` : "";
  return `${title} build${build.id ? ` ${build.id}` : ""} ${how}${status}${reason2}${logLink}`;
}
function checkedOutputs(outcome) {
  if (!outcome.build) return outcome;
  const { build, refused } = checkOutputs(outcome.build);
  if (refused.length === 0) return { ...outcome, build };
  const line = refusalMessage(outcome.providerTitle, refused);
  if (outcome.end === "cancelled" || outcome.end === "stopped") return { ...outcome, build };
  return {
    ...outcome,
    build,
    status: "failure",
    end: "action-error",
    message: outcome.message ? `${line}. ${outcome.message}` : line
  };
}
async function trigger(provider, deps, deadline, plan) {
  const { clock, log, signal } = deps;
  const since = clock.now();
  try {
    return await provider.trigger();
  } catch (error) {
    if (error instanceof BuildConflict) {
      log.info(
        `${trimEndOf(safeLine(error.message), ". 	")}. Waiting for it to end (${error.words.why}).`
      );
      const waited = await waitForBuild({
        provider,
        build: error.running,
        clock,
        deadline,
        signal,
        plan: await plan(),
        startedAt: clock.now(),
        info: (m) => log.info(m)
      });
      if (waited.end === "timed_out") {
        throw new HttpError({
          provider: provider.title,
          what: `wait for the running build ${error.running.id}`,
          kind: "deadline",
          details: { code: "timeout reached" },
          fix: error.words.timeoutFix
        });
      }
      if (waited.end === "cancelled") throw new ActionError("Cancelled");
      log.info(
        `Running build ${error.running.id} ended (${waited.build.providerStatus}); triggering this run's build.`
      );
      try {
        return await provider.trigger();
      } catch (again) {
        if (again instanceof BuildConflict) {
          throw new ActionError(`${again.message} (again, after waiting once)`, {
            fix: again.words.againFix
          });
        }
        throw again;
      }
    }
    if (error instanceof HttpError && error.ambiguous) {
      if (!provider.findTriggered) {
        throw new ActionError(
          `${error.reason}. The request may have reached ${provider.title}; it was not sent again, so this run never creates two builds.`,
          { fix: `check the ${provider.title} dashboard before re-running` }
        );
      }
      const windowMs = Math.min(FIND_TRIGGERED_WINDOW_MS, deadline.remaining());
      log.info(
        `${provider.title}: the trigger's outcome is unknown (${safeLine(error.code ?? `HTTP ${error.status}`)}); looking for the build it may have created for up to ${formatDuration(windowMs)} (build lists can lag behind the trigger).`
      );
      const found = await lookForTriggered(provider, since, windowMs, deps);
      if (found) {
        log.info(`Found build ${found.id} created by this run; not triggering again.`);
        return found;
      }
      if (signal.aborted) throw new ActionError("Cancelled");
      log.info(
        `No build appeared in ${formatDuration(windowMs)}; triggering once more (the one retry).`
      );
      return await provider.trigger();
    }
    throw error;
  }
}
async function lookForTriggered(provider, since, windowMs, deps) {
  const { clock, signal, log } = deps;
  const until = clock.now() + windowMs;
  for (; ; ) {
    const step = Math.min(FIND_TRIGGERED_STEP_MS, until - clock.now());
    if (step > 0) await clock.sleep(step, signal).catch(() => void 0);
    if (signal.aborted) return void 0;
    try {
      const found = await provider.findTriggered?.(since);
      if (found) return found;
    } catch (error) {
      if (!(error instanceof HttpError) || error.kind === "deadline") throw error;
      log.debug(`Looking for the triggered build failed: ${describeError(error)}`);
    }
    if (clock.now() >= until) return void 0;
  }
}
function githubReader(deps) {
  const need = () => {
    if (!deps.github) {
      throw new ActionError(
        `${deps.spec.title} reports build results as GitHub commit statuses, and there is no github-token to read them`,
        {
          fix: "keep the default github-token (${{ github.token }}) or set wait: false"
        }
      );
    }
    return deps.github;
  };
  return {
    sha: deps.run.sha,
    ownContext: deps.settings.statusContext,
    resolveCommit: (ref) => need().resolveCommit(ref),
    listStatuses: (sha2) => need().listStatuses(sha2)
  };
}
function closingWrites(clock, deadline, fn) {
  const outer = currentGitHubBounds();
  return withGitHubBounds(
    {
      ...outer,
      clock,
      until: deadline.at + GITHUB_GRACE_MS,
      attempts: GITHUB_ATTEMPTS
    },
    fn
  );
}

// src/engine/targets.ts
var FAIL_FAST_REASON = "not awaited: fail-fast";
async function runTargets(deps) {
  const { targets, clock, signal } = deps;
  const timeoutMs = deps.step.timeoutMs;
  const deadline = new Deadline(clock, clock.now() + timeoutMs);
  const rateGates = new RateGates();
  const stops = /* @__PURE__ */ new Map();
  let stopReason;
  const results = new Array(targets.length);
  if (deps.multi) deps.saveState(TARGET_COUNT_STATE_KEY, String(targets.length));
  const stopOthers = (failed) => {
    if (stopReason) return;
    stopReason = new StopWaiting(FAIL_FAST_REASON);
    deps.log.info(
      `[${failed.name}] failed; fail-fast is on, so the other targets are no longer awaited.`
    );
    for (const controller of stops.values()) controller.abort(stopReason);
  };
  const runOne = async (target) => {
    const log = deps.multi ? targetLog(deps.log, target.name, deps.maxParallel > 1) : deps.log;
    const why = signal.aborted ? "Cancelled before it started" : stopReason ? stopReason.description : deadline.expired() ? `Not started: the timeout (${formatDuration(timeoutMs)}) ran out while other targets built` : void 0;
    if (why !== void 0) {
      return notStarted(
        deps,
        target,
        why,
        signal.aborted ? "cancelled" : stopReason ? "stopped" : "timed-out",
        deadline
      );
    }
    const controller = new AbortController();
    stops.set(target.index, controller);
    const tempDir = deps.multi ? path8.join(deps.tempDir, `target-${target.index}`) : deps.tempDir;
    if (deps.multi) fs9.mkdirSync(tempDir, { recursive: true });
    try {
      const engine = {
        ...deps,
        settings: target.settings,
        spec: deps.spec(target.settings.provider),
        log,
        signal: AbortSignal.any([signal, controller.signal]),
        saveState: deps.multi ? (key, value) => deps.saveState(targetStateKey(key, target.index), value) : deps.saveState,
        tempDir,
        deadline,
        rateGates
      };
      const extra = deps.extraReporters?.(target) ?? [];
      const outcome = await runBuild(
        extra.length > 0 ? { ...engine, reporters: [...createReporters(engine), ...extra] } : engine
      );
      return { target, outcome, started: true };
    } finally {
      stops.delete(target.index);
    }
  };
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < targets.length; i = next++) {
      const target = targets[i];
      const result = await runOne(target);
      results[i] = result;
      if (deps.failFast && triggersFailFast(result.outcome)) stopOthers(target);
    }
  };
  let closingQueued = Promise.resolve();
  const closeQueued = () => {
    const first = next;
    next = targets.length;
    closingQueued = Promise.all(
      targets.slice(first).map(async (target, k) => results[first + k] = await runOne(target))
    );
  };
  signal.addEventListener("abort", closeQueued, { once: true });
  try {
    const workers = Math.max(1, Math.min(deps.maxParallel, targets.length));
    await Promise.all(Array.from({ length: workers }, worker));
    await closingQueued;
  } finally {
    signal.removeEventListener("abort", closeQueued);
  }
  return results.map((result) => result);
}
async function notStarted(deps, target, why, end, deadline) {
  const { settings } = target;
  const spec = deps.spec(settings.provider);
  const outcome = {
    status: end === "timed-out" ? "timed_out" : "cancelled",
    end,
    providerTitle: spec.title,
    build: void 0,
    durationMs: 0,
    message: why
  };
  if (settings.wait) {
    const statuses = new CommitStatusReporter({
      api: settings.commitStatus ? deps.github : void 0,
      owner: deps.run.owner,
      repo: deps.run.repo,
      apiUrl: deps.run.apiUrl,
      sha: deps.run.sha,
      context: settings.statusContext,
      log: deps.log,
      saveState: deps.multi ? (key, value) => deps.saveState(targetStateKey(key, target.index), value) : deps.saveState
    });
    await closingWrites(
      deps.clock,
      deadline,
      () => statuses.update("error", why, deps.run.runUrl || void 0)
    );
  }
  deps.log.info(`[${target.name}] ${why}.`);
  return { target, outcome, started: false };
}
function targetLog(base, name, concurrent) {
  const tag = `[${safeLine(name, 100)}]`;
  return {
    info: (m) => base.info(`${tag} ${m}`),
    warning: (m) => base.warning(`${tag} ${m}`),
    debug: (m) => base.debug(`${tag} ${m}`),
    group: (title, fn) => {
      if (!concurrent) return base.group(`${tag} ${title}`, fn);
      base.info(`${tag} \u25B8 ${title}`);
      return fn();
    },
    // A provider log block is printed in one go, so its lines stay together even side by side;
    // side by side it is also its own collapsed group (opened and filled synchronously).
    untrusted: (lines) => {
      const tagged = lines.map((line) => `${tag} ${line}`);
      if (!concurrent) base.untrusted(tagged);
      else void base.group(`${tag} build log`, async () => base.untrusted(tagged));
    }
  };
}

// src/engine/step.ts
var INTERRUPT_GRACE_MS = 7e3;
async function runStep(host) {
  const { log } = host;
  let outputsSet = false;
  const setOutputs = (outputs) => {
    outputsSet = true;
    host.writeOutputs(outputs);
  };
  const controller = new AbortController();
  let github;
  let interrupted = false;
  let known;
  const onSignal = (signal) => {
    if (interrupted) {
      host.interrupt.exit(host.interrupt.exitCode);
      return;
    }
    interrupted = true;
    log.info(host.interrupt.notice(signal));
    github?.interrupt?.();
    controller.abort(new Error(`received ${signal}`));
    setTimeout(() => {
      if (!outputsSet && known) {
        try {
          setOutputs(stepOutputs(cutShort(known), known.multi));
        } catch (error) {
          log.warning(`Could not set the outputs: ${describeError(error)}`);
        }
      }
      host.interrupt.exit(host.interrupt.exitCode);
    }, INTERRUPT_GRACE_MS).unref();
  };
  host.signals.on("SIGINT", onSignal);
  host.signals.on("SIGTERM", onSignal);
  let tempDir;
  try {
    let plan;
    let run2;
    try {
      plan = await host.readPlan();
      known = plan;
      for (const line of plan.warnings) log.warning(line);
      run2 = host.runContext(plan.step);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      setOutputs(outputsBeforeRun());
      return { kind: "bad-input", exitCode: EXIT.badInput, line: describeError(error) };
    }
    ({ github, run: run2 } = await openGitHub(plan, run2, host));
    if (interrupted) github?.interrupt?.();
    const memory = /* @__PURE__ */ new Map();
    const saveState = host.saveState ?? ((key, value) => memory.set(key, value));
    tempDir = fs10.mkdtempSync(path9.join(host.env["RUNNER_TEMP"] || os.tmpdir(), "trigger-build-"));
    const single = plan.multi ? void 0 : host.summary?.single;
    const results = await runTargets({
      ...plan,
      spec: providerSpec,
      run: run2,
      clock: host.clock,
      signal: controller.signal,
      log,
      github,
      saveState,
      tempDir,
      env: host.env,
      ...single ? { writeSummary: single } : {},
      ...host.extraReporters ? { extraReporters: (target) => host.extraReporters(target, plan) } : {}
    });
    if (!host.saveState && github) {
      const client = github;
      await runPost({
        getState: (key) => memory.get(key) ?? "",
        token: plan.step.githubToken,
        github: () => client,
        log
      });
    }
    const named = namedOutcomes(results);
    const outputs = stepOutputs(named, plan.multi);
    setOutputs(outputs);
    const verdict2 = stepVerdict(named, {
      failOnError: plan.step.failOnError,
      multi: plan.multi,
      interrupted: interrupted && host.interrupt.decidesVerdict
    });
    if (plan.multi) await host.summary?.targets(targetsSummaryTable(named, verdict2.status));
    return {
      kind: "ran",
      exitCode: verdict2.exitCode,
      plan,
      named,
      verdict: verdict2,
      outputs,
      interrupted
    };
  } catch (error) {
    log.debug(error instanceof Error ? error.stack ?? "" : String(error));
    if (!outputsSet) {
      try {
        setOutputs(outputsBeforeRun());
      } catch (outputError) {
        log.warning(`Could not set the outputs: ${describeError(outputError)}`);
      }
    }
    return { kind: "crashed", exitCode: EXIT.toolFailed, error };
  } finally {
    host.signals.removeListener("SIGINT", onSignal);
    host.signals.removeListener("SIGTERM", onSignal);
    if (tempDir) fs10.rmSync(tempDir, { recursive: true, force: true });
  }
}
async function openGitHub(plan, given, host) {
  let run2 = given;
  const token = plan.step.githubToken;
  const client = token && run2.owner && run2.repo ? host.github(token, run2.owner, run2.repo, run2.apiUrl) : void 0;
  if (client && !run2.sha && run2.readHeadOf !== void 0) {
    const number = run2.readHeadOf;
    try {
      const head = await client.pullRequestHead(number);
      run2 = { ...run2, sha: head.sha, ref: head.ref };
      host.log.info(`Commit: ${run2.sha.slice(0, 7)}, the head of pull request #${number}.`);
    } catch (error) {
      host.log.warning(
        `Could not read the head commit of pull request #${number}: ${describeError(error)}. Fix: grant the job "permissions: pull-requests: read", or set the sha input.`
      );
    }
  }
  const missing = [
    ...token ? [] : ["token"],
    ...run2.owner && run2.repo ? [] : ["repo"],
    ...run2.sha ? [] : ["commit"]
  ];
  if (missing.length === 0) return { github: client, run: run2 };
  if (plan.targets.some((t) => t.settings.commitStatus)) host.gitHubOff(missing);
  return { github: void 0, run: run2 };
}
function cutShort(plan) {
  return plan.targets.map((target) => ({
    name: target.name,
    provider: target.settings.provider,
    outcome: {
      status: "cancelled",
      end: "cancelled",
      providerTitle: providerSpec(target.settings.provider).title,
      build: void 0,
      durationMs: 0,
      message: `Cancelled: the ${INTERRUPT_GRACE_MS / 1e3} s after the signal ran out before this target was closed`
    }
  }));
}

// src/cli/action-inputs.generated.ts
var VERSION = "1.0.0";
var ACTION_INPUTS = [
  {
    "name": "provider",
    "description": "The Builds API: jamdesk, sitepaste, justdeploy, deskforge, deployhub, custom (any JSON Builds API, described by the trigger-endpoint and status-endpoint inputs), or github-workflow (a workflow in another repository or this one, dispatched and awaited).",
    "default": "",
    "required": true
  },
  {
    "name": "project",
    "description": "The provider's project id. Required for every provider except sitepaste.",
    "default": "",
    "required": false
  },
  {
    "name": "token",
    "description": "API token, sent as Authorization: Bearer. For justdeploy, the access key (X-Access-Key); for custom, whatever auth-header says (not needed with auth-header: none or with {oidc-token}); for github-workflow, a token with actions: write on repository (defaults to github-token when repository is this one). Pass it from a secret.",
    "default": "",
    "required": true
  },
  {
    "name": "secret-key",
    "description": "JustDeploy secret key (X-Secret-Key). Required for justdeploy.",
    "default": "",
    "required": false
  },
  {
    "name": "organization",
    "description": "JustDeploy organization id. Required for justdeploy.",
    "default": "",
    "required": false
  },
  {
    "name": "api-url",
    "description": "Base URL override (self-hosted, proxy, tests). Defaults to the provider's public API (github-workflow: the run's GITHUB_API_URL, so GHES works); required for custom. Must be https unless it is a loopback address, with no query string or #fragment. Credentials are sent to this origin only.",
    "default": "",
    "required": false
  },
  {
    "name": "artifact",
    "description": "A .zip file, or a directory that the action zips, uploaded before the build. Required for justdeploy.",
    "default": "",
    "required": false
  },
  {
    "name": "include-hidden-files",
    "description": "When artifact is a directory: true zips dotfiles and dot-directories too (.git never goes in). By default they are left out, with a warning naming them.",
    "default": "false",
    "required": false
  },
  {
    "name": "stage",
    "description": "JustDeploy stage.",
    "default": "production",
    "required": false
  },
  {
    "name": "platform",
    "description": "Deskforge platform: mac, windows or linux. Required for deskforge.",
    "default": "",
    "required": false
  },
  {
    "name": "arch",
    "description": "Deskforge architecture: x64 or arm64.",
    "default": "x64",
    "required": false
  },
  {
    "name": "version",
    "description": "Deskforge semantic version, e.g. 1.2.3 or 1.2.3-rc.1. A tag name's leading v is dropped (v1.2.3 sends 1.2.3).",
    "default": "",
    "required": false
  },
  {
    "name": "download-to",
    "description": "Deskforge: save the built artifact to this file (or into this directory) after success.",
    "default": "",
    "required": false
  },
  {
    "name": "pages",
    "description": "Sitepaste: glob of Markdown files upserted as pages before the one build.",
    "default": "",
    "required": false
  },
  {
    "name": "site-url",
    "description": "Sitepaste: the live site URL, snapshotted before the trigger so a change can be detected. Defaults to the deployUrl Sitepaste returns.",
    "default": "",
    "required": false
  },
  {
    "name": "wait",
    "description": "Wait for the build to finish. false returns once the build is queued (and posts no commit status).",
    "default": "true",
    "required": false
  },
  {
    "name": "timeout",
    "description": "How long to wait in all (upload, trigger and wait): 90, 90s, 15m or 1h.",
    "default": "30m",
    "required": false
  },
  {
    "name": "poll-interval",
    "description": "The longest gap between two status reads. The action polls sparsely early and briskly near the expected end (history only ever makes polls denser), never faster than the provider allows.",
    "default": "5s",
    "required": false
  },
  {
    "name": "fail-on-error",
    "description": "Fail the step when the build fails, times out (anywhere: waiting, uploading, downloading) or is cancelled; false makes those a warning.",
    "default": "true",
    "required": false
  },
  {
    "name": "commit-status",
    "description": "Post a GitHub commit status for the build (needs permissions: statuses: write).",
    "default": "true",
    "required": false
  },
  {
    "name": "status-context",
    "description": "The commit status context (what branch protection requires). Defaults to build/<provider>.",
    "default": "",
    "required": false
  },
  {
    "name": "github-token",
    "description": "Token for commit statuses (statuses: write), deployments (deployments: write), the pull request comment (pull-requests: write) and, for jamdesk, for reading its statuses.",
    "default": "${{ github.token }}",
    "required": false
  },
  {
    "name": "sha",
    "description": 'Commit the status is posted on: the full 40-character sha (a short sha is refused, GitHub would reject it). Defaults to the commit the event is about (the pull request head on pull request events and on comments on a pull request, workflow_run/check_suite/check_run head_sha, merge_group head_sha, deployment sha; README, "Which commit and pull request"), else GITHUB_SHA.',
    "default": "",
    "required": false
  },
  {
    "name": "show-logs",
    "description": "Print the provider's build log where it has one: always, on-failure or never.",
    "default": "on-failure",
    "required": false
  },
  {
    "name": "on-conflict",
    "description": "JustDeploy 409 (a build already running on the stage): wait for it and then build, or fail.",
    "default": "wait",
    "required": false
  },
  {
    "name": "environment",
    "description": "Create a GitHub Deployment of the built commit in this environment (e.g. preview-pr-123 or production). Empty means no deployment. Needs permissions: deployments: write.",
    "default": "",
    "required": false
  },
  {
    "name": "environment-url",
    "description": "The deployment's environment URL. Defaults to the build's deploy-url output.",
    "default": "",
    "required": false
  },
  {
    "name": "production-environment",
    "description": "Mark the environment as production. Defaults to true when environment is production, else false.",
    "default": "",
    "required": false
  },
  {
    "name": "transient-environment",
    "description": "Mark the environment as transient (it goes away, like a pull request preview). Defaults to true on pull request events, else false.",
    "default": "",
    "required": false
  },
  {
    "name": "auto-inactive",
    "description": "When the deployment succeeds, mark the same environment's earlier deployments inactive. Other environments (other pull requests' previews) are never touched.",
    "default": "true",
    "required": false
  },
  {
    "name": "pr-comment",
    "description": "Keep one comment per pull request and status-context up to date: building, then the result with links. Needs permissions: pull-requests: write.",
    "default": "false",
    "required": false
  },
  {
    "name": "pr-number",
    "description": "The pull request to comment on. Defaults to the event's pull request (pull request events, a comment on a pull request, the first pull request of a workflow_run, check_suite or check_run); set it in push workflows and for pull requests from forks in workflow_run.",
    "default": "",
    "required": false
  },
  {
    "name": "check-run",
    "description": "Also keep a check run on the built commit: in progress with links right after the trigger, updated as the build goes, completed with success, failure, timed_out or cancelled (never left in progress). Branch protection can require it. Needs permissions: checks: write.",
    "default": "false",
    "required": false
  },
  {
    "name": "check-name",
    "description": "The check run's name. Defaults to the status context (so each target has its own).",
    "default": "",
    "required": false
  },
  {
    "name": "targets",
    "description": `Several builds in one step: a YAML list (or JSON array) of maps, each overriding the step's inputs for one build (platform, arch, stage, project, provider, token, api-url, status-context, ...), plus an optional name. Each target posts its own commit status, "<status-context> (<name>)". Empty: one build from the step's inputs.`,
    "default": "",
    "required": false
  },
  {
    "name": "max-parallel",
    "description": "With targets: how many builds are in flight at once; the rest queue.",
    "default": "4",
    "required": false
  },
  {
    "name": "fail-fast",
    "description": 'With targets: when one build fails, stop waiting for the others (their statuses get error "not awaited: fail-fast", their results cancelled).',
    "default": "false",
    "required": false
  },
  {
    "name": "auth-header",
    "description": "custom: the header that carries the token, with {token} where it goes (e.g. 'Circle-Token: {token}'), or none. With {oidc-token} instead ('Authorization: Bearer {oidc-token}') the action sends GitHub's OIDC token for oidc-audience, renewed before it expires; no token secret is needed, and the job needs permissions: id-token: write.",
    "default": "Authorization: Bearer {token}",
    "required": false
  },
  {
    "name": "oidc-audience",
    "description": "custom: the audience (aud claim) of the OIDC token sent for {oidc-token}. Default: the api-url origin, e.g. https://deploy.example.com.",
    "default": "",
    "required": false
  },
  {
    "name": "headers",
    "description": "custom: extra request headers, one Name: value a line (sent to the api-url origin only).",
    "default": "",
    "required": false
  },
  {
    "name": "trigger-endpoint",
    "description": "custom: METHOD /path below api-url that starts a build (method defaults to POST); {project} is the project input, URL-encoded. Required for custom.",
    "default": "",
    "required": false
  },
  {
    "name": "trigger-body",
    "description": "custom: JSON text sent as the trigger request body.",
    "default": "",
    "required": false
  },
  {
    "name": "build-id-field",
    "description": "custom: where the build id is in the trigger's answer, a JSONPath singular query such as $.id or $.data.build.id.",
    "default": "id",
    "required": false
  },
  {
    "name": "status-endpoint",
    "description": "custom: METHOD /path/{id} that reads the build (method defaults to GET); {id} and {project} are URL-encoded. Without it the run is fire-and-forget (status queued).",
    "default": "",
    "required": false
  },
  {
    "name": "status-field",
    "description": "custom: where the status word is in the status endpoint's answer (JSONPath singular query, e.g. $.items[0].status). Like every *-field input it may list several paths separated by commas; the first present and not null wins (e.g. $.conclusion, $.status).",
    "default": "status",
    "required": false
  },
  {
    "name": "success-values",
    "description": "custom: comma-separated status words that mean success.",
    "default": "success,succeeded,successful,ready,deployed,done,completed,passed",
    "required": false
  },
  {
    "name": "failure-values",
    "description": "custom: comma-separated status words that mean failure.",
    "default": "failed,failure,error,errored,canceled,cancelled",
    "required": false
  },
  {
    "name": "running-values",
    "description": 'custom: comma-separated status words that mean still running. When set, any word in none of the three lists fails the run ("unexpected status word").',
    "default": "",
    "required": false
  },
  {
    "name": "deploy-url-field",
    "description": "custom: where the deploy URL is in the answers (JSONPath singular query); sets the deploy-url output.",
    "default": "",
    "required": false
  },
  {
    "name": "log-url-field",
    "description": "custom: where the build log URL is in the answers (JSONPath singular query); sets the log-url output, and a log that answers text (not HTML) is read for show-logs and the check run.",
    "default": "",
    "required": false
  },
  {
    "name": "failure-reason-field",
    "description": "custom: where the reason for a failure is in the answers (JSONPath singular query), shown in the error line.",
    "default": "",
    "required": false
  },
  {
    "name": "cancel-endpoint",
    "description": "custom: METHOD /path/{id} that cancels the build (method defaults to POST); called when the workflow is cancelled, and on timeout with cancel-on-timeout.",
    "default": "",
    "required": false
  },
  {
    "name": "cancel-on-timeout",
    "description": "custom and github-workflow: also cancel the build (the workflow run) when the run times out.",
    "default": "false",
    "required": false
  },
  {
    "name": "repository",
    "description": "github-workflow: owner/name of the repository whose workflow to run. Defaults to this repository.",
    "default": "",
    "required": false
  },
  {
    "name": "workflow",
    "description": "github-workflow: the workflow file name (e.g. ci.yml) or its numeric id. Required for github-workflow.",
    "default": "",
    "required": false
  },
  {
    "name": "ref",
    "description": "github-workflow: the branch or tag to run the workflow on. Required for another repository; for this one it defaults to the branch the event is about (a pull request's head branch, a workflow_run's head_branch, the pushed branch or tag; docs/events.md).",
    "default": "",
    "required": false
  },
  {
    "name": "workflow-inputs",
    "description": "github-workflow: the workflow inputs, a YAML or JSON map of names to values (at most 25, GHES 10).",
    "default": "",
    "required": false
  },
  {
    "name": "distinct-id-input",
    "description": "github-workflow: the name of a workflow input the target declares and shows in its run-name; the action sends a unique id there and follows the run whose title carries it (needed on GHES to tell a concurrent dispatch from this run's).",
    "default": "",
    "required": false
  }
];

// src/inputs/reporting.ts
var DEFAULT_REPORTING = Object.freeze({
  environment: "",
  environmentUrl: "",
  productionEnvironment: false,
  transientEnvironment: void 0,
  autoInactive: true,
  prComment: false,
  prNumber: void 0,
  checkRun: false,
  checkName: ""
});
function readReportingInputs(get) {
  const environment = get("environment");
  if (environment.length > 255) {
    throw new InputError("environment", "is longer than 255 characters", "use a shorter name");
  }
  if (/[\u0000-\u001f\u007f]/.test(environment)) {
    throw new InputError("environment", "contains a control character", "use a plain name");
  }
  const environmentUrl = get("environment-url");
  if (environmentUrl) {
    let url;
    try {
      url = new URL(environmentUrl);
    } catch {
      url = void 0;
    }
    if (!url || url.protocol !== "https:" && url.protocol !== "http:") {
      throw new InputError(
        "environment-url",
        `must be an http(s) URL, got '${environmentUrl}'`,
        "use the full address, such as https://preview.example.com"
      );
    }
  }
  const prRaw = get("pr-number");
  if (prRaw && !/^[1-9]\d{0,9}$/.test(prRaw)) {
    throw new InputError(
      "pr-number",
      `must be a pull request number, got '${prRaw}'`,
      "pass a number such as ${{ github.event.workflow_run.pull_requests[0].number }}"
    );
  }
  const checkName2 = get("check-name");
  if (/[\u0000-\u001f\u007f]/.test(checkName2) || checkName2.length > 255) {
    throw new InputError(
      "check-name",
      "contains a control character or is longer than 255 characters",
      "use a short plain name such as build/deskforge"
    );
  }
  const transient = get("transient-environment");
  return Object.freeze({
    environment,
    environmentUrl,
    productionEnvironment: bool(
      get("production-environment"),
      "production-environment",
      environment.toLowerCase() === "production"
    ),
    transientEnvironment: transient === "" ? void 0 : bool(transient, "transient-environment", false),
    autoInactive: bool(get("auto-inactive"), "auto-inactive", true),
    prComment: bool(get("pr-comment"), "pr-comment", false),
    prNumber: prRaw ? Number(prRaw) : void 0,
    checkRun: bool(get("check-run"), "check-run", false),
    checkName: checkName2
  });
}

// src/inputs.ts
var actionsInputReader = (name) => getInput(name);
var COMMON_INPUTS = [
  "provider",
  "api-url",
  "wait",
  "timeout",
  "poll-interval",
  "fail-on-error",
  "commit-status",
  "status-context",
  "github-token",
  "sha",
  "show-logs"
];
function declaredInputs() {
  return Object.values(PROVIDERS).flatMap((spec) => spec.inputs);
}
function declaredSecrets() {
  const finders = /* @__PURE__ */ new Map();
  for (const input of declaredInputs()) {
    if (input.secrets) finders.set(input.name, input.secrets);
  }
  return (name, value) => {
    const find = finders.get(name);
    return find && value.trim() ? secretValues(find(value.trim())) : [];
  };
}
function secretInputs() {
  const declared = declaredInputs().filter((input) => input.secret).map((input) => input.name);
  return [.../* @__PURE__ */ new Set(["token", ...declared, "github-token"])];
}
function providerInputNames() {
  return [...new Set(declaredInputs().map((input) => input.name))];
}
function inputDefaults(inputs) {
  const defaults = new Map(inputs.map((input) => [input.name, input.default.trim()]));
  return (name) => defaults.get(name) ?? "";
}
function ignoredInputs(providers, get, defaults) {
  const read = new Set(providers.flatMap((name) => PROVIDERS[name].inputs.map((i) => i.name)));
  return providerOnlyInputs().filter(
    (name) => !read.has(name) && get(name).trim() !== defaults(name).trim()
  );
}
function providerOnlyInputs() {
  const generic = /* @__PURE__ */ new Set(["token", ...COMMON_INPUTS]);
  return providerInputNames().filter((name) => !generic.has(name));
}
function ignoredInputsWarning(ignored, providers) {
  if (ignored.length === 0) return void 0;
  const many = ignored.length > 1;
  const names2 = [...new Set(providers)];
  return `Input${many ? "s" : ""} ${ignored.join(", ")} ${many ? "are" : "is"} not read by provider${names2.length > 1 ? "s" : ""} ${names2.join(", ")} and ${many ? "are" : "is"} ignored; remove ${many ? "them" : "it"}, or check provider`;
}
function isRequired(input, get) {
  if (!input?.required) return false;
  return input.required === true || input.required(get);
}
function readSettings(read = actionsInputReader, mask = setSecret, run2 = NO_RUN_FACTS) {
  const get = (name) => read(name).trim();
  const token = get("token");
  const githubToken = get("github-token");
  const secrets = secretInputs().map((name) => [name, get(name)]);
  for (const [, secret] of secrets) {
    if (!secret) continue;
    mask(secret);
    for (const line of secretLines(secret)) mask(line);
  }
  for (const [input, secret] of secrets) {
    const problem = headerValueProblem(secret);
    if (problem) {
      throw new InputError(
        input,
        problem,
        "copy the secret again as one line of printable characters (leading and trailing whitespace is trimmed)"
      );
    }
  }
  const provider = get("provider").toLowerCase();
  if (!provider) {
    throw new InputError(
      "provider",
      "is required",
      `set it to one of: ${PROVIDER_NAMES.join(", ")}`
    );
  }
  if (!isProviderName(provider)) {
    throw new InputError(
      "provider",
      `has an unknown value '${provider}'`,
      `use one of: ${PROVIDER_NAMES.join(", ")}`
    );
  }
  const spec = providerSpec(provider);
  const found = new Set(
    secrets.filter(([name, value]) => value && name !== "token" && name !== "github-token").map(([, value]) => value)
  );
  for (const input of spec.inputs) {
    if (!input.secrets || !get(input.name)) continue;
    for (const secret of secretValues(input.secrets(get(input.name)))) {
      if (found.has(secret) || secrets.some(([, known]) => known === secret)) continue;
      found.add(secret);
      mask(secret);
    }
  }
  const tokenInput = spec.inputs.find((input) => input.name === "token");
  if (!token && isRequired(tokenInput, get)) {
    throw new InputError(
      "token",
      `is required for provider '${provider}'`,
      tokenInput?.fix ?? "pass the API token from a secret: token: ${{ secrets.BUILD_API_TOKEN }}"
    );
  }
  const defaultApiUrl = typeof spec.defaultApiUrl === "function" ? spec.defaultApiUrl(run2) : spec.defaultApiUrl;
  if (!get("api-url") && !defaultApiUrl) {
    throw new InputError(
      "api-url",
      `is required for provider '${provider}'`,
      "set it to the base URL of the Builds API, e.g. https://builds.example.com/api/v1"
    );
  }
  const common = {
    provider,
    token,
    apiUrl: apiUrl(get("api-url") || defaultApiUrl),
    wait: bool(get("wait"), "wait", true),
    timeoutMs: duration(get("timeout") || "30m", "timeout"),
    pollIntervalMs: duration(get("poll-interval") || "5s", "poll-interval"),
    failOnError: bool(get("fail-on-error"), "fail-on-error", true),
    commitStatus: bool(get("commit-status"), "commit-status", true),
    statusContext: get("status-context") || `build/${provider}`,
    githubToken,
    sha: sha(get("sha")),
    showLogs: oneOf(get("show-logs") || "on-failure", "show-logs", [
      "always",
      "on-failure",
      "never"
    ])
  };
  const own = spec.readInputs(get, { token, githubToken, mask }, run2);
  const settings = { ...common, ...readReportingInputs(get), secrets: [...found] };
  for (const input of spec.inputs) {
    if (input.name !== "token" && !get(input.name) && isRequired(input, get)) {
      throw new InputError(
        input.name,
        `is required for provider '${provider}'`,
        input.fix ?? `set ${input.name}`
      );
    }
  }
  if (settings.statusContext.length > 255) {
    throw new InputError(
      "status-context",
      "is longer than 255 characters",
      "use a shorter context"
    );
  }
  return Object.freeze({ ...settings, provider, own: Object.freeze(own) });
}
function duration(value, input) {
  const ms = parseDuration(value);
  if (ms === void 0 || ms <= 0) {
    throw new InputError(
      input,
      `must be a duration like 90, 90s, 15m or 1h, got '${value}'`,
      "use whole seconds, or a number followed by s, m or h"
    );
  }
  return ms;
}
function sha(value) {
  if (value && !/^[0-9a-f]{40}$/i.test(value)) {
    throw new InputError(
      "sha",
      `must be a full commit sha (40 hex characters), got '${value}'`,
      "pass the whole sha, e.g. ${{ github.event.pull_request.head.sha }} or the output of git rev-parse HEAD"
    );
  }
  return value.toLowerCase();
}

// src/inputs/targets.ts
var STEP_INPUTS = [
  "targets",
  "max-parallel",
  "fail-fast",
  "timeout",
  "wait",
  "fail-on-error",
  "github-token",
  "sha"
];
var TARGET_COMMON_INPUTS = [
  "provider",
  "api-url",
  "poll-interval",
  "commit-status",
  "status-context",
  "show-logs"
];
function targetInputs() {
  return [.../* @__PURE__ */ new Set([...TARGET_COMMON_INPUTS, ...providerInputNames()])];
}
var SECRET_KEY = /token|secret|password|key$/i;
var UNNAMED_KEYS = /* @__PURE__ */ new Set(["token", "api-url", "status-context"]);
var NAME_CHARS = /^[\p{L}\p{N} ._+\-/:@(),]+$/u;
var MAX_NAME2 = 100;
var MAX_TARGETS = 50;
function label2(index, total, name) {
  return `target ${index + 1} of ${total}${name ? ` ('${name}')` : ""}`;
}
function targetsError(problem, fix) {
  return new InputError("targets", problem, fix);
}
async function parseTargets(text2, mask, secretsIn = () => []) {
  const { LineCounter, parseDocument } = await import("./yaml-6ZB2SEGI.js");
  const lines = new LineCounter();
  const doc = parseDocument(text2, {
    schema: "failsafe",
    uniqueKeys: true,
    // `<<: *base` shares inputs between targets, as in YAML 1.1 (workflow files use anchors too);
    // YAML 1.2 left merge keys out, so without this `<<` would be read as an input named `<<`.
    merge: true,
    prettyErrors: false,
    lineCounter: lines
  });
  const problem = doc.errors[0];
  if (problem) {
    const at = lines.linePos(problem.pos[0]);
    throw targetsError(
      `is not valid YAML (line ${at.line}, column ${at.col}: ${problem.message.split("\n")[0]})`,
      'write a list of maps, e.g. "- platform: mac" on one line and "- platform: linux" on the next'
    );
  }
  const data = doc.toJS();
  if (!Array.isArray(data)) {
    throw targetsError(
      `must be a list of maps, got ${data === null || data === "" ? "nothing" : "a single " + (typeof data === "string" ? "value" : "map")}`,
      'start each target with "- ", e.g. "- platform: mac"'
    );
  }
  if (data.length === 0)
    throw targetsError("is an empty list", "add a target, or remove the input");
  if (data.length > MAX_TARGETS) {
    throw targetsError(`has ${data.length} targets; at most ${MAX_TARGETS} are allowed`);
  }
  for (const entry of data) {
    if (!entry || typeof entry !== "object" || Array.isArray(entry)) continue;
    for (const [key, value] of Object.entries(entry)) {
      if (typeof value !== "string" || !value.trim()) continue;
      if (SECRET_KEY.test(key)) mask(value.trim());
      for (const secret of secretsIn(key, value)) mask(secret);
    }
  }
  return data.map((entry, index) => {
    if (!entry || typeof entry !== "object" || Array.isArray(entry)) {
      throw targetsError(
        `has a bad ${label2(index, data.length)}: it is not a map of inputs`,
        'write each target as "- input: value" lines'
      );
    }
    const values = {};
    let name;
    for (const [key, value] of Object.entries(entry)) {
      if (typeof value !== "string") {
        throw targetsError(
          `has a bad ${label2(index, data.length)}: '${key}' must be a single value, not a ${Array.isArray(value) ? "list" : "map"}`
        );
      }
      if (key === "name") name = value.trim();
      else values[key] = value;
    }
    if (name !== void 0) checkName(name, index, data.length);
    return { index, name, values };
  });
}
function checkName(name, index, total) {
  if (!name || name.length > MAX_NAME2 || !NAME_CHARS.test(name)) {
    throw targetsError(
      `has a bad ${label2(index, total)}: 'name' must be 1 to ${MAX_NAME2} letters, digits, spaces or . _ + - / : @ ( ) ,`,
      "it is printed in the log and in the commit status context"
    );
  }
}
function declaredAddresses() {
  return new Set(
    declaredInputs().filter((input) => input.address).map((input) => input.name)
  );
}
function defaultName(raw, secretsIn = () => [], addresses = /* @__PURE__ */ new Set()) {
  const words2 = Object.entries(raw.values).filter(
    ([key, value]) => !UNNAMED_KEYS.has(key) && !addresses.has(key) && !STEP_INPUTS.includes(key) && !SECRET_KEY.test(key) && secretsIn(key, value).length === 0 && value.trim()
  ).map(([, value]) => value.trim().replace(/[^\p{L}\p{N} ._+\-/:@(),]+/gu, "-"));
  const joined = words2.join(" ").replace(/\s+/g, " ").trim().slice(0, MAX_NAME2).trim();
  return joined || `target ${raw.index + 1}`;
}
function resolveTarget(raw, total, read, name = raw.name ?? defaultName(raw), mask, run2 = NO_RUN_FACTS) {
  const own = (key) => Object.prototype.hasOwnProperty.call(raw.values, key);
  const where = `has a bad ${label2(raw.index, total, name)}`;
  for (const key of Object.keys(raw.values)) {
    if (STEP_INPUTS.includes(key)) {
      throw targetsError(
        `${where}: '${key}' applies to the whole step and cannot be set per target`,
        `set ${key} as an input of the step`
      );
    }
  }
  const asked = /* @__PURE__ */ new Set();
  const layered = (input) => {
    asked.add(input);
    if (own(input)) return raw.values[input] ?? "";
    if (input === "status-context") {
      const provider2 = (own("provider") ? raw.values["provider"] ?? "" : read("provider")).trim().toLowerCase();
      return `${read("status-context").trim() || `build/${provider2}`} (${name})`;
    }
    return read(input);
  };
  let settings;
  let failure;
  try {
    settings = readSettings(layered, mask, run2);
  } catch (error) {
    failure = error;
  }
  const accepted = targetInputs();
  const unknown = Object.keys(raw.values).filter(
    (key) => !accepted.includes(key) && !asked.has(key)
  );
  if (unknown.length > 0) {
    throw targetsError(
      `${where}: unknown key${unknown.length > 1 ? "s" : ""} ${unknown.map((k) => `'${k}'`).join(", ")}`,
      `use input names (${accepted.slice(0, 6).join(", ")}, ...) or 'name'`
    );
  }
  const provider = layered("provider").trim().toLowerCase();
  if (isProviderName(provider)) {
    const read2 = new Set(PROVIDERS[provider].inputs.map((input) => input.name));
    const providerOnly = new Set(providerOnlyInputs());
    const foreign = Object.keys(raw.values).filter(
      (key) => providerOnly.has(key) && !read2.has(key)
    );
    if (foreign.length > 0) {
      const many = foreign.length > 1;
      throw targetsError(
        `${where}: ${foreign.map((k) => `'${k}'`).join(", ")} ${many ? "are" : "is"} not read by provider ${provider}`,
        `remove ${many ? "them" : "it"} from the target, or check its provider`
      );
    }
  }
  if (failure instanceof InputError) {
    if (!own(failure.input) && failure.input !== "status-context" && STEP_INPUTS.includes(failure.input))
      throw failure;
    throw targetsError(`${where}: ${failure.reason.replace(/^Input /, "input ")}`, failure.fix);
  }
  if (failure !== void 0) throw failure;
  return { index: raw.index, name, settings };
}
async function readPlan(read, mask, run2 = NO_RUN_FACTS, defaults = () => "") {
  const get = (name) => read(name).trim();
  const maxParallel = positiveInt(get("max-parallel") || "4", "max-parallel");
  const failFast = bool(get("fail-fast"), "fail-fast", false);
  const text2 = read("targets");
  if (!text2.trim()) {
    const settings = readSettings(read, mask, run2);
    return Object.freeze({
      multi: false,
      step: stepSettings(settings),
      targets: [{ index: 0, name: settings.provider, settings }],
      maxParallel,
      failFast,
      warnings: ignoredWarnings([settings.provider], read, defaults)
    });
  }
  const secretsIn = declaredSecrets();
  const raws = await parseTargets(text2, mask, secretsIn);
  const addresses = declaredAddresses();
  const names2 = raws.map((raw) => raw.name ?? defaultName(raw, secretsIn, addresses));
  const unique2 = uniqueNames(names2, raws);
  const targets = raws.map(
    (raw, i) => Object.freeze(resolveTarget(raw, raws.length, read, unique2[i], mask, run2))
  );
  const contexts = /* @__PURE__ */ new Map();
  for (const target of targets) {
    const other = contexts.get(target.settings.statusContext);
    if (other !== void 0 && target.settings.commitStatus) {
      throw targetsError(
        `has a bad ${label2(target.index, targets.length, target.name)}: it posts the same commit status context as target ${other + 1} ('${target.settings.statusContext}')`,
        "give each target its own name or status-context"
      );
    }
    if (target.settings.commitStatus) contexts.set(target.settings.statusContext, target.index);
  }
  return Object.freeze({
    multi: true,
    // Targets cannot set step inputs (resolveTarget refuses them), so any target's are the step's.
    step: stepSettings(targets[0].settings),
    targets: Object.freeze(targets),
    maxParallel,
    failFast,
    // A step input is read when any target's provider reads it (targets share the step's inputs).
    warnings: ignoredWarnings(
      targets.map((target) => target.settings.provider),
      read,
      defaults
    )
  });
}
function ignoredWarnings(providers, read, defaults) {
  const ignored = ignoredInputs(providers, read, defaults);
  const line = ignoredInputsWarning(ignored, providers);
  return line === void 0 ? [] : [line];
}
function stepSettings(settings) {
  const { sha: sha2, githubToken, timeoutMs, wait, failOnError } = settings;
  return Object.freeze({ sha: sha2, githubToken, timeoutMs, wait, failOnError });
}
function uniqueNames(names2, raws) {
  const seen = /* @__PURE__ */ new Map();
  return names2.map((name, i) => {
    const raw = raws[i];
    const first = seen.get(name);
    if (first === void 0) {
      seen.set(name, i);
      return name;
    }
    if (raw.name !== void 0 && raws[first]?.name !== void 0) {
      throw targetsError(
        `has a bad ${label2(i, raws.length, name)}: it has the same name as target ${first + 1}`,
        "give each target a distinct name"
      );
    }
    return `${name} #${i + 1}`;
  });
}
function positiveInt(value, input) {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 256) {
    throw new InputError(input, `must be a whole number from 1 to 256, got '${value}'`);
  }
  return Number(value);
}

export {
  systemClock,
  bound,
  printable,
  safeLine,
  jsonText,
  formatDuration,
  InputError,
  describeError,
  resolveEvent,
  octokitApi,
  htmlText,
  Scrubber,
  EXIT,
  runPost,
  runStep,
  VERSION,
  ACTION_INPUTS,
  actionsInputReader,
  secretInputs,
  inputDefaults,
  readPlan
};
