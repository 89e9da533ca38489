import { ArtifactError, type ArtifactSettingNames } from '../../artifact/error.js';
import { ProgressLine } from '../../artifact/progress.js';
import { prepareArtifact, type PreparedArtifact } from '../../artifact/zip.js';
import { ActionError, InputError } from '../../errors.js';
import { type BodyWriter, fileBody } from '../../http/body.js';
import { encodePath } from '../../http/client.js';
import { type ErrorDetails, HttpError } from '../../http/errors.js';
import { bool } from '../../inputs/boolean.js';
import { isLoopbackHost, oneOf } from '../../inputs/parse.js';
import { safeLine } from '../../text.js';
import {
  type Build,
  BuildConflict,
  type BuildState,
  type ConflictWords,
  type Provider,
  type ProviderContext,
  type OwnSettings,
  type ProviderSpec,
  projectInput,
} from '../types.js';
import { pathSegment } from '../ids.js';
import { formatBytes, median, parseTime } from '../../util.js';

/** A build as JustDeploy returns it (list, create, detail and the 409 body). */
interface JustDeployBuild {
  id: string;
  stage?: string;
  status?: string;
  error?: string | null;
  createdAt?: string;
  updatedAt?: string;
}

interface CreateResponse {
  build?: JustDeployBuild;
  /** Presigned upload URL: its query string is a credential and is never printed. */
  url?: string;
}

interface EndpointsResponse {
  endpoints?: { stage?: string; endpoint?: string; domains?: { domain?: string }[] }[];
}

const STATES: Readonly<Record<string, BuildState>> = {
  pending: 'queued',
  building: 'building',
  ready: 'success',
  error: 'failure',
};

/** Slack for the provider's clock against ours when matching a build to this run's trigger. */
const CLOCK_SKEW_MS = 5_000;
/** Recent successful builds sampled for the typical duration. */
const DURATION_SAMPLE = 10;

/** The inputs that hold what the artifact module reads, for the words of its errors. */
const ARTIFACT_INPUTS: ArtifactSettingNames = {
  path: 'artifact',
  includeHidden: 'include-hidden-files',
};

const KEYS_FIX =
  'check the token input (JustDeploy access key) and secret-key input: both must be current and belong to this organization';

/** What the engine says about waiting for a running build of the stage (on-conflict: wait). */
const CONFLICT_WORDS: ConflictWords = {
  why: 'on-conflict: wait',
  timeoutFix: 'raise the timeout input, or use on-conflict: fail',
  againFix: 're-run the workflow when the stage is free',
};

/** JustDeploy's own inputs, read by its spec. */
export interface JustDeploySettings extends OwnSettings {
  readonly organization: string;
  /** The `secret-key` input, sent with the access key (`token`) on every API request. */
  readonly secretKey: string;
  /** A .zip file or a directory to zip. */
  readonly artifact: string;
  /** Zip dotfiles and dot-directories too (`.git` never). */
  readonly includeHiddenFiles: boolean;
  readonly stage: string;
  /** On a 409 for a running build: wait for it and trigger again, or fail at once. */
  readonly onConflict: 'wait' | 'fail';
}

/** JustDeploy: create a build per stage, upload the zip to a presigned URL, poll until ready. */
export const justdeploy: ProviderSpec<JustDeploySettings> = {
  name: 'justdeploy',
  title: 'JustDeploy',
  defaultApiUrl: 'https://api.justdeploy.net',
  inputs: [
    {
      name: 'token',
      required: true,
      fix: 'pass the JustDeploy access key from a secret: token: ${{ secrets.JUSTDEPLOY_ACCESS_KEY }}',
    },
    projectInput('justdeploy'),
    { name: 'organization', required: true },
    {
      name: 'secret-key',
      required: true,
      secret: true,
      fix: 'pass the JustDeploy secret key from a secret: secret-key: ${{ secrets.JUSTDEPLOY_SECRET_KEY }}',
    },
    {
      name: 'artifact',
      required: true,
      fix: 'set artifact to a .zip file or a directory to upload',
    },
    { name: 'include-hidden-files' },
    { name: 'stage' },
    // Only JustDeploy answers a trigger with 409 for a running build.
    { name: 'on-conflict' },
  ],
  readInputs: (get) => ({
    project: pathSegment(get('project'), 'project'),
    secretKey: get('secret-key'),
    organization: pathSegment(get('organization'), 'organization'),
    artifact: get('artifact'),
    includeHiddenFiles: bool(get('include-hidden-files'), 'include-hidden-files', false),
    stage: get('stage') || 'production',
    onConflict: oneOf(get('on-conflict') || 'wait', 'on-conflict', ['wait', 'fail'] as const),
  }),
  credentials: (settings, own) => ({
    'x-access-key': settings.token,
    'x-secret-key': own.secretKey,
  }),
  describeError(status: number, body: unknown): ErrorDetails | undefined {
    const details: ErrorDetails = {};
    if (body && typeof body === 'object') {
      // JustDeploy errors are `{ status: "Conflict", message: "..." }`.
      const record = body as Record<string, unknown>;
      if (typeof record['status'] === 'string') details.code = record['status'];
      if (typeof record['message'] === 'string') details.message = record['message'];
    }
    if (status === 401 || status === 403) details.fix = KEYS_FIX;
    if (status === 404) {
      details.fix =
        'check the organization and project inputs are the ids from the JustDeploy dashboard';
    }
    if (status === 409) {
      details.fix =
        'a build for this stage is already running; keep on-conflict: wait to queue behind it';
    }
    return Object.keys(details).length > 0 ? details : undefined;
  },
  create: (ctx) => new JustDeployAdapter(ctx),
};

class JustDeployAdapter implements Provider {
  readonly name = 'justdeploy' as const;
  readonly title = 'JustDeploy';
  private artifact: PreparedArtifact | undefined;

  constructor(private readonly ctx: ProviderContext<JustDeploySettings>) {}

  private get base(): string {
    const { organization, project } = this.ctx.own;
    return encodePath`/organizations/${organization}/projects/${project}`;
  }

  /** Zips (or checks) the artifact first, so a bad one fails before any build exists. */
  async prepare(): Promise<void> {
    await this.prepared();
  }

  private async prepared(): Promise<PreparedArtifact> {
    if (this.artifact) return this.artifact;
    const { own, tempDir, log, clock } = this.ctx;
    const zipping = new ProgressLine(
      'Zipping',
      (line) => log.info(line),
      () => clock.now(),
    );
    const artifact = await prepareArtifact(own.artifact, tempDir, {
      includeHidden: own.includeHiddenFiles,
      onProgress: ({ files, bytes }) => zipping.update(bytes, files),
    }).catch((error: unknown) => {
      // A bad path is a bad `artifact` input, worded as the user wrote it.
      if (!(error instanceof ArtifactError)) throw error;
      throw new InputError(
        ARTIFACT_INPUTS.path,
        error.problem(ARTIFACT_INPUTS),
        error.fix(ARTIFACT_INPUTS),
      );
    });
    const source = safeLine(own.artifact, 200);
    log.info(
      artifact.zipped
        ? `Artifact: zipped ${source} (${plural(artifact.entries, 'file')}, ${formatBytes(artifact.bytes)}) into ${formatBytes(artifact.size)}`
        : `Artifact: ${source}, ${formatBytes(artifact.size)} (${plural(artifact.entries, 'entry', 'entries')})`,
    );
    if (artifact.skippedCount > 0) {
      log.warning(
        `Left ${plural(artifact.skippedCount, 'symlink')} out of the artifact (pointing outside ` +
          `the directory, broken, or looping back): ${names(artifact.skipped, artifact.skippedCount)}`,
      );
    }
    if (artifact.hiddenCount > 0) log.warning(hiddenWarning(artifact, own.includeHiddenFiles));
    this.artifact = artifact;
    return artifact;
  }

  async trigger(): Promise<Build> {
    const artifact = await this.prepared();
    const { http, own } = this.ctx;
    let created: CreateResponse | undefined;
    try {
      created = (
        await http.request<CreateResponse>({
          method: 'POST',
          path: `${this.base}/builds`,
          json: { stage: own.stage },
          what: `create a ${own.stage} build`,
        })
      ).body;
    } catch (error) {
      if (error instanceof HttpError && error.status === 409) throw this.conflict(error);
      throw error;
    }
    const build = created?.build;
    if (!build || typeof build.id !== 'string' || !build.id || typeof created?.url !== 'string') {
      throw new ActionError(
        'JustDeploy: create the build answered without a build id or an upload URL',
        { fix: 'check api-url points at the JustDeploy API' },
      );
    }
    await this.upload(created.url, artifact, build.id);
    return toBuild(build);
  }

  /**
   * The 409 names the running build. With on-conflict: wait the engine waits for it and triggers
   * again (BuildConflict); with on-conflict: fail the run fails at once, naming it.
   */
  private conflict(error: HttpError): Error {
    const body = error.body as { build?: JustDeployBuild } | undefined;
    const running = body && typeof body === 'object' ? body.build : undefined;
    if (!running || typeof running.id !== 'string' || !running.id) return error;
    const build = toBuild(running);
    const stage = running.stage ?? this.ctx.own.stage;
    const message = `JustDeploy: a ${stage} build is already in progress: ${build.id} (${build.providerStatus})`;
    if (this.ctx.own.onConflict === 'fail') {
      return new ActionError(message, {
        fix: 'set on-conflict: wait to queue behind the running build, or re-run when it ends',
      });
    }
    return new BuildConflict(build, message, CONFLICT_WORDS);
  }

  /**
   * PUTs the zip to the presigned URL. The request is anonymous (no keys leave for the upload
   * host), and nothing about it is printed but the host: the URL's query is its signature, so
   * errors are rebuilt with every piece of it scrubbed out.
   */
  private async upload(url: string, artifact: PreparedArtifact, buildId: string): Promise<void> {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      throw new ActionError(
        `JustDeploy: build ${buildId} came with an upload URL that is not a URL`,
        {
          fix: 'check api-url points at the JustDeploy API',
        },
      );
    }
    // The rule api-url follows: plain http only on loopback (the sandbox, a local proxy).
    if (
      target.protocol !== 'https:' &&
      !(target.protocol === 'http:' && isLoopbackHost(target.hostname))
    ) {
      throw new ActionError(
        `JustDeploy: build ${buildId} came with a ${target.protocol.replace(':', '')} upload URL (${target.host}); the artifact is only sent over https`,
        { fix: 'check api-url points at the JustDeploy API' },
      );
    }
    const { http, log } = this.ctx;
    log.info(`Uploading ${formatBytes(artifact.size)} to ${target.host} for build ${buildId}`);
    try {
      await http.request({
        method: 'PUT',
        url,
        anonymous: true,
        body: {
          open: () => this.uploadBody(artifact),
          length: artifact.size,
          contentType: 'application/zip',
        },
        responseType: 'none',
        what: `upload the artifact to ${target.host}`,
      });
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      // Same failure, with the one thing the user must know: this build will never start.
      throw new HttpError({
        provider: 'JustDeploy',
        what: error.what,
        kind: error.kind,
        ...(error.status === undefined ? {} : { status: error.status }),
        details: {
          ...(error.code === undefined ? {} : { code: error.code }),
          ...(error.providerMessage === undefined ? {} : { message: error.providerMessage }),
          fix:
            (error.status === 403
              ? 'the upload host refused the presigned URL (it may have expired); '
              : '') +
            `re-run the workflow: build ${buildId} was created but has no artifact, so it will not start`,
        },
        ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
      });
    }
    log.info(`Uploaded the artifact for build ${buildId}`);
  }

  /** The zip read from disk, counted on its way out for the progress lines (afresh per try). */
  private uploadBody(artifact: PreparedArtifact): BodyWriter {
    const { log, clock } = this.ctx;
    const progress = new ProgressLine(
      'Uploading',
      (line) => log.info(line),
      () => clock.now(),
    );
    return fileBody(artifact.file, artifact.size, {
      onSent: (sent) => progress.update(sent, undefined, artifact.size),
    });
  }

  /**
   * The build an ambiguous create may have made. Such a build never got its artifact (the upload
   * URL was in the lost answer), so it cannot start: say so instead of waiting on it to time out.
   */
  async findTriggered(since: number): Promise<Build | undefined> {
    const { stage } = this.ctx.own;
    const newest = (await this.recent())
      .filter((b) => b.stage === stage && (parseTime(b.createdAt) ?? 0) >= since - CLOCK_SKEW_MS)
      .sort((a, b) => (parseTime(b.createdAt) ?? 0) - (parseTime(a.createdAt) ?? 0))[0];
    if (!newest) return undefined;
    const build = toBuild(newest);
    if (newest.status === 'pending') {
      throw new ActionError(
        `JustDeploy: the answer to create the build was lost; build ${build.id} was created, but without its upload URL the artifact cannot be uploaded, so it will not start`,
        {
          fix: `re-run the workflow once JustDeploy has ended build ${build.id} (a new ${stage} build is refused with 409 while it is pending)`,
        },
      );
    }
    return build;
  }

  async poll(build: Build): Promise<Build> {
    const res = await this.ctx.http.request<{ build?: JustDeployBuild }>({
      method: 'GET',
      path: `${this.base}${encodePath`/builds/${build.id}`}`,
      what: `read build ${build.id}`,
      polling: true,
    });
    const current = res.body?.build;
    if (!current || typeof current !== 'object') {
      this.ctx.log.debug(`JustDeploy: build ${build.id} answered without a build; polling on`);
      return build;
    }
    return { ...build, ...toBuild({ ...current, id: current.id || build.id }) };
  }

  /** Median run time of this stage's recent successful builds. */
  async typicalDurationMs(): Promise<number | undefined> {
    let builds: JustDeployBuild[];
    try {
      builds = await this.recent();
    } catch (error) {
      if (error instanceof ActionError) return undefined;
      throw error;
    }
    return median(
      builds
        .filter((b) => b.stage === this.ctx.own.stage && b.status === 'ready')
        .sort((a, b) => (parseTime(b.createdAt) ?? 0) - (parseTime(a.createdAt) ?? 0))
        .slice(0, DURATION_SAMPLE)
        .map((b) => (parseTime(b.updatedAt) ?? NaN) - (parseTime(b.createdAt) ?? NaN)),
    );
  }

  /** Fills the deploy URL from the stage's endpoint and lists its custom domains. */
  async finish(build: Build): Promise<Build> {
    if (build.state !== 'success') return build;
    const { http, log, own } = this.ctx;
    let body: EndpointsResponse | undefined;
    try {
      body = await http.getJson<EndpointsResponse>(
        `${this.base}/endpoints`,
        'read the stage endpoints',
      );
    } catch (error) {
      // The build is live whatever happens here; a missing link is not worth failing the run.
      if (!(error instanceof ActionError)) throw error;
      log.warning(`Could not read the ${own.stage} endpoint: ${error.toString()}`);
      return build;
    }
    const entry = (body?.endpoints ?? []).find((e) => e.stage === own.stage);
    if (!entry) {
      log.warning(`JustDeploy lists no endpoint for the ${safeLine(own.stage, 80)} stage`);
      return build;
    }
    const domains = (entry.domains ?? [])
      .map((d) => d.domain)
      .filter((d): d is string => typeof d === 'string' && d !== '');
    const notes = [...(build.notes ?? [])];
    if (domains.length > 0) notes.push(`Custom domains: ${domains.join(', ')}`);
    return {
      ...build,
      ...(typeof entry.endpoint === 'string' && entry.endpoint
        ? { deployUrl: entry.endpoint }
        : {}),
      ...(notes.length > 0 ? { notes } : {}),
    };
  }

  private async recent(): Promise<JustDeployBuild[]> {
    const body = await this.ctx.http.getJson<{ builds?: JustDeployBuild[] }>(
      `${this.base}/builds`,
      'list recent builds',
    );
    return Array.isArray(body?.builds)
      ? body.builds.filter((b) => b && typeof b.id === 'string')
      : [];
  }
}

function toBuild(raw: JustDeployBuild): Build {
  const status = typeof raw.status === 'string' && raw.status ? raw.status : 'unknown';
  // A status the documents do not list is not an ending: keep polling until the timeout.
  const build: Build = { id: raw.id, state: STATES[status] ?? 'building', providerStatus: status };
  if (status === 'error' && typeof raw.error === 'string' && raw.error) {
    build.failureReason = raw.error;
  }
  return build;
}

/** The first few of a capped list of names, and how many more there were. */
function names(sample: string[], total: number): string {
  const shown = sample.slice(0, 10);
  const more = total - shown.length;
  return safeLine(shown.join(', ') + (more > 0 ? ` and ${more} more` : ''), 400);
}

/** One warning for every hidden entry left out: how many, the first few, and the input. */
function hiddenWarning(artifact: PreparedArtifact, included: boolean): string {
  const listed = names(artifact.hidden, artifact.hiddenCount);
  if (included) {
    return `Left ${plural(artifact.hiddenCount, '.git directory', '.git directories')} out of the artifact: ${listed} (.git never goes in: it can hold the checkout's token)`;
  }
  const pnpm = artifact.hidden.some((name) => /(^|\/)node_modules\/\.pnpm\/$/.test(name))
    ? "; node_modules/.pnpm is pnpm's store, which the linked packages' own dependencies need"
    : '';
  return (
    `Left ${plural(artifact.hiddenCount, 'hidden file or directory', 'hidden files and directories')} out of the artifact: ${listed}. ` +
    `Set include-hidden-files: true to zip them (.git never goes in)${pnpm}`
  );
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
