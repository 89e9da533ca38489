import type nock from 'nock';
import type { ProviderName } from '../../../src/providers/index.js';
import type { GitHubReader } from '../../../src/providers/types.js';
import type { TestOverrides } from '../settings.js';

/**
 * What each provider's fixture tells the shared contract suite. The suite, not the fixture, makes
 * the assertions, so every adapter is held to the same promises.
 */
export interface ContractFixture {
  provider: ProviderName;
  /** Settings beyond the defaults of `testSettings`: own inputs (platform, organization, ...). */
  settings?: (tempDir: string) => TestOverrides;
  /** Headers every API call must carry (nock `reqheaders`). */
  credentialHeaders: Record<string, string>;
  /**
   * Mocks one whole build on `api` (nock scope for the API origin, with `reqheaders` already set):
   * the trigger, then status answers that pass through a non-terminal state and end in `outcome`.
   * Returns the build id the adapter must report ('' where the provider gives none), the final
   * provider word, and a GitHub reader when the provider reports through GitHub.
   */
  mockBuild(
    api: nock.Scope,
    outcome: 'success' | 'failure',
    project: string,
  ): {
    buildId: string;
    finalWord: string;
    github?: GitHubReader;
    /** Extra checks on hosts nock does not see (a loopback upload host); throws on failure. */
    after?: () => void;
  };
  /** Mocks the trigger (or the first call) answering the provider's documented 401. */
  mockAuthError(api: nock.Scope, project: string): void;
  /** The one-line message for that 401 must match this (code, message and fix). */
  authMessage: RegExp;
  /** The encoded path the trigger is sent to for a project id. */
  triggerPath(project: string): string;
  /** Whether the trigger is addressed by project id (Sitepaste has none). */
  usesProject: boolean;
  /**
   * False when the provider cannot see a build fail (Sitepaste has no status endpoint: a failed
   * build just leaves the site unchanged, and the run ends timed_out). Default true.
   */
  reportsFailure?: boolean;
}
