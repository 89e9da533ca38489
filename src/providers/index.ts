/**
 * The registry: the one list of providers. Provider names, the run's settings union, the inputs a
 * target may override and the CLI's flags all derive from it; provider modules never import it.
 */
import { customProvider } from './custom/index.js';
import { deployhub } from './deployhub/index.js';
import { deskforge } from './deskforge/index.js';
import { githubWorkflow } from './github-workflow/index.js';
import { jamdesk } from './jamdesk/index.js';
import { justdeploy } from './justdeploy/index.js';
import { sitepaste } from './sitepaste/index.js';
import type { ProviderSpec } from './types.js';

/** Every provider the action speaks, by the name users write in `provider:`, in the listed order. */
export const PROVIDERS = Object.freeze({
  jamdesk,
  sitepaste,
  justdeploy,
  deskforge,
  deployhub,
  custom: customProvider,
  'github-workflow': githubWorkflow,
});

/** The names users write in `provider:`. */
export type ProviderName = keyof typeof PROVIDERS;

/** Every provider name, in the registry's order (the order messages list them in). */
export const PROVIDER_NAMES: readonly ProviderName[] = Object.freeze(
  Object.keys(PROVIDERS) as ProviderName[],
);

/** True for a name in the registry. */
export function isProviderName(name: string): name is ProviderName {
  return Object.prototype.hasOwnProperty.call(PROVIDERS, name);
}

/** Each provider's own settings, by name: what its spec's `readInputs` returns. */
export type OwnSettingsOf = {
  [N in ProviderName]: ReturnType<(typeof PROVIDERS)[N]['readInputs']>;
};

/** The spec for a provider name, as the engine uses it (its own settings are the run's `own`). */
export function providerSpec(name: ProviderName): ProviderSpec {
  return PROVIDERS[name];
}
