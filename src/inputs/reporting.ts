import { InputError } from '../errors.js';
import { bool } from './boolean.js';

/** The inputs of GitHub Deployments and the sticky pull-request comment. */
export interface ReportingSettings {
  /** The GitHub environment to create a deployment in; empty means no deployment. */
  readonly environment: string;
  /** The deployment's `environment_url`; empty means the `deploy-url` output, else none. */
  readonly environmentUrl: string;
  readonly productionEnvironment: boolean;
  /** Undefined means the default: true on pull-request events, else false. */
  readonly transientEnvironment: boolean | undefined;
  /** Let GitHub mark earlier successful deployments of the same environment inactive. */
  readonly autoInactive: boolean;
  readonly prComment: boolean;
  /** The pull request for `pr-comment`; undefined means the event's own pull request. */
  readonly prNumber: number | undefined;
  /** Keep a check run on the built commit, live (`check-run`). */
  readonly checkRun: boolean;
  /** The check run's name; empty means the status context. */
  readonly checkName: string;
}

/** The inputs read here, as named in action.yml. */
export const REPORTING_INPUTS: readonly string[] = [
  'environment',
  'environment-url',
  'production-environment',
  'transient-environment',
  'auto-inactive',
  'pr-comment',
  'pr-number',
  'check-run',
  'check-name',
];

/** The defaults of every reporting input (what an empty workflow gets). */
export const DEFAULT_REPORTING: ReportingSettings = Object.freeze({
  environment: '',
  environmentUrl: '',
  productionEnvironment: false,
  transientEnvironment: undefined,
  autoInactive: true,
  prComment: false,
  prNumber: undefined,
  checkRun: false,
  checkName: '',
});

/**
 * Reads the deployment and comment inputs. `get` returns an input trimmed, '' when unset. A bad
 * value names its input.
 */
export function readReportingInputs(get: (name: string) => string): ReportingSettings {
  const environment = get('environment');
  if (environment.length > 255) {
    throw new InputError('environment', 'is longer than 255 characters', 'use a shorter name');
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(environment)) {
    throw new InputError('environment', 'contains a control character', 'use a plain name');
  }
  const environmentUrl = get('environment-url');
  if (environmentUrl) {
    let url: URL | undefined;
    try {
      url = new URL(environmentUrl);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      throw new InputError(
        'environment-url',
        `must be an http(s) URL, got '${environmentUrl}'`,
        'use the full address, such as https://preview.example.com',
      );
    }
  }
  const prRaw = get('pr-number');
  if (prRaw && !/^[1-9]\d{0,9}$/.test(prRaw)) {
    throw new InputError(
      'pr-number',
      `must be a pull request number, got '${prRaw}'`,
      'pass a number such as ${{ github.event.workflow_run.pull_requests[0].number }}',
    );
  }
  const checkName = get('check-name');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(checkName) || checkName.length > 255) {
    throw new InputError(
      'check-name',
      'contains a control character or is longer than 255 characters',
      'use a short plain name such as build/deskforge',
    );
  }
  const transient = get('transient-environment');
  return Object.freeze({
    environment,
    environmentUrl,
    productionEnvironment: bool(
      get('production-environment'),
      'production-environment',
      environment.toLowerCase() === 'production',
    ),
    transientEnvironment:
      transient === '' ? undefined : bool(transient, 'transient-environment', false),
    autoInactive: bool(get('auto-inactive'), 'auto-inactive', true),
    prComment: bool(get('pr-comment'), 'pr-comment', false),
    prNumber: prRaw ? Number(prRaw) : undefined,
    checkRun: bool(get('check-run'), 'check-run', false),
    checkName,
  });
}
