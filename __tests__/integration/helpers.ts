import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import {
  runAction,
  secretsLeaked,
  type RunActionOptions,
  type RunActionResult,
} from '../../sandbox/run-action.mjs';
import type { Sandbox, StatusRecord } from '../../sandbox/server.mjs';
import { githubConformance } from '../../sandbox/openapi.mjs';
import { scratchDir } from '../scratch.js';

export { runAction };

/**
 * `it` for tests that interrupt a run with SIGINT. On Windows `child.kill('SIGINT')` ends the child
 * without running its handlers (Node cannot send a console Ctrl+C to one process), so these run on
 * Linux and macOS, and Windows runs every other test.
 */
export const itWithSignals = it.skipIf(process.platform === 'win32');

/** The secrets every integration run uses; none may appear outside ::add-mask:: lines. */
export const SECRETS = {
  token: 'sandbox-token',
  accessKey: 'sandbox-access',
  secretKey: 'sandbox-secret',
  githubToken: 'ghs_integrationtoken0001',
};

export type ProviderName = 'jamdesk' | 'sitepaste' | 'justdeploy' | 'deskforge' | 'deployhub';

let artifact: string | undefined;

/** A small directory to upload, made once per test file and removed after it. */
export function artifactDir(): string {
  if (artifact !== undefined) return artifact;
  // Every run reads it and none writes it, so one copy serves them all; a copy per run left
  // thousands of directories in the machine's temp dir after each `npm test`.
  const dir = scratchDir('tba-artifact');
  fs.mkdirSync(path.join(dir, 'public'));
  fs.writeFileSync(path.join(dir, 'index.js'), 'console.log("hello")\n');
  fs.writeFileSync(path.join(dir, 'public', 'app.css'), 'body { color: red }\n');
  artifact = dir;
  return dir;
}

/** The inputs a user would write for each provider, pointed at the sandbox. */
export function inputsFor(
  sandbox: Sandbox,
  provider: ProviderName,
  extra: Record<string, string> = {},
): Record<string, string> {
  const base: Record<string, string> = {
    provider,
    token: provider === 'justdeploy' ? SECRETS.accessKey : SECRETS.token,
    'api-url': sandbox.apiUrl(provider),
    timeout: '30s',
  };
  const perProvider: Record<ProviderName, Record<string, string>> = {
    jamdesk: { project: 'proj_docs' },
    sitepaste: {},
    justdeploy: {
      project: 'proj_app',
      organization: 'org_1',
      'secret-key': SECRETS.secretKey,
      artifact: artifactDir(),
    },
    deskforge: { project: 'proj_desk', platform: 'linux' },
    deployhub: { project: '65f3a2b1c4d5e6f7a8b9c0d1' },
  };
  return { ...base, ...perProvider[provider], ...extra };
}

/** Runs the bundled action against the sandbox the way the runner does. */
export async function runIn(
  sandbox: Sandbox,
  provider: ProviderName,
  extra: Record<string, string> = {},
  options: Partial<RunActionOptions> = {},
): Promise<RunActionResult> {
  return runAction({
    sandbox,
    inputs: inputsFor(sandbox, provider, extra),
    githubToken: SECRETS.githubToken,
    timeoutMs: 45_000,
    ...options,
  });
}

/** The statuses the action (not Jamdesk) posted, in order. */
export function actionStatuses(sandbox: Sandbox): StatusRecord[] {
  return sandbox.statuses.filter((s) => s.source === 'action');
}

/** The last state the action posted per status context. */
export function finalStatuses(sandbox: Sandbox): Record<string, string> {
  const last: Record<string, string> = {};
  for (const s of actionStatuses(sandbox)) last[s.context] = s.state;
  return last;
}

/** The outputs the contract names (shared/action-contract.md); every run sets them all. */
export const CONTRACT_OUTPUTS: readonly string[] = [
  'build-id',
  'status',
  'provider-status',
  'deploy-url',
  'artifact-url',
  'log-url',
  'docker-image',
  'duration',
];

/** The keys of every entry of the `results` output, in order (README, Outputs). */
export const RESULT_KEYS: readonly string[] = [
  'name',
  'provider',
  ...CONTRACT_OUTPUTS,
  'message',
  'deployment-id',
  'comment-url',
];

/** Checks the promises every run keeps, whatever its outcome. */
export function expectHygiene(sandbox: Sandbox, result: RunActionResult): void {
  expect(secretsLeaked(result.stdout + result.stderr, Object.values(SECRETS))).toEqual([]);
  const foreign = sandbox.requests.filter((r) => r.host === 'foreign');
  for (const request of foreign) {
    expect(request.headers['authorization']).toBeUndefined();
    expect(request.headers['x-access-key']).toBeUndefined();
    expect(request.headers['x-secret-key']).toBeUndefined();
  }
  const last = actionStatuses(sandbox).at(-1);
  if (last) expect(last.state).not.toBe('pending');
  // Expected failures are one line, without a stack trace.
  expect(result.stdout + result.stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
  expectGitHubConformance(sandbox);
}

/**
 * Every request the run sent to the sandbox's GitHub, and every answer it got, is what GitHub's
 * OpenAPI description allows (api.github.com here; the sandbox conformance test adds GHES).
 */
export function expectGitHubConformance(sandbox: Sandbox): void {
  expect(githubConformance(sandbox.requests, ['api.github.com'])).toEqual([]);
}

/** Runs the post step the way the runner does after the main step, with the state it saved. */
export function runPostStep(
  sandbox: Sandbox,
  state: Record<string, string>,
): Promise<RunActionResult> {
  return runAction({
    entry: 'post',
    sandbox,
    state,
    inputs: { 'github-token': SECRETS.githubToken },
    githubToken: SECRETS.githubToken,
    timeoutMs: 15_000,
  });
}
