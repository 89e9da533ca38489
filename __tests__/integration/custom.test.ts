import { describe, expect, it } from 'vitest';
import { useSandbox } from './sandbox-world.js';
import { actionStatuses, expectHygiene, runAction, SECRETS } from './helpers.js';
import { secretsLeaked } from '../../sandbox/run-action.mjs';
import { OIDC_REQUEST_TOKEN } from '../../sandbox/providers/custom.mjs';
import { itWithSignals } from './helpers.js';
import { rng } from '../../sandbox/worlds.mjs';

const sandbox = useSandbox({ buildMs: 900 });

/** What a user writes for the sandbox's custom API, as a CircleCI-style token header. */
function inputs(extra: Record<string, string> = {}): Record<string, string> {
  return {
    provider: 'custom',
    token: SECRETS.token,
    project: 'web',
    'api-url': `${sandbox.apiBase}/custom`,
    'auth-header': 'Authorization: Bearer {token}',
    'trigger-endpoint': 'POST /projects/{project}/builds',
    'trigger-body': '{"branch": "main", "parameters": {"deploy": true}}',
    'build-id-field': '$.data.id',
    'status-endpoint': 'GET /builds/{id}',
    'status-field': '$.data.state',
    'running-values': 'queued,running',
    'deploy-url-field': '$.links.deploy',
    'log-url-field': '$.links.log',
    'failure-reason-field': '$.error.message',
    'cancel-endpoint': 'POST /builds/{id}/cancel',
    timeout: '30s',
    ...extra,
  };
}

function run(extra: Record<string, string> = {}, options: Parameters<typeof runAction>[0] = {}) {
  return runAction({
    sandbox,
    inputs: inputs(extra),
    githubToken: SECRETS.githubToken,
    timeoutMs: 45_000,
    ...options,
  });
}

const customBuilds = () => sandbox.builds.filter((b) => b.provider === 'custom');
const cancelCalls = () =>
  sandbox.requests.filter((r) => r.provider === 'custom' && r.path.endsWith('/cancel'));

describe('custom provider end to end', () => {
  it('triggers one build with the body, follows it to success and sets the outputs', async () => {
    sandbox.options.custom = { authHeader: 'circle-token', authScheme: '' };
    const result = await run({ 'auth-header': 'Circle-Token: {token}' });
    expect(result.code, result.stdout).toBe(0);
    expect(customBuilds()).toHaveLength(1);
    const build = customBuilds()[0]!;
    expect(build['requestBody']).toEqual({ branch: 'main', parameters: { deploy: true } });
    expect(result.outputs).toMatchObject({
      status: 'success',
      'build-id': build.id,
      'provider-status': 'succeeded',
      'deploy-url': `https://web.custom.example/${build.id}`,
    });
    expect(result.outputs['log-url']).toContain(`/logs/custom/${build.id}`);
    expect(actionStatuses(sandbox).map((s) => s.state)).toEqual(['pending', 'success']);
    expect(cancelCalls()).toHaveLength(0);
    expectHygiene(sandbox, result);
  });

  it('fails the step when the build fails, with the provider reason', async () => {
    sandbox.options.outcome = 'failure';
    const result = await run();
    expect(result.code).toBe(1);
    expect(result.outputs['status']).toBe('failure');
    expect(result.outputs['provider-status']).toBe('failed');
    const errors = result.commands.filter((c) => c.command === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.data).toMatch(/failed: step "test" exited with code 1/);
    expect(actionStatuses(sandbox).map((s) => s.state)).toEqual(['pending', 'failure']);
    expectHygiene(sandbox, result);
  });

  it('stops on a status word outside the configured lists', async () => {
    sandbox.options.custom = {
      words: {
        queued: 'queued',
        building: 'paused',
        success: 'succeeded',
        failure: 'failed',
        cancelled: 'cancelled',
      },
    };
    const result = await run({ project: 'slow-web' });
    expect(result.code).toBe(1);
    expect(result.commands.filter((c) => c.command === 'error')[0]?.data).toMatch(
      /unexpected status word 'paused'/,
    );
    expect(actionStatuses(sandbox).map((s) => s.state)).toEqual(['pending', 'error']);
    expectHygiene(sandbox, result);
  });

  it('names the input and the answer keys when a status field matches nothing', async () => {
    sandbox.options.custom = { statusPath: 'build.phase' };
    const result = await run();
    expect(result.code).toBe(1);
    const line = result.commands.filter((c) => c.command === 'error')[0]?.data ?? '';
    expect(line).toMatch(/status-field '\$\.data\.state' matched nothing/);
    expect(line).toMatch(
      /top-level keys \{data: object, build: object, project: string, links: object\}/,
    );
    expect(actionStatuses(sandbox).at(-1)?.state).toBe('error');
    expectHygiene(sandbox, result);
  });

  it('on timeout with cancel-on-timeout cancels the build once and says the provider accepted', async () => {
    const result = await run({ project: 'slow-web', timeout: '3s', 'cancel-on-timeout': 'true' });
    expect(result.outputs['status']).toBe('timed_out');
    expect(result.code).toBe(1);
    expect(cancelCalls()).toHaveLength(1);
    expect(customBuilds()[0]?.['cancelledAt']).toBeTruthy();
    expect(result.stdout).toMatch(
      /Custom API accepted the cancel request for build cb_\w+ \(HTTP 202\)/,
    );
    expect(actionStatuses(sandbox).map((s) => s.state)).toEqual(['pending', 'error']);
    expectHygiene(sandbox, result);
  });

  it('on timeout without cancel-on-timeout leaves the build alone', async () => {
    const result = await run({ project: 'slow-web', timeout: '2s' });
    expect(result.outputs['status']).toBe('timed_out');
    expect(cancelCalls()).toHaveLength(0);
  });

  itWithSignals('on SIGINT calls the cancel endpoint once, then closes the status', async () => {
    const result = await run(
      { project: 'slow-web' },
      {
        signal: {
          name: 'SIGINT',
          when: () => actionStatuses(sandbox).some((s) => s.state === 'pending'),
        },
      },
    );
    expect(result.outputs['status']).toBe('cancelled');
    expect(cancelCalls()).toHaveLength(1);
    expect(cancelCalls()[0]?.path).toBe(`/builds/${customBuilds()[0]?.id}/cancel`);
    expect(cancelCalls()[0]?.headers['authorization']).toBe(`Bearer ${SECRETS.token}`);
    expect(result.stdout).toMatch(/accepted the cancel request/);
    expect(actionStatuses(sandbox).map((s) => s.state)).toEqual(['pending', 'error']);
    expect(result.durationMs).toBeLessThan(7_500);
    expectHygiene(sandbox, result);
  });

  itWithSignals('logs a refused cancel as a warning', async () => {
    sandbox.options.custom = { cancelStatus: 409 };
    const result = await run(
      { project: 'slow-web' },
      {
        signal: {
          name: 'SIGINT',
          when: () => actionStatuses(sandbox).some((s) => s.state === 'pending'),
        },
      },
    );
    expect(cancelCalls()).toHaveLength(1);
    expect(
      result.commands.some((c) => c.command === 'warning' && /refused to cancel/.test(c.data)),
    ).toBe(true);
    expect(actionStatuses(sandbox).at(-1)?.state).toBe('error');
  });

  it('without a status endpoint triggers and returns queued (fire-and-forget)', async () => {
    const result = await run({ 'status-endpoint': '', 'cancel-endpoint': '' });
    expect(result.code, result.stdout).toBe(0);
    expect(result.outputs['status']).toBe('queued');
    expect(result.outputs['build-id']).toBe(customBuilds()[0]?.id);
    expect(sandbox.requests.filter((r) => r.provider === 'custom')).toHaveLength(1);
    expect(actionStatuses(sandbox)).toEqual([]);
    expect(result.stdout).toMatch(/fire-and-forget/);
  });

  it('follows a status inside a list, and never re-sends a trigger whose answer was lost', async () => {
    sandbox.options.custom = { listWrapped: true };
    const ok = await run({
      'build-id-field': '$.items[0].data.id',
      'status-field': '$.items[0].data.state',
    });
    expect(ok.outputs['status']).toBe('success');

    sandbox.reset();
    sandbox.inject({
      provider: 'custom',
      method: 'POST',
      path: '/projects/web/builds',
      reset: 'after',
    });
    const lost = await run();
    expect(lost.code).toBe(1);
    expect(customBuilds()).toHaveLength(1);
    expect(
      sandbox.requests.filter((r) => r.provider === 'custom' && r.method === 'POST'),
    ).toHaveLength(1);
    expect(lost.commands.find((c) => c.command === 'error')?.data).toMatch(/not sent again/);
  });

  it('fails a token with a line break as a bad input naming it, before any request', async () => {
    const token = `${SECRETS.token}\r\nX-Injected: yes`;
    const result = await run({ token });
    expect(result.code).toBe(1);
    const errors = result.commands.filter((c) => c.command === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.data).toMatch(/^Input 'token' has a line break/);
    expect(sandbox.requests).toHaveLength(0);
    expect(secretsLeaked(result.stdout + result.stderr, ['X-Injected'])).toEqual([]);
    expect(result.stdout).toContain('::add-mask::X-Injected: yes');
    expectHygiene(sandbox, result);
  });

  it('sends no credential to a host the API redirects to', async () => {
    sandbox.inject({ provider: 'custom', path: /^\/builds\//, redirectTo: 'foreign' });
    const result = await run();
    expect(result.code).toBe(1);
    expect(result.commands.find((c) => c.command === 'error')?.data).toMatch(
      /redirected to another host/,
    );
    expectHygiene(sandbox, result);
  });
});

describe('custom provider: every legal answer', () => {
  it('follows a build id beyond 2^53 by its digits as written, and sends the trigger body as written', async () => {
    sandbox.options.custom = { idStyle: 'bigint' };
    const body = '{"ref": "main", "pipeline": 12345678901234567891, "ratio": 1.10}';
    const result = await run({ 'trigger-body': body });
    const build = customBuilds()[0]!;
    expect(build.id).toMatch(/^\d{20}$/);
    expect(result.code, result.stdout).toBe(0);
    expect(result.outputs['build-id']).toBe(build.id);
    expect(result.outputs['status']).toBe('success');
    const polls = sandbox.requests.filter((r) => r.provider === 'custom' && r.method === 'GET');
    expect(polls.length).toBeGreaterThan(0);
    for (const poll of polls) expect(poll.path).toBe(`/builds/${build.id}`);
    expect(build['requestText']).toBe(body);
    expectHygiene(sandbox, result);
  });

  it.each([204, 202] as const)(
    'reads a status answered %i with no body as not ready yet',
    async (emptyStatus) => {
      sandbox.options.custom = { emptyPolls: 2, emptyStatus };
      const result = await run({ 'poll-interval': '1s' });
      expect(result.code, result.stdout).toBe(0);
      expect(result.outputs['status']).toBe('success');
      const polls = sandbox.requests.filter((r) => r.provider === 'custom' && r.method === 'GET');
      expect(polls.slice(0, 2).map((p) => p.status)).toEqual([emptyStatus, emptyStatus]);
      expect(polls.length).toBeGreaterThan(2);
      expect(actionStatuses(sandbox).map((s) => s.state)).toEqual(['pending', 'success']);
      expectHygiene(sandbox, result);
    },
  );

  it('reads the first of several comma-separated paths that is present and not null', async () => {
    // A GitHub-runs-like answer: `conclusion` is null until the end, the word is in data.state.
    sandbox.options.custom = { conclusionPath: 'conclusion', statusPath: 'data.state' };
    const result = await run({
      'status-field': '$.conclusion, $.data.state',
      'deploy-url-field': "$.links['none, really'], $.links.deploy",
      'log-url-field': '$.nowhere,$.links.log',
      'running-values': 'queued,running',
    });
    expect(result.code, result.stdout).toBe(0);
    expect(result.outputs['status']).toBe('success');
    expect(result.outputs['provider-status']).toBe('succeeded');
    const build = customBuilds()[0]!;
    expect(result.outputs['deploy-url']).toBe(`https://web.custom.example/${build.id}`);
    expect(result.outputs['log-url']).toContain(`/logs/custom/${build.id}`);
    // It waited through the null conclusion (a running word was read from the second path).
    expect(result.stdout).toMatch(/: (queued|building) \((queued|running)\)/);
    expectHygiene(sandbox, result);
  });

  it('compares status words as the word lists do: any case, surrounding whitespace', async () => {
    sandbox.options.custom = {
      words: {
        queued: ' Queued ',
        building: 'RUNNING\n',
        success: '  Succeeded',
        failure: 'FAILED ',
        cancelled: 'Cancelled',
      },
    };
    const result = await run({ 'running-values': 'queued, running' });
    expect(result.code, result.stdout).toBe(0);
    expect(result.outputs['status']).toBe('success');
    expect(result.outputs['provider-status']).toBe('Succeeded');
    expectHygiene(sandbox, result);
  });
});

describe('custom provider with GitHub OIDC ({oidc-token})', () => {
  /** What the runner sets with `permissions: id-token: write`. */
  const oidcEnv = () => ({
    ACTIONS_ID_TOKEN_REQUEST_URL: `${sandbox.foreignUrl}/oidc/token?api-version=2.0`,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: OIDC_REQUEST_TOKEN,
  });
  const noOidcEnv = {
    ACTIONS_ID_TOKEN_REQUEST_URL: undefined,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: undefined,
  };
  const oidcInputs = { token: '', 'auth-header': 'Authorization: Bearer {oidc-token}' };
  const bearerOf = (r: { headers: Record<string, string> }) =>
    (r.headers['authorization'] ?? '').replace(/^Bearer /, '');
  const claimsOf = (jwt: string): Record<string, unknown> =>
    JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
  const tokenFetches = () =>
    sandbox.requests.filter((r) => r.host === 'foreign' && r.path === '/oidc/token');
  const apiCalls = () =>
    sandbox.requests.filter((r) => r.provider === 'custom' && r.host === 'api');

  /** Hygiene as expectHygiene, except that the token service on the foreign host takes the runner's request token. */
  function expectOidcHygiene(result: Awaited<ReturnType<typeof run>>, tokens: string[]): void {
    const visible = result.stdout + result.stderr;
    expect(secretsLeaked(visible, [...Object.values(SECRETS), ...tokens])).toEqual([]);
    for (const token of tokens) {
      expect(visible).toContain(`::add-mask::${token}`);
      expect(JSON.stringify(result.outputs)).not.toContain(token);
      expect(JSON.stringify(result.state)).not.toContain(token);
      expect(result.summary).not.toContain(token);
    }
    for (const r of sandbox.requests.filter(
      (r) => r.host === 'foreign' && r.path !== '/oidc/token',
    )) {
      expect(r.headers['authorization']).toBeUndefined();
    }
    expect(actionStatuses(sandbox).at(-1)?.state).not.toBe('pending');
  }

  it('a build longer than the token life succeeds with renewed tokens; the API never sees an expired one', async () => {
    const audience = new URL(sandbox.apiBase).origin;
    sandbox.options.custom = { oidc: { audience }, oidcTokenLifeS: 3 };
    sandbox.options.buildMs = 8000;
    try {
      const result = await run({ ...oidcInputs, 'poll-interval': '1s' }, { env: oidcEnv() });
      expect(result.code, result.stdout).toBe(0);
      expect(result.outputs['status']).toBe('success');
      const calls = apiCalls();
      expect(calls.length).toBeGreaterThan(5);
      for (const call of calls) {
        expect(call.status, `${call.method} ${call.path}`).not.toBe(401);
        const claims = claimsOf(bearerOf(call));
        expect(claims['aud']).toBe(audience);
        expect(Number(claims['exp']) * 1000).toBeGreaterThan(call.at);
      }
      // Renewed as it ran out (8 s of build, 3 s tokens), not fetched for every request.
      const tokens = [...new Set(calls.map(bearerOf))];
      expect(tokens.length).toBeGreaterThanOrEqual(3);
      expect(tokenFetches().length).toBe(tokens.length);
      expect(tokenFetches().length).toBeLessThan(calls.length);
      for (const fetch of tokenFetches())
        expect(fetch.query).toContain(`audience=${encodeURIComponent(audience)}`);
      expectOidcHygiene(result, tokens);
    } finally {
      sandbox.options.buildMs = 900;
    }
  });

  it('oidc-audience sets the audience; a wrong one is refused by the API, renewed once, then one error line', async () => {
    sandbox.options.custom = { oidc: { audience: 'https://deploy.example.com' } };
    const ok = await run(
      { ...oidcInputs, 'oidc-audience': 'https://deploy.example.com' },
      { env: oidcEnv() },
    );
    expect(ok.code, ok.stdout).toBe(0);

    sandbox.reset();
    const wrong = await run(
      { ...oidcInputs, 'oidc-audience': 'https://elsewhere.example' },
      { env: oidcEnv() },
    );
    expect(wrong.code).toBe(1);
    const errors = wrong.commands.filter((c) => c.command === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.data).toMatch(/trigger the build .*HTTP 401.*wrong audience/);
    // One trigger refused, one more with a new token, and no loop.
    expect(apiCalls()).toHaveLength(2);
    expect(tokenFetches()).toHaveLength(2);
    expect(sandbox.builds.filter((b) => b.provider === 'custom')).toHaveLength(0);
    expectOidcHygiene(wrong, apiCalls().map(bearerOf));
  });

  it('without id-token: write, one error naming the permission, before any request', async () => {
    sandbox.options.custom = { oidc: { audience: new URL(sandbox.apiBase).origin } };
    const result = await run(oidcInputs, { env: noOidcEnv });
    expect(result.code).toBe(1);
    const errors = result.commands.filter((c) => c.command === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.data).toMatch(/^Input 'auth-header' uses \{oidc-token\}.*id-token: write/);
    expect(sandbox.requests.filter((r) => r.provider === 'custom')).toHaveLength(0);
    expect(actionStatuses(sandbox)).toEqual([]);
    expectHygiene(sandbox, result);
  });
});

describe('custom provider in random API shapes', () => {
  const seeds = (process.env['TBA_SEEDS'] ?? '11,22,33,44').split(',').map(Number);
  it.each(seeds)(
    'world %i: one build, the right verdict, never pending, no credential abroad',
    async (seed) => {
      const rand = rng(seed);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
      const idPath = pick(['id', 'data.id', 'build.meta.key', 'result.0.ref']);
      const statusPath = pick(['status', 'data.state', 'build.phase.name', 'result.0.word']);
      const words = pick([
        {
          queued: 'queued',
          building: 'running',
          success: 'succeeded',
          failure: 'failed',
          cancelled: 'cancelled',
        },
        {
          queued: 'PENDING',
          building: 'IN_PROGRESS',
          success: 'DONE',
          failure: 'ERRORED',
          cancelled: 'CANCELED',
        },
        {
          queued: 'created',
          building: 'build_in_progress',
          success: 'live',
          failure: 'build_failed',
          cancelled: 'canceled',
        },
      ]);
      const header = pick([
        {
          authHeader: 'authorization',
          authScheme: 'Bearer ',
          input: 'Authorization: Bearer {token}',
        },
        { authHeader: 'x-api-key', authScheme: '', input: 'X-Api-Key: {token}' },
        { authHeader: 'circle-token', authScheme: 'tok=', input: 'Circle-Token: tok={token}' },
      ]);
      const outcome = pick(['success', 'failure'] as const);
      const listWrapped = rand() < 0.3;
      const strict = rand() < 0.5;
      // Legal answers beyond the common ones: integer ids wider than a double, status reads with
      // no body while the build is not ready, words in another case with whitespace around them.
      const idStyle = pick(['short', 'bigint'] as const);
      const emptyPolls = pick([0, 0, 1, 3]);
      const emptyStatus = pick([204, 202] as const);
      const decorate = pick([
        (w: string) => w,
        (w: string) => ` ${w.toUpperCase()} `,
        (w: string) => `${w[0]?.toUpperCase()}${w.slice(1).toLowerCase()}\n`,
      ]);
      const sent = Object.fromEntries(
        Object.entries(words).map(([k, w]) => [k, decorate(w)]),
      ) as typeof words;
      sandbox.options.outcome = outcome;
      sandbox.options.buildMs = 300 + Math.floor(rand() * 900);
      sandbox.options.custom = {
        idPath,
        statusPath,
        words: sent,
        authHeader: header.authHeader,
        authScheme: header.authScheme,
        listWrapped,
        idStyle,
        emptyPolls,
        emptyStatus,
      };
      // How a user would write the world's paths: `$.` JSONPath, with list indexes in brackets.
      const jsonPath = (dotted: string): string =>
        `${listWrapped ? '$.items[0]' : '$'}${dotted
          .split('.')
          .map((k) => (/^\d+$/.test(k) ? `[${k}]` : `.${k}`))
          .join('')}`;
      const world = `seed ${seed}: ${JSON.stringify(sandbox.options.custom)} outcome=${outcome} strict=${strict}`;
      try {
        const result = await run({
          'poll-interval': '1s',
          'auth-header': header.input,
          'build-id-field': jsonPath(idPath),
          'status-field': jsonPath(statusPath),
          'success-values': words.success,
          'failure-values': `${words.failure},${words.cancelled}`,
          'running-values': strict ? `${words.queued},${words.building}` : '',
          'deploy-url-field': '',
          'log-url-field': listWrapped ? '$.items[0].links.log' : '$.links.log',
          'failure-reason-field': '',
        });
        expect(result.code, `${world}\n${result.stdout}`).toBe(outcome === 'success' ? 0 : 1);
        expect(result.outputs['status'], world).toBe(outcome);
        expect(result.outputs['provider-status'], world).toBe(
          (outcome === 'success' ? sent.success : sent.failure).trim(),
        );
        expect(result.outputs['build-id'], world).toBe(customBuilds()[0]?.id);
        expect(customBuilds(), world).toHaveLength(1);
        expect(
          actionStatuses(sandbox).map((s) => s.state),
          world,
        ).toEqual(['pending', outcome === 'success' ? 'success' : 'failure']);
        expectHygiene(sandbox, result);
      } finally {
        sandbox.options.buildMs = 900;
      }
    },
  );
});
