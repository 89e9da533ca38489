// Types for justdeploy.mjs: what it adds to the sandbox's types (interfaces merge).

/** One PUT to a JustDeploy presigned URL (body streamed to `file`). */
export interface UploadRecord {
  buildId: string;
  headers: Record<string, string>;
  size: number;
  sha256: string;
  file: string;
  at: number;
}

declare module '../server.mjs' {
  interface Tokens {
    justdeploy: { accessKey: string; secretKey: string };
  }
  interface ResolvedOptions {
    /** A build of every stage is already running (the trigger answers 409). */
    justdeployRunning: boolean;
    /** How long a presigned upload URL lives. */
    uploadExpiresS: number;
    /** Presigned uploads must send Content-Length (S3 answers 501 to chunked uploads). */
    uploadRequiresLength: boolean;
    /** Where uploaded zips are kept (default: a temp dir of the sandbox's own). */
    uploadDir: string;
  }
  interface Sandbox {
    uploads: UploadRecord[];
  }
}
