// Types for deskforge.mjs: what it adds to the sandbox's types (interfaces merge).

declare module '../server.mjs' {
  interface Tokens {
    deskforge: string;
  }
  interface ResolvedOptions {
    /** The size of every artifact. */
    artifactBytes: number;
    /**
     * Extra build-log lines of about this many bytes in all, appearing evenly while the build
     * runs (a desktop build's multi-megabyte log, still one JSON answer).
     */
    deskforgeLogBytes: number;
    /** The error-level lines a failing Deskforge build logs (compiler output). */
    deskforgeErrorLines: string[];
    /** Log lines that keep appearing at this many bytes a second while a build runs. */
    deskforgeLogBytesPerSecond: number;
  }
  interface Sandbox {
    /** The whole artifact of a Deskforge build, for comparing with what the action downloaded. */
    artifactContent(buildId: string): Buffer;
  }
}

export {};
