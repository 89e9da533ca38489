/**
 * The step's outputs from its targets' outcomes: `results` (one object per target, in input
 * order), the aggregate `status`, and the single-value outputs.
 */
import { outputLink } from '../public/links.js';
import { jsonText } from '../text.js';
import type { OutcomeStatus, Outcome, TargetResult } from './types.js';

/** One entry of the `results` output. Keys are the single-build output names. */
export interface ResultEntry {
  name: string;
  provider: string;
  'build-id': string;
  status: OutcomeStatus;
  'provider-status': string;
  'deploy-url': string;
  'artifact-url': string;
  'log-url': string;
  'docker-image': string;
  /** Seconds from the trigger to the final status. */
  duration: number;
  /** Why it did not succeed, in one line; empty on success. */
  message: string;
  /** The GitHub Deployment's id, with `environment`. */
  'deployment-id': string;
  /** The pull request comment, with `pr-comment`. */
  'comment-url': string;
}

/** One target's outcome, as the results need it. */
export interface NamedOutcome {
  name: string;
  provider: string;
  outcome: Outcome;
}

/** Every target's outcome with its name and provider, in input order. */
export function namedOutcomes(results: readonly TargetResult[]): NamedOutcome[] {
  return results.map((r) => ({
    name: r.target.name,
    provider: r.target.settings.provider,
    outcome: r.outcome,
  }));
}

/** The `results` entry for one outcome. */
export function resultEntry({ name, provider, outcome }: NamedOutcome): ResultEntry {
  const b = outcome.build;
  return {
    name,
    provider,
    'build-id': b?.id ?? '',
    status: outcome.status,
    'provider-status': b?.providerStatus ?? '',
    // Links by the link rule (src/public/links.ts); a script may call the API's own with its token.
    'deploy-url': outputLink(b?.deployUrl),
    'artifact-url': outputLink(b?.artifactUrl),
    'log-url': outputLink(b?.logUrl),
    'docker-image': b?.dockerImage ?? '',
    duration: Math.round(outcome.durationMs / 1000),
    message: outcome.message ?? '',
    'deployment-id': outcome.reportOutputs?.['deployment-id'] ?? '',
    'comment-url': outcome.reportOutputs?.['comment-url'] ?? '',
  };
}

/**
 * The aggregate `status`: `success` only when every target succeeded; else `failure` if any
 * failed; else `timed_out` if any timed out; else `cancelled` if any was cancelled; else (with
 * `wait: false`) `building` if any is building, else `queued`.
 */
export function aggregateStatus(statuses: readonly OutcomeStatus[]): OutcomeStatus {
  const order: OutcomeStatus[] = ['failure', 'timed_out', 'cancelled', 'building', 'queued'];
  return order.find((status) => statuses.includes(status)) ?? 'success';
}

/**
 * Every output. With one build (no `targets`) they are that build's, as always, plus `results`
 * as an array of one. With targets: `status` is the aggregate, `duration` the longest, `results`
 * has the details, and the other single-value outputs are empty (which build would they be?).
 */
export function stepOutputs(
  outcomes: readonly NamedOutcome[],
  multi: boolean,
): Record<string, string> {
  const entries = outcomes.map(resultEntry);
  // Shown as it is in any log or terminal it is printed to (no raw C1 controls or bidi marks).
  const results = jsonText(entries);
  const only = entries[0];
  if (!multi && only && entries.length === 1) {
    return {
      'build-id': only['build-id'],
      status: only.status,
      'provider-status': only['provider-status'],
      'deploy-url': only['deploy-url'],
      'artifact-url': only['artifact-url'],
      'log-url': only['log-url'],
      'docker-image': only['docker-image'],
      duration: String(only.duration),
      'deployment-id': only['deployment-id'],
      'comment-url': only['comment-url'],
      results,
    };
  }
  return {
    'build-id': '',
    status: aggregateStatus(entries.map((e) => e.status)),
    'provider-status': '',
    'deploy-url': '',
    'artifact-url': '',
    'log-url': '',
    'docker-image': '',
    duration: String(Math.max(0, ...entries.map((e) => e.duration))),
    'deployment-id': '',
    'comment-url': '',
    results,
  };
}

/** What the outcome says when the run failed before it could trigger anything. */
export const FAILED_BEFORE_TRIGGER: Outcome = Object.freeze({
  status: 'failure',
  end: 'action-error',
  providerTitle: '',
  build: undefined,
  durationMs: 0,
});

/** Every output when nothing ran (a bad input, an early crash): `failure`, and `results` is `[]`. */
export function outputsBeforeRun(): Record<string, string> {
  return {
    ...stepOutputs([{ name: '', provider: '', outcome: FAILED_BEFORE_TRIGGER }], false),
    results: '[]',
  };
}
