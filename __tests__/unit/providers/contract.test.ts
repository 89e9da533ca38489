import fs from 'node:fs';
import path from 'node:path';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HttpError } from '../../../src/http/errors.js';
import { PROVIDERS } from '../../../src/providers/index.js';
import { isTerminal, type Build, type GitHubReader } from '../../../src/providers/types.js';
import type { ContractFixture } from './contract.js';
import { API, makeProvider } from './harness.js';
import { scratchDir } from '../../scratch.js';

/**
 * Every registered provider's fixture, found by name: `fixtures/<name>.ts` exporting a
 * `ContractFixture` whose `provider` is that name. A provider without one gets a failing test
 * that says which file to add, so no adapter skips the contract.
 */
const found = await Promise.all(
  Object.keys(PROVIDERS).map(async (name) => {
    const file = path.join(import.meta.dirname, 'fixtures', `${name}.ts`);
    const where = `__tests__/unit/providers/fixtures/${name}.ts`;
    if (!fs.existsSync(file))
      return { name, missing: `no contract fixture for provider "${name}": add ${where}` };
    // The path is known only here; vitest transforms the TypeScript file it names.
    const module = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
    const fixture = Object.values(module).find(
      (value): value is ContractFixture =>
        typeof value === 'object' &&
        value !== null &&
        'provider' in value &&
        value.provider === name,
    );
    if (!fixture)
      return { name, missing: `${where} exports no ContractFixture with provider "${name}"` };
    return { name, fixture };
  }),
);
const fixtures = found.flatMap((f) => (f.fixture ? [f.fixture] : []));

describe.each(found.filter((f) => f.missing).map((f) => [f.name, f.missing] as const))(
  '%s adapter contract',
  (_name, missing) => {
    it('has a contract fixture', () => {
      expect.fail(missing);
    });
  },
);

beforeAll(() => {
  nock.disableNetConnect();
});

afterEach(() => {
  nock.cleanAll();
});

describe.each(fixtures.map((f) => [f.provider, f] as const))(
  '%s adapter contract',
  (_name, fixture) => {
    const setup = (project: string, github?: GitHubReader) => {
      const tempDir = scratchDir('tba-contract');
      const extra = fixture.settings?.(tempDir) ?? {};
      return makeProvider(
        fixture.provider,
        { ...extra, inputs: { project: fixture.usesProject ? project : '', ...extra.inputs } },
        { tempDir, ...(github ? { github } : {}) },
      );
    };
    const api = () => nock(API, { reqheaders: fixture.credentialHeaders });

    async function runToEnd(outcome: 'success' | 'failure'): Promise<{
      trigger: Build;
      last: Build;
      expected: ReturnType<ContractFixture['mockBuild']>;
    }> {
      const scope = api();
      const expected = fixture.mockBuild(scope, outcome, 'proj_1');
      const { adapter } = setup('proj_1', expected.github);
      await adapter.prepare?.();
      const trigger = await adapter.trigger();
      let last = trigger;
      for (let i = 0; i < 10 && !isTerminal(last.state); i += 1) last = await adapter.poll(last);
      return { trigger, last, expected };
    }

    it("triggers one build and reports success in our words and the provider's", async () => {
      const { trigger, last, expected } = await runToEnd('success');
      expect(trigger.id).toBe(expected.buildId);
      expect(isTerminal(trigger.state)).toBe(false);
      expect(last.state).toBe('success');
      expect(last.providerStatus).toBe(expected.finalWord);
      expect(nock.pendingMocks()).toEqual([]);
      expected.after?.();
    });

    it.runIf(fixture.reportsFailure !== false)('maps a failed build to failure', async () => {
      const { last, expected } = await runToEnd('failure');
      expect(last.state).toBe('failure');
      expect(last.providerStatus).toBe(expected.finalWord);
    });

    it('turns a 401 into one line with the provider code, message and fix', async () => {
      fixture.mockAuthError(api(), 'proj_1');
      const { adapter } = setup('proj_1');
      await adapter.prepare?.();
      const error = await adapter.trigger().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(HttpError);
      const line = String(error);
      expect(line).not.toContain('\n');
      expect((error as HttpError).status).toBe(401);
      expect(line).toMatch(fixture.authMessage);
      expect(line).toContain('Fix:');
    });

    it.runIf(fixture.usesProject)(
      'keeps a hostile project id inside its path segment',
      async () => {
        const project = '../../admin?x=1#y';
        fixture.mockAuthError(api(), project);
        const { adapter } = setup(project);
        await adapter.prepare?.();
        await expect(adapter.trigger()).rejects.toBeInstanceOf(HttpError);
        expect(fixture.triggerPath(project)).toContain(encodeURIComponent(project));
        expect(nock.pendingMocks()).toEqual([]);
      },
    );

    it('never sends the credentials to another origin', async () => {
      // badheaders: the mock does not match (and the request fails) if a credential is present.
      const foreign = nock('https://elsewhere.test', {
        badheaders: Object.keys(fixture.credentialHeaders),
      })
        .get('/x')
        .reply(200, { leaked: [] });
      const { ctx } = setup('proj_1');
      const res = await ctx.http.request<{ leaked: string[] }>({
        method: 'GET',
        url: 'https://elsewhere.test/x',
        what: 'fetch a foreign URL',
      });
      expect(res.body.leaked).toEqual([]);
      foreign.done();
    });
  },
);
