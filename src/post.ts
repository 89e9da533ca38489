import * as core from '@actions/core';
import { octokitApi, type GitHubApi } from './engine/github.js';
import { runPost as closeWhatMainLeftOpen } from './engine/post.js';
import { coreLog } from './log.js';

/**
 * The post step (the same bundle as the main step; see IS_POST_STATE in main.ts). It runs even
 * when the job was cancelled or the main step was killed, and never fails the job.
 */
export async function runPost(
  github: (token: string, owner: string, repo: string, apiUrl: string) => GitHubApi = octokitApi,
): Promise<void> {
  const token = core.getInput('github-token');
  if (token) core.setSecret(token);
  await closeWhatMainLeftOpen({
    getState: (key) => core.getState(key),
    token,
    github,
    log: coreLog,
  });
}
