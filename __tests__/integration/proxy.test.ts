/**
 * The bundled action behind a corporate proxy (see __tests__/proxy-world.ts): every provider call
 * and every GitHub call goes through HTTPS_PROXY as a CONNECT tunnel, GitHub being an Enterprise
 * Server at https://ghe.test/api/v3, while a loopback api-url and a loopback GitHub bypass the
 * proxy. Nothing leaves the machine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSandbox } from './sandbox-world.js';
import { startProxyWorld, TEST_CA_FILE, type ProxyWorld } from '../proxy-world.js';
import { actionStatuses, expectHygiene, runIn, type ProviderName } from './helpers.js';

let world: ProxyWorld;
const sandbox = useSandbox({ buildMs: 700 }, () => world.clear());

// After the sandbox's own hooks: the proxies lead to it, and close before it.
beforeAll(async () => {
  world = await startProxyWorld(sandbox.apiBase, sandbox.foreignUrl);
});
afterAll(async () => {
  await world?.close();
});

const GHES_API_URL = 'https://ghe.test/api/v3';

function proxyEnv(): Record<string, string | undefined> {
  return {
    HTTPS_PROXY: world.proxyUrl,
    HTTP_PROXY: world.proxyUrl,
    https_proxy: undefined,
    http_proxy: undefined,
    NO_PROXY: undefined,
    no_proxy: undefined,
    NODE_EXTRA_CA_CERTS: TEST_CA_FILE,
  };
}

// JustDeploy uploads to a presigned URL on the sandbox's foreign host, a loopback address: that
// call rightly bypasses the proxy, so it is left to the loopback test below.
const PROVIDERS: ProviderName[] = ['jamdesk', 'sitepaste', 'deskforge', 'deployhub'];

describe.each(PROVIDERS)('%s behind HTTPS_PROXY, GitHub Enterprise Server', (provider) => {
  it('sends every provider and GitHub call through the proxy, and succeeds', async () => {
    const apiUrl = `https://${provider}.test/${provider}`;
    const result = await runIn(
      sandbox,
      provider,
      // Sitepaste's live site is on the sandbox's foreign (loopback) host: watch it under the
      // proxied name instead, so this run has no loopback call at all.
      {
        'api-url': apiUrl,
        ...(provider === 'sitepaste'
          ? {
              'site-url': `https://sitepaste.test/site/${encodeURIComponent(sandbox.options.sitepasteAccount)}`,
            }
          : {}),
      },
      {
        sandbox: { githubApiUrl: GHES_API_URL, sha: sandbox.sha },
        env: proxyEnv(),
      },
    );
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.outputs['status']).toBe('success');

    // Every request the sandbox saw came through the front, which is reachable only through the
    // proxy's CONNECT tunnel; GitHub's under /api/v3 on the GHES host.
    const seen = sandbox.requests;
    expect(seen.length).toBeGreaterThan(0);
    const direct = seen.filter((r) => !r.headers['x-through-proxy']);
    expect(direct.map((r) => `${r.method} ${r.fullPath}`)).toEqual([]);
    const github = seen.filter((r) => r.provider === 'github');
    expect(github.length).toBeGreaterThanOrEqual(2);
    for (const r of github) expect(r.headers['x-through-proxy']).toBe('ghe.test');
    expect(
      world.frontLog
        .filter((f) => f.host === 'ghe.test')
        .every((f) => f.path.startsWith('/api/v3/')),
    ).toBe(true);

    expect(world.proxyLog.filter((e) => !e.carried)).toEqual([]);
    const authorities = new Set(world.proxyLog.map((e) => e.target));
    expect([...authorities].sort()).toEqual([`${provider}.test:443`, 'ghe.test:443'].sort());
    expect(actionStatuses(sandbox).map((s) => s.state)).toEqual(['pending', 'success']);
    expectHygiene(sandbox, result);
  });
});

describe('loopback hosts behind HTTPS_PROXY', () => {
  it.each(['deskforge', 'justdeploy'] as ProviderName[])(
    '%s: a loopback api-url and a loopback GitHub bypass the proxy',
    async (provider) => {
      const result = await runIn(sandbox, provider, {}, { env: proxyEnv() });
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(result.outputs['status']).toBe('success');
      expect(sandbox.requests.length).toBeGreaterThan(0);
      expect(world.proxyLog).toEqual([]);
      expect(world.frontLog).toEqual([]);
      expect(actionStatuses(sandbox).map((s) => s.state)).toEqual(['pending', 'success']);
    },
  );
});
