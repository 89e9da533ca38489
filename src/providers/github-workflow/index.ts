/**
 * `provider: github-workflow`: a workflow in another repository (or this one), dispatched and
 * awaited. The registry's one line points here; the inputs, the adapter and GitHub's wire shapes
 * are this folder's.
 */
import type { ErrorDetails } from '../../http/errors.js';
import type { ProviderSpec } from '../types.js';
import { createWorkflowAdapter } from './adapter.js';
import { readWorkflowSettings, type WorkflowSettings } from './settings.js';

/** GitHub's error body: `{message, documentation_url}`; the fix is ours, by status. */
function describeError(status: number, body: unknown): ErrorDetails | undefined {
  const record = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const message = typeof record['message'] === 'string' ? record['message'] : undefined;
  const details: ErrorDetails = message === undefined ? {} : { message };
  switch (status) {
    case 401:
      return {
        ...details,
        fix: 'check the token: it is missing, expired or revoked',
      };
    case 403:
      return {
        ...details,
        fix: "give the token actions: write on the target repository; the job's GITHUB_TOKEN works for its own repository only (permissions: actions: write), another repository needs a fine-grained PAT or a GitHub App token",
      };
    case 404:
      return {
        ...details,
        fix: 'check repository and workflow (the file name under .github/workflows/, e.g. ci.yml), and that the token can see that repository',
      };
    case 422:
      return {
        ...details,
        fix: /workflow_dispatch/i.test(message ?? '')
          ? 'add "on: workflow_dispatch" to the target workflow, on the ref you dispatch'
          : 'check ref (a branch or tag of the target repository) and workflow-inputs against the target workflow\'s "on: workflow_dispatch: inputs"',
      };
    default:
      return message === undefined ? undefined : details;
  }
}

/** The provider's registry entry. */
export const githubWorkflow: ProviderSpec<WorkflowSettings> = {
  name: 'github-workflow',
  title: 'GitHub workflow',
  /** The run's own GitHub API (GITHUB_API_URL, from the host), so GHES works without api-url. */
  defaultApiUrl: (run) => (run.apiUrl || 'https://api.github.com').replace(/\/+$/, ''),
  // `token` may be empty: for this repository, github-token stands in (readWorkflowSettings).
  inputs: [
    'token',
    'repository',
    'workflow',
    'ref',
    'workflow-inputs',
    'distinct-id-input',
    'cancel-on-timeout',
  ].map((name) => ({ name })),
  readInputs: (get, common, run) => readWorkflowSettings(get, common, run),
  credentials: (_settings, own) => ({ authorization: `Bearer ${own.token}` }),
  describeError,
  create: createWorkflowAdapter,
};
