import { describe, expect, it } from 'vitest';
import { useSandbox } from './sandbox-world.js';
import { actionStatuses, expectHygiene, runIn, SECRETS, type ProviderName } from './helpers.js';

const sandbox = useSandbox({ buildMs: 900 });

/** What each provider must hand to later steps on success. */
const expectations: Record<
  ProviderName,
  { word: string; failWord: string; outputs: string[]; authFix: RegExp }
> = {
  jamdesk: {
    word: 'deployed',
    failWord: 'failed',
    outputs: ['build-id', 'log-url'],
    authFix: /unauthorized "Invalid API key". Fix: Regenerate the key in Settings > API/,
  },
  sitepaste: {
    word: 'live',
    failWord: 'queued',
    outputs: ['deploy-url'],
    authFix: /invalid or revoked token/,
  },
  justdeploy: {
    word: 'ready',
    failWord: 'error',
    outputs: ['build-id', 'deploy-url'],
    authFix: /HTTP 401.*Fix:/,
  },
  deskforge: {
    word: 'success',
    failWord: 'failed',
    outputs: ['build-id', 'artifact-url', 'log-url'],
    authFix: /HTTP 401.*Fix:/,
  },
  deployhub: {
    word: 'success',
    failWord: 'failed',
    outputs: ['build-id', 'log-url', 'docker-image'],
    authFix: /HTTP 401.*Fix:/,
  },
};

describe.each(Object.keys(expectations) as ProviderName[])('%s end to end', (provider) => {
  const expected = expectations[provider];

  it('triggers one build, waits, posts pending then success, and sets the outputs', async () => {
    const result = await runIn(sandbox, provider);
    expect(result.code, result.stdout).toBe(0);
    expect(result.outputs['status']).toBe('success');
    expect(result.outputs['provider-status']).toBe(expected.word);
    for (const name of expected.outputs) expect(result.outputs[name], name).toBeTruthy();
    expect(Number(result.outputs['duration'])).toBeGreaterThanOrEqual(0);
    expect(sandbox.buildsCreated(provider)).toBe(1);
    expect(actionStatuses(sandbox).map((s) => s.state)).toEqual(['pending', 'success']);
    expect(actionStatuses(sandbox)[0]).toMatchObject({
      context: `build/${provider}`,
      sha: sandbox.sha,
    });
    expect(result.summary).toContain('<th>Status</th><td>✅ success');
    expect(
      result.commands.some((c) => c.command === 'add-mask' && c.data === SECRETS.githubToken),
    ).toBe(true);
    expectHygiene(sandbox, result);
  });

  it.runIf(provider !== 'sitepaste')(
    'fails the step when the build fails, with a failure status',
    async () => {
      sandbox.options.outcome = 'failure';
      const result = await runIn(sandbox, provider);
      expect(result.code).toBe(1);
      expect(result.outputs['status']).toBe('failure');
      expect(result.outputs['provider-status']).toBe(expected.failWord);
      expect(actionStatuses(sandbox).map((s) => s.state)).toEqual(['pending', 'failure']);
      expect(result.commands.filter((c) => c.command === 'error')).toHaveLength(1);
      expectHygiene(sandbox, result);
    },
  );

  it("turns an auth error into one line with the provider's words and a fix, and an error status", async () => {
    const result = await runIn(sandbox, provider, {
      token: 'wrong-token',
      ...(provider === 'justdeploy' ? { 'secret-key': 'wrong-secret' } : {}),
    });
    expect(result.code).toBe(1);
    const errors = result.commands.filter((c) => c.command === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.data).toMatch(expected.authFix);
    expect(sandbox.buildsCreated(provider)).toBe(0);
    expect(actionStatuses(sandbox).map((s) => s.state)).toEqual(['error']);
    expect(result.outputs['status']).toBe('failure');
    expectHygiene(sandbox, result);
  });
});

describe('deskforge version from a release tag', () => {
  it('sends v1.4.0 (what github.ref_name holds on a tag) as 1.4.0, which Deskforge takes', async () => {
    const result = await runIn(sandbox, 'deskforge', { version: 'v1.4.0' });
    expect(result.code, result.stdout).toBe(0);
    const builds = sandbox.builds.filter((b) => b.provider === 'deskforge');
    expect(builds.map((b) => (b as { version?: unknown }).version)).toEqual(['1.4.0']);
    expectHygiene(sandbox, result);
  });
});

describe('inputs the chosen provider does not read', () => {
  it('warns once, naming them and the provider but no value, and still builds', async () => {
    // Left over from `provider: deskforge` / `justdeploy`; arch at its default is not a choice.
    const secret = 'sk-left-over-0123456789';
    const result = await runIn(sandbox, 'deployhub', {
      platform: 'mac',
      arch: 'x64',
      'secret-key': secret,
    });
    expect(result.code, result.stdout).toBe(0);
    expect(result.commands.filter((c) => c.command === 'warning').map((c) => c.data)).toEqual([
      'Inputs secret-key, platform are not read by provider deployhub and are ignored; remove them, or check provider',
    ]);
    // Only the runner's add-mask hears the secret.
    const printed = result.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::'));
    expect(printed.join('\n')).not.toContain(secret);
    expectHygiene(sandbox, result);
  });
});
