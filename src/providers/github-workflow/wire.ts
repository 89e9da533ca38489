/**
 * The parts of GitHub's Actions REST answers this provider reads (GitHub's OpenAPI description,
 * `@octokit/openapi`: api.github.com and GHES). Everything is optional: an answer is read, never
 * trusted to be complete.
 */

/** `GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}` (schema `workflow`). */
export interface WireWorkflow {
  id?: number;
  name?: string;
  path?: string;
  /** `active`, `disabled_manually`, `disabled_inactivity`, `disabled_fork`, `deleted`. */
  state?: string;
  html_url?: string;
}

/** `POST .../dispatches` with `return_run_details: true` (schema `workflow-dispatch-response`). */
export interface WireDispatchResponse {
  workflow_run_id?: number;
  run_url?: string;
  html_url?: string;
}

/** A run (schema `workflow-run`). */
export interface WireRun {
  id?: number;
  name?: string | null;
  /** The run's title: the workflow's `run-name`, else its name for workflow_dispatch runs. */
  display_title?: string;
  head_branch?: string | null;
  event?: string;
  /** `requested`, `queued`, `pending`, `waiting`, `in_progress`, `completed`. */
  status?: string | null;
  /** Null until the run completes. */
  conclusion?: string | null;
  run_number?: number;
  html_url?: string;
  created_at?: string;
  updated_at?: string;
  run_started_at?: string;
  actor?: { login?: string };
}

/** `GET .../actions/workflows/{workflow_id}/runs`. */
export interface WireRunList {
  total_count?: number;
  workflow_runs?: WireRun[];
}

/** A step of a job. */
export interface WireStep {
  name?: string;
  number?: number;
  status?: string;
  conclusion?: string | null;
}

/** A job (schema `job`). */
export interface WireJob {
  id?: number;
  name?: string;
  status?: string;
  conclusion?: string | null;
  html_url?: string | null;
  steps?: WireStep[];
}

/** `GET .../actions/runs/{run_id}/jobs`. */
export interface WireJobList {
  total_count?: number;
  jobs?: WireJob[];
}
