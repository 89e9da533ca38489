/**
 * Credentials the HTTP layer attaches to requests for the API's origin. Most are fixed headers (a
 * token from a secret). Some are short-lived tokens minted per run, GitHub's OIDC token above all:
 * it lives minutes, a build can take thirty, so the headers are rebuilt from a fresh token before
 * the current one runs out, and once more after a 401.
 */
import * as core from '@actions/core';
import { ActionError } from '../errors.js';

/** Headers whose token is renewed while the run goes on. */
export interface CredentialSource {
  /** The headers for a request about to be sent at `now` (ms epoch); renews a token near its end. */
  headers(now: number): Promise<Readonly<Record<string, string>>>;
  /**
   * The API answered 401 to headers from this source: get a new token. True when the next
   * `headers` carries a different one (so one more try is worth it), false when it would not.
   */
  renew(now: number): Promise<boolean>;
  /** Every token handed out so far, so an API that echoes one in an error never shows it. */
  issued(): readonly string[];
}

/** Fixed headers, or a source of renewed ones. */
export type Credentials = Readonly<Record<string, string>> | CredentialSource;

/** True for a source of renewed headers. */
export function isCredentialSource(credentials: Credentials): credentials is CredentialSource {
  return typeof (credentials as Partial<CredentialSource>).headers === 'function';
}

/** The longest one request for an OIDC token may take. */
const OIDC_FETCH_LIMIT_MS = 30_000;

/** The placeholder a header value uses for the OIDC token. */
export const OIDC_PLACEHOLDER = '{oidc-token}';

/** A JWT's `exp` and `iat` in ms epoch, when it is a JWT that has them. Never checks signatures. */
export function jwtTimes(token: string): { exp?: number; iat?: number } {
  const payload = token.split('.')[1];
  if (payload === undefined) return {};
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
    if (!claims || typeof claims !== 'object') return {};
    const { exp, iat } = claims as { exp?: unknown; iat?: unknown };
    return {
      ...(typeof exp === 'number' && Number.isFinite(exp) ? { exp: exp * 1000 } : {}),
      ...(typeof iat === 'number' && Number.isFinite(iat) ? { iat: iat * 1000 } : {}),
    };
  } catch {
    return {};
  }
}

/** The longest a token is renewed ahead of its `exp`. */
const MAX_MARGIN_MS = 60_000;

/**
 * Header values with `{oidc-token}` filled from `fetchToken`. A token is renewed when what is left
 * of its life is under a quarter of it (at most a minute), so it is valid when it arrives; a token
 * without `exp` is kept until the API answers 401. Requests at the same time share one fetch.
 */
export class RefreshingCredentials implements CredentialSource {
  private current: { token: string; renewAt: number | undefined } | undefined;
  private pending: Promise<string> | undefined;
  private readonly tokens = new Set<string>();

  /**
   * `fetchToken` masks what it returns where a log could show it (getIDToken does on the runner;
   * the CLI masks its variable's value when the inputs are read).
   */
  constructor(
    private readonly template: Readonly<Record<string, string>>,
    private readonly fetchToken: () => Promise<string>,
  ) {}

  async headers(now: number): Promise<Readonly<Record<string, string>>> {
    const current = this.current;
    const token =
      current && (current.renewAt === undefined || now < current.renewAt)
        ? current.token
        : await this.fetch(now);
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(this.template)) {
      out[name] = value.split(OIDC_PLACEHOLDER).join(token);
    }
    return out;
  }

  issued(): readonly string[] {
    return [...this.tokens];
  }

  async renew(now: number): Promise<boolean> {
    const before = this.current?.token;
    const token = await this.fetch(now);
    return token !== before;
  }

  private fetch(now: number): Promise<string> {
    this.pending ??= this.fetchToken()
      .then((token) => {
        if (!token) throw new ActionError('the OIDC token came back empty');
        this.tokens.add(token);
        const { exp, iat } = jwtTimes(token);
        const life = exp === undefined ? undefined : exp - Math.min(iat ?? now, now);
        const margin = life === undefined ? 0 : Math.min(MAX_MARGIN_MS, Math.max(0, life) / 4);
        this.current = { token, renewAt: exp === undefined ? undefined : exp - margin };
        return token;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }
}

/** Where the OIDC token comes from: GitHub's token service, or a variable another CI filled. */
export interface OidcSettings {
  /** The `aud` claim asked for (default: the api-url origin). */
  readonly audience: string;
  /** CLI: the environment variable holding the token (GitLab `id_tokens:`); empty on GitHub. */
  readonly tokenEnv: string;
}

/** The GitHub permission without which a job cannot request an OIDC token. */
export const OIDC_PERMISSION_FIX =
  "add 'permissions: id-token: write' to the job (or workflow); GitHub then sets ACTIONS_ID_TOKEN_REQUEST_URL";

/**
 * Why this environment cannot give an OIDC token, or undefined when it can: checked when the
 * inputs are read, so the run stops before any request.
 */
export function oidcUnavailable(
  oidc: OidcSettings,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (oidc.tokenEnv) {
    return env[oidc.tokenEnv] ? undefined : `the variable ${oidc.tokenEnv} is empty or not set`;
  }
  if (!env['ACTIONS_ID_TOKEN_REQUEST_URL'] || !env['ACTIONS_ID_TOKEN_REQUEST_TOKEN']) {
    return "the job cannot request GitHub's OIDC token (it lacks the id-token: write permission)";
  }
  return undefined;
}

/**
 * Fetches a token: from GitHub's token service for `audience` (@actions/core's getIDToken, which
 * masks it), or, with `tokenEnv`, from that variable, read again at each renewal.
 */
export function oidcTokenFetcher(
  oidc: OidcSettings,
  provider: string,
  env: NodeJS.ProcessEnv = process.env,
  limitMs = OIDC_FETCH_LIMIT_MS,
): () => Promise<string> {
  if (oidc.tokenEnv) {
    return () => Promise.resolve((env[oidc.tokenEnv] ?? '').trim());
  }
  return async () => {
    let timer: NodeJS.Timeout | undefined;
    try {
      // getIDToken retries on its own without a time limit; a token service that hangs must not
      // hold the run past its timeout, so each fetch is bounded.
      const limit = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${limitMs / 1000} s`)),
          limitMs,
        );
        timer.unref();
      });
      return await Promise.race([core.getIDToken(oidc.audience), limit]);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new ActionError(
        `${provider}: could not get GitHub's OIDC token for audience '${oidc.audience}' (${detail.slice(0, 200)})`,
        { fix: OIDC_PERMISSION_FIX },
      );
    } finally {
      clearTimeout(timer);
    }
  };
}
