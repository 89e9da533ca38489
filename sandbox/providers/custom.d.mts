// Types for the parts of custom.mjs that TypeScript tests import (tsconfig has allowJs off).

/** GitHub's OIDC issuer, which the custom API checks. */
export declare const OIDC_ISSUER: string;
/** The bearer the sandbox's OIDC token service expects (ACTIONS_ID_TOKEN_REQUEST_TOKEN). */
export declare const OIDC_REQUEST_TOKEN: string;
/** The claims of a token the sandbox signed, or why it is refused (expired, wrong audience...). */
export declare function verifyJwt(
  token: string,
  audience: string,
): { claims: Record<string, unknown> } | { refused: string };
