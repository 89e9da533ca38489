import * as core from '@actions/core';
import type { EngineLog } from './engine/run.js';
import { bound, printable, safeLine } from './text.js';

/** The log as the engine sees it, on @actions/core. */
export const coreLog: EngineLog = {
  info: (m) => core.info(safeLine(m, 2000)),
  warning: (m) => core.warning(safeLine(m, 2000)),
  // Debug lines keep their line breaks (stack traces); core.debug escapes them, and printable
  // shows every other control character escaped.
  debug: (m) => core.debug(printable(bound(m, 64 * 1024))),
  group: (name, fn) => core.group(safeLine(name), fn),
  untrusted: (lines) => {
    // Build logs are the provider's text: each line is neutralised (no `::`, no `##[`), so none
    // can start a workflow command, with no protocol markers of our own around them.
    for (const line of lines) core.info(safeLine(line, 4000));
  },
};
