/**
 * The inputs `provider: github-workflow` owns: which workflow of which repository to dispatch, on
 * which ref, with which inputs, and with which token. Read once, with the other inputs, before
 * anything is sent.
 */
import { InputError } from '../../errors.js';
import { bool } from '../../inputs/boolean.js';
import type { OwnSettings, RunFacts } from '../types.js';

/** GitHub takes at most 25 workflow inputs (GHES 3.19: 10, checked once the server is known). */
export const MAX_WORKFLOW_INPUTS = 25;

/** `github-workflow`'s own settings, validated. */
export interface WorkflowSettings extends OwnSettings {
  readonly owner: string;
  readonly repo: string;
  /** A workflow file name (`ci.yml`) or its numeric id. */
  readonly workflow: string;
  /**
   * The branch or tag to run the workflow on, as the dispatch takes it; '' for this repository's
   * branch the event is about (ProviderContext.eventRef).
   */
  readonly ref: string;
  /** The `workflow-inputs` text, parsed (YAML) when the run prepares; '' for none. */
  readonly inputsText: string;
  /** The workflow input that carries this run's unique id; '' for none. */
  readonly distinctIdInput: string;
  readonly cancelOnTimeout: boolean;
  /** `token`, else (for this repository only) `github-token`. */
  readonly token: string;
}

const REPOSITORY = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/;
const INPUT_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,99}$/;

/** The same repository, as GitHub compares names: without regard to case. */
function sameRepository(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * Reads the provider's inputs. `run.repository` is "this repository" (the host's, from
 * GITHUB_REPOSITORY); without `ref` a workflow of this repository runs on the branch the event is
 * about, which the adapter takes from the event resolver (ProviderContext.eventRef).
 */
export function readWorkflowSettings(
  get: (name: string) => string,
  common: { token: string; githubToken: string },
  run: RunFacts,
): WorkflowSettings {
  const here = run.repository.trim();
  const repository = get('repository') || here;
  if (!repository) {
    throw new InputError(
      'repository',
      "is required for provider 'github-workflow' outside GitHub Actions",
      'set it to owner/name of the repository whose workflow to run',
    );
  }
  const match = REPOSITORY.exec(repository);
  const [owner = '', repo = ''] = match ? [match[1], match[2]] : [];
  if (!match || [owner, repo].some((part) => part === '.' || part === '..')) {
    throw new InputError(
      'repository',
      `must be owner/name, got '${repository}'`,
      'write it as on github.com, e.g. octo-org/deploy',
    );
  }
  const isHere = here !== '' && sameRepository(repository, here);

  const workflow = workflowId(get('workflow'));

  // For this repository an empty ref is the event's branch, known once the run starts (a
  // comment's pull request is read from GitHub first): the adapter takes it then.
  const ref = get('ref');
  if (!ref && !isHere) {
    throw new InputError(
      'ref',
      `is required when repository is another repository (${repository})`,
      'set ref to the branch or tag to run the workflow on, e.g. ref: main',
    );
  }
  // eslint-disable-next-line no-control-regex
  if (ref && (/[\s\u0000-\u001f\u007f~^:?*[\\]/.test(ref) || ref.includes('..'))) {
    throw new InputError('ref', `is not a branch or tag name: '${ref}'`, 'use e.g. main or v1.2.3');
  }

  const distinctIdInput = get('distinct-id-input');
  if (distinctIdInput && !INPUT_NAME.test(distinctIdInput)) {
    throw new InputError(
      'distinct-id-input',
      `must be the name of a workflow input, got '${distinctIdInput}'`,
      'use the input name the target workflow declares under on.workflow_dispatch.inputs, e.g. distinct_id',
    );
  }

  const token = common.token || (isHere ? common.githubToken : '');
  if (!token) {
    throw new InputError(
      'token',
      isHere
        ? "is required for provider 'github-workflow' (github-token is empty too)"
        : `is required for provider 'github-workflow' when repository is another repository (${repository}): the job's GITHUB_TOKEN can dispatch workflows in its own repository only`,
      `pass a fine-grained personal access token or a GitHub App token with actions: write on ${repository}, e.g. token: \${{ secrets.WORKFLOW_TOKEN }}`,
    );
  }

  return Object.freeze({
    // A repository's workflow, not a provider project: no "Project" row.
    project: '',
    owner,
    repo,
    workflow,
    ref,
    inputsText: get('workflow-inputs'),
    distinctIdInput,
    cancelOnTimeout: bool(get('cancel-on-timeout'), 'cancel-on-timeout', false),
    token,
  });
}

/** `ci.yml`, `.github/workflows/ci.yml` (its file name is what the API takes) or an id. */
function workflowId(value: string): string {
  if (!value) {
    throw new InputError(
      'workflow',
      "is required for provider 'github-workflow'",
      'set it to the workflow file name (e.g. ci.yml) or its numeric id',
    );
  }
  const name = value.replace(/^\.github\/workflows\//, '');
  if (/^\d+$/.test(name) || /^[^/\\\s]+\.ya?ml$/.test(name)) return name;
  throw new InputError(
    'workflow',
    `must be a workflow file name (ci.yml) or a numeric id, got '${value}'`,
    'use the file name under .github/workflows/ of the target repository',
  );
}

/**
 * Parses `workflow-inputs`: a YAML (or JSON) map of input names to single values, kept as the
 * text written (`1.10` stays `1.10`). Loaded only when used, like the targets parser.
 */
export async function parseWorkflowInputs(text: string): Promise<Record<string, string>> {
  if (!text.trim()) return {};
  const { parseDocument } = await import('../../yaml.js');
  const doc = parseDocument(text, { schema: 'failsafe', uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new InputError(
      'workflow-inputs',
      `is not valid YAML or JSON (${doc.errors[0]!.message.split('\n')[0]})`,
      'write a map, one "name: value" a line, or JSON such as {"environment": "staging"}',
    );
  }
  const data: unknown = doc.toJS();
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new InputError(
      'workflow-inputs',
      'must be a map of input names to values',
      'write one "name: value" a line, or JSON such as {"environment": "staging"}',
    );
  }
  const inputs: Record<string, string> = {};
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (typeof value !== 'string') {
      throw new InputError(
        'workflow-inputs',
        `has a ${Array.isArray(value) ? 'list' : 'map'} for '${key}'; workflow inputs are single values`,
        'pass a string, number or true/false (as text) for each input',
      );
    }
    inputs[key] = value;
  }
  if (Object.keys(inputs).length > MAX_WORKFLOW_INPUTS) {
    throw new InputError(
      'workflow-inputs',
      `has ${Object.keys(inputs).length} inputs; GitHub takes at most ${MAX_WORKFLOW_INPUTS}`,
      'pass fewer inputs, e.g. several values as one JSON text input',
    );
  }
  return inputs;
}
