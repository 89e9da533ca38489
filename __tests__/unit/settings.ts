import type { CommonSettings, Settings } from '../../src/inputs.js';
import { PROVIDERS, type ProviderName } from '../../src/providers/index.js';
import { NO_RUN_FACTS } from '../../src/providers/types.js';
import { DEFAULT_REPORTING } from '../../src/inputs/reporting.js';

/** The API origin every provider unit test mocks with nock. */
export const API = 'https://api.provider.test';

/** What a test changes in `testSettings`: common settings, and the provider's own. */
export type TestOverrides = Partial<Omit<CommonSettings, 'provider'>> & {
  /**
   * The provider's own inputs as written (`platform`, `download-to`, ...), read by its spec's
   * `readInputs` like the input reader does; `project` defaults to `proj_1`.
   */
  inputs?: Readonly<Record<string, string>>;
  /** The provider's own settings as they are, instead of reading `inputs`. */
  own?: object;
};

/** Settings with every input at its default, for one provider. */
export function testSettings(provider: ProviderName, overrides: TestOverrides = {}): Settings {
  const { inputs, own, ...common } = overrides;
  const settings: CommonSettings = {
    provider,
    token: 'secret-token',
    apiUrl: API,
    wait: true,
    timeoutMs: 60_000,
    pollIntervalMs: 5_000,
    failOnError: true,
    commitStatus: true,
    statusContext: `build/${provider}`,
    githubToken: 'gh-token',
    sha: '',
    showLogs: 'on-failure',
    ...DEFAULT_REPORTING,
    ...common,
  };
  const values: Record<string, string> = { project: 'proj_1', ...inputs };
  const read = (name: string): string => (values[name] ?? '').trim();
  return Object.freeze({
    ...settings,
    provider,
    own:
      own ??
      PROVIDERS[provider].readInputs(
        read,
        { token: settings.token, githubToken: settings.githubToken, mask: () => undefined },
        NO_RUN_FACTS,
      ),
  } as Settings);
}
