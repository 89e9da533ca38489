import { Deadline, type Clock } from '../clock.js';
import { describeError } from '../errors.js';
import { HttpClient, type HttpClientOptions } from '../http/client.js';
import type { Build, Logger, Provider } from '../providers/types.js';

/**
 * How long a remote cancel may take. The runner sends SIGTERM 7.5 s after SIGINT; the cancel and
 * then the final commit status must both fit before it.
 */
export const REMOTE_CANCEL_BUDGET_MS = 3000;

/** What became of a remote cancel, for the outcome message. */
export type RemoteCancel = 'accepted' | 'refused' | 'failed';

/**
 * Asks the provider to stop a build, once per run, on a client of its own: the run's signal has
 * fired (SIGINT) or its deadline has passed (timeout), and either would stop the request at once.
 */
export class RemoteCanceller {
  private done: Promise<RemoteCancel | undefined> | undefined;

  constructor(
    private readonly provider: Provider,
    private readonly http: Omit<HttpClientOptions, 'deadline' | 'signal'>,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /** Whether this provider can cancel remotely at all. */
  get available(): boolean {
    return this.provider.cancel !== undefined;
  }

  /**
   * Sends the cancel request (the first call only; later calls return the first result). Never
   * throws: whatever happens is logged, and the run goes on to close its commit status.
   */
  cancel(build: Build | undefined, why: string): Promise<RemoteCancel | undefined> {
    this.done ??= this.send(build, why);
    return this.done;
  }

  private async send(build: Build | undefined, why: string): Promise<RemoteCancel | undefined> {
    const { provider, clock, log } = this;
    if (!provider.cancel) return undefined;
    const name = build?.id ? `build ${build.id}` : 'the build';
    if (!build) {
      log.info(`${why}: no build had been triggered yet, so there is nothing to cancel remotely.`);
      return undefined;
    }
    log.info(`${why}: asking ${provider.title} to cancel ${name}.`);
    const client = new HttpClient({
      ...this.http,
      deadline: new Deadline(clock, clock.now() + REMOTE_CANCEL_BUDGET_MS),
      maxAttempts: 2,
    });
    try {
      const answer = await provider.cancel(build, client);
      if (answer.accepted) {
        log.info(`${provider.title} accepted the cancel request for ${name} (${answer.detail}).`);
        return 'accepted';
      }
      log.warning(`${provider.title} refused to cancel ${name}: ${answer.detail}`);
      return 'refused';
    } catch (error) {
      log.warning(`Could not ask ${provider.title} to cancel ${name}: ${describeError(error)}`);
      return 'failed';
    }
  }
}

/** The clause an outcome message gains: "; the provider accepted the cancel request". */
export function cancelClause(title: string, result: RemoteCancel | undefined): string {
  switch (result) {
    case 'accepted':
      return `; ${title} accepted the cancel request`;
    case 'refused':
      return `; ${title} refused the cancel request`;
    case 'failed':
      return `; the cancel request to ${title} failed`;
    default:
      return '';
  }
}
