import { Deadline, type Clock } from '../clock.js';
import { ActionError, describeError, InputError } from '../errors.js';
import type { RunContext } from '../github-context.js';
import { HttpClient, type HttpClientOptions } from '../http/client.js';
import { isCredentialSource } from '../http/credentials.js';
import { HttpError } from '../http/errors.js';
import type { RateGates } from '../http/gate.js';
import type { Settings } from '../inputs.js';
import {
  BuildConflict,
  type Build,
  type GitHubReader,
  type Provider,
  type ProviderSpec,
} from '../providers/types.js';
import { clickPlace, firstPublicLink } from '../public/links.js';
import { checkOutputs, refusalMessage } from '../public/outputs.js';
import { Scrubber, secretsOf } from '../public/scrub.js';
import { publicView, scrubOutcome } from '../public/view.js';
import { formatDuration, safeLine, trimEndOf } from '../text.js';
import { cancelClause, RemoteCanceller } from './cancel.js';
import { stoppedWaiting } from './stop.js';
import type { GitHubApi } from './github.js';
import {
  currentGitHubBounds,
  GITHUB_ATTEMPTS,
  GITHUB_GRACE_MS,
  withGitHubBounds,
} from './github-policy.js';
import type { PollPlan } from './schedule.js';
import { createReporters, Lifecycle, type Reporter } from './reporters/index.js';
import type { SummaryTable } from './reporters/summary.js';
import type { LogTail } from './reporters/types.js';
import type { EngineLog, Outcome } from './types.js';
import { waitForBuild } from './wait.js';
import { LogShow } from './logs.js';

export type { EngineLog, Outcome, OutcomeEnd, OutcomeStatus } from './types.js';

export interface EngineDeps {
  settings: Settings;
  spec: ProviderSpec;
  run: RunContext;
  clock: Clock;
  signal: AbortSignal;
  log: EngineLog;
  /** Undefined when there is no GitHub token. */
  github: GitHubApi | undefined;
  saveState: (key: string, value: string) => void;
  tempDir: string;
  env?: NodeJS.ProcessEnv;
  /** Writes the job summary's table; without it no summary is written. */
  writeSummary?: (table: SummaryTable) => Promise<void>;
  /** Who hears the build's lifecycle; default: the reporters the settings ask for. */
  reporters?: readonly Reporter[];
  /** Shared by several targets: one `timeout` for all. Defaults to `timeout` from now. */
  deadline?: Deadline;
  /** Shared by several targets, so one provider's rate limits hold back all its targets. */
  rateGates?: RateGates;
}

/**
 * How long to keep looking for the build an ambiguous trigger may have created before the one
 * allowed retry. Lists lag behind the trigger (DeployHub's by several seconds), and a retry that
 * comes too early creates a second build; 12 s covers four times the 3 s lag seen on DeployHub and
 * costs a run that lost its answer 12 s at most.
 */
export const FIND_TRIGGERED_WINDOW_MS = 12_000;
/** The gap between two looks at the list inside that window. */
const FIND_TRIGGERED_STEP_MS = 2000;

/**
 * trigger -> wait -> outcome, announced to the reporters (commit status, job summary...) as
 * triggered / changed / finished or cancelled. Never throws: every failure becomes an Outcome, so
 * outputs, the summary and the final commit status are always written.
 */
export async function runBuild(deps: EngineDeps): Promise<Outcome> {
  const deadline =
    deps.deadline ?? new Deadline(deps.clock, deps.clock.now() + deps.settings.timeoutMs);
  // Every GitHub call of this run (statuses, deployment, comment, Jamdesk's status list) ends by
  // `timeout`; the closing writes get the stated grace past it (see `finish`).
  return withGitHubBounds(
    {
      clock: deps.clock,
      until: deadline.at,
      attempts: GITHUB_ATTEMPTS,
      note: (message) => deps.log.info(message),
    },
    () => runBounded(deps, deadline),
  );
}

async function runBounded(deps: EngineDeps, deadline: Deadline): Promise<Outcome> {
  const { settings, spec, clock, signal, log } = deps;
  const startedAt = clock.now();
  const credentials = spec.credentials(settings, settings.own);
  const httpOptions: Omit<HttpClientOptions, 'deadline' | 'signal'> = {
    provider: spec.title,
    baseUrl: settings.apiUrl,
    credentials,
    clock,
    ...(spec.describeError ? { describe: spec.describeError.bind(spec) } : {}),
    onRetry: (e) =>
      log.info(
        `${spec.title}: ${e.what} failed (${safeLine(e.reason, 120)}); retry ${e.attempt}/${e.maxAttempts} in ${formatDuration(e.delayMs)}${
          e.serverAsked && e.delayMs > settings.pollIntervalMs
            ? ` (the API asked for this wait with Retry-After/rate-limit headers, longer than poll-interval ${formatDuration(settings.pollIntervalMs)})`
            : ''
        }`,
      ),
    ...(deps.rateGates ? { gate: deps.rateGates.for(spec.name, settings.apiUrl) } : {}),
    onGateWait: (e) =>
      log.info(
        `${spec.title}: ${e.what} waits ${formatDuration(e.delayMs)}: the API asked for a pause (Retry-After) on another request`,
      ),
    pollRetryCapMs: settings.pollIntervalMs,
  };
  const http = new HttpClient({ ...httpOptions, deadline, signal });
  // What leaves the run: texts without this run's secrets, links by the link rule (where people
  // click, not on the API's own host either).
  const scrubber = new Scrubber(secretsOf(settings));
  if (isCredentialSource(credentials)) scrubber.follow(() => credentials.issued());
  const place = clickPlace(settings.apiUrl);
  const view = publicView(scrubber, place);
  const lifecycle = new Lifecycle(deps.reporters ?? createReporters(deps), log, view);
  const provider = spec.create({
    settings,
    own: settings.own,
    http,
    clock,
    log,
    github: githubReader(deps),
    tempDir: deps.tempDir,
    signal,
    eventRef: deps.run.ref ?? { name: '', from: 'the run has no event to take a branch from' },
    workspace: deps.env?.['GITHUB_WORKSPACE'] || process.cwd(),
  });
  const remote = new RemoteCanceller(provider, httpOptions, clock, log);
  const plan = async (): Promise<PollPlan> => ({
    baseMs: settings.pollIntervalMs,
    minMs: provider.minPollIntervalMs ?? 1000,
    expectedMs: await provider.typicalDurationMs?.().catch(() => undefined),
  });
  const target = (build: Build | undefined): string | undefined => {
    const shown = build ? view.build(build) : undefined;
    return firstPublicLink([shown?.logUrl, shown?.deployUrl, deps.run.runUrl], place);
  };

  let build: Build | undefined;
  let triggeredAt = startedAt;
  // Reports (commit status, deployment, comment) go out in order, but polling never waits for
  // them: a GitHub answer that is slow or retried must not delay noticing the build's end.
  let announcing: Promise<void> = Promise.resolve();
  const announce = (next: () => Promise<void>): void => {
    // The lifecycle guards every reporter; the catch keeps one surprise from stopping the rest.
    announcing = announcing.then(next).catch(() => undefined);
  };
  const finish = async (
    outcome: Omit<Outcome, 'providerTitle' | 'durationMs'>,
    how: 'finished' | 'cancelled' = 'finished',
  ): Promise<Outcome> => {
    // The outputs carry it too: no secret in any of its texts (its links are judged per place),
    // and no value with characters it never has (src/public/outputs.ts).
    const result: Outcome = checkedOutputs(
      scrubOutcome(
        { ...outcome, providerTitle: spec.title, durationMs: clock.now() - triggeredAt },
        scrubber,
      ),
    );
    await announcing;
    const logTail = settings.checkRun ? await readLogTail(result.build) : undefined;
    await closingWrites(clock, deadline, () =>
      lifecycle[how]({
        outcome: result,
        link: target(result.build),
        local: false,
        ...(logTail ? { log: logTail } : {}),
      }),
    );
    return { ...result, reportOutputs: lifecycle.outputs() };
  };

  /** The build's log as shown; undefined until the build was triggered and followed. */
  let logs: LogShow | undefined;
  /** The log's last part for the check run, scrubbed; nothing when it cannot be read in time. */
  const readLogTail = async (b: Build | undefined): Promise<LogTail | undefined> => {
    if (!logs || !b) return undefined;
    const tail = await logs.tail(b);
    return tail && { ...tail, lines: tail.lines.map((line) => scrubber.scrub(line)) };
  };

  try {
    if (provider.prepare) await log.group('Prepare', () => provider.prepare!());
    build = await log.group(`Trigger ${spec.title} build`, async () => {
      const created = await trigger(provider, deps, deadline, plan);
      triggeredAt = clock.now();
      log.info(
        `Triggered ${spec.title} build${created.id ? ` ${created.id}` : ''}: ${safeLine(created.providerStatus, 80)}`,
      );
      return created;
    });

    if (!settings.wait || provider.waits === false) {
      log.info(
        settings.wait
          ? `${spec.title} has no way to follow the build here: not waiting for it, and no commit status is posted.`
          : 'wait is false: not waiting for the build, and no commit status is posted (nothing would finish it).',
      );
      await lifecycle.triggered({
        providerTitle: spec.title,
        build,
        waiting: false,
        link: target(build),
        at: triggeredAt,
      });
      return await finish({
        status: build.state === 'building' ? 'building' : 'queued',
        build,
        end: 'build',
      });
    }

    const triggered = build;
    announce(() =>
      lifecycle.triggered({
        providerTitle: spec.title,
        build: triggered,
        waiting: true,
        link: target(triggered),
        at: triggeredAt,
      }),
    );
    const logShow = new LogShow({
      provider,
      log,
      title: spec.title,
      publicLog: (b) => view.build(b).logUrl,
    });
    logs = logShow;
    const waited = await log.group(`Wait for ${spec.title} build`, async () =>
      waitForBuild({
        provider,
        build: build!,
        clock,
        deadline,
        signal,
        plan: await plan(),
        startedAt: triggeredAt,
        info: (m) => log.info(m),
        onChange: async (changed) =>
          announce(() =>
            lifecycle.changed({ providerTitle: spec.title, build: changed, link: target(changed) }),
          ),
        ...(settings.showLogs === 'always' ? { afterPoll: (b: Build) => logShow.follow(b) } : {}),
      }),
    );
    build = waited.build;
    // A log read under way ends by itself (the deadline bounds it); it never held up the polls.
    await logShow.settle();

    if (waited.end === 'cancelled') {
      // fail-fast stops waiting for this target; only a cancelled run cancels builds remotely.
      const stopped = stoppedWaiting(signal);
      const cancelled = stopped ? undefined : await remote.cancel(build, 'The run was cancelled');
      return await finish(
        {
          status: 'cancelled',
          build,
          message:
            stopped ??
            `Cancelled while waiting for ${spec.title} build${build.id ? ` ${build.id}` : ''}${cancelClause(spec.title, cancelled)}`,
          end: stopped ? 'stopped' : 'cancelled',
        },
        'cancelled',
      );
    }
    if (waited.end === 'timed_out') {
      const why =
        provider.describeTimeout?.(build) ??
        `Timed out after ${formatDuration(settings.timeoutMs)} waiting for ${spec.title} build${build.id ? ` ${build.id}` : ''} (last status: ${build.providerStatus})`;
      const cancelled = provider.cancelOnTimeout
        ? await remote.cancel(build, 'Timed out (cancel-on-timeout)')
        : undefined;
      return await finish({
        status: 'timed_out',
        build,
        message: `${why}${cancelClause(spec.title, cancelled)}. Fix: raise the timeout input, or check the build in ${spec.title}.`,
        end: 'timed-out',
      });
    }

    if (
      settings.showLogs === 'always' ||
      (settings.showLogs === 'on-failure' && build.state !== 'success')
    ) {
      await logShow.showEnd(build);
    }
    if (build.state === 'success') {
      if (provider.finish) build = await provider.finish(build);
      return await finish({ status: 'success', build, end: 'build' });
    }
    if (build.state === 'failure' && provider.explainFailure) {
      const failed = build;
      build = await provider.explainFailure(failed).catch((error: unknown) => {
        log.debug(`Reading why the build failed: ${describeError(error)}`);
        return failed;
      });
    }
    return await finish({
      status: build.state === 'cancelled' ? 'cancelled' : 'failure',
      build,
      message: failureMessage(spec.title, build, view.build(build).logUrl),
      end: 'build',
    });
  } catch (error) {
    if (signal.aborted) {
      const stopped = stoppedWaiting(signal);
      const cancelled = stopped ? undefined : await remote.cancel(build, 'The run was cancelled');
      return await finish(
        {
          status: 'cancelled',
          build,
          message: stopped ?? `Cancelled${cancelClause(spec.title, cancelled)}`,
          end: stopped ? 'stopped' : 'cancelled',
        },
        'cancelled',
      );
    }
    if (!(error instanceof ActionError))
      log.debug(error instanceof Error ? (error.stack ?? error.message) : String(error));
    // A timeout anywhere (waiting out a 409, uploading, downloading, snapshotting) is the
    // contract's timed_out, which fail-on-error governs, not "the action failed".
    const timedOut =
      (error instanceof HttpError && error.kind === 'deadline') || deadline.expired();
    const cancelled =
      timedOut && provider.cancelOnTimeout
        ? await remote.cancel(build, 'Timed out (cancel-on-timeout)')
        : undefined;
    if (error instanceof InputError && build === undefined) {
      // A bad input found while preparing (a missing artifact path): nothing was sent, and
      // nothing should be, not even a commit status.
      const result: Outcome = {
        status: 'failure',
        providerTitle: spec.title,
        build,
        durationMs: 0,
        message: describeError(error),
        end: 'bad-input',
      };
      await announcing;
      await lifecycle.finished({ outcome: result, link: undefined, local: true });
      return result;
    }
    if (timedOut) {
      return await finish({
        status: 'timed_out',
        build,
        message: `Timed out after ${formatDuration(settings.timeoutMs)}: ${describeError(error)}${cancelClause(spec.title, cancelled).replace(/^; (.+)$/, ' ($1)')}`,
        end: 'timed-out',
      });
    }
    return await finish({
      status: build?.state === 'success' ? 'success' : 'failure',
      build,
      message: `${describeError(error)}${cancelClause(spec.title, cancelled).replace(/^; (.+)$/, ' ($1)')}`,
      end: 'action-error',
    });
  }
}

/** Words that only repeat "failed": a status word like these adds nothing after "failed". */
const PLAIN_FAILURE_WORDS = new Set(['failed', 'failure', 'fail', 'cancelled', 'canceled']);

/**
 * One line for a build that ended badly: the provider's own reason when it gave one, the status
 * word when it says more than "failed", and a link to the log only where a person can open it.
 */
export function failureMessage(title: string, build: Build, publicLog: string | undefined): string {
  const word = build.providerStatus.trim();
  const how = build.state === 'cancelled' ? 'was cancelled' : 'failed';
  const status = PLAIN_FAILURE_WORDS.has(word.toLowerCase()) ? '' : ` (${safeLine(word, 80)})`;
  const reason = build.failureReason ? `: ${safeLine(build.failureReason, 300)}` : '';
  const logLink = publicLog ? `. Build log: ${publicLog}` : '';
  return `${title} build${build.id ? ` ${build.id}` : ''} ${how}${status}${reason}${logLink}`;
}

/**
 * The outcome with the build's output values checked: a value refused (a build id with shell
 * characters) is left out, and fails a run that ended on its own terms, saying why.
 */
function checkedOutputs(outcome: Outcome): Outcome {
  if (!outcome.build) return outcome;
  const { build, refused } = checkOutputs(outcome.build);
  if (refused.length === 0) return { ...outcome, build };
  const line = refusalMessage(outcome.providerTitle, refused);
  // A cancelled or stopped run stays so; anything else is the action refusing to go on.
  if (outcome.end === 'cancelled' || outcome.end === 'stopped') return { ...outcome, build };
  return {
    ...outcome,
    build,
    status: 'failure',
    end: 'action-error',
    message: outcome.message ? `${line}. ${outcome.message}` : line,
  };
}

/**
 * Triggers one build. A running build the provider chose to wait for (BuildConflict: JustDeploy's
 * 409 with on-conflict: wait) is waited for, and the trigger sent once more. After an ambiguous failure the adapter first looks for the build the request may have
 * created; only when there is none is the trigger sent again, so a run creates at most one build.
 */
async function trigger(
  provider: Provider,
  deps: EngineDeps,
  deadline: Deadline,
  plan: () => Promise<PollPlan>,
): Promise<Build> {
  const { clock, log, signal } = deps;
  const since = clock.now();
  try {
    return await provider.trigger();
  } catch (error) {
    if (error instanceof BuildConflict) {
      log.info(
        `${trimEndOf(safeLine(error.message), '. \t')}. Waiting for it to end (${error.words.why}).`,
      );
      const waited = await waitForBuild({
        provider,
        build: error.running,
        clock,
        deadline,
        signal,
        plan: await plan(),
        startedAt: clock.now(),
        info: (m) => log.info(m),
      });
      if (waited.end === 'timed_out') {
        throw new HttpError({
          provider: provider.title,
          what: `wait for the running build ${error.running.id}`,
          kind: 'deadline',
          details: { code: 'timeout reached' },
          fix: error.words.timeoutFix,
        });
      }
      if (waited.end === 'cancelled') throw new ActionError('Cancelled');
      log.info(
        `Running build ${error.running.id} ended (${waited.build.providerStatus}); triggering this run's build.`,
      );
      try {
        return await provider.trigger();
      } catch (again) {
        if (again instanceof BuildConflict) {
          throw new ActionError(`${again.message} (again, after waiting once)`, {
            fix: again.words.againFix,
          });
        }
        throw again;
      }
    }
    if (error instanceof HttpError && error.ambiguous) {
      if (!provider.findTriggered) {
        throw new ActionError(
          `${error.reason}. The request may have reached ${provider.title}; it was not sent again, so this run never creates two builds.`,
          { fix: `check the ${provider.title} dashboard before re-running` },
        );
      }
      const windowMs = Math.min(FIND_TRIGGERED_WINDOW_MS, deadline.remaining());
      log.info(
        `${provider.title}: the trigger's outcome is unknown (${safeLine(error.code ?? `HTTP ${error.status}`)}); looking for the build it may have created for up to ${formatDuration(windowMs)} (build lists can lag behind the trigger).`,
      );
      const found = await lookForTriggered(provider, since, windowMs, deps);
      if (found) {
        log.info(`Found build ${found.id} created by this run; not triggering again.`);
        return found;
      }
      if (signal.aborted) throw new ActionError('Cancelled');
      log.info(
        `No build appeared in ${formatDuration(windowMs)}; triggering once more (the one retry).`,
      );
      return await provider.trigger();
    }
    throw error;
  }
}

/**
 * Looks for the build an ambiguous trigger may have created, every couple of seconds until
 * `windowMs` has passed. A failed look (the list itself failing) is just a look that found nothing.
 */
async function lookForTriggered(
  provider: Provider,
  since: number,
  windowMs: number,
  deps: EngineDeps,
): Promise<Build | undefined> {
  const { clock, signal, log } = deps;
  const until = clock.now() + windowMs;
  for (;;) {
    const step = Math.min(FIND_TRIGGERED_STEP_MS, until - clock.now());
    if (step > 0) await clock.sleep(step, signal).catch(() => undefined);
    if (signal.aborted) return undefined;
    try {
      const found = await provider.findTriggered?.(since);
      if (found) return found;
    } catch (error) {
      // The list failing is a look that found nothing; anything else (a deadline, an adapter
      // saying what it found cannot be followed) ends the search.
      if (!(error instanceof HttpError) || error.kind === 'deadline') throw error;
      log.debug(`Looking for the triggered build failed: ${describeError(error)}`);
    }
    if (clock.now() >= until) return undefined;
  }
}

/** GitHub access for adapters that read statuses (Jamdesk), through the engine's client. */
function githubReader(deps: EngineDeps): GitHubReader {
  const need = (): GitHubApi => {
    if (!deps.github) {
      throw new ActionError(
        `${deps.spec.title} reports build results as GitHub commit statuses, and there is no github-token to read them`,
        {
          fix: 'keep the default github-token (${{ github.token }}) or set wait: false',
        },
      );
    }
    return deps.github;
  };
  return {
    sha: deps.run.sha,
    ownContext: deps.settings.statusContext,
    resolveCommit: (ref) => need().resolveCommit(ref),
    listStatuses: (sha) => need().listStatuses(sha),
  };
}

/**
 * The writes that close a run (final status, deployment status, comment) may take the stated grace
 * past `timeout`: a run that timed out still says so on the commit.
 */
export function closingWrites<T>(
  clock: Clock,
  deadline: Deadline,
  fn: () => Promise<T>,
): Promise<T> {
  const outer = currentGitHubBounds();
  return withGitHubBounds(
    {
      ...outer,
      clock,
      until: deadline.at + GITHUB_GRACE_MS,
      attempts: GITHUB_ATTEMPTS,
    },
    fn,
  );
}
