import type { ProviderRequirements } from '../inputs.js';
import { customProvider } from './custom/index.js';
import { deployhub } from './deployhub/index.js';
import { deskforge } from './deskforge/index.js';
import { githubWorkflow } from './github-workflow/index.js';
import { jamdesk } from './jamdesk/index.js';
import { justdeploy } from './justdeploy/index.js';
import { sitepaste } from './sitepaste/index.js';
import { NO_RUN_FACTS, type ProviderName, type ProviderSpec, type RunFacts } from './types.js';

/** Every provider the action speaks, by the name users write in `provider:`. */
export const PROVIDERS: Readonly<Record<ProviderName, ProviderSpec>> = Object.freeze({
  jamdesk,
  sitepaste,
  justdeploy,
  deskforge,
  deployhub,
  custom: customProvider,
  'github-workflow': githubWorkflow,
});

/** The spec for a provider name. */
export function providerSpec(name: ProviderName): ProviderSpec {
  return PROVIDERS[name];
}

/**
 * What the input reader needs to know about a provider; `run` is what the host knows about the
 * run (this repository, its GitHub API), handed to the provider's own input reader.
 */
export function providerRequirements(
  name: ProviderName,
  run: RunFacts = NO_RUN_FACTS,
): ProviderRequirements {
  const spec = PROVIDERS[name];
  const { readInputs } = spec;
  return {
    defaultApiUrl:
      typeof spec.defaultApiUrl === 'function' ? spec.defaultApiUrl(run) : spec.defaultApiUrl,
    inputs: spec.inputs,
    ...(readInputs ? { readInputs: (get, common) => readInputs(get, common, run) } : {}),
  };
}
