import { describeError } from '../../errors.js';
import type { Logger } from '../../providers/types.js';
import type { DeploymentState, GitHubApi } from '../github.js';
import { gitHubState } from '../verdict.js';
import { publicLink } from '../../public/links.js';
import { buildName, finalDescription, statusDescription } from './commit-status.js';
import {
  readSaved,
  Refusals,
  type FinishedEvent,
  type PostCloser,
  type Reporter,
  type TriggeredEvent,
} from './types.js';

/** The state key the post step reads to finish a deployment the main step left in progress. */
export const DEPLOYMENT_STATE_KEY = 'deployment';

/** What the main step leaves for the post step (ids and links only; no secrets). */
export interface SavedDeployment {
  owner: string;
  repo: string;
  apiUrl: string;
  deploymentId: number;
  environment: string;
  logUrl?: string;
  /** `open`: in progress, nothing final posted; `finishing`: about to post `final`; `done`. */
  phase: 'open' | 'finishing' | 'done';
  final?: {
    state: DeploymentState;
    description: string;
    environmentUrl?: string;
    autoInactive?: boolean;
  };
}

const CANCELLED = 'Cancelled: the workflow stopped before the build finished';

/** What the deployment reporter needs to know about the run. */
export interface DeploymentOptions {
  api: GitHubApi | undefined;
  owner: string;
  repo: string;
  apiUrl: string;
  sha: string;
  environment: string;
  /** The `environment-url` input; empty means the build's deploy URL. */
  environmentUrl: string;
  productionEnvironment: boolean;
  transientEnvironment: boolean;
  autoInactive: boolean;
  project: string;
  log: Logger;
  saveState: (key: string, value: string) => void;
}

/**
 * A GitHub Deployment for the build: created right after the trigger, `in_progress` with the log
 * link at once, then `success` with the environment URL, or `failure`/`error` with the reason.
 * With `wait: false` nothing would finish it, so it is left `queued` with a note, never
 * `in_progress`. Its progress is saved before each post so the post step can close it if the run
 * is cancelled or killed. A 403 (fork pull requests, no `deployments: write`) is one warning.
 */
export class DeploymentReporter implements Reporter {
  readonly name = 'deployment';
  private id: number | undefined;
  private logUrl: string | undefined;
  private readonly refusals: Refusals;

  constructor(private readonly options: DeploymentOptions) {
    this.refusals = new Refusals(options.log, 'deployments: write');
    if (options.api && !options.sha) {
      options.log.warning('Deployment skipped: no commit sha (set the sha input).');
      this.refusals.off = true;
    }
  }

  outputs(): Record<string, string> {
    return this.id === undefined ? {} : { 'deployment-id': String(this.id) };
  }

  async triggered({ providerTitle, build, waiting, link }: TriggeredEvent): Promise<void> {
    const { api, environment, project } = this.options;
    if (!api || this.refusals.off) return;
    const name = buildName({ providerTitle, build });
    try {
      this.id = await api.createDeployment({
        sha: this.options.sha,
        environment,
        description: statusDescription(`${name}${project ? ` of ${project}` : ''}`),
        productionEnvironment: this.options.productionEnvironment,
        transientEnvironment: this.options.transientEnvironment,
        payload: { provider: providerTitle, ...(build.id ? { buildId: build.id } : {}) },
      });
    } catch (error) {
      this.refusals.note(error, 'create the deployment');
      this.refusals.off = true;
      return;
    }
    this.options.log.info(`Deployment ${this.id} to ${environment} created.`);
    this.logUrl = publicLink(link);
    if (waiting) {
      this.save('open');
      await this.post('in_progress', `${name} is ${build.state}`);
    } else {
      // Nothing would move it on from in_progress, so it waits as `queued` and says why.
      await this.post(
        'queued',
        `${name} triggered; not followed (wait: false), see the build log for its result`,
      );
      this.save('done');
    }
  }

  async finished({ outcome, link }: FinishedEvent): Promise<void> {
    const final = gitHubState(outcome);
    if (this.id === undefined || !final) return;
    const state: DeploymentState = final;
    const environmentUrl =
      state === 'success'
        ? // The environment-url input is the user's own (checked as http(s) when read).
          this.options.environmentUrl || publicLink(outcome.build?.deployUrl)
        : undefined;
    this.logUrl = publicLink(link) ?? this.logUrl;
    const description = statusDescription(finalDescription(outcome));
    this.save('finishing', {
      state,
      description,
      ...(environmentUrl ? { environmentUrl } : {}),
      autoInactive: state === 'success' && this.options.autoInactive,
    });
    if (await this.post(state, description, environmentUrl)) this.save('done');
  }

  async cancelled(event: FinishedEvent): Promise<void> {
    await this.finished(event);
  }

  /** Posts one status; false when GitHub refused it (already warned). */
  private async post(
    state: DeploymentState,
    description: string,
    environmentUrl?: string,
  ): Promise<boolean> {
    const { api } = this.options;
    if (!api || this.id === undefined) return false;
    try {
      await api.createDeploymentStatus({
        deploymentId: this.id,
        state,
        description: statusDescription(description),
        ...(this.logUrl ? { logUrl: this.logUrl } : {}),
        ...(environmentUrl ? { environmentUrl } : {}),
        // Only a successful deployment may retire the environment's earlier ones: a build still
        // running, or one that failed, must not take the working preview down.
        autoInactive: state === 'success' && this.options.autoInactive,
      });
      this.options.log.info(
        `Deployment ${this.id}: ${state}${environmentUrl ? ` (${environmentUrl})` : ''}`,
      );
      return true;
    } catch (error) {
      this.refusals.note(error, `post the deployment status ${state}`);
      return false;
    }
  }

  private save(phase: SavedDeployment['phase'], final?: SavedDeployment['final']): void {
    if (this.id === undefined) return;
    const saved: SavedDeployment = {
      owner: this.options.owner,
      repo: this.options.repo,
      apiUrl: this.options.apiUrl,
      deploymentId: this.id,
      environment: this.options.environment,
      ...(this.logUrl ? { logUrl: this.logUrl } : {}),
      phase,
      ...(final ? { final } : {}),
    };
    this.options.saveState(DEPLOYMENT_STATE_KEY, JSON.stringify(saved));
  }
}

/**
 * The post step's half: a deployment the main step left `in_progress` (cancelled or killed) gets
 * the final status it was about to post, else `error` (cancelled).
 */
export const deploymentCloser: PostCloser = {
  stateKey: DEPLOYMENT_STATE_KEY,
  async close(raw, { github, log }) {
    const saved = readSaved<SavedDeployment>(raw, 'deployment', log);
    if (!saved || saved.phase === 'done' || !github || typeof saved.deploymentId !== 'number')
      return;
    const final =
      saved.phase === 'finishing' && saved.final
        ? saved.final
        : { state: 'error' as const, description: CANCELLED };
    try {
      await github(saved.owner, saved.repo, saved.apiUrl).createDeploymentStatus({
        deploymentId: saved.deploymentId,
        state: final.state,
        description: statusDescription(final.description),
        ...(saved.logUrl ? { logUrl: saved.logUrl } : {}),
        ...('environmentUrl' in final && final.environmentUrl
          ? { environmentUrl: final.environmentUrl }
          : {}),
        autoInactive: ('autoInactive' in final && final.autoInactive) || false,
      });
      log.info(
        `Deployment ${saved.deploymentId}: ${final.state} (the main step did not finish it).`,
      );
    } catch (error) {
      log.warning(
        `Post step could not finish deployment ${saved.deploymentId}: ${describeError(error)}`,
      );
    }
  },
};
