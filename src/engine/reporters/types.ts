import { describeError } from '../../errors.js';
import type { Logger, Build } from '../../providers/types.js';
import { WriteDropped, type GitHubApi } from '../github.js';
import type { Outcome } from '../types.js';

/** The build was accepted by the provider. */
export interface TriggeredEvent {
  /** The provider's display name ("Deskforge"). */
  providerTitle: string;
  build: Build;
  /** True when the engine follows the build and will announce how it ended (`wait: true`). */
  waiting: boolean;
  /** The best link for a person from now on: the provider's log, else the deploy URL, else the run. */
  link: string | undefined;
  /** Clock time of the trigger; durations count from here. */
  at: number;
}

/** The build's state or the provider's word for it changed while waiting. */
export interface ChangedEvent {
  providerTitle: string;
  build: Build;
  link: string | undefined;
}

/** The run has its outcome: the build ended, timed out, the action failed, or it was cancelled. */
export interface FinishedEvent {
  outcome: Outcome;
  link: string | undefined;
  /**
   * Nothing was sent to any API (a bad input found while preparing): reporters that post to
   * GitHub stay quiet, local ones (the job summary) still report.
   */
  local: boolean;
  /**
   * The last part of the build's log, scrubbed of secrets, when a reporter asked for it
   * (`check-run`) and the provider has one.
   */
  log?: LogTail;
}

/** The last part of a build log: its lines, and how much before them was left out. */
export interface LogTail {
  lines: string[];
  omittedLines: number;
  omittedBytes: number;
}

/**
 * One way of showing a build's lifecycle (a commit status, a deployment, a PR comment, the job
 * summary). The engine announces events in order: `triggered`, any number of `changed`, then
 * exactly one of `finished` or `cancelled` (the workflow run was cancelled). A reporter never
 * throws for GitHub's refusals: it warns once and keeps quiet after; the engine still guards each
 * call so one broken reporter cannot cost the build its outcome or the others their say.
 */
export interface Reporter {
  /** Names the reporter in the one warning the engine prints if it throws anyway. */
  readonly name: string;
  triggered?(event: TriggeredEvent): Promise<void>;
  changed?(event: ChangedEvent): Promise<void>;
  finished?(event: FinishedEvent): Promise<void>;
  /** The run was cancelled (or the main step is being stopped); the build may still be running. */
  cancelled?(event: FinishedEvent): Promise<void>;
  /** Step outputs this reporter adds (`deployment-id`), read once the run has ended. */
  outputs?(): Record<string, string>;
}

/** What the post step hands each reporter's closer. */
export interface PostContext {
  /** A GitHub client for the repository the main step saved; undefined without a token. */
  github: ((owner: string, repo: string, apiUrl: string) => GitHubApi) | undefined;
  log: Logger;
}

/**
 * The post step's half of a reporter: reads what the main step saved under `stateKey` and closes
 * anything the main step left open (it was cancelled or killed). Never throws.
 */
export interface PostCloser {
  readonly stateKey: string;
  close(saved: string, context: PostContext): Promise<void>;
}

/** The status code of a GitHub API error (Octokit's RequestError), if any. */
export function httpStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * GitHub's refusal for want of a permission: 403, or 404 where it hides the repository from the
 * token. The reporter stops trying for the rest of the run.
 */
export function isRefusal(error: unknown): boolean {
  const status = httpStatus(error);
  return status === 403 || status === 404;
}

/**
 * The one warning a reporter gives when GitHub refuses it: a refusal names the permission to grant
 * (fork pull requests get a read-only token), anything else says what went wrong.
 */
export function refusalWarning(what: string, error: unknown, permission: string): string {
  return isRefusal(error)
    ? `Could not ${what} (GitHub answered ${httpStatus(error)}). Fork pull requests get a read-only token; otherwise grant the job "permissions: ${permission}". The build itself is unaffected.`
    : `Could not ${what}: ${describeError(error)}`;
}

/** The state a main step saved for its closer, or undefined (with a warning) when unreadable. */
export function readSaved<T>(raw: string, what: string, log: Logger): T | undefined {
  try {
    return JSON.parse(raw) as T;
  } catch {
    log.warning(`Post step: the saved ${what} state is unreadable; nothing to finish.`);
    return undefined;
  }
}

/**
 * How a reporter takes GitHub refusing its writes: one warning a run (the rest at debug level), and
 * after a 403/404 no more writes, since they would all be refused too; the build goes on either
 * way. A write an interrupt dropped before it was sent is no refusal: the closing write follows.
 */
export class Refusals {
  /** True once GitHub refused with 403/404 (or the reporter turned itself off). */
  off = false;
  private warned = false;

  constructor(
    private readonly log: Logger,
    /** The job permission the warning names (`checks: write`). */
    private readonly permission: string,
  ) {}

  /** Takes a failed write of `what` ("create the deployment"). */
  note(error: unknown, what: string): void {
    if (error instanceof WriteDropped) return;
    if (isRefusal(error)) this.off = true;
    if (this.warned) {
      this.log.debug(`Could not ${what}: ${describeError(error)}`);
      return;
    }
    this.warned = true;
    this.log.warning(refusalWarning(what, error, this.permission));
  }
}
