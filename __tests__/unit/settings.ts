import type { Settings } from '../../src/inputs.js';
import type { ProviderName } from '../../src/providers/types.js';
import { DEFAULT_REPORTING } from '../../src/inputs/reporting.js';

/** The API origin every provider unit test mocks with nock. */
export const API = 'https://api.provider.test';

/** Settings with every input at its default, for one provider. */
export function testSettings(provider: ProviderName, overrides: Partial<Settings> = {}): Settings {
  return Object.freeze({
    provider,
    project: 'proj_1',
    token: 'secret-token',
    secretKey: '',
    organization: '',
    apiUrl: API,
    artifact: '',
    includeHiddenFiles: false,
    stage: 'production',
    platform: '',
    arch: 'x64',
    version: '',
    downloadTo: '',
    pages: '',
    siteUrl: '',
    wait: true,
    timeoutMs: 60_000,
    pollIntervalMs: 5_000,
    failOnError: true,
    commitStatus: true,
    statusContext: `build/${provider}`,
    githubToken: 'gh-token',
    sha: '',
    showLogs: 'on-failure',
    onConflict: 'wait',
    ...DEFAULT_REPORTING,
    ...overrides,
  } satisfies Settings);
}
