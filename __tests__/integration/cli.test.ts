import { runCli as runDistCli, type CliRun } from './cli-run.js';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useSandbox } from './sandbox-world.js';
import {
  actionStatuses,
  finalStatuses,
  inputsFor,
  RESULT_KEYS,
  SECRETS,
  type ProviderName,
} from './helpers.js';
import { itWithSignals } from './helpers.js';
import { scratchDir } from '../scratch.js';
import { OIDC_REQUEST_TOKEN } from '../../sandbox/providers/custom.mjs';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

const sandbox = useSandbox({ buildMs: 900 });

/** The shared runner, with SIGINT once `sigint(stdout)` holds. */
function runCli(
  args: string[],
  env: Record<string, string> = {},
  options: { sigint?: (out: string) => boolean; timeoutMs?: number } = {},
): Promise<CliRun> {
  const { sigint, timeoutMs } = options;
  return runDistCli(args, env, {
    ...(timeoutMs ? { timeoutMs } : {}),
    ...(sigint ? { signal: { name: 'SIGINT', when: ({ stdout }) => sigint(stdout) } } : {}),
  });
}

/** Turns action inputs into flags; secrets go through TRIGGER_BUILD_* variables, as documented. */
function cliArgs(inputs: Record<string, string>): { args: string[]; env: Record<string, string> } {
  const args: string[] = [];
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(inputs)) {
    if (['token', 'secret-key', 'github-token'].includes(name)) {
      env[`TRIGGER_BUILD_${name.replace(/-/g, '_').toUpperCase()}`] = value;
    } else {
      args.push(`--${name}`, value);
    }
  }
  return { args, env };
}

function customInputs(extra: Record<string, string> = {}): Record<string, string> {
  return {
    provider: 'custom',
    token: SECRETS.token,
    project: 'web',
    'api-url': `${sandbox.apiBase}/custom`,
    'trigger-endpoint': 'POST /projects/{project}/builds',
    'build-id-field': 'data.id',
    'status-endpoint': 'GET /builds/{id}',
    'status-field': 'data.state',
    'running-values': 'queued,running',
    'cancel-endpoint': 'POST /builds/{id}/cancel',
    timeout: '30s',
    ...extra,
  };
}

/** What every CLI run promises: no workflow commands, no secret, no stack trace. */
function expectPlain(run: CliRun): void {
  const all = `${run.stdout}\n${run.stderr}`;
  expect(all.split('\n').filter((line) => line.trimStart().startsWith('::'))).toEqual([]);
  expect(all).not.toMatch(/##\[/);
  for (const secret of Object.values(SECRETS)) expect(all).not.toContain(secret);
  expect(all).not.toMatch(/\n\s+at .+:\d+:\d+\)?/);
}

/** Commit statuses need a token, a repository and a sha. */
function gitHubEnv(): { args: string[]; env: Record<string, string> } {
  return {
    args: ['--repo', 'octo-org/octo-repo', '--sha', sandbox.sha],
    env: { GITHUB_TOKEN: SECRETS.githubToken, GITHUB_API_URL: sandbox.githubApiUrl },
  };
}

describe('the CLI (node dist/cli.js)', () => {
  it('warns once about inputs the provider does not read, naming no value', async () => {
    const inputs = inputsFor(sandbox, 'deployhub', {
      platform: 'mac',
      arch: 'x64', // its default: not a choice
      'secret-key': SECRETS.secretKey,
    });
    const { args, env } = cliArgs(inputs);
    const run = await runCli(args, env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.split('\n').filter((line) => line.includes('warning:'))).toEqual([
      'warning: Inputs secret-key, platform are not read by provider deployhub and are ignored; remove them, or check provider',
    ]);
    expectPlain(run);
  });

  it('--check-run keeps a check run on the commit, completed with the result', async () => {
    const { args, env } = cliArgs(inputsFor(sandbox, 'deskforge'));
    const gh = gitHubEnv();
    const run = await runCli([...args, ...gh.args, '--check-run'], { ...env, ...gh.env });
    expect(run.code, run.stderr).toBe(0);
    expect(sandbox.checkRuns).toHaveLength(1);
    expect(sandbox.checkRuns[0]).toMatchObject({
      head_sha: sandbox.sha,
      name: 'build/deskforge',
      status: 'completed',
      conclusion: 'success',
    });
    expectPlain(run);
  });

  it('--help lists every input of action.yml with its description', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    const yml = fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8');
    const block = yml.slice(yml.indexOf('\ninputs:'), yml.indexOf('\noutputs:'));
    const names = [...block.matchAll(/^ {2}([a-z0-9-]+):\s*$/gm)].map((m) => m[1]!);
    expect(names.length).toBeGreaterThan(30);
    const help = run.stdout.replace(/\s+/g, ' ');
    for (const name of names) {
      expect(run.stdout, name).toMatch(new RegExp(`--(\\[no-\\])?${name}\\b`));
      const description = new RegExp(
        `^ {2}${name}:\\s*\\n {4}description: ['"]?([^'"\\n]{1,40})`,
        'm',
      ).exec(block)?.[1];
      expect(help, name).toContain(description!.replace(/\s+/g, ' '));
    }
    expect(run.stdout).toMatch(/130 interrupted/);
    expectPlain(run);
  });

  const providers: ProviderName[] = [
    'jamdesk',
    'sitepaste',
    'justdeploy',
    'deskforge',
    'deployhub',
  ];
  it.each([...providers, 'custom' as const])(
    '%s: runs against the sandbox, exit 0, results as JSON on stdout, logs on stderr',
    async (provider) => {
      const inputs = provider === 'custom' ? customInputs() : inputsFor(sandbox, provider);
      const { args, env } = cliArgs(inputs);
      const gh = gitHubEnv();
      const run = await runCli([...args, ...gh.args, '--json'], { ...env, ...gh.env });
      expect(run.code, run.stderr).toBe(0);
      const results = JSON.parse(run.stdout) as Record<string, string>[];
      expect(results).toHaveLength(1);
      expect(results[0]).toMatchObject({ provider, status: 'success' });
      expect(sandbox.buildsCreated(provider)).toBe(1);
      expect(run.stderr).toMatch(/Done: success\./);
      expect(actionStatuses(sandbox).map((s) => s.state)).toEqual(['pending', 'success']);
      expectPlain(run);
    },
  );

  it('exit 1 when the build fails, and the dotenv file says so', async () => {
    sandbox.options.outcome = 'failure';
    const file = path.join(scratchDir('tba-cli'), 'build.env');
    const { args, env } = cliArgs(inputsFor(sandbox, 'deskforge'));
    const run = await runCli([...args, '--output-env', file], env);
    expect(run.code).toBe(1);
    const dotenv = fs.readFileSync(file, 'utf8');
    expect(dotenv).toMatch(/^BUILD_ID=build_\w+$/m);
    expect(dotenv).toMatch(/^STATUS=failure$/m);
    expect(dotenv).toMatch(/^PROVIDER_STATUS=failed$/m);
    expect(dotenv).toMatch(/^DEPLOY_URL=$/m);
    expect(
      dotenv
        .split('\n')
        .filter(Boolean)
        .every((l) => /^[A-Z_]+=/.test(l)),
    ).toBe(true);
    expect(run.stdout).toMatch(/^error: Deskforge build build_\w+ failed/m);
    // Said once, because nothing asked for commit statuses.
    expect(run.stdout.match(/Commit statuses are off/g)).toHaveLength(1);
    // No GITHUB_REPOSITORY nor --repo here: the flag that gives the repository is named.
    expect(run.stdout).toMatch(
      /^Commit statuses are off: they need GITHUB_TOKEN, --repo owner\/name and --sha \(missing: (?:GITHUB_TOKEN, )?--repo owner\/name(?:, --sha)?\)\.$/m,
    );
    expectPlain(run);
  });

  it('exit 2 for a bad input, naming it, before any request', async () => {
    const { args, env } = cliArgs(inputsFor(sandbox, 'deskforge', { timeout: 'soon' }));
    const run = await runCli([...args, '--json'], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/error: Input 'timeout' must be a duration/);
    // As the action's `results` output before anything ran: an empty array.
    expect(JSON.parse(run.stdout)).toEqual([]);
    expect(sandbox.requests.filter((r) => r.provider === 'deskforge')).toHaveLength(0);
    const unknown = await runCli(['--provider', 'deskforge', '--colour', 'blue']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--colour' is not a flag/);
  });

  it.each([
    ['token', 'custom', 'sandbox-token\r\nX-Injected: 1'],
    ['token', 'custom', 'sandbox\u0007token'],
    ['token', 'custom', 'sandbox-t\u20acken'],
    ['secret-key', 'justdeploy', 'sandbox-secret\nmore'],
    ['github-token', 'custom', 'ghs_integration\r\ntoken0001'],
  ] as const)(
    'exit 2 for a %s with a control character or a character HTTP cannot carry (%s), before any request',
    async (input, provider, value) => {
      const base =
        provider === 'custom' ? customInputs() : inputsFor(sandbox, provider as ProviderName);
      const { args, env } = cliArgs({ ...base, [input]: value });
      const github = input === 'github-token' ? gitHubEnv() : { args: [], env: {} };
      const run = await runCli([...args, ...github.args], {
        ...env,
        ...github.env,
        ...(input === 'github-token' ? { GITHUB_TOKEN: value } : {}),
      });
      expect(run.code, run.stdout + run.stderr).toBe(2);
      expect(run.stdout).toMatch(new RegExp(`^error: Input '${input}' `, 'm'));
      expect(sandbox.requests).toHaveLength(0);
      for (const part of value.split(/[\r\n]+/))
        expect(run.stdout + run.stderr).not.toContain(part);
      expectPlain(run);
    },
  );

  it('--oidc-token-env NAME: {oidc-token} comes from that variable (GitLab id_tokens:); unset is exit 2', async () => {
    const audience = new URL(sandbox.apiBase).origin;
    sandbox.options.custom = { oidc: { audience } };
    // A token as another CI would mint it: here, from the sandbox's token service.
    const minted = (await (
      await fetch(`${sandbox.foreignUrl}/oidc/token?audience=${encodeURIComponent(audience)}`, {
        headers: { authorization: `Bearer ${OIDC_REQUEST_TOKEN}` },
      })
    ).json()) as { value: string };
    const { args, env } = cliArgs(
      customInputs({ token: '', 'auth-header': 'Authorization: Bearer {oidc-token}' }),
    );
    const ok = await runCli([...args, '--oidc-token-env', 'CI_JOB_JWT'], {
      ...env,
      CI_JOB_JWT: minted.value,
    });
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    const calls = sandbox.requests.filter((r) => r.provider === 'custom' && r.host === 'api');
    expect(calls.length).toBeGreaterThan(1);
    for (const call of calls) expect(call.headers['authorization']).toBe(`Bearer ${minted.value}`);
    expect(ok.stdout + ok.stderr).not.toContain(minted.value);
    expectPlain(ok);

    sandbox.reset();
    const unset = await runCli([...args, '--oidc-token-env', 'CI_JOB_JWT'], env);
    expect(unset.code).toBe(2);
    expect(unset.stdout).toMatch(
      /^error: Input 'auth-header' uses \{oidc-token\}, but the variable CI_JOB_JWT is empty/m,
    );
    expect(sandbox.requests).toHaveLength(0);
    const github = await runCli(args, env);
    expect(github.code).toBe(2);
    expect(github.stdout).toMatch(/id-token: write.*--oidc-token-env NAME/);
  });

  it('exit 3 on timeout; with cancel-on-timeout the build is cancelled once', async () => {
    const { args, env } = cliArgs(
      customInputs({ project: 'slow-web', timeout: '2s', 'cancel-on-timeout': 'true' }),
    );
    const run = await runCli(args, env);
    expect(run.code).toBe(3);
    expect(sandbox.requests.filter((r) => r.path.endsWith('/cancel'))).toHaveLength(1);
    expect(run.stdout).toMatch(/accepted the cancel request/);
    expectPlain(run);
  });

  it('exit 4 when the tool fails (bad credentials), with one error line', async () => {
    const { args } = cliArgs(inputsFor(sandbox, 'deployhub'));
    const run = await runCli(args, { TRIGGER_BUILD_TOKEN: 'wrong-token' });
    expect(run.code).toBe(4);
    expect(run.stdout.match(/^error: /gm)).toHaveLength(1);
    expect(run.stdout).toMatch(/HTTP 401/);
  });

  itWithSignals(
    'exit 130 on SIGINT, after calling the cancel endpoint once and closing the status',
    async () => {
      const { args, env } = cliArgs(customInputs({ project: 'slow-web' }));
      const gh = gitHubEnv();
      const run = await runCli(
        [...args, ...gh.args],
        { ...env, ...gh.env },
        {
          sigint: (out) => /Custom API build cb_\w+: building/.test(out),
        },
      );
      expect(run.code).toBe(130);
      expect(sandbox.requests.filter((r) => r.path.endsWith('/cancel'))).toHaveLength(1);
      expect(run.stdout).toMatch(/accepted the cancel request/);
      expect(actionStatuses(sandbox).map((s) => s.state)).toEqual(['pending', 'error']);
      expectPlain(run);
    },
  );

  it('--no-wait and fire-and-forget exit 0 with status queued; --token works but warns', async () => {
    const { args } = cliArgs(inputsFor(sandbox, 'deskforge'));
    const run = await runCli([...args, '--no-wait', '--token', SECRETS.token, '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)[0]).toMatchObject({ status: 'queued' });
    expect(run.stderr).toMatch(
      /warning: --token is visible to other processes.*TRIGGER_BUILD_TOKEN/,
    );
    expect(run.stderr).not.toContain(SECRETS.token);

    const custom = cliArgs(customInputs({ 'status-endpoint': '', 'cancel-endpoint': '' }));
    const forget = await runCli(custom.args, custom.env);
    expect(forget.code).toBe(0);
    expect(forget.stdout).toMatch(/fire-and-forget/);
  });

  it("--targets: two builds, one failing: exit 1, the action's results on stdout and in the dotenv file", async () => {
    const file = path.join(scratchDir('tba-cli'), 'build.env');
    const { args, env } = cliArgs(inputsFor(sandbox, 'deskforge', { platform: '' }));
    const gh = gitHubEnv();
    const targets =
      '- platform: mac\n  arch: arm64\n- platform: windows\n  project: fail-desk\n  name: windows';
    const run = await runCli(
      [...args, ...gh.args, '--targets', targets, '--json', '--output-env', file],
      { ...env, ...gh.env },
    );
    expect(run.code, run.stderr).toBe(1);
    const results = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(results.map((r) => [r['name'], r['provider'], r['status']])).toEqual([
      ['mac arm64', 'deskforge', 'success'],
      ['windows', 'deskforge', 'failure'],
    ]);
    for (const entry of results) expect(Object.keys(entry)).toEqual(RESULT_KEYS);
    expect(results[0]!['artifact-url']).toMatch(/mac-arm64/);
    expect(sandbox.buildsCreated('deskforge')).toBe(2);
    expect(finalStatuses(sandbox)).toEqual({
      'build/deskforge (mac arm64)': 'success',
      'build/deskforge (windows)': 'failure',
    });
    expect(run.stderr).toMatch(/^\[mac arm64\] Done: success\.$/m);
    expect(run.stderr).toMatch(/^error: \[windows\] Deskforge build build_\w+ failed/m);
    expect(run.stderr).toMatch(/^2 targets: failure \(1 success, 1 failure\)\.$/m);
    const dotenv = fs.readFileSync(file, 'utf8');
    expect(dotenv).toMatch(/^STATUS=failure$/m);
    expect(dotenv).toMatch(/^BUILD_ID=$/m);
    expect(JSON.parse(/^RESULTS=(.*)$/m.exec(dotenv)?.[1] ?? '')).toEqual(results);
    expectPlain(run);
  });

  itWithSignals(
    '--targets and SIGINT: every started build is cancelled once, every status closed, exit 130',
    async () => {
      const { args, env } = cliArgs(customInputs({ project: 'slow-web' }));
      const gh = gitHubEnv();
      const run = await runCli(
        [
          ...args,
          ...gh.args,
          '--targets',
          '- project: slow-a\n- project: slow-b\n- project: slow-c',
          '--max-parallel',
          '2',
        ],
        { ...env, ...gh.env },
        {
          sigint: (out) =>
            /^\[slow-a\] .*cb_\w+: building/m.test(out) &&
            /^\[slow-b\] .*cb_\w+: building/m.test(out),
        },
      );
      expect(run.code, run.stdout).toBe(130);
      expect(sandbox.buildsCreated('custom')).toBe(2);
      expect(sandbox.requests.filter((r) => r.path.endsWith('/cancel'))).toHaveLength(2);
      expect(finalStatuses(sandbox)).toEqual({
        'build/custom (slow-a)': 'error',
        'build/custom (slow-b)': 'error',
        'build/custom (slow-c)': 'error',
      });
      expect(run.stdout).toMatch(/^\[slow-c\] Cancelled before it started/m);
      expectPlain(run);
    },
  );
});
