// Types for the parts of custom.mjs that TypeScript tests import (tsconfig has allowJs off), and
// what it adds to the sandbox's types (interfaces merge).

/** GitHub's OIDC issuer, which the custom API checks. */
export declare const OIDC_ISSUER: string;
/** The bearer the sandbox's OIDC token service expects (ACTIONS_ID_TOKEN_REQUEST_TOKEN). */
export declare const OIDC_REQUEST_TOKEN: string;
/** The claims of a token the sandbox signed, or why it is refused (expired, wrong audience...). */
export declare function verifyJwt(
  token: string,
  audience: string,
): { claims: Record<string, unknown> } | { refused: string };

/** Where the custom API puts ids and words, how it authenticates and answers a cancel. */
export interface CustomApiOptions {
  /** Lower-case header name carrying the credential. */
  authHeader: string;
  /** Prefix before the token in that header ('Bearer ', or '' for a bare key). */
  authScheme: string;
  /** Dotted path of the build id in every answer. */
  idPath: string;
  /** Dotted path of the status word in every answer. */
  statusPath: string;
  words: { queued: string; building: string; success: string; failure: string; cancelled: string };
  /** What POST /builds/:id/cancel answers (2xx accepts, anything else refuses). */
  cancelStatus: number;
  /** Wrap every status answer as {items: [answer]}. */
  listWrapped: boolean;
  /** 'bigint': build ids are 20-digit integers written as bare JSON numbers. */
  idStyle: 'short' | 'bigint';
  /** The first this many status reads of a build answer `emptyStatus` with no body. */
  emptyPolls: number;
  emptyStatus: 204 | 202;
  /** Also answer a conclusion here: null until the build ends, then the final word ('' for none). */
  conclusionPath: string;
  /** Take only OIDC tokens from the sandbox's token service, for this audience. */
  oidc: { audience: string } | null;
  /** How long the token service's tokens live, in seconds. */
  oidcTokenLifeS: number;
  /** A careless API: its failure text repeats the request's Authorization header. */
  echoAuth: boolean;
  /** The log at links.log is a dashboard page (text/html), not the log's text. */
  logHtml: boolean;
}

declare module '../server.mjs' {
  interface Tokens {
    custom: string;
  }
  interface ResolvedOptions {
    /** The custom API's shape; live, merged over its defaults. */
    custom: Partial<CustomApiOptions>;
  }
}
