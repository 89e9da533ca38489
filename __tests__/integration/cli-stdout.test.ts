/**
 * `node dist/cli.js --json`: stdout is the results alone, whatever runs underneath. The Actions
 * toolkit writes the runner's `::command::` protocol straight to process.stdout (@actions/glob's
 * `::debug::` lines for Sitepaste's `pages`, getIDToken's `::add-mask::`, @actions/github's note
 * on a missing event file); the CLI takes them to its log. And in a workflow `run:` step, where
 * the runner reads both streams for commands, nothing the CLI prints is one.
 */
import { runCli, type CliRun } from './cli-run.js';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useSandbox } from './sandbox-world.js';
import { OIDC_REQUEST_TOKEN } from '../../sandbox/providers/custom.mjs';
import { inputsFor, SECRETS } from './helpers.js';
import { scratchDir } from '../scratch.js';

const sandbox = useSandbox({ buildMs: 600 });
/** A workspace whose path has a `%` (core writes it as %25) with two pages in docs/. */
let workspace: string;

beforeAll(() => {
  workspace = path.join(scratchDir('tba-cli-stdout'), 'site 100%');
  fs.mkdirSync(path.join(workspace, 'docs'), { recursive: true });
  fs.writeFileSync(path.join(workspace, 'docs', 'a.md'), '---\ntitle: Hi\n---\nhello\n');
  fs.writeFileSync(path.join(workspace, 'docs', 'b.md'), '# Second\n\nmore\n');
});

/** `node dist/cli.js ARGS` in `cwd` (the workspace by default) with only PATH, HOME and `env`. */
function cli(args: string[], env: Record<string, string>, cwd = workspace): Promise<CliRun> {
  return runCli(args, env, { cwd });
}

/** Inputs as flags; secrets as the TRIGGER_BUILD_* variables the manual tells users to set. */
function asCli(inputs: Record<string, string>): { args: string[]; env: Record<string, string> } {
  const args: string[] = [];
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(inputs)) {
    if (['token', 'secret-key'].includes(name)) {
      env[`TRIGGER_BUILD_${name.replace(/-/g, '_').toUpperCase()}`] = value;
    } else {
      args.push(`--${name}`, value);
    }
  }
  return { args, env };
}

const customInputs = (extra: Record<string, string> = {}): Record<string, string> => ({
  provider: 'custom',
  token: SECRETS.token,
  project: 'web',
  'api-url': `${sandbox.apiBase}/custom`,
  'trigger-endpoint': 'POST /projects/{project}/builds',
  'build-id-field': 'data.id',
  'status-endpoint': 'GET /builds/{id}',
  'status-field': 'data.state',
  'running-values': 'queued,running',
  timeout: '30s',
  ...extra,
});

/** What a user runs for each provider the sandbox has. */
const PROVIDERS: Record<string, () => Record<string, string>> = {
  jamdesk: () => inputsFor(sandbox, 'jamdesk'),
  // `pages` is what loads @actions/glob.
  sitepaste: () => inputsFor(sandbox, 'sitepaste', { pages: 'docs/*.md' }),
  // inputsFor's artifact is a directory (zipped before the upload).
  justdeploy: () => inputsFor(sandbox, 'justdeploy'),
  deskforge: () => inputsFor(sandbox, 'deskforge'),
  deployhub: () => inputsFor(sandbox, 'deployhub'),
  custom: () => customInputs(),
  'github-workflow': () => ({
    provider: 'github-workflow',
    repository: 'octo-org/deploy',
    workflow: 'ci.yml',
    ref: 'main',
    token: SECRETS.token,
    'api-url': sandbox.apiUrl('github-workflow'),
    'poll-interval': '1s',
    timeout: '30s',
  }),
};

/** Commit statuses need a token, a repository and a sha. */
function gitHub(): { args: string[]; env: Record<string, string> } {
  return {
    args: ['--repo', 'octo-org/octo-repo', '--sha', sandbox.sha],
    env: { GITHUB_TOKEN: SECRETS.githubToken, GITHUB_API_URL: sandbox.githubApiUrl },
  };
}

/**
 * What a runner would take for a command in a `run:` step's output (stdout and stderr alike): a
 * line starting with `::` after leading blanks, or `##[` anywhere in a line.
 */
function runnerCommands(text: string): string[] {
  return text.split('\n').filter((l) => l.trimStart().startsWith('::') || l.includes('##['));
}

describe('the CLI keeps stdout for --json results', () => {
  it.each(Object.keys(PROVIDERS))(
    '%s: stdout under --json is one JSON document',
    async (provider) => {
      const inputs = PROVIDERS[provider]!();
      if (inputs['artifact']) expect(fs.statSync(inputs['artifact']).isDirectory()).toBe(true);
      const { args, env } = asCli(inputs);
      // Commit statuses on (Jamdesk reads its results from them), so @actions/github loads too.
      const run = await cli([...args, ...gitHub().args, '--json'], { ...env, ...gitHub().env });
      expect(run.code, run.stderr).toBe(0);
      const results = JSON.parse(run.stdout) as { provider: string; status: string }[];
      expect(results.map((r) => [r.provider, r.status])).toEqual([[provider, 'success']]);
      expect(runnerCommands(run.stdout + run.stderr)).toEqual([]);
      if (provider === 'sitepaste') expect(run.stderr).toMatch(/^Page docs\/b\.md -> docs-b/m);
    },
  );

  it("--verbose shows the toolkit's ::debug:: lines as the CLI's debug lines, unescaped", async () => {
    const { args, env } = asCli(PROVIDERS['sitepaste']!());
    const verbose = await cli([...args, '--json', '--verbose'], env);
    expect(verbose.code, verbose.stderr).toBe(0);
    expect(JSON.parse(verbose.stdout)).toHaveLength(1);
    // @actions/glob's own tracing, with the `%` core escaped as %25 given back.
    expect(verbose.stderr).toContain(`\ndebug: Search path '${path.join(workspace, 'docs')}'\n`);
    expect(verbose.stderr).toMatch(/^debug: matchDirectories 'false'$/m);
    expect(runnerCommands(verbose.stdout + verbose.stderr)).toEqual([]);

    const quiet = await cli(args, env);
    expect(quiet.code, quiet.stdout).toBe(0);
    expect(quiet.stdout).toMatch(/^Done: success\.$/m);
    expect(quiet.stdout).not.toMatch(/Search path|^debug:/m);
    expect(runnerCommands(quiet.stdout + quiet.stderr)).toEqual([]);
  });

  it('in a workflow run: step (GitHub Actions env, OIDC, a missing event file): no command, no token, JSON still whole', async () => {
    const audience = new URL(sandbox.apiBase).origin;
    sandbox.options.custom = { oidc: { audience } };
    const { args, env } = asCli(
      customInputs({ token: '', 'auth-header': 'Authorization: Bearer {oidc-token}' }),
    );
    const run = await cli([...args, ...gitHub().args, '--json', '--verbose'], {
      ...env,
      ...gitHub().env,
      GITHUB_ACTIONS: 'true',
      RUNNER_DEBUG: '1',
      GITHUB_WORKSPACE: workspace,
      // @actions/github (loaded for commit statuses) prints a line when this names no file.
      GITHUB_EVENT_PATH: path.join(workspace, 'no-event.json'),
      // getIDToken: `::debug::ID token url is ...` and `::add-mask::<token>` on stdout.
      ACTIONS_ID_TOKEN_REQUEST_URL: `${sandbox.foreignUrl}/oidc/token?api-version=2.0`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: OIDC_REQUEST_TOKEN,
    });
    expect(run.code, run.stderr).toBe(0);
    const results = JSON.parse(run.stdout) as Record<string, string>[];
    expect(results[0]).toMatchObject({ provider: 'custom', status: 'success' });
    expect(runnerCommands(run.stdout + run.stderr)).toEqual([]);
    expect(run.stderr).toMatch(/^debug: ID token url is http:\/\/.*\/oidc\/token/m);
    expect(run.stderr).toMatch(/^GITHUB_EVENT_PATH .* does not exist$/m);
    const tokens = sandbox.requests
      .filter((r) => r.provider === 'custom' && r.host === 'api')
      .map((r) => (r.headers['authorization'] ?? '').replace(/^Bearer /, ''));
    expect(tokens.length).toBeGreaterThan(0);
    for (const token of tokens) {
      expect(token.length).toBeGreaterThan(20);
      expect(run.stdout + run.stderr).not.toContain(token);
    }
  });

  it('a build log line that starts with :: or holds ##[ prints as a plain line', async () => {
    sandbox.options.outcome = 'failure';
    sandbox.options.deskforgeErrorLines = [
      '::error file=a.rs,line=1::injected',
      '   ::add-mask::shown',
      'error: x ##[set-output name=status;]success',
    ];
    const { args, env } = asCli(inputsFor(sandbox, 'deskforge', { 'show-logs': 'always' }));
    const run = await cli(args, { ...env, GITHUB_ACTIONS: 'true' });
    expect(run.code, run.stdout).toBe(1);
    // The lines are there, readable, and none is a command.
    expect(run.stdout).toContain('injected');
    expect(run.stdout).toContain('set-output name=status;]success');
    expect(runnerCommands(run.stdout + run.stderr)).toEqual([]);
  });
});
