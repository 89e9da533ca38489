import * as core from '@actions/core';
import crypto from 'node:crypto';
import type { EngineLog } from './engine/run.js';
import { safeLine } from './text.js';

/** The log as the engine sees it, on the runner's log commands. */
export const coreLog: EngineLog = {
  info: (m) => core.info(safeLine(m, 2000)),
  warning: (m) => core.warning(safeLine(m, 2000)),
  debug: (m) => core.debug(m),
  group: (name, fn) => core.group(safeLine(name), fn),
  untrusted: (lines) => {
    // Build logs are the provider's text: suspend workflow commands around them. @actions/core
    // has no helper for stop-commands, so its two marker lines are written through core.info.
    const token = crypto.randomUUID();
    core.info(`::stop-commands::${token}`);
    for (const line of lines) core.info(line.replace(/\r?\n/g, ' '));
    core.info(`::${token}::`);
  },
};
