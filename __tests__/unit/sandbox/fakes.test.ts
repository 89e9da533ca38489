/**
 * The sandbox finds its provider fakes in one list (sandbox/providers/index.mjs), and that list
 * and the action's registry name the same providers: a provider the action speaks has a fake to
 * run against, and a fake stands for a provider. Each fake is mounted at the prefix it declares.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVIDERS as REGISTERED } from '../../../src/providers/index.js';
import { PROVIDERS, startSandbox, type Sandbox } from '../../../sandbox/server.mjs';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ buildMs: 300 });
});
afterAll(async () => {
  await sandbox?.close();
});

describe('sandbox provider fakes', () => {
  it('has one fake for every provider the action registers, and no other', () => {
    expect([...PROVIDERS].sort()).toEqual(Object.keys(REGISTERED).sort());
    expect(new Set(PROVIDERS).size).toBe(PROVIDERS.length);
  });

  it('lists every fake at its prefix and routes its requests to it', async () => {
    const root = (await (await fetch(`${sandbox.apiBase}/`)).json()) as {
      providers: Record<string, string>;
    };
    expect(Object.keys(root.providers)).toEqual([...PROVIDERS]);
    for (const name of PROVIDERS) {
      expect(root.providers[name]).toBe(sandbox.apiUrl(name));
      const res = await fetch(`${sandbox.apiUrl(name)}/no-such-route`, {
        signal: AbortSignal.timeout(5000),
      });
      await res.arrayBuffer();
      expect(res.status).toBe(404);
      expect(sandbox.requests.at(-1)).toMatchObject({ provider: name, path: '/no-such-route' });
    }
    expect(() => sandbox.apiUrl('no-such-provider')).toThrow('unknown provider');
  }, 10_000);

  it("empties every fake's records on reset, keeping the arrays tests hold", () => {
    const pages = sandbox.pages;
    const uploads = sandbox.uploads;
    pages.push({} as (typeof pages)[number]);
    uploads.push({} as (typeof uploads)[number]);
    sandbox.reset();
    expect(sandbox.pages).toBe(pages);
    expect(sandbox.uploads).toBe(uploads);
    expect([pages.length, uploads.length]).toEqual([0, 0]);
  });
});
