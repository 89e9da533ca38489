import { encodePath } from '../../http/client.js';
import type { ErrorDetails } from '../../http/errors.js';
import { safeLine } from '../../text.js';
import { ERROR_LINE_CHARS, LogReader } from '../log-reader.js';
import { TextLog } from '../text-log.js';
import {
  type Build,
  type BuildState,
  type LogPage,
  type Provider,
  type ProviderContext,
  type OwnSettings,
  type ProviderSpec,
  bearerCredentials,
  TOKEN_INPUT,
  projectInput,
} from '../types.js';
import { pathSegment } from '../ids.js';
import { median, parseTime, record, text } from '../../util.js';

/** A build as the list and detail endpoints return it; nullable fields come back as null. */
interface DeployHubBuild {
  _id?: string;
  commitSha?: string | null;
  status?: string;
  startedAt?: string | null;
  finishedAt?: string | null;
  logUrl?: string | null;
  dockerImage?: string | null;
  createdAt?: string;
}

/**
 * A log line that says why a build failed: `ERROR: npm ci exited with code 1`. The seed documents
 * the log only as a URL, so this is the usual wording of build tools, not a documented level.
 */
const ERROR_LINE = /\b(?:error|fatal)\b/i;
/** An ISO timestamp at the start of a log line, left out of the failure reason. */
const LEADING_TIME = /^\d{4}-\d\d-\d\dT[\d:.]+Z?\s+/;

/** Clock skew allowed between our clock and the build's createdAt. */
const SKEW_MS = 5000;
const HISTORY = 10;

function describeError(status: number, body: unknown): ErrorDetails | undefined {
  const record = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const message =
    typeof record['message'] === 'string'
      ? record['message']
      : typeof body === 'string' && body.trim() && !body.trim().startsWith('<')
        ? body.trim().slice(0, 200)
        : undefined;
  // DeployHub errors carry no code: the message alone, as the API wrote it.
  const details: ErrorDetails = message === undefined ? {} : { message };
  if (status === 401) {
    return { ...details, fix: 'check the token (a DeployHub access token)' };
  }
  if (status === 404 && message === 'Build not found') {
    return { ...details, fix: 'the build is gone or belongs to another project; check project' };
  }
  if (status === 404) {
    return {
      ...details,
      fix: 'check the project id (a MongoDB ObjectId) and that your token owns it',
    };
  }
  return message === undefined ? undefined : details;
}

function stateOf(build: DeployHubBuild): BuildState {
  switch (build.status) {
    case 'success':
      return 'success';
    case 'failed':
      return 'failure';
    case 'cancelled':
    case 'canceled':
      return 'cancelled';
    default:
      // `pending` covers both waiting and running; startedAt tells them apart.
      return build.startedAt ? 'building' : 'queued';
  }
}

/** The build id in a redeploy answer whose shape the document leaves open. */
function buildIdIn(body: unknown, project: string): string | undefined {
  const top = record(body);
  const nested = record(top['build']);
  const id = [nested['_id'], nested['id'], top['buildId'], top['_id'], top['id']]
    .map(text)
    .find((candidate) => candidate !== undefined);
  // An answer that is the project document carries the project's own id; that is no build.
  return id === project ? undefined : id;
}

/**
 * DeployHub: redeploys a project. The redeploy endpoint's answer is undocumented, so the build
 * it started is recognized in the build list when the answer does not name it.
 */
class DeployHubAdapter implements Provider {
  readonly name = 'deployhub' as const;
  readonly title = 'DeployHub';

  /** Build ids listed just before the trigger: none of them is ours. */
  private knownIds: Set<string> | undefined;
  private triggeredAt: number | undefined;
  private discoveredId = '';
  private listCache: DeployHubBuild[] | undefined;

  /** The plain-text log at `logUrl`, read in parts; its error lines make the failure reason. */
  private readonly logText: TextLog;
  private readonly log = new LogReader((build, maxBytes) => this.logText.read(build, maxBytes));

  constructor(private readonly ctx: ProviderContext<OwnSettings>) {
    this.logText = new TextLog({
      title: 'DeployHub',
      http: ctx.http,
      signal: ctx.signal,
      onLine: (line) => {
        if (ERROR_LINE.test(line)) {
          this.log.noteError(safeLine(line.replace(LEADING_TIME, ''), ERROR_LINE_CHARS));
        }
      },
    });
  }

  async logs(build: Build, limit: { maxBytes: number }): Promise<LogPage> {
    return await this.log.read(build, limit.maxBytes);
  }

  async explainFailure(build: Build): Promise<Build> {
    return await this.log.explain(build);
  }

  async trigger(): Promise<Build> {
    const { http, clock, own, log } = this.ctx;
    const before = await this.list();
    this.listCache = before;
    this.knownIds = new Set(before.map((build) => build._id).filter((id) => id !== undefined));
    this.triggeredAt = clock.now();

    const res = await http.request<string>({
      method: 'POST',
      path: encodePath`/api/redeploy/${own.project}`,
      what: 'trigger the redeploy',
      // Undocumented answer: read it as text so a non-JSON success is not mistaken for a failure.
      responseType: 'text',
    });
    let body: unknown;
    try {
      body = JSON.parse(res.body);
    } catch {
      body = undefined;
    }
    const id = buildIdIn(body, own.project);
    if (!id) {
      log.debug('The redeploy answer names no build; looking for it in the build list');
      return { id: '', state: 'queued', providerStatus: 'pending' };
    }
    this.discoveredId = id;
    const inline = record(record(body)['build']);
    return this.toBuild({ ...(inline as DeployHubBuild), _id: id });
  }

  async findTriggered(since: number): Promise<Build | undefined> {
    const found = this.newBuild(await this.list(), since);
    if (found?._id) this.discoveredId = found._id;
    return found ? this.toBuild(found) : undefined;
  }

  async poll(build: Build): Promise<Build> {
    const id = build.id || this.discoveredId;
    if (id) return this.detail(id);

    const found = this.newBuild(await this.list(), this.triggeredAt ?? this.ctx.clock.now());
    if (!found?._id) return build;
    this.discoveredId = found._id;
    this.ctx.log.info(`DeployHub build ${found._id} is the one this run started`);
    const listed = this.toBuild(found);
    // The list has no dockerImage; a finished build needs the detail read once for it.
    return listed.state === 'success' ? this.detail(found._id) : listed;
  }

  async typicalDurationMs(): Promise<number | undefined> {
    const builds = this.listCache ?? (await this.list());
    const durations = builds
      .map((build) => {
        const start = parseTime(build.createdAt);
        const end = parseTime(build.finishedAt);
        return start === undefined || end === undefined ? undefined : end - start;
      })
      .filter((ms): ms is number => ms !== undefined && ms > 0)
      .slice(0, HISTORY);
    return median(durations);
  }

  private async detail(id: string): Promise<Build> {
    const body = await this.ctx.http.getJson<{ build?: DeployHubBuild } | undefined>(
      encodePath`/api/projects/${this.ctx.own.project}/builds/${id}`,
      `read build ${id}`,
      { polling: true },
    );
    return this.toBuild({ ...body?.build, _id: id });
  }

  /** The newest build created since the trigger (allowing for skew) that was not there before. */
  private newBuild(builds: DeployHubBuild[], since: number): DeployHubBuild | undefined {
    return builds
      .filter(
        (build) =>
          build._id !== undefined &&
          !this.knownIds?.has(build._id) &&
          (parseTime(build.createdAt) ?? 0) >= since - SKEW_MS,
      )
      .sort((a, b) => (parseTime(b.createdAt) ?? 0) - (parseTime(a.createdAt) ?? 0))[0];
  }

  private async list(): Promise<DeployHubBuild[]> {
    const body = await this.ctx.http.getJson<{ builds?: DeployHubBuild[] } | undefined>(
      encodePath`/api/projects/${this.ctx.own.project}/builds`,
      'list builds',
      { polling: true },
    );
    return Array.isArray(body?.builds) ? body.builds : [];
  }

  private toBuild(raw: DeployHubBuild): Build {
    const build: Build = {
      id: raw._id ?? '',
      state: stateOf(raw),
      providerStatus: raw.status ?? 'pending',
    };
    if (raw.logUrl) build.logUrl = raw.logUrl;
    if (raw.dockerImage) build.dockerImage = raw.dockerImage;
    return build;
  }
}

/** DeployHub: container redeploys; builds are found and followed through the project's list. */
export const deployhub: ProviderSpec<OwnSettings> = {
  name: 'deployhub',
  title: 'DeployHub',
  defaultApiUrl: 'https://api.deployhub.online',
  inputs: [TOKEN_INPUT, projectInput('deployhub')],
  readInputs: (get) => ({ project: pathSegment(get('project'), 'project') }),
  credentials: bearerCredentials,
  describeError,
  create: (ctx) => new DeployHubAdapter(ctx),
};
