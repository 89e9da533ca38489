import { createRequire as __tbaCreateRequire } from 'node:module';
const require = __tbaCreateRequire(import.meta.url);
import {
  ACTION_INPUTS,
  actionsInputReader,
  bound,
  describeError,
  htmlText,
  inputDefaults,
  octokitApi,
  printable,
  readPlan,
  resolveEvent,
  runPost,
  runStep,
  safeLine,
  systemClock
} from "./chunks/chunk-ZTLK7VLD.js";
import {
  debug,
  getInput,
  getState,
  group,
  info,
  saveState,
  setFailed,
  setOutput,
  setSecret,
  summary,
  warning
} from "./chunks/chunk-3NSA7WRU.js";
import "./chunks/chunk-XVMOTUP2.js";
import "./chunks/chunk-5WCWDRR7.js";

// src/github-context.ts
import fs from "node:fs";
function readRunContext(shaInput, env = process.env) {
  const [owner = "", repo = ""] = (env["GITHUB_REPOSITORY"] ?? "").split("/");
  const eventName = env["GITHUB_EVENT_NAME"] ?? "";
  const event = resolveEvent(
    eventName,
    readPayload(env["GITHUB_EVENT_PATH"]),
    env["GITHUB_SHA"] ?? "",
    env["GITHUB_REF"] ?? ""
  );
  const server = (env["GITHUB_SERVER_URL"] ?? "https://github.com").replace(/\/+$/, "");
  const runId = env["GITHUB_RUN_ID"] ?? "";
  return {
    owner,
    repo,
    eventName,
    sha: shaInput || event.sha,
    ...event.prNumber !== void 0 ? { prNumber: event.prNumber } : {},
    ...!shaInput && event.readHeadOf !== void 0 ? { readHeadOf: event.readHeadOf } : {},
    ref: shaInput && event.readHeadOf !== void 0 ? {
      name: "",
      from: `pull request #${event.readHeadOf}'s head branch was not read (the sha input names the commit)`
    } : event.ref,
    runUrl: owner && runId ? `${server}/${owner}/${repo}/actions/runs/${runId}` : "",
    apiUrl: (env["GITHUB_API_URL"] ?? "https://api.github.com").replace(/\/+$/, "")
  };
}
function readPayload(eventPath) {
  if (!eventPath) return void 0;
  try {
    return JSON.parse(fs.readFileSync(eventPath, "utf8"));
  } catch {
    return void 0;
  }
}

// src/log.ts
var coreLog = {
  info: (m) => info(safeLine(m, 2e3)),
  warning: (m) => warning(safeLine(m, 2e3)),
  // Debug lines keep their line breaks (stack traces); core.debug escapes them, and printable
  // shows every other control character escaped.
  debug: (m) => debug(printable(bound(m, 64 * 1024))),
  group: (name, fn) => group(safeLine(name), fn),
  untrusted: (lines) => {
    for (const line of lines) info(safeLine(line, 4e3));
  }
};

// src/post.ts
async function runPost2(github = octokitApi) {
  const token = getInput("github-token");
  if (token) setSecret(token);
  await runPost({
    getState: (key) => getState(key),
    token,
    github,
    log: coreLog
  });
}

// src/main.ts
function writeOutputs(outputs) {
  for (const [name, value] of Object.entries(outputs)) setOutput(name, value);
}
var IS_POST_STATE = "isPost";
async function run(deps = {}) {
  if (getState(IS_POST_STATE)) {
    await runPost2(deps.github);
    return;
  }
  saveState(IS_POST_STATE, "true");
  await runMain(deps);
}
async function runMain(deps = {}) {
  const env = deps.env ?? process.env;
  const result = await runStep({
    env,
    clock: deps.clock ?? systemClock,
    log: coreLog,
    readPlan: () => readPlan(
      actionsInputReader,
      (secret) => setSecret(secret),
      { repository: env["GITHUB_REPOSITORY"] ?? "", apiUrl: env["GITHUB_API_URL"] ?? "" },
      // The runner passes action.yml's defaults as if set: only other values were written.
      inputDefaults(ACTION_INPUTS)
    ),
    runContext: (step) => readRunContext(step.sha, env),
    github: deps.github ?? octokitApi,
    gitHubOff: (missing) => {
      if (missing.includes("token")) {
        warning(
          "Commit status skipped: no github-token (keep the default ${{ github.token }})."
        );
      }
    },
    writeOutputs,
    saveState: (key, value) => saveState(key, value),
    summary: {
      single: (table) => writeSummary(table, env),
      targets: (table) => writeTargetsSummary(table, env)
    },
    signals: process,
    interrupt: {
      notice: (signal) => `Received ${signal}: cancelling and closing the commit status.`,
      exit: (code) => process.exit(code),
      exitCode: 1,
      // The runner shows a cancelled step as cancelled; each target says why on its own line.
      decidesVerdict: false
    }
  });
  switch (result.kind) {
    case "bad-input":
      setFailed(safeLine(result.line, 2e3));
      return;
    case "crashed":
      setFailed(
        safeLine(`trigger-build-action failed unexpectedly: ${describeError(result.error)}`, 2e3)
      );
      return;
    case "ran": {
      const { verdict, plan } = result;
      const said = verdict.targets.filter((t) => t.fails || t.excused || !plan.multi);
      for (const t of said) finishStep(t);
      if (said.length === 0)
        finishStep({ fails: false, excused: false, line: `Done: ${verdict.status}.` });
    }
  }
}
function writeSummary({ heading, rows }, env) {
  return writeSummaryTable(
    heading,
    rows.map(([label, value]) => [{ data: label, header: true }, value]),
    env
  );
}
function writeTargetsSummary({ heading, header, rows }, env) {
  return writeSummaryTable(heading, [header.map((data) => ({ data, header: true })), ...rows], env);
}
async function writeSummaryTable(heading, rows, env) {
  try {
    await summary.addHeading(htmlText(heading), 3).addTable(rows).write();
  } catch (error) {
    const say = env["GITHUB_STEP_SUMMARY"] ? warning : debug;
    say(`Could not write the job summary: ${describeError(error)}`);
  } finally {
    summary.emptyBuffer();
  }
}
function finishStep(v) {
  const line = safeLine(v.line, 2e3);
  if (v.fails) setFailed(line);
  else if (v.excused) warning(`${line} (fail-on-error is false, so the step passes)`);
  else info(line);
}

// src/index.ts
await run();
process.exit();
