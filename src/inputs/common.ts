/**
 * What every provider shares with the generic input reader: the common settings, and how a
 * provider declares and reads its own inputs. A leaf module: providers import it, and the reader
 * (../inputs.ts), which imports the registry, builds on it, so neither imports the other.
 */
import type { ReportingSettings } from './reporting.js';

/** The inputs every provider reads, read once, defaulted and validated by the generic reader. */
export interface CommonSettings extends ReportingSettings {
  /** The provider, as written in `provider:` (`Settings` narrows it to the registry's names). */
  readonly provider: string;
  readonly token: string;
  /** Without a trailing slash. */
  readonly apiUrl: string;
  readonly wait: boolean;
  readonly timeoutMs: number;
  readonly pollIntervalMs: number;
  readonly failOnError: boolean;
  readonly commitStatus: boolean;
  readonly statusContext: string;
  readonly githubToken: string;
  /** The explicit `sha` input; empty means "work it out from the event". */
  readonly sha: string;
  readonly showLogs: 'always' | 'on-failure' | 'never';
  /**
   * Secrets the provider's inputs hold besides `token` and `github-token` (the inputs it declares
   * `secret`, what ProviderInput.secrets finds): never printed, scrubbed from everything posted.
   */
  readonly secrets?: readonly string[];
}

/** Reads one input; tests pass their own map. */
export type InputReader = (name: string) => string;

/** Masks a secret in all later log output; the Actions default is the runner's add-mask. */
export type SecretMasker = (secret: string) => void;

/** One input a provider reads beyond the common ones, named as in action.yml. */
export interface ProviderInput {
  readonly name: string;
  /**
   * The provider cannot run without it: empty is a bad input naming it, before any request. A
   * function decides from the other inputs (custom: `token` unless `auth-header` needs none).
   */
  readonly required?: boolean | ((get: InputReader) => boolean);
  /** The fix the error gives when a required input is empty; default "set <name>". */
  readonly fix?: string;
  /**
   * The whole value is a credential, like `token` (JustDeploy's `secret-key`): masked the moment
   * it is read, before the provider is known, and refused unless it is one printable line.
   */
  readonly secret?: boolean;
  /**
   * The secrets in the input's text as written (a custom API's header values, `?api_key=` in an
   * endpoint): masked before the input is parsed and scrubbed from everything the run posts.
   */
  readonly secrets?: (value: string) => string[];
  /**
   * The value is an address (Sitepaste's `site-url`): a target's default name leaves it out, as it
   * leaves out `api-url`.
   */
  readonly address?: boolean;
}

/** The common values a provider's `readInputs` may apply its own rules to. */
export interface InputsContext {
  readonly token: string;
  readonly githubToken: string;
  /** Masks a secret the provider derives (a token read from a variable its inputs name). */
  readonly mask: SecretMasker;
}
