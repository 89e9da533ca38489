// Types for sitepaste.mjs: what it adds to the sandbox's types (interfaces merge).

/** A Sitepaste page. */
export interface PageRecord {
  id: string;
  slug: string;
  title: string;
  content: string;
  contentType: string;
  draft: boolean;
  createdAt: string;
  updatedAt: string;
  writes: number;
}

declare module '../server.mjs' {
  interface Tokens {
    sitepaste: string;
  }
  interface ResolvedOptions {
    /** Triggers allowed per sliding window. */
    sitepasteLimit: number;
    /** Triggers the window already holds at start and at reset. */
    sitepasteUsed: number;
    sitepasteWindowMs: number;
    /** The account whose site is `/site/:account` on the foreign host. */
    sitepasteAccount: string;
  }
  interface Sandbox {
    pages: PageRecord[];
  }
}
