/** The names users write in `provider:`. */
export const PROVIDER_NAMES = [
  'jamdesk',
  'sitepaste',
  'justdeploy',
  'deskforge',
  'deployhub',
  'custom',
  'github-workflow',
] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];
