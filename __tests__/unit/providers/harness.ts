import type { EventRef } from '../../../src/github-event.js';
import { Deadline, type Clock } from '../../../src/clock.js';
import { instantClock } from '../fake-clock.js';
import { testSettings, type TestOverrides } from '../settings.js';

export { instantClock, testSettings, type TestOverrides };
import { HttpClient } from '../../../src/http/client.js';
import { providerSpec, type ProviderName } from '../../../src/providers/index.js';
import type {
  CommitStatusInfo,
  GitHubReader,
  Provider,
  ProviderContext,
} from '../../../src/providers/types.js';

import { API } from '../settings.js';
import { scratchDir } from '../../scratch.js';

export { API };
export const FULL_SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';

/** A GitHub reader backed by a list the test controls. */
export function fakeGitHub(statuses: CommitStatusInfo[] = []): GitHubReader & {
  statuses: CommitStatusInfo[];
} {
  return {
    statuses,
    sha: FULL_SHA,
    ownContext: 'build/jamdesk',
    resolveCommit: async (ref) => {
      if (!FULL_SHA.startsWith(ref)) throw new Error(`unknown ref ${ref}`);
      return FULL_SHA;
    },
    listStatuses: async () => statuses,
  };
}

/** Builds a provider adapter with a real HttpClient against the nock'd API. */
export function makeProvider(
  provider: ProviderName,
  overrides: TestOverrides = {},
  extra: {
    github?: GitHubReader;
    clock?: Clock;
    tempDir?: string;
    eventRef?: EventRef;
    workspace?: string;
  } = {},
): { adapter: Provider; ctx: ProviderContext; logs: string[] } {
  const spec = providerSpec(provider);
  const settings = testSettings(provider, overrides);
  const clock = extra.clock ?? instantClock();
  const logs: string[] = [];
  const http = new HttpClient({
    provider: spec.title,
    baseUrl: settings.apiUrl,
    credentials: spec.credentials(settings, settings.own),
    clock,
    deadline: new Deadline(clock, clock.now() + settings.timeoutMs),
    describe: spec.describeError?.bind(spec),
    maxAttempts: 3,
  });
  const ctx: ProviderContext = {
    settings,
    own: settings.own,
    http,
    clock,
    log: {
      info: (m) => logs.push(m),
      warning: (m) => logs.push(`warning: ${m}`),
      debug: () => undefined,
    },
    github: extra.github ?? fakeGitHub(),
    tempDir: extra.tempDir ?? scratchDir('tba-unit'),
    signal: new AbortController().signal,
    eventRef: extra.eventRef ?? { name: '', from: 'no event in this test' },
    workspace: extra.workspace ?? process.cwd(),
  };
  return { adapter: spec.create(ctx), ctx, logs };
}
