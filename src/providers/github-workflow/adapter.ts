/**
 * `provider: github-workflow`: dispatches a workflow (in this repository or another one, on
 * github.com or GHES) and follows the run it started. Everything goes through the engine's HTTP
 * client to `api-url`, with the provider's token; Octokit is the engine's, for this repository's
 * statuses only.
 */
import { randomUUID } from 'node:crypto';
import { ActionError, InputError } from '../../errors.js';
import { encodePath, type HttpClient } from '../../http/client.js';
import { HttpError } from '../../http/errors.js';
import { header } from '../../http/retry.js';
import { formatDuration, safeLine } from '../../text.js';
import { median, parseTime } from '../../util.js';
import type { Build, BuildState, CancelResult, Provider, ProviderContext } from '../types.js';
import { matchRun, type Dispatch } from './match.js';
import { parseWorkflowInputs, type WorkflowSettings } from './settings.js';
import type {
  WireDispatchResponse,
  WireJob,
  WireJobList,
  WireRun,
  WireRunList,
  WireWorkflow,
} from './wire.js';

/** Headers GitHub's REST API asks every client to send. */
export const GITHUB_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  accept: 'application/vnd.github+json',
  'x-github-api-version': '2022-11-28',
});

/** GHES 3.19 takes at most 10 workflow inputs (its description's `maxProperties`). */
export const GHES_MAX_INPUTS = 10;

/**
 * With a distinct id, how long new runs may be listed without any of them carrying it before the
 * run stops: long enough for our run to be listed, short enough to say soon that the target's
 * `run-name` does not show the input.
 */
export const UNTITLED_GRACE_MS = 60_000;

/** How many runs one look at the list reads (newest first): ours is among the newest. */
const LIST_PAGE = 30;

/** Conclusions that pass, as required checks treat them. */
const PASSING = new Set(['success', 'neutral', 'skipped']);
/** Job and step conclusions worth naming in a failure. */
const FAILING = new Set(['failure', 'timed_out', 'startup_failure', 'action_required']);

/** Our state for a run's `status` and `conclusion`. */
export function runState(run: WireRun): BuildState {
  if (run.status === 'completed') {
    if (PASSING.has(run.conclusion ?? '')) return 'success';
    if (run.conclusion === 'cancelled') return 'cancelled';
    return 'failure';
  }
  return run.status === 'in_progress' ? 'building' : 'queued';
}

/**
 * "job test failed at step Run tests (link)", for each failed job, in the order GitHub lists them.
 */
export function describeFailedJobs(jobs: readonly WireJob[]): string[] {
  return jobs
    .filter((job) => FAILING.has(job.conclusion ?? ''))
    .map((job) => {
      const steps = (job.steps ?? [])
        .filter((step) => FAILING.has(step.conclusion ?? ''))
        .map((step) => `"${step.name ?? `step ${step.number ?? '?'}`}"`);
      const at = steps.length > 0 ? ` at step ${steps.join(', ')}` : '';
      const link = job.html_url ? ` (${job.html_url})` : '';
      return `job "${job.name ?? job.id}" ${job.conclusion === 'timed_out' ? 'timed out' : 'failed'}${at}${link}`;
    });
}

class GitHubWorkflowAdapter implements Provider {
  readonly name = 'github-workflow' as const;
  readonly title = 'GitHub workflow';
  /** GITHUB_TOKEN has 1,000 requests an hour per repository: no faster than one look in 2 s. */
  readonly minPollIntervalMs = 2000;
  readonly cancelOnTimeout: boolean;

  private readonly own: WorkflowSettings;
  /** `ref`, else (for this repository) the branch the event is about. */
  private readonly ref: string;
  private inputs: Record<string, string> = {};
  private dispatch: Dispatch | undefined;
  private runId = 0;
  private workflowLabel: string;
  private warnedAmbiguous = false;
  private history: WireRun[] | undefined;

  constructor(private readonly ctx: ProviderContext<WorkflowSettings>) {
    this.own = ctx.own;
    this.ref = this.own.ref || ctx.eventRef.name;
    this.cancelOnTimeout = this.own.cancelOnTimeout;
    this.workflowLabel = `${this.own.owner}/${this.own.repo} ${this.own.workflow}`;
  }

  private get repoPath(): string {
    return encodePath`/repos/${this.own.owner}/${this.own.repo}`;
  }

  async prepare(): Promise<void> {
    if (!this.ref) {
      throw new InputError(
        'ref',
        `is required: this run has no branch or tag of ${this.own.owner}/${this.own.repo} to default to (${this.ctx.eventRef.from})`,
        'set ref to the branch or tag to run the workflow on, e.g. ref: main',
      );
    }
    if (!this.own.ref) {
      this.ctx.log.info(
        `Ref: ${this.ref}, from ${this.ctx.eventRef.from} (set ref to choose another).`,
      );
    }
    this.inputs = await parseWorkflowInputs(this.own.inputsText);
    const { distinctIdInput } = this.own;
    if (distinctIdInput && distinctIdInput in this.inputs) {
      throw new InputError(
        'workflow-inputs',
        `sets '${distinctIdInput}', which distinct-id-input fills with this run's id`,
        `remove '${distinctIdInput}' from workflow-inputs`,
      );
    }
    if (distinctIdInput && Object.keys(this.inputs).length + 1 > 25) {
      throw new InputError(
        'workflow-inputs',
        'has 25 inputs, and distinct-id-input needs one more; GitHub takes at most 25',
        'pass fewer inputs',
      );
    }
  }

  async trigger(): Promise<Build> {
    const { http, clock, log } = this.ctx;
    const { own } = this;
    const wf = await http.request<WireWorkflow | undefined>({
      method: 'GET',
      path: `${this.repoPath}${encodePath`/actions/workflows/${own.workflow}`}`,
      headers: GITHUB_HEADERS,
      what: `read workflow ${own.workflow} of ${own.owner}/${own.repo}`,
    });
    const workflow = wf.body ?? {};
    if (workflow.path) this.workflowLabel = `${own.owner}/${own.repo} ${workflow.path}`;
    if (workflow.state && workflow.state !== 'active') {
      throw new ActionError(
        `GitHub workflow ${this.workflowLabel} cannot be dispatched: it is ${workflow.state}`,
        {
          fix: `enable it in ${own.owner}/${own.repo} (Actions tab, the workflow, Enable workflow)`,
        },
      );
    }
    // GHES answers the dispatch 204 and refuses return_run_details; it says what it is.
    const enterprise = header(wf.headers, 'x-github-enterprise-version');
    const inputs = { ...this.inputs };
    const distinctId = own.distinctIdInput ? randomUUID() : undefined;
    if (distinctId) inputs[own.distinctIdInput] = distinctId;
    if (enterprise && Object.keys(inputs).length > GHES_MAX_INPUTS) {
      throw new InputError(
        'workflow-inputs',
        `sends ${Object.keys(inputs).length} inputs; GitHub Enterprise Server ${enterprise} takes at most ${GHES_MAX_INPUTS}`,
        'pass fewer inputs',
      );
    }
    if (enterprise) {
      log.info(
        `GitHub Enterprise Server ${safeLine(enterprise, 20)}: the dispatch answers without a run id, so the run is found in the workflow's run list${distinctId ? ` by its id ${distinctId} (${own.distinctIdInput})` : ''}.`,
      );
      this.history = await this.listRuns(http);
    }
    const known = this.history ? new Set(this.history.map((run) => run.id!)) : undefined;

    const body = {
      ref: this.ref,
      ...(Object.keys(inputs).length > 0 ? { inputs } : {}),
    };
    const at = clock.now();
    let answer: WireDispatchResponse | undefined;
    if (!enterprise) {
      try {
        answer = await this.sendDispatch(http, { ...body, return_run_details: true });
      } catch (error) {
        if (!(error instanceof HttpError && refusesRunDetails(error))) throw error;
        // A server that does not say it is GHES and still refuses the key: send without it.
        log.info(
          'The server does not take return_run_details; dispatching without it and finding the run in the list.',
        );
        answer = await this.sendDispatch(http, body);
      }
    } else {
      answer = await this.sendDispatch(http, body);
    }
    this.dispatch = {
      at,
      ...(known ? { known } : {}),
      ...(distinctId ? { distinctId } : {}),
    };
    const runId = answer?.workflow_run_id;
    if (typeof runId === 'number' && runId > 0) {
      this.runId = runId;
      const build: Build = { id: String(runId), state: 'queued', providerStatus: 'queued' };
      if (answer?.html_url) build.logUrl = answer.html_url;
      return build;
    }
    log.info(
      `Dispatched ${this.workflowLabel} on ${this.ref}; looking for its run in the workflow's run list.`,
    );
    return { id: '', state: 'queued', providerStatus: 'dispatched' };
  }

  async findTriggered(since: number): Promise<Build | undefined> {
    // The dispatch's answer was lost: the run it may have started, found as on GHES.
    this.dispatch ??= { at: since };
    const run = await this.findRun(this.ctx.http);
    return run ? this.toBuild(run) : undefined;
  }

  async poll(build: Build): Promise<Build> {
    const { http } = this.ctx;
    if (!this.runId) {
      const run = await this.findRun(http);
      if (!run) return build;
      return this.withFailure(this.toBuild(run));
    }
    const run = await http.getJson<WireRun | undefined>(
      `${this.repoPath}${encodePath`/actions/runs/${this.runId}`}`,
      `read workflow run ${this.runId}`,
      { headers: GITHUB_HEADERS, polling: true },
    );
    return this.withFailure(this.toBuild({ ...run, id: this.runId }));
  }

  async typicalDurationMs(): Promise<number | undefined> {
    const durations = (this.history ?? [])
      .filter((run) => run.status === 'completed' && run.conclusion === 'success')
      .map((run) => {
        const start = parseTime(run.run_started_at ?? run.created_at);
        const end = parseTime(run.updated_at);
        return start === undefined || end === undefined ? 0 : end - start;
      });
    return median(durations);
  }

  describeTimeout(build: Build): string | undefined {
    if (this.runId) return undefined;
    return `Timed out: no workflow_dispatch run of ${this.workflowLabel} on ${this.ref} that this dispatch started appeared in the run list (last status: ${build.providerStatus})`;
  }

  async cancel(build: Build, http: HttpClient): Promise<CancelResult> {
    if (!this.runId) {
      const run = await this.findRun(http).catch(() => undefined);
      if (!run) return { accepted: false, detail: 'its run was not found in the run list yet' };
    }
    try {
      const res = await http.request({
        method: 'POST',
        path: `${this.repoPath}${encodePath`/actions/runs/${this.runId}/cancel`}`,
        headers: GITHUB_HEADERS,
        what: `cancel workflow run ${this.runId}`,
        responseType: 'none',
      });
      return { accepted: true, detail: `HTTP ${res.status}` };
    } catch (error) {
      if (error instanceof HttpError && error.kind === 'status') {
        return {
          accepted: false,
          detail: `HTTP ${error.status}${error.providerMessage ? ` "${safeLine(error.providerMessage, 120)}"` : ''}`,
        };
      }
      throw error;
    }
  }

  private async sendDispatch(
    http: HttpClient,
    json: Record<string, unknown>,
  ): Promise<WireDispatchResponse | undefined> {
    const res = await http.request<WireDispatchResponse | undefined>({
      method: 'POST',
      path: `${this.repoPath}${encodePath`/actions/workflows/${this.own.workflow}/dispatches`}`,
      headers: GITHUB_HEADERS,
      json,
      what: `dispatch ${this.workflowLabel} on ${this.ref}`,
    });
    return res.body;
  }

  private async listRuns(http: HttpClient): Promise<WireRun[]> {
    const body = await http.getJson<WireRunList | undefined>(
      `${this.repoPath}${encodePath`/actions/workflows/${this.own.workflow}/runs`}`,
      `list the runs of ${this.workflowLabel}`,
      {
        headers: GITHUB_HEADERS,
        query: {
          event: 'workflow_dispatch',
          branch: this.ref.replace(/^refs\/(heads|tags)\//, ''),
          per_page: LIST_PAGE,
        },
        polling: true,
      },
    );
    return Array.isArray(body?.workflow_runs) ? body.workflow_runs : [];
  }

  /** Our run in the list, once it is there; remembers its id. */
  private async findRun(http: HttpClient): Promise<WireRun | undefined> {
    const dispatch = this.dispatch;
    if (!dispatch) return undefined;
    const { log, clock } = this.ctx;
    const match = matchRun(await this.listRuns(http), dispatch);
    if (!match.run) {
      if (
        dispatch.distinctId &&
        match.untitled > 0 &&
        clock.now() - dispatch.at > UNTITLED_GRACE_MS
      ) {
        throw new ActionError(
          `GitHub workflow ${this.workflowLabel}: ${match.untitled} run(s) started on ${this.ref} after the dispatch, and none carries this run's id ${dispatch.distinctId} in its title after ${formatDuration(UNTITLED_GRACE_MS)}`,
          {
            fix: `show the input in the target workflow's title: run-name: \${{ github.workflow }} \${{ inputs.${this.own.distinctIdInput} }}`,
          },
        );
      }
      return undefined;
    }
    this.runId = match.run.id!;
    if (match.candidates > 1 && !dispatch.distinctId && !this.warnedAmbiguous) {
      this.warnedAmbiguous = true;
      log.warning(
        `${match.candidates} workflow_dispatch runs of ${this.workflowLabel} on ${this.ref} started after this dispatch; following the oldest, run ${this.runId}, which may be someone else's. Set distinct-id-input to tell them apart.`,
      );
    }
    log.info(
      `Workflow run ${this.runId} (#${match.run.run_number ?? '?'} "${safeLine(match.run.display_title ?? '', 80)}") is the one this dispatch started.`,
    );
    return match.run;
  }

  private toBuild(run: WireRun): Build {
    const build: Build = {
      id: String(run.id ?? this.runId),
      state: runState(run),
      providerStatus: run.conclusion ?? run.status ?? 'queued',
    };
    if (run.html_url) build.logUrl = run.html_url;
    return build;
  }

  /** A failed run names its failed jobs and steps, with links to them. */
  private async withFailure(build: Build): Promise<Build> {
    if (build.state !== 'failure' || !this.runId) return build;
    let jobs: WireJob[] = [];
    try {
      const body = await this.ctx.http.getJson<WireJobList | undefined>(
        `${this.repoPath}${encodePath`/actions/runs/${this.runId}/jobs`}`,
        `list the jobs of workflow run ${this.runId}`,
        { headers: GITHUB_HEADERS, query: { filter: 'latest', per_page: 100 } },
      );
      jobs = Array.isArray(body?.jobs) ? body.jobs : [];
    } catch (error) {
      this.ctx.log.debug(`Listing the run's jobs failed: ${String(error)}`);
    }
    const failed = describeFailedJobs(jobs);
    for (const line of failed) this.ctx.log.info(`Workflow run ${this.runId}: ${line}`);
    if (failed.length === 0) return build;
    return { ...build, failureReason: failed.join('; '), notes: failed };
  }
}

/** A 422 whose message names `return_run_details`: a server that does not take that key. */
function refusesRunDetails(error: HttpError): boolean {
  if (error.status !== 422) return false;
  const text = typeof error.body === 'string' ? error.body : JSON.stringify(error.body ?? '');
  return text.includes('return_run_details');
}

/** Builds the adapter for one run. */
export function createWorkflowAdapter(ctx: ProviderContext<WorkflowSettings>): Provider {
  return new GitHubWorkflowAdapter(ctx);
}
