import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HttpError } from '../../../src/http/errors.js';
import { isTerminal, type Build, type GitHubReader } from '../../../src/providers/types.js';
import type { ContractFixture } from './contract.js';
import { customFixture } from './fixtures/custom.js';
import { deployhubFixture } from './fixtures/deployhub.js';
import { deskforgeFixture } from './fixtures/deskforge.js';
import { githubWorkflowFixture } from './fixtures/github-workflow.js';
import { jamdeskFixture } from './fixtures/jamdesk.js';
import { justdeployFixture } from './fixtures/justdeploy.js';
import { sitepasteFixture } from './fixtures/sitepaste.js';
import { API, makeProvider } from './harness.js';
import { scratchDir } from '../../scratch.js';

const fixtures: ContractFixture[] = [
  jamdeskFixture,
  sitepasteFixture,
  justdeployFixture,
  deskforgeFixture,
  deployhubFixture,
  customFixture,
  githubWorkflowFixture,
];

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
      return makeProvider(
        fixture.provider,
        { project: fixture.usesProject ? project : '', ...fixture.settings?.(tempDir) },
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
