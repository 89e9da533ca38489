// Types for jamdesk.mjs: what it adds to the sandbox's types (interfaces merge).

declare module '../server.mjs' {
  interface Tokens {
    jamdesk: string;
  }
  interface ResolvedOptions {
    /** The context of the commit statuses the fake Jamdesk GitHub App posts. */
    jamdeskContext: string;
    /** Off: the GitHub App is not installed, nothing reports the build. */
    jamdeskPostsStatuses: boolean;
  }
}

export {};
