/**
 * A provider API that answers anything (hostile or compromised), seen through the bundled action:
 * nothing it sends may put a secret or a signed URL where the public reads it, run as shell in the
 * user's next step, or drive the terminal (issue 23 items 5, 6, 7 and 9; issue 18 item 5).
 */
import { runCli as runDistCli } from './cli-run.js';
import { describe, expect, it, vi } from 'vitest';
import { PR, prEvent, useSandbox } from './sandbox-world.js';
import type { RunActionOptions } from '../../sandbox/run-action.mjs';
import { OIDC_REQUEST_TOKEN } from '../../sandbox/providers/custom.mjs';
import { actionStatuses, expectHygiene, runAction, SECRETS } from './helpers.js';

const sandbox = useSandbox({ buildMs: 600 });

vi.setConfig({ testTimeout: 60_000 });

/** The sandbox's custom API, as a user describes it, with a deployment and a PR comment. */
function customInputs(extra: Record<string, string> = {}): Record<string, string> {
  return {
    provider: 'custom',
    token: SECRETS.token,
    project: 'web',
    'api-url': `${sandbox.apiBase}/custom`,
    'trigger-endpoint': 'POST /projects/{project}/builds',
    'build-id-field': '$.data.id',
    'status-endpoint': 'GET /builds/{id}',
    'status-field': '$.data.state',
    'running-values': 'queued,running',
    'deploy-url-field': '$.links.deploy',
    'log-url-field': '$.links.log',
    'failure-reason-field': '$.error.message',
    environment: `preview-pr-${PR}`,
    'pr-comment': 'true',
    'poll-interval': '1s',
    timeout: '20s',
    ...extra,
  };
}

function runCustom(extra: Record<string, string> = {}, options: Partial<RunActionOptions> = {}) {
  return runAction({
    sandbox,
    inputs: customInputs(extra),
    githubToken: SECRETS.githubToken,
    timeoutMs: 45_000,
    ...prEvent(sandbox),
    ...options,
  });
}

/** Everything the run put where the public reads it: statuses, deployments, comments, summary. */
function publicText(summary: string): string {
  return JSON.stringify({
    statuses: actionStatuses(sandbox).map((s) => [s.description, s.target_url]),
    deployments: sandbox.deployments.map((d) => [
      d.description,
      d.payload,
      d.statuses.map((s) => [s.description, s.log_url, s.environment_url]),
    ]),
    comments: sandbox.comments.map((c) => c.body),
    summary,
  });
}

describe('the link rule: nothing public carries a signed URL', () => {
  it("a presigned log URL reaches neither target_url, the deployment's log_url, the comment nor the summary", async () => {
    const signed = `${sandbox.foreignUrl}/logs/custom/b1?X-Amz-Signature=SIGsecret0123456789&X-Amz-Expires=600`;
    sandbox.inject({
      provider: 'custom',
      method: 'GET',
      path: /^\/builds\//,
      times: 100,
      status: 200,
      body: {
        data: { id: 'b1', state: 'succeeded' },
        links: { log: signed, deploy: 'https://web.custom.example/b1' },
      },
    });
    const result = await runCustom();
    expect(result.code, result.stdout).toBe(0);
    expect(sandbox.deployments).toHaveLength(1);
    expect(sandbox.comments).toHaveLength(1);
    const shown = publicText(result.summary);
    expect(shown).not.toContain('SIGsecret0123456789');
    expect(shown).not.toContain('X-Amz');
    // The links that pass the rule are still there: the deploy URL is the final "Details".
    expect(sandbox.deployments[0]!.statuses.at(-1)!.environment_url).toBe(
      'https://web.custom.example/b1',
    );
    expect(actionStatuses(sandbox).at(-1)!.target_url).toBe('https://web.custom.example/b1');
    for (const status of actionStatuses(sandbox)) expect(status.target_url).not.toContain('?');
    // Nor the outputs: a link with a query is dropped, not trimmed.
    expect(result.outputs['log-url']).toBe('');
    expect(result.outputs['deploy-url']).toBe('https://web.custom.example/b1');
    expectHygiene(sandbox, result);
  });

  it("a log link on the API's own host (it needs the token) is never where a person clicks", async () => {
    const apiLog = `${sandbox.apiBase}/custom/builds/b1/log`;
    sandbox.inject({
      provider: 'custom',
      method: 'GET',
      path: /^\/builds\//,
      times: 100,
      status: 200,
      body: { data: { id: 'b1', state: 'failed' }, links: { log: apiLog } },
    });
    const result = await runCustom();
    expect(result.code).toBe(1);
    const shown = publicText(result.summary);
    expect(shown).not.toContain('/custom/builds/b1/log');
    // A script may still call it with its token.
    expect(result.outputs['log-url']).toBe(apiLog);
    expectHygiene(sandbox, result);
  });
});

describe('the scrubber: no secret reaches GitHub', () => {
  const masked = (result: { commands: { command: string; data: string }[] }) =>
    result.commands.filter((c) => c.command === 'add-mask').map((c) => c.data);

  it('a provider that echoes the token (as sent, URL-encoded, base64, inside Basic auth) puts it in no status, deployment, comment or output', async () => {
    const token = 'sandbox-token';
    const echoes = [
      token,
      Buffer.from(token).toString('base64'),
      Buffer.from(`ci-user:${token}`).toString('base64'),
      encodeURIComponent(`${token}/x`),
    ];
    sandbox.inject({
      provider: 'custom',
      method: 'POST',
      path: '/projects/web/builds',
      status: 401,
      body: { error: { code: 'unauthorized', message: `Key rejected: ${echoes.join(' ')}` } },
    });
    const result = await runCustom();
    expect(result.code).toBe(1);
    // The failure reached GitHub (status and comment), without the key in any form.
    expect(actionStatuses(sandbox).at(-1)?.description).toMatch(/Key rejected/);
    expect(sandbox.comments[0]?.body).toMatch(/Key rejected/);
    const shown = publicText(result.summary) + JSON.stringify(result.outputs);
    expect(shown).not.toContain(token);
    expect(shown).not.toContain('c2FuZGJveC10b2tlbg'); // base64 of the token
    expect(shown).not.toContain('OnNhbmRib3gtdG9rZW4'); // base64 of ":sandbox-token"
    expectHygiene(sandbox, result);
  });

  it("a key in a custom endpoint's query (?api_key=) and a custom header's value are masked and never posted", async () => {
    const apiKey = 'qkey-7f3a9c21e5';
    const header = 'hdr-secret-4567';
    sandbox.inject({
      provider: 'custom',
      method: 'POST',
      path: '/projects/web/builds',
      status: 422,
      body: { error: { code: 'invalid', message: `X-Tenant-Key ${header} is not allowed` } },
    });
    const result = await runCustom({
      'trigger-endpoint': `POST /projects/{project}/builds?api_key=${apiKey}`,
      headers: `X-Tenant-Key: ${header}\nAccept: application/json`,
    });
    expect(result.code).toBe(1);
    expect(sandbox.comments[0]?.body).toMatch(/is not allowed/);
    expect(actionStatuses(sandbox).at(-1)?.state).toBe('error');
    const shown = publicText(result.summary) + JSON.stringify(result.outputs);
    expect(shown).not.toContain(apiKey);
    expect(shown).not.toContain(header);
    // The runner masks them in its log: they are registered before anything is printed.
    expect(masked(result)).toEqual(expect.arrayContaining([apiKey, header]));
    expect(masked(result)).not.toContain('application/json');
    expectHygiene(sandbox, result);
  });
  it("an OIDC token minted while the run waits, echoed in a build's failure text, is posted nowhere", async () => {
    sandbox.options.outcome = 'failure';
    sandbox.options.custom = {
      oidc: { audience: new URL(sandbox.apiBase).origin },
      oidcTokenLifeS: 3,
      echoAuth: true,
    };
    sandbox.options.buildMs = 4000;
    try {
      const result = await runCustom(
        { token: '', 'auth-header': 'Authorization: Bearer {oidc-token}' },
        {
          env: {
            ACTIONS_ID_TOKEN_REQUEST_URL: `${sandbox.foreignUrl}/oidc/token?api-version=2.0`,
            ACTIONS_ID_TOKEN_REQUEST_TOKEN: OIDC_REQUEST_TOKEN,
          },
        },
      );
      expect(result.code, result.stdout).toBe(1);
      const tokens = [
        ...new Set(
          sandbox.requests
            .filter(
              (r) => r.provider === 'custom' && r.host === 'api' && r.headers['authorization'],
            )
            .map((r) => r.headers['authorization']!.replace(/^Bearer /, '')),
        ),
      ];
      // Renewed while the build ran: the last token was minted long after the inputs were read.
      expect(tokens.length).toBeGreaterThanOrEqual(2);
      // The failure reason reached GitHub, with the echoed credential removed.
      expect(actionStatuses(sandbox).at(-1)?.description).toMatch(/exited with code 1/);
      expect(sandbox.comments[0]?.body).toMatch(/exited with code 1/);
      const shown = publicText(result.summary) + JSON.stringify(result.outputs);
      for (const token of tokens) {
        // Any part of it: the status description is cut at 140 characters, a cut token still leaks.
        const [, claims = '', signature = ''] = token.split('.');
        expect(shown).not.toContain(claims.slice(0, 12));
        expect(shown).not.toContain(signature.slice(0, 12));
      }
    } finally {
      sandbox.options.buildMs = 600;
    }
  });
});

describe('outputs never run as shell', () => {
  it('a build id and a status word with shell characters are refused: empty outputs and one clear error', async () => {
    const hostileId = 'b1"; touch pwned; echo "';
    sandbox.inject({
      provider: 'custom',
      method: 'POST',
      path: '/projects/web/builds',
      status: 201,
      body: { data: { id: hostileId, state: 'queued$(id)' } },
    });
    const result = await runCustom({ 'status-endpoint': '', environment: '', 'pr-comment': '' });
    expect(result.code).toBe(1);
    expect(result.outputs['build-id']).toBe('');
    expect(result.outputs['provider-status']).toBe('');
    expect(result.outputs['status']).toBe('failure');
    expect(JSON.stringify(result.outputs)).not.toContain('touch pwned');
    const errors = result.commands.filter((c) => c.command === 'error').map((c) => c.data);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/build-id has characters a build id never has \('"', ';', space\)/);
    expect(errors[0]).toMatch(
      /provider-status has characters a status word never has \('\$', '\('/,
    );
    expect(errors[0]).not.toContain('touch pwned');
    expectHygiene(sandbox, result);
  });
});

/** Runs `node dist/cli.js` with the given flags and variables; resolves with what it printed. */
async function runCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; out: string }> {
  const run = await runDistCli(args, env);
  return { code: run.code, out: run.stdout + run.stderr };
}

/** Escape sequences a hostile API sends: retitle (OSC 0), clipboard (OSC 52), erase, 8-bit CSI. */
const ESCAPES =
  '\u001b]0;pwned\u0007\u001b]52;c;ZWNobyBoaQ==\u0007\u001b[2J\u001b[1A\u009b31m\u202eevil';
// eslint-disable-next-line no-control-regex
const RAW_CONTROLS = /[\u0007\u001b\u009b\u202e]/;

describe('printed text drives no terminal', () => {
  it('escape sequences in a provider error reach neither the CLI output nor the Actions log raw', async () => {
    const fault = {
      provider: 'custom',
      method: 'POST',
      path: '/projects/web/builds',
      status: 422,
      body: { error: { code: 'invalid', message: `bad request ${ESCAPES}` } },
    } as const;
    sandbox.inject(fault);
    const inputs = customInputs({ environment: '', 'pr-comment': '', 'status-endpoint': '' });
    const args: string[] = [];
    for (const [name, value] of Object.entries(inputs)) {
      if (name !== 'token' && value !== '') args.push(`--${name}`, value);
    }
    const cli = await runCli(args, { TRIGGER_BUILD_TOKEN: SECRETS.token });
    expect(cli.code).not.toBe(0);
    expect(cli.out).toContain('bad request');
    expect(cli.out).not.toMatch(RAW_CONTROLS);
    expect(cli.out).toContain('\\x1b]0;pwned');

    sandbox.reset();
    sandbox.inject(fault);
    const action = await runCustom({ 'status-endpoint': '' });
    expect(action.code).toBe(1);
    expect(action.stdout).toContain('bad request');
    expect(action.stdout + action.stderr).not.toMatch(RAW_CONTROLS);
    expect(publicText(action.summary)).not.toMatch(RAW_CONTROLS);
  });
});

describe('text from outside is bounded and read in linear time', () => {
  it('a 150 KB error message of spaces ends a run with timeout: 5s in seconds, not minutes', async () => {
    sandbox.inject({
      provider: 'custom',
      method: 'POST',
      path: '/projects/web/builds',
      status: 422,
      body: { error: { code: 'invalid', message: `bad${' '.repeat(150_000)}x` } },
    });
    const result = await runCustom(
      { timeout: '5s', environment: '', 'pr-comment': '' },
      { timeoutMs: 40_000 },
    );
    expect(result.timedOut).toBe(false);
    expect(result.code).toBe(1);
    // Generous: the run itself takes about a second; the backtracking pattern took about a minute.
    expect(result.durationMs).toBeLessThan(20_000);
    expect(actionStatuses(sandbox).at(-1)?.state).toBe('error');
  });
});
