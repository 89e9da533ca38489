// Generated from action.yml by scripts/bundle.mjs (scripts/action-inputs.mjs). Do not edit:
// `npm run bundle` rewrites it, and `npm run check-dist` fails when it is stale.
import type { ActionInput } from './flags.js';

export const VERSION = "1.0.0";

export const ACTION_INPUTS: readonly ActionInput[] = [
  {
    "name": "provider",
    "description": "The Builds API: jamdesk, sitepaste, justdeploy, deskforge, deployhub, custom (any JSON Builds API, described by the trigger-endpoint and status-endpoint inputs), or github-workflow (a workflow in another repository or this one, dispatched and awaited).",
    "default": "",
    "required": true
  },
  {
    "name": "project",
    "description": "The provider's project id. Required for every provider except sitepaste.",
    "default": "",
    "required": false
  },
  {
    "name": "token",
    "description": "API token, sent as Authorization: Bearer. For justdeploy, the access key (X-Access-Key); for custom, whatever auth-header says (not needed with auth-header: none or with {oidc-token}); for github-workflow, a token with actions: write on repository (defaults to github-token when repository is this one). Pass it from a secret.",
    "default": "",
    "required": true
  },
  {
    "name": "secret-key",
    "description": "JustDeploy secret key (X-Secret-Key). Required for justdeploy.",
    "default": "",
    "required": false
  },
  {
    "name": "organization",
    "description": "JustDeploy organization id. Required for justdeploy.",
    "default": "",
    "required": false
  },
  {
    "name": "api-url",
    "description": "Base URL override (self-hosted, proxy, tests). Defaults to the provider's public API (github-workflow: the run's GITHUB_API_URL, so GHES works); required for custom. Must be https unless it is a loopback address, with no query string or #fragment. Credentials are sent to this origin only.",
    "default": "",
    "required": false
  },
  {
    "name": "artifact",
    "description": "A .zip file, or a directory that the action zips, uploaded before the build. Required for justdeploy.",
    "default": "",
    "required": false
  },
  {
    "name": "include-hidden-files",
    "description": "When artifact is a directory: true zips dotfiles and dot-directories too (.git never goes in). By default they are left out, with a warning naming them.",
    "default": "false",
    "required": false
  },
  {
    "name": "stage",
    "description": "JustDeploy stage.",
    "default": "production",
    "required": false
  },
  {
    "name": "platform",
    "description": "Deskforge platform: mac, windows or linux. Required for deskforge.",
    "default": "",
    "required": false
  },
  {
    "name": "arch",
    "description": "Deskforge architecture: x64 or arm64.",
    "default": "x64",
    "required": false
  },
  {
    "name": "version",
    "description": "Deskforge semantic version, e.g. 1.2.3 or 1.2.3-rc.1. A tag name's leading v is dropped (v1.2.3 sends 1.2.3).",
    "default": "",
    "required": false
  },
  {
    "name": "download-to",
    "description": "Deskforge: save the built artifact to this file (or into this directory) after success.",
    "default": "",
    "required": false
  },
  {
    "name": "pages",
    "description": "Sitepaste: glob of Markdown files upserted as pages before the one build.",
    "default": "",
    "required": false
  },
  {
    "name": "site-url",
    "description": "Sitepaste: the live site URL, snapshotted before the trigger so a change can be detected. Defaults to the deployUrl Sitepaste returns.",
    "default": "",
    "required": false
  },
  {
    "name": "wait",
    "description": "Wait for the build to finish. false returns once the build is queued (and posts no commit status).",
    "default": "true",
    "required": false
  },
  {
    "name": "timeout",
    "description": "How long to wait in all (upload, trigger and wait): 90, 90s, 15m or 1h.",
    "default": "30m",
    "required": false
  },
  {
    "name": "poll-interval",
    "description": "The longest gap between two status reads. The action polls sparsely early and briskly near the expected end (history only ever makes polls denser), never faster than the provider allows.",
    "default": "5s",
    "required": false
  },
  {
    "name": "fail-on-error",
    "description": "Fail the step when the build fails, times out (anywhere: waiting, uploading, downloading) or is cancelled; false makes those a warning.",
    "default": "true",
    "required": false
  },
  {
    "name": "commit-status",
    "description": "Post a GitHub commit status for the build (needs permissions: statuses: write).",
    "default": "true",
    "required": false
  },
  {
    "name": "status-context",
    "description": "The commit status context (what branch protection requires). Defaults to build/<provider>.",
    "default": "",
    "required": false
  },
  {
    "name": "github-token",
    "description": "Token for commit statuses (statuses: write), deployments (deployments: write), the pull request comment (pull-requests: write) and, for jamdesk, for reading its statuses.",
    "default": "${{ github.token }}",
    "required": false
  },
  {
    "name": "sha",
    "description": "Commit the status is posted on: the full 40-character sha (a short sha is refused, GitHub would reject it). Defaults to the commit the event is about (the pull request head on pull request events and on comments on a pull request, workflow_run/check_suite/check_run head_sha, merge_group head_sha, deployment sha; README, \"Which commit and pull request\"), else GITHUB_SHA.",
    "default": "",
    "required": false
  },
  {
    "name": "show-logs",
    "description": "Print the provider's build log where it has one: always, on-failure or never.",
    "default": "on-failure",
    "required": false
  },
  {
    "name": "on-conflict",
    "description": "JustDeploy 409 (a build already running on the stage): wait for it and then build, or fail.",
    "default": "wait",
    "required": false
  },
  {
    "name": "environment",
    "description": "Create a GitHub Deployment of the built commit in this environment (e.g. preview-pr-123 or production). Empty means no deployment. Needs permissions: deployments: write.",
    "default": "",
    "required": false
  },
  {
    "name": "environment-url",
    "description": "The deployment's environment URL. Defaults to the build's deploy-url output.",
    "default": "",
    "required": false
  },
  {
    "name": "production-environment",
    "description": "Mark the environment as production. Defaults to true when environment is production, else false.",
    "default": "",
    "required": false
  },
  {
    "name": "transient-environment",
    "description": "Mark the environment as transient (it goes away, like a pull request preview). Defaults to true on pull request events, else false.",
    "default": "",
    "required": false
  },
  {
    "name": "auto-inactive",
    "description": "When the deployment succeeds, mark the same environment's earlier deployments inactive. Other environments (other pull requests' previews) are never touched.",
    "default": "true",
    "required": false
  },
  {
    "name": "pr-comment",
    "description": "Keep one comment per pull request and status-context up to date: building, then the result with links. Needs permissions: pull-requests: write.",
    "default": "false",
    "required": false
  },
  {
    "name": "pr-number",
    "description": "The pull request to comment on. Defaults to the event's pull request (pull request events, a comment on a pull request, the first pull request of a workflow_run, check_suite or check_run); set it in push workflows and for pull requests from forks in workflow_run.",
    "default": "",
    "required": false
  },
  {
    "name": "check-run",
    "description": "Also keep a check run on the built commit: in progress with links right after the trigger, updated as the build goes, completed with success, failure, timed_out or cancelled (never left in progress). Branch protection can require it. Needs permissions: checks: write.",
    "default": "false",
    "required": false
  },
  {
    "name": "check-name",
    "description": "The check run's name. Defaults to the status context (so each target has its own).",
    "default": "",
    "required": false
  },
  {
    "name": "targets",
    "description": "Several builds in one step: a YAML list (or JSON array) of maps, each overriding the step's inputs for one build (platform, arch, stage, project, provider, token, api-url, status-context, ...), plus an optional name. Each target posts its own commit status, \"<status-context> (<name>)\". Empty: one build from the step's inputs.",
    "default": "",
    "required": false
  },
  {
    "name": "max-parallel",
    "description": "With targets: how many builds are in flight at once; the rest queue.",
    "default": "4",
    "required": false
  },
  {
    "name": "fail-fast",
    "description": "With targets: when one build fails, stop waiting for the others (their statuses get error \"not awaited: fail-fast\", their results cancelled).",
    "default": "false",
    "required": false
  },
  {
    "name": "auth-header",
    "description": "custom: the header that carries the token, with {token} where it goes (e.g. 'Circle-Token: {token}'), or none. With {oidc-token} instead ('Authorization: Bearer {oidc-token}') the action sends GitHub's OIDC token for oidc-audience, renewed before it expires; no token secret is needed, and the job needs permissions: id-token: write.",
    "default": "Authorization: Bearer {token}",
    "required": false
  },
  {
    "name": "oidc-audience",
    "description": "custom: the audience (aud claim) of the OIDC token sent for {oidc-token}. Default: the api-url origin, e.g. https://deploy.example.com.",
    "default": "",
    "required": false
  },
  {
    "name": "headers",
    "description": "custom: extra request headers, one Name: value a line (sent to the api-url origin only).",
    "default": "",
    "required": false
  },
  {
    "name": "trigger-endpoint",
    "description": "custom: METHOD /path below api-url that starts a build (method defaults to POST); {project} is the project input, URL-encoded. Required for custom.",
    "default": "",
    "required": false
  },
  {
    "name": "trigger-body",
    "description": "custom: JSON text sent as the trigger request body.",
    "default": "",
    "required": false
  },
  {
    "name": "build-id-field",
    "description": "custom: where the build id is in the trigger's answer, a JSONPath singular query such as $.id or $.data.build.id.",
    "default": "id",
    "required": false
  },
  {
    "name": "status-endpoint",
    "description": "custom: METHOD /path/{id} that reads the build (method defaults to GET); {id} and {project} are URL-encoded. Without it the run is fire-and-forget (status queued).",
    "default": "",
    "required": false
  },
  {
    "name": "status-field",
    "description": "custom: where the status word is in the status endpoint's answer (JSONPath singular query, e.g. $.items[0].status). Like every *-field input it may list several paths separated by commas; the first present and not null wins (e.g. $.conclusion, $.status).",
    "default": "status",
    "required": false
  },
  {
    "name": "success-values",
    "description": "custom: comma-separated status words that mean success.",
    "default": "success,succeeded,successful,ready,deployed,done,completed,passed",
    "required": false
  },
  {
    "name": "failure-values",
    "description": "custom: comma-separated status words that mean failure.",
    "default": "failed,failure,error,errored,canceled,cancelled",
    "required": false
  },
  {
    "name": "running-values",
    "description": "custom: comma-separated status words that mean still running. When set, any word in none of the three lists fails the run (\"unexpected status word\").",
    "default": "",
    "required": false
  },
  {
    "name": "deploy-url-field",
    "description": "custom: where the deploy URL is in the answers (JSONPath singular query); sets the deploy-url output.",
    "default": "",
    "required": false
  },
  {
    "name": "log-url-field",
    "description": "custom: where the build log URL is in the answers (JSONPath singular query); sets the log-url output, and a log that answers text (not HTML) is read for show-logs and the check run.",
    "default": "",
    "required": false
  },
  {
    "name": "failure-reason-field",
    "description": "custom: where the reason for a failure is in the answers (JSONPath singular query), shown in the error line.",
    "default": "",
    "required": false
  },
  {
    "name": "cancel-endpoint",
    "description": "custom: METHOD /path/{id} that cancels the build (method defaults to POST); called when the workflow is cancelled, and on timeout with cancel-on-timeout.",
    "default": "",
    "required": false
  },
  {
    "name": "cancel-on-timeout",
    "description": "custom and github-workflow: also cancel the build (the workflow run) when the run times out.",
    "default": "false",
    "required": false
  },
  {
    "name": "repository",
    "description": "github-workflow: owner/name of the repository whose workflow to run. Defaults to this repository.",
    "default": "",
    "required": false
  },
  {
    "name": "workflow",
    "description": "github-workflow: the workflow file name (e.g. ci.yml) or its numeric id. Required for github-workflow.",
    "default": "",
    "required": false
  },
  {
    "name": "ref",
    "description": "github-workflow: the branch or tag to run the workflow on. Required for another repository; for this one it defaults to the branch the event is about (a pull request's head branch, a workflow_run's head_branch, the pushed branch or tag; docs/events.md).",
    "default": "",
    "required": false
  },
  {
    "name": "workflow-inputs",
    "description": "github-workflow: the workflow inputs, a YAML or JSON map of names to values (at most 25, GHES 10).",
    "default": "",
    "required": false
  },
  {
    "name": "distinct-id-input",
    "description": "github-workflow: the name of a workflow input the target declares and shows in its run-name; the action sends a unique id there and follows the run whose title carries it (needed on GHES to tell a concurrent dispatch from this run's).",
    "default": "",
    "required": false
  }
];
