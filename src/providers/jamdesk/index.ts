import { commonErrorDetails, encodePath } from '../../http/client.js';
import { HttpError, NOT_SENT_PAST_DEADLINE, type ErrorDetails } from '../../http/errors.js';
import {
  type Build,
  type BuildState,
  type CommitStatusInfo,
  type Provider,
  type ProviderContext,
  type OwnSettings,
  type ProviderSpec,
  UnexpectedGitHubBody,
  bearerCredentials,
  TOKEN_INPUT,
  projectInput,
} from '../types.js';
import { pathSegment } from '../ids.js';
import { record, text } from '../../util.js';
import { ActionError } from '../../errors.js';
import { safeLine } from '../../text.js';

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

/**
 * How far GitHub's clock (and its second-precision `created_at`) may lag ours: a status created
 * this long before our trigger still counts as created after it.
 */
const CREATED_AT_SKEW_MS = 2000;

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

/** A failed status read that the next poll may well get past. */
function passing(error: unknown): boolean {
  if (error instanceof UnexpectedGitHubBody) return true;
  if (error instanceof HttpError) {
    // GitHub's client already retried; a 5xx, a rate limit or a lost connection may pass by the
    // next poll. The timeout running out, or a refusal, will not.
    if (error.kind === 'network' || error.kind === 'unsent') return true;
    return error.kind === 'status' && ((error.status ?? 0) >= 500 || error.status === 429);
  }
  if (error instanceof ActionError) return false;
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' ? status >= 500 || status === 429 : true;
}

function signature(status: CommitStatusInfo): string {
  return JSON.stringify([
    status.state,
    status.description ?? '',
    status.targetUrl ?? '',
    status.createdAt ?? '',
  ]);
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
  /** Our clock just before the rebuild request went out. */
  private triggeredAt: number | undefined;
  /** Polls in a row that met a page instead of GitHub's JSON. */
  private glitches = 0;
  /** Why the last read of GitHub's status list failed, until one succeeds. */
  private gitHubFailure: string | undefined;

  constructor(private readonly ctx: ProviderContext<OwnSettings>) {
    this.sha = ctx.github.sha;
  }

  async trigger(): Promise<Build> {
    const { http, own, github, log, clock } = this.ctx;
    // Read before the trigger so a status Jamdesk posts within milliseconds still counts as new.
    const before = await this.snapshot(github.sha);
    this.triggeredAt = clock.now();
    const res = await http.request<unknown>({
      method: 'POST',
      path: encodePath`/projects/${own.project}/rebuild`,
      what: 'trigger the rebuild',
      // The error table documents "Retry after a few seconds" for internal_error (429 is the
      // client's own rule).
      retrySafe: (error) => error.status === 500,
    });
    const body = record(res.body);
    this.sha = await this.resolveSha(text(record(body['commit'])['sha']));
    // A baseline read after the trigger could already hold this build's own status (Jamdesk
    // posts within milliseconds) and would hide it until the timeout. Without a baseline read
    // before the trigger on the commit Jamdesk builds, GitHub's created_at decides alone.
    this.baseline = this.sha === before?.sha ? before : undefined;
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
      // A read the timeout stopped before it was sent is no failure of GitHub's; one GitHub left
      // unanswered is, unless an earlier failure (GitHub's 500) says more.
      const deadline = error instanceof HttpError && error.kind === 'deadline';
      const unsent = deadline && error.code === NOT_SENT_PAST_DEADLINE;
      if (!unsent && (!deadline || this.gitHubFailure === undefined)) {
        this.gitHubFailure =
          error instanceof ActionError
            ? error.reason
            : `GitHub: reading the commit statuses failed (${safeLine(String(error), 120)})`;
      }
      // An HTML page instead of the list (a proxy, a captive portal), or a 5xx GitHub's client
      // already retried, says nothing about the build: look again at the next poll.
      if (!passing(error) || ++this.glitches >= MAX_GLITCHES) throw error;
      this.ctx.log.info(`${this.gitHubFailure}; looking again at the next poll`);
      return build;
    }
    this.glitches = 0;
    this.gitHubFailure = undefined;
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
    // The build's state comes through GitHub: when GitHub failed, GitHub is the party to name.
    if (this.gitHubFailure) {
      return `Jamdesk's result could not be read from GitHub before the timeout: ${this.gitHubFailure}`;
    }
    if (this.sawOurStatus) return undefined;
    return (
      `No Jamdesk commit status appeared on ${this.sha.slice(0, 7)} before the timeout; ` +
      'connect the repository to GitHub in Jamdesk so it posts commit statuses, or set wait: false'
    );
  }

  /**
   * The newest Jamdesk status that belongs to this run's build, if one has appeared. GitHub keeps
   * every status a commit ever had, and rebuilding the same commit is the main use, so a status is
   * ours when it differs from the baseline read before the trigger (count and content together
   * survive a capped list), or, with no such baseline, when GitHub created it after the trigger.
   */
  private current(statuses: CommitStatusInfo[]): CommitStatusInfo | undefined {
    const newest = statuses[0];
    if (!newest) return undefined;
    if (this.sawOurStatus) return newest;
    const baseline = this.baseline;
    if (baseline && baseline.sha === this.sha) {
      const isNew = statuses.length > baseline.count || signature(newest) !== baseline.newest;
      return isNew ? newest : undefined;
    }
    if (newest.createdAt === undefined || this.triggeredAt === undefined) return newest;
    const since = Math.floor((this.triggeredAt - CREATED_AT_SKEW_MS) / 1000) * 1000;
    return newest.createdAt >= since ? newest : undefined;
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
      // Out of time before the trigger: nothing was sent to Jamdesk, and GitHub is why.
      if (error instanceof HttpError && error.kind === 'deadline') throw error;
      this.ctx.log.info(
        `${error instanceof ActionError ? error.reason : `GitHub: reading the commit statuses on ${sha.slice(0, 7)} failed (${safeLine(String(error), 120)})`}; ` +
          'following the build without them (an earlier Jamdesk result on this commit may be reported)',
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
export const jamdesk: ProviderSpec<OwnSettings> = {
  name: 'jamdesk',
  title: 'Jamdesk',
  defaultApiUrl: 'https://api.jamdesk.com',
  inputs: [TOKEN_INPUT, projectInput('jamdesk')],
  readInputs: (get) => ({ project: pathSegment(get('project'), 'project') }),
  credentials: bearerCredentials,
  describeError,
  create: (ctx) => new JamdeskAdapter(ctx),
};
