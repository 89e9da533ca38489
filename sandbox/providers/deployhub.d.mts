// Types for deployhub.mjs: what it adds to the sandbox's types (interfaces merge).

declare module '../server.mjs' {
  interface Tokens {
    deployhub: string;
  }
  interface ResolvedOptions {
    /** Answer the trigger with the build's id (the documented answer has none). */
    deployhubReturnsId: boolean;
    /** A new build shows in the list this long after its trigger. */
    deployhubListDelayMs: number;
  }
}

export {};
