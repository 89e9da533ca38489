#!/usr/bin/env node
import { createRequire as __tbaCreateRequire } from 'node:module';
const require = __tbaCreateRequire(import.meta.url);
import {
  ACTION_INPUTS,
  EXIT,
  InputError,
  Scrubber,
  VERSION,
  describeError,
  formatDuration,
  inputDefaults,
  jsonText,
  octokitApi,
  readPlan,
  runStep,
  safeLine,
  secretInputs,
  systemClock
} from "./chunks/chunk-ZTLK7VLD.js";
import "./chunks/chunk-3NSA7WRU.js";
import "./chunks/chunk-XVMOTUP2.js";
import "./chunks/chunk-5WCWDRR7.js";

// src/cli/flags.ts
import fs from "node:fs";
var SECRET_INPUTS = secretInputs();
function envName(input) {
  return `TRIGGER_BUILD_${input.replace(/[^A-Za-z0-9]/g, "_").toUpperCase()}`;
}
function isBoolean(input) {
  return input.default === "true" || input.default === "false";
}
var CLI_FLAGS = [
  {
    flag: "json",
    description: "print the action's results array (one object per target) as JSON on stdout at the end; logs go to stderr"
  },
  {
    flag: "output-env",
    value: "FILE",
    description: "write the action's outputs as BUILD_ID=, STATUS=, ..., RESULTS= lines to FILE (dotenv, for GitLab)"
  },
  {
    flag: "repo",
    value: "OWNER/NAME",
    description: "GitHub repository for commit statuses (with GITHUB_TOKEN and --sha)"
  },
  {
    flag: "oidc-token-env",
    value: "NAME",
    description: "custom with {oidc-token}: take the OIDC token from the variable NAME (GitLab's id_tokens:) instead of GitHub's token service"
  },
  { flag: "verbose", description: "print debug lines too" },
  {
    flag: "-V",
    description: "print this tool's version and exit (--version is Deskforge's input)"
  },
  { flag: "help", description: "print this help and exit (also -h)" }
];
function parseArgs(argv, inputs) {
  const byName = new Map(inputs.map((input) => [input.name, input]));
  const options = {
    help: false,
    version: false,
    json: false,
    outputEnv: "",
    repo: "",
    verbose: false
  };
  const values = {};
  const secretFlags = [];
  const set = (name, value) => {
    values[name] = name in values ? `${values[name]}
${value}` : value;
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? "";
    if (arg === "-h") {
      options.help = true;
      continue;
    }
    if (arg === "-V") {
      options.version = true;
      continue;
    }
    const match = /^--([A-Za-z0-9-]+)(?:=([\s\S]*))?$/.exec(arg);
    if (!match) {
      throw new InputError(
        arg,
        "is not a flag this command takes",
        "inputs are flags: --provider deskforge --project app (see --help)"
      );
    }
    const flag = match[1] ?? "";
    const inline = match[2];
    const next = () => {
      if (inline !== void 0) return inline;
      const value = argv[i + 1];
      if (value === void 0 || value.startsWith("--") && value.length > 2) {
        throw new InputError(`--${flag}`, "needs a value", `write --${flag} VALUE`);
      }
      i += 1;
      return value;
    };
    switch (flag) {
      case "help":
      case "json":
      case "verbose":
        if (inline !== void 0) throw new InputError(`--${flag}`, "takes no value");
        options[flag] = true;
        continue;
      case "output-env":
        options.outputEnv = next();
        continue;
      case "repo":
        options.repo = next();
        continue;
      case "oidc-token-env":
        set("oidc-token-env", next());
        continue;
      default:
        break;
    }
    const input = byName.get(flag);
    if (input) {
      if (isBoolean(input)) {
        const after = inline ?? argv[i + 1];
        if (inline === void 0 && after !== void 0 && /^(true|false|yes|no|on|off)$/i.test(after)) {
          i += 1;
          set(flag, after);
        } else {
          set(flag, inline ?? "true");
        }
      } else {
        set(flag, next());
      }
      if (SECRET_INPUTS.includes(flag)) secretFlags.push(flag);
      continue;
    }
    const negated = /^no-(.+)$/.exec(flag)?.[1];
    const negatedInput = negated ? byName.get(negated) : void 0;
    if (negatedInput && isBoolean(negatedInput) && inline === void 0) {
      set(negatedInput.name, "false");
      continue;
    }
    const fromFile = /^(.+)-file$/.exec(flag)?.[1];
    const fileInput = fromFile ? byName.get(fromFile) : void 0;
    if (fileInput) {
      const file = next();
      try {
        set(fileInput.name, fs.readFileSync(file, "utf8").replace(/\r?\n$/, ""));
      } catch (error) {
        throw new InputError(
          `--${flag}`,
          `cannot read ${file}: ${error.code ?? String(error)}`
        );
      }
      continue;
    }
    throw new InputError(
      `--${flag}`,
      "is not a flag this command takes",
      "see --help for the list"
    );
  }
  return { options, inputs: values, secretFlags };
}
function inputSource(flags, env, inputs) {
  const defaults = new Map(
    inputs.map((input) => [input.name, input.default.includes("${{") ? "" : input.default])
  );
  return (name) => {
    const flag = flags[name];
    if (flag !== void 0) return flag;
    const fromEnv = env[envName(name)];
    if (fromEnv !== void 0 && fromEnv !== "") return fromEnv;
    if (name === "github-token" && env["GITHUB_TOKEN"]) return env["GITHUB_TOKEN"];
    return defaults.get(name) ?? "";
  };
}
function wrap(text, width, indent) {
  const lines = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.join(`
${" ".repeat(indent)}`);
}
function helpText(inputs, version) {
  const column = 30;
  const row = (left, text) => `  ${left.padEnd(column - 2)}${left.length > column - 3 ? `
${" ".repeat(column)}` : ""}${wrap(text, 100 - column, column)}`;
  const inputRows = inputs.map((input) => {
    const left = isBoolean(input) ? `--[no-]${input.name}` : `--${input.name} VALUE`;
    const shownDefault = input.default.includes("${{") ? "" : input.default;
    const extra = [
      input.name === "github-token" ? "default: $GITHUB_TOKEN" : "",
      shownDefault && !isBoolean(input) ? `default: ${shownDefault}` : "",
      isBoolean(input) ? `default: ${input.default}` : "",
      `env: ${envName(input.name)}`
    ].filter(Boolean).join("; ");
    return row(left, `${input.description} (${extra})`);
  });
  const cliRows = CLI_FLAGS.map(
    (f) => row(
      `${f.flag.startsWith("-") ? "" : "--"}${f.flag}${f.value ? ` ${f.value}` : ""}`,
      f.description
    )
  );
  return [
    `trigger-build ${version}: trigger a build on a Builds API, wait for it, report the result.`,
    "",
    "Usage: trigger-build --provider NAME [--INPUT VALUE ...]",
    "       TRIGGER_BUILD_TOKEN=... trigger-build --provider deskforge --project app --platform linux",
    "       trigger-build --provider deskforge --project app --targets-file targets.yml --json",
    "",
    "Inputs (the same as the GitHub Action; every one can also be TRIGGER_BUILD_<NAME>, and",
    "--NAME-file PATH reads a value from a file; pass secrets through the environment):",
    ...inputRows,
    "",
    "Options:",
    ...cliRows,
    "",
    "Exit codes: 0 success (or queued with --no-wait), 1 build failed or was cancelled by the",
    "provider, 2 bad input, 3 timed out, 4 the tool itself failed (auth, network), 130 interrupted",
    "(SIGINT; the build is cancelled remotely where a cancel endpoint is configured). With",
    "--targets, the code of the worst target, worst as in the aggregate status (failure, then",
    "timed_out, then cancelled).",
    ""
  ].join("\n");
}

// src/cli/output.ts
import crypto from "node:crypto";
import fs2 from "node:fs";
import path from "node:path";
var CliLog = class {
  constructor(out, verbose = false) {
    this.out = out;
    this.verbose = verbose;
  }
  out;
  verbose;
  secrets = new Scrubber();
  live;
  liveShown = false;
  timer;
  /** Never print this value (tokens, keys), as sent, encoded or in base64. */
  mask(secret) {
    this.secrets.add(secret);
  }
  info(message) {
    this.line(message);
  }
  warning(message) {
    this.line(`warning: ${message}`);
  }
  error(message) {
    this.line(`error: ${message}`);
  }
  debug(message) {
    if (this.verbose) this.line(`debug: ${message}`);
  }
  async group(name, fn) {
    this.line(`\u2500\u2500 ${name}`);
    return fn();
  }
  untrusted(lines) {
    for (const line of lines) this.line(`  \u2502 ${line}`);
  }
  /** Shows `render()` as a live line (refreshed every second) on a TTY; nothing otherwise. */
  startLive(render) {
    if (!this.out.isTTY) return;
    this.live = render;
    this.drawLive();
    this.timer ??= setInterval(() => this.drawLive(), 1e3);
    this.timer.unref();
  }
  stopLive() {
    if (this.timer) clearInterval(this.timer);
    this.timer = void 0;
    this.clearLive();
    this.live = void 0;
  }
  line(message) {
    this.clearLive();
    this.out.write(`${safeLine(this.redact(message), 2e3)}
`);
    this.drawLive();
  }
  redact(text) {
    return this.secrets.scrub(text);
  }
  clearLive() {
    if (!this.liveShown) return;
    this.out.write("\r\x1B[2K");
    this.liveShown = false;
  }
  drawLive() {
    if (!this.live) return;
    this.out.write(`\r\x1B[2K${safeLine(this.redact(this.live()), 200)}`);
    this.liveShown = true;
  }
};
var LiveLine = class {
  constructor(log, now) {
    this.log = log;
    this.now = now;
  }
  log;
  now;
  builds = /* @__PURE__ */ new Map();
  since;
  /** A reporter for one build; with `name`, its part of the line starts with `[name]`. */
  reporter(name) {
    const key = name ?? "";
    const update = (event) => {
      const id = event.build.id ? ` ${event.build.id}` : "";
      const text = `${event.providerTitle} build${id}: ${event.build.state} (${event.build.providerStatus})`;
      this.builds.set(key, name ? `[${name}] ${event.build.state}` : text);
    };
    const end = async () => {
      this.builds.delete(key);
      if (this.builds.size === 0) {
        this.log.stopLive();
        this.since = void 0;
      }
    };
    return {
      name: "live line",
      triggered: async (event) => {
        if (!event.waiting) return;
        this.since ??= event.at;
        update(event);
        this.log.startLive(() => this.render());
      },
      changed: async (event) => {
        if (this.builds.has(key)) update(event);
      },
      finished: end,
      cancelled: end
    };
  }
  render() {
    const elapsed = formatDuration(this.now() - (this.since ?? this.now()));
    return `\u2026 ${[...this.builds.values()].join(" \xB7 ")} \xB7 ${elapsed}`;
  }
};
var DOTENV_MAX_BYTES = 5120;
function dotenvLines(outputs) {
  const render = (keys) => keys.map(
    (key) => `${key.toUpperCase().replace(/-/g, "_")}=${(outputs[key] ?? "").replace(/[\r\n]+/g, " ")}
`
  ).join("");
  const text = render(Object.keys(outputs));
  if (Buffer.byteLength(text, "utf8") <= DOTENV_MAX_BYTES) return { text, dropped: [] };
  return {
    text: render(Object.keys(outputs).filter((key) => key !== "results")),
    dropped: ["RESULTS"]
  };
}
function writeFileAtomic(file, content) {
  const temp = path.join(
    path.dirname(path.resolve(file)),
    `.${path.basename(file)}.${crypto.randomUUID()}`
  );
  fs2.writeFileSync(temp, content, "utf8");
  fs2.renameSync(temp, file);
}

// src/cli/toolkit-output.ts
import { StringDecoder } from "node:string_decoder";
function directSink(stream) {
  const write = stream.write.bind(stream);
  return { write: (text) => write(text), isTTY: stream.isTTY };
}
function divertToolkitOutput(stream, log) {
  const target = stream;
  const original = target.write;
  const decoder = new StringDecoder("utf8");
  let pending = "";
  let active = true;
  const wrapped = function(chunk, encoding, callback) {
    if (!active) return original.call(stream, chunk, encoding, callback);
    const done = typeof encoding === "function" ? encoding : callback;
    if (typeof chunk === "string") {
      pending += typeof encoding === "string" && !/^utf-?8$/i.test(encoding) ? Buffer.from(chunk, encoding).toString("utf8") : chunk;
    } else if (chunk instanceof Uint8Array) {
      pending += decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    }
    let end;
    while ((end = pending.indexOf("\n")) >= 0) {
      const line = pending.slice(0, end).replace(/\r$/, "");
      pending = pending.slice(end + 1);
      toolkitLine(line, log);
    }
    if (typeof done === "function") process.nextTick(done);
    return true;
  };
  target.write = wrapped;
  return () => {
    if (!active) return;
    active = false;
    const rest = pending + decoder.end();
    pending = "";
    if (rest) toolkitLine(rest.replace(/\r$/, ""), log);
    if (target.write === wrapped) target.write = original;
  };
}
var COMMAND = /^::([^\s:]+)(?: ([^:]*))?::(.*)$/s;
function toolkitLine(line, log) {
  const match = COMMAND.exec(line);
  if (!match) {
    if (line.trim()) log.info(line);
    return;
  }
  const name = match[1].toLowerCase();
  const properties = parseProperties(match[2] ?? "");
  const message = unescapeData(match[3] ?? "");
  switch (name) {
    case "debug":
      log.debug(message);
      return;
    case "warning":
      log.warning(message + where(properties));
      return;
    case "error":
      log.error(message + where(properties));
      return;
    case "notice":
      log.info(message + where(properties));
      return;
    case "add-mask":
      if (!message) return;
      log.mask(message);
      for (const part of message.split(/\r?\n/)) if (part.trim()) log.mask(part);
      return;
    case "group":
      log.info(`\u2500\u2500 ${message}`);
      return;
    default:
      log.debug(`Dropped the Actions toolkit's '${name}' workflow command (not run by a runner).`);
  }
}
function parseProperties(text) {
  const properties = {};
  for (const pair of text.split(",")) {
    const eq = pair.indexOf("=");
    if (eq > 0) properties[pair.slice(0, eq).trim()] = unescapeProperty(pair.slice(eq + 1));
  }
  return properties;
}
var CODES = {
  "25": "%",
  "0D": "\r",
  "0A": "\n",
  "3A": ":",
  "2C": ","
};
function unescapeData(text) {
  return text.replace(/%(25|0D|0A)/gi, (_, code) => CODES[code.toUpperCase()]);
}
function unescapeProperty(text) {
  return text.replace(/%(25|0D|0A|3A|2C)/gi, (_, code) => CODES[code.toUpperCase()]);
}
function where(properties) {
  const file = properties["file"];
  if (!file) return "";
  return ` (${file}${properties["line"] ? `:${properties["line"]}` : ""})`;
}

// src/cli/run.ts
async function runCli(argv, deps = {}) {
  const env = deps.env ?? process.env;
  const stdout = deps.stdout ?? directSink(process.stdout);
  const stderr = deps.stderr ?? process.stderr;
  let options;
  let flags;
  let secretFlags;
  try {
    ({ options, inputs: flags, secretFlags } = parseArgs(argv, ACTION_INPUTS));
  } catch (error) {
    stderr.write(`error: ${safeLine(describeError(error), 2e3)}
`);
    return EXIT.badInput;
  }
  if (options.help) {
    stdout.write(helpText(ACTION_INPUTS, VERSION));
    return EXIT.success;
  }
  if (options.version) {
    stdout.write(`${VERSION}
`);
    return EXIT.success;
  }
  const log = new CliLog(options.json ? stderr : stdout, options.verbose);
  for (const name of secretFlags) {
    const value = flags[name];
    if (value) log.mask(value);
    log.warning(
      `--${name} is visible to other processes on this machine (ps, /proc); set ${envName(name)} in the environment instead.`
    );
  }
  const report = (outputs) => {
    if (options.outputEnv) {
      try {
        const { text, dropped } = dotenvLines(outputs);
        writeFileAtomic(options.outputEnv, text);
        if (dropped.length > 0) {
          log.warning(
            `--output-env leaves out ${dropped.join(", ")}: it would take ${options.outputEnv} over GitLab's ${DOTENV_MAX_BYTES}-byte dotenv limit; --json prints every target's results.`
          );
        }
      } catch (error) {
        log.warning(`Could not write --output-env ${options.outputEnv}: ${describeError(error)}`);
      }
    }
    if (options.json) {
      stdout.write(`${jsonText(JSON.parse(outputs["results"] ?? "[]"), 2)}
`);
    }
  };
  const clock = deps.clock ?? systemClock;
  const live = new LiveLine(log, () => clock.now());
  const undivert = divertToolkitOutput(deps.toolkitOut ?? process.stdout, log);
  try {
    const result = await runStep({
      env,
      clock,
      log,
      // The same plan as the action: one build, or every `targets` entry validated up front.
      // "This repository" for a provider's defaults: --repo, else the runner's when on Actions.
      readPlan: () => readPlan(
        inputSource(flags, env, ACTION_INPUTS),
        (s) => log.mask(s),
        {
          repository: options.repo || env["TRIGGER_BUILD_REPO"] || env["GITHUB_REPOSITORY"] || "",
          apiUrl: env["GITHUB_API_URL"] ?? ""
        },
        inputDefaults(ACTION_INPUTS)
      ),
      runContext: (step) => cliRunContext(step, options, env),
      github: deps.github ?? octokitApi,
      gitHubOff: (missing) => log.info(
        `Commit statuses are off: they need GITHUB_TOKEN, --repo owner/name and --sha (missing: ${missing.map((m) => MISSING[m]).join(", ")}).`
      ),
      writeOutputs: report,
      // No post step outside Actions: the step runner closes what a cancelled run left open.
      extraReporters: (target, plan) => [live.reporter(plan.multi ? target.name : void 0)],
      signals: deps.signals ?? process,
      interrupt: {
        notice: (signal) => `Received ${signal}: cancelling.`,
        exit: deps.exit ?? ((code) => process.exit(code)),
        exitCode: EXIT.interrupted,
        decidesVerdict: true
      }
    });
    switch (result.kind) {
      case "bad-input":
        log.error(result.line);
        return result.exitCode;
      case "crashed":
        log.error(`trigger-build failed unexpectedly: ${describeError(result.error)}`);
        return result.exitCode;
      case "ran":
        return finalWord(log, result.verdict, result.named, result.plan.multi);
    }
  } finally {
    undivert();
    log.stopLive();
  }
}
var MISSING = {
  token: "GITHUB_TOKEN",
  repo: "--repo owner/name",
  commit: "--sha"
};
function finalWord(log, step, named, multi) {
  for (const t of step.targets) {
    log[t.level](t.excused ? `${t.line} (fail-on-error is false, so the exit code is 0)` : t.line);
  }
  if (multi) {
    const counts = /* @__PURE__ */ new Map();
    for (const { outcome } of named)
      counts.set(outcome.status, (counts.get(outcome.status) ?? 0) + 1);
    log.info(
      `${named.length} target${named.length === 1 ? "" : "s"}: ${step.status} (${[...counts].map(([status, n]) => `${n} ${status}`).join(", ")}).`
    );
  }
  return step.exitCode;
}
function cliRunContext(step, options, env) {
  const repo = options.repo || env["TRIGGER_BUILD_REPO"] || "";
  if (repo && !/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repo)) {
    throw new InputError("--repo", `must be owner/name, got '${repo}'`);
  }
  const [owner = "", name = ""] = repo ? repo.split("/") : [];
  return {
    owner,
    repo: name,
    eventName: "cli",
    sha: step.sha,
    // The CLI reads no event, so it has no branch of its own to offer a provider.
    ref: { name: "", from: "the CLI reads no event to take a branch from" },
    // A link back to the job that ran the CLI, where the CI says where it is.
    runUrl: env["CI_JOB_URL"] || env["BUILD_URL"] || "",
    apiUrl: (env["GITHUB_API_URL"] || "https://api.github.com").replace(/\/+$/, "")
  };
}

// src/cli.ts
process.exit(await runCli(process.argv.slice(2)));
