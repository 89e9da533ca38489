import * as core from './runner.js';
import { octokitApi } from './engine/github.js';
import { runPost } from './engine/post.js';
import { safeLine } from './text.js';

// The post step runs even when the job was cancelled or the main step was killed.
const token = core.getInput('github-token');
if (token) core.setSecret(token);
await runPost({
  getState: (key) => core.getState(key),
  token,
  github: octokitApi,
  log: {
    info: (m) => core.info(safeLine(m, 2000)),
    warning: (m) => core.warning(safeLine(m, 2000)),
    debug: (m) => core.debug(m),
  },
});
process.exit();
