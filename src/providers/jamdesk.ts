import { commonErrorDetails, encodePath } from '../http/client.js';
import type { ErrorDetails } from '../http/errors.js';
import {
  type Build,
  type BuildState,
  type CommitStatusInfo,
  type Provider,
  type ProviderContext,
  type ProviderSpec,
  UnexpectedGitHubBody,
  bearerCredentials,
} from './types.js';
import { record, text } from '../util.js';

interface ErrorRow {
  code: string;
  message: string;
  fix: string;
}

/** The document's error table, by HTTP status. */
const ERRORS: Readonly<Record<number, ErrorRow>> = {
  401: {
    code: 'unauthorized',
    message: 'Invalid API key',
    fix: 'Regenerate the key in Settings > API',
  },
  403: {
    code: 'forbidden',
    message: 'Unauthorized project access',
    fix: "Confirm the project ID matches the API key's project",
  },
  404: {
    code: 'project_not_found',
    message: 'Project not found',
    fix: 'Verify the project ID in the dashboard',
  },
  429: {
    code: 'rate_limited',
    message: 'Too many requests',
    fix: 'Back off and retry with exponential backoff',
  },
  500: {
    code: 'internal_error',
    message: 'Internal server error',
    fix: 'Retry after a few seconds. Contact support if it persists',
  },
};

/** The status words the rebuild response may carry. */
const STATES: Readonly<Record<string, BuildState>> = {
  queued: 'queued',
  building: 'building',
  deployed: 'success',
  failed: 'failure',
};

/** What a Jamdesk commit status means, in our words and in Jamdesk's. */
const FROM_COMMIT_STATUS: Readonly<
  Record<CommitStatusInfo['state'], { state: BuildState; word: string }>
> = {
  pending: { state: 'building', word: 'building' },
  success: { state: 'success', word: 'deployed' },
  failure: { state: 'failure', word: 'failed' },
  error: { state: 'failure', word: 'failed' },
};

/** Polls in a row that may meet something other than GitHub's JSON before the run fails. */
const MAX_GLITCHES = 5;

/** The Jamdesk statuses already on a commit before our trigger, so an old result is not ours. */
interface Baseline {
  sha: string;
  count: number;
  newest: string | undefined;
}

function describeError(status: number, body: unknown): ErrorDetails | undefined {
  const fromBody = commonErrorDetails(body);
  const row =
    Object.values(ERRORS).find((candidate) => candidate.code === fromBody.code) ?? ERRORS[status];
  if (!row) return fromBody.code || fromBody.message ? fromBody : undefined;
  return {
    code: fromBody.code ?? row.code,
    message: fromBody.message ?? row.message,
    fix: row.fix,
  };
}

function signature(status: CommitStatusInfo): string {
  return JSON.stringify([status.state, status.description ?? '', status.targetUrl ?? '']);
}

/**
 * Jamdesk has no status endpoint: it reports each build as a commit status on GitHub, so after
 * the trigger this adapter reads the commit's statuses instead of the Builds API.
 */
class JamdeskAdapter implements Provider {
  readonly name = 'jamdesk' as const;
  readonly title = 'Jamdesk';
  // Every poll spends GitHub API quota, shared with the rest of the workflow.
  readonly minPollIntervalMs = 2000;

  private sha: string;
  private baseline: Baseline | undefined;
  private sawOurStatus = false;
  /** Polls in a row that met a page instead of GitHub's JSON. */
  private glitches = 0;

  constructor(private readonly ctx: ProviderContext) {
    this.sha = ctx.github.sha;
  }

  async trigger(): Promise<Build> {
    const { http, settings, github, log } = this.ctx;
    // Read before the trigger so a status Jamdesk posts within milliseconds still counts as new.
    const before = await this.snapshot(github.sha);
    const res = await http.request<unknown>({
      method: 'POST',
      path: encodePath`/projects/${settings.project}/rebuild`,
      what: 'trigger the rebuild',
      // The error table documents "Retry after a few seconds" for internal_error (429 is the
      // client's own rule).
      retrySafe: (error) => error.status === 500,
    });
    const body = record(res.body);
    this.sha = await this.resolveSha(text(record(body['commit'])['sha']));
    // Jamdesk may build another commit than ours (its connected branch); a snapshot taken just
    // after the trigger is the best baseline there is for that commit.
    this.baseline = this.sha === before?.sha ? before : await this.snapshot(this.sha);
    log.info(`Jamdesk reports builds as GitHub commit statuses; following ${this.sha.slice(0, 7)}`);

    const word = text(body['status']) ?? 'queued';
    return {
      id: text(body['buildId']) ?? '',
      state: STATES[word] ?? 'queued',
      providerStatus: word,
    };
  }

  async poll(build: Build): Promise<Build> {
    let statuses: CommitStatusInfo[];
    try {
      statuses = await this.jamdeskStatuses(this.sha);
    } catch (error) {
      // An HTML page instead of the list (a proxy, a captive portal) says nothing about the build.
      if (!(error instanceof UnexpectedGitHubBody) || ++this.glitches >= MAX_GLITCHES) throw error;
      this.ctx.log.info(`${error.reason}; looking again at the next poll`);
      return build;
    }
    this.glitches = 0;
    const status = this.current(statuses);
    if (!status) return build;
    this.sawOurStatus = true;
    const { state, word } = FROM_COMMIT_STATUS[status.state];
    const next: Build = { ...build, state, providerStatus: word };
    if (status.targetUrl) next.logUrl = status.targetUrl;
    if (state === 'failure' && status.description) next.failureReason = status.description;
    return next;
  }

  describeTimeout(): string | undefined {
    if (this.sawOurStatus) return undefined;
    return (
      `No Jamdesk commit status appeared on ${this.sha.slice(0, 7)} before the timeout; ` +
      'connect the repository to GitHub in Jamdesk so it posts commit statuses, or set wait: false'
    );
  }

  /** The newest Jamdesk status that belongs to this run's build, if one has appeared. */
  private current(statuses: CommitStatusInfo[]): CommitStatusInfo | undefined {
    const newest = statuses[0];
    if (!newest) return undefined;
    const baseline = this.baseline;
    if (this.sawOurStatus || !baseline || baseline.sha !== this.sha) return newest;
    // GitHub keeps every status a commit ever had; a rebuild of the same commit must not report
    // the previous build's result. Count and content together survive a paginated (capped) list.
    const isNew = statuses.length > baseline.count || signature(newest) !== baseline.newest;
    return isNew ? newest : undefined;
  }

  /** Jamdesk's statuses on `sha`, newest first; never the action's own. */
  private async jamdeskStatuses(sha: string): Promise<CommitStatusInfo[]> {
    const { github } = this.ctx;
    const all = await github.listStatuses(sha);
    return all.filter(
      (status) =>
        status.context !== github.ownContext && status.context.toLowerCase().includes('jamdesk'),
    );
  }

  private async snapshot(sha: string): Promise<Baseline | undefined> {
    try {
      const statuses = await this.jamdeskStatuses(sha);
      const newest = statuses[0];
      return { sha, count: statuses.length, newest: newest ? signature(newest) : undefined };
    } catch (error) {
      this.ctx.log.debug(
        `Could not read commit statuses on ${sha.slice(0, 7)} before polling: ${String(error)}; ` +
          'an earlier Jamdesk result on this commit may be reported',
      );
      return undefined;
    }
  }

  private async resolveSha(short: string | undefined): Promise<string> {
    const { github, log } = this.ctx;
    if (!short) {
      log.debug(`The rebuild response names no commit; following ${github.sha.slice(0, 7)}`);
      return github.sha;
    }
    try {
      return await github.resolveCommit(short);
    } catch (error) {
      log.debug(
        `Could not resolve Jamdesk's commit ${short} on GitHub (${String(error)}); ` +
          `following ${github.sha.slice(0, 7)}`,
      );
      return github.sha;
    }
  }
}

/** Jamdesk: docs-site rebuilds; build results arrive as GitHub commit statuses. */
export const jamdesk: ProviderSpec = {
  name: 'jamdesk',
  title: 'Jamdesk',
  defaultApiUrl: 'https://api.jamdesk.com',
  required: ['project'],
  credentials: bearerCredentials,
  describeError,
  create: (ctx) => new JamdeskAdapter(ctx),
};
