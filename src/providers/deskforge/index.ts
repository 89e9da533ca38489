import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { addAbortSignal, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ActionError, InputError } from '../../errors.js';
import { oneOf } from '../../inputs/parse.js';
import { pathSegment } from '../ids.js';
import { moveNoReplace, pathInside } from '../../files/names.js';
import { commonErrorDetails, encodePath } from '../../http/client.js';
import type { ErrorDetails } from '../../http/errors.js';
import { scanJsonArray } from '../../http/json-stream.js';
import { ERROR_LINE_CHARS, ERROR_LINES, LogReader } from '../log-reader.js';
import { LogTail } from '../log-tail.js';
import { safeLine } from '../../text.js';
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
import { formatBytes, median, parseTime } from '../../util.js';

/** A build as the list, detail and trigger endpoints describe it (every field may be missing). */
interface DeskforgeBuild {
  id?: string;
  version?: string;
  platform?: string;
  arch?: string;
  status?: string;
  createdAt?: string;
  completedAt?: string;
  duration?: number;
  artifactUrl?: string;
  artifactSize?: number;
  buildLog?: string;
}

interface LogEntry {
  timestamp?: string;
  level?: string;
  message?: string;
}

const STATES: Readonly<Record<string, BuildState>> = {
  queued: 'queued',
  building: 'building',
  success: 'success',
  failed: 'failure',
  // Not documented, but a cancelled build must not be waited on until the timeout.
  cancelled: 'cancelled',
  canceled: 'cancelled',
};

/** `error`, `fatal`, `critical`: the levels that say why a build failed. */
function isErrorLevel(level: unknown): boolean {
  return typeof level === 'string' && /^\s*(?:error|err|fatal|critical)\s*$/i.test(level);
}

/** A cheap look for an error level, before an entry is parsed to be sure. */
const MAYBE_ERROR = /err|fatal|critical/i;

function parseEntry(text: string): LogEntry | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as LogEntry)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Clock skew allowed between our clock and the build's createdAt. */
const SKEW_MS = 5000;
const HISTORY = 10;

function describeError(status: number, body: unknown): ErrorDetails | undefined {
  const details = commonErrorDetails(body);
  // The document has no error table; these say which Deskforge setting to look at.
  if (status === 401)
    return { ...details, fix: 'check the token (a Deskforge API key) is current' };
  if (status === 404) {
    return { ...details, fix: 'check the project input is the Deskforge project id (proj_...)' };
  }
  return details.code || details.message ? details : undefined;
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function newestFirst(builds: DeskforgeBuild[]): DeskforgeBuild[] {
  return [...builds].sort((a, b) => (parseTime(b.createdAt) ?? 0) - (parseTime(a.createdAt) ?? 0));
}

/** The last path segment of a URL, decoded, as it came: `pathInside` makes it a safe name. */
function fileNameOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const segment = new URL(url).pathname.split('/').filter(Boolean).pop();
    return segment === undefined ? undefined : decodeURIComponent(segment) || undefined;
  } catch {
    return undefined;
  }
}

function formatLogLine(entry: LogEntry): string {
  const at = parseTime(entry.timestamp);
  const clock = at === undefined ? '--:--:--' : new Date(at).toISOString().slice(11, 19);
  return safeLine(`${clock} ${entry.level ?? 'info'} ${entry.message ?? ''}`, 2000);
}

/** Desktop builds per platform and architecture, with logs and a downloadable artifact. */
class DeskforgeAdapter implements Provider {
  readonly name = 'deskforge' as const;
  readonly title = 'Deskforge';

  /** Log entries already handed out: the API answers the whole log, oldest first, every time. */
  private logEntriesSeen = 0;
  /** The log's ETag from its last read, when the server sends one. */
  private logEtag: string | undefined;
  /** Reads in turn, and the last error-level messages of the latest read. */
  private readonly log = new LogReader((build, maxBytes) => this.readLogNow(build, maxBytes));
  private readonly artifactSizes = new Map<string, number>();

  constructor(private readonly ctx: ProviderContext<DeskforgeSettings>) {}

  async trigger(): Promise<Build> {
    const { http, own } = this.ctx;
    const res = await http.request<DeskforgeBuild | undefined>({
      method: 'POST',
      path: encodePath`/projects/${own.project}/builds`,
      what: 'trigger the build',
      json: {
        platform: own.platform,
        arch: own.arch,
        ...(own.version ? { version: own.version } : {}),
      },
    });
    return this.toBuild(res.body ?? {});
  }

  async findTriggered(since: number): Promise<Build | undefined> {
    const { own } = this.ctx;
    const match = newestFirst(await this.list()).find(
      (build) =>
        build.platform === own.platform &&
        (build.arch ?? 'x64') === own.arch &&
        // Without a version of ours, the server picks one; any version is then a match.
        (!own.version || build.version === own.version) &&
        (parseTime(build.createdAt) ?? 0) >= since - SKEW_MS,
    );
    return match ? this.toBuild(match) : undefined;
  }

  async poll(build: Build): Promise<Build> {
    const detail = await this.ctx.http.getJson<DeskforgeBuild | undefined>(
      encodePath`/builds/${build.id}`,
      `read build ${build.id}`,
      { polling: true },
    );
    return this.toBuild({ id: build.id, ...detail }, build);
  }

  async logs(build: Build, limit: { maxBytes: number }): Promise<LogPage> {
    return await this.log.read(build, limit.maxBytes);
  }

  async explainFailure(build: Build): Promise<Build> {
    return await this.log.explain(build);
  }

  /**
   * Reads the whole log (the API answers it whole, every time) as a stream: new entries go into a
   * tail of `maxBytes`, the last error-level ones are kept for the failure reason, and nothing else
   * stays in memory, whatever the log's size.
   */
  private async readLogNow(build: Build, maxBytes: number): Promise<LogPage> {
    const { http, signal } = this.ctx;
    const res = await http.request<Readable>({
      method: 'GET',
      path: encodePath`/builds/${build.id}/logs`,
      what: `read the log of build ${build.id}`,
      responseType: 'stream',
      polling: true,
      // The seed documents no ETag, but a server that sends one is asked whether it changed.
      ...(this.logEtag
        ? { headers: { 'if-none-match': this.logEtag }, acceptStatuses: [304] }
        : {}),
    });
    const tail = new LogTail(maxBytes);
    if (res.status === 304) {
      res.body.resume();
      return tail.page(0, String);
    }
    const etag = res.headers.etag;
    const errors: string[] = [];
    const seen = this.logEntriesSeen;
    let index = 0;
    // The stream is the reader's: bound it by the run's deadline and cancellation.
    const stop = AbortSignal.any([
      signal,
      AbortSignal.timeout(Math.max(1, http.deadline.remaining())),
    ]);
    const body = addAbortSignal(stop, res.body);
    let scan;
    try {
      scan = await scanJsonArray(body, 'logs', (raw, size) => {
        // Only entries that may be error-level are parsed here; the kept ones when shown.
        if (raw !== undefined && MAYBE_ERROR.test(raw.toString('latin1'))) {
          const entry = parseEntry(raw.toString('utf8'));
          if (entry && isErrorLevel(entry.level)) {
            errors.push(safeLine(String(entry.message ?? ''), ERROR_LINE_CHARS));
            if (errors.length > ERROR_LINES) errors.shift();
          }
        }
        // Each answer repeats the whole log, oldest first: entries past those seen are new.
        if (index >= seen) tail.push(raw, size);
        index += 1;
      });
    } catch (error) {
      res.body.destroy();
      throw new ActionError(
        `Deskforge: read the log of build ${build.id} failed: ${stop.aborted ? (signal.aborted ? 'cancelled' : 'timeout reached') : reason(error)}`,
        { fix: 'the log stays available in the Deskforge dashboard', cause: error },
      );
    }
    // A log that got shorter was replaced; what it holds now counts as seen.
    this.logEntriesSeen = scan.count;
    this.log.errors = errors;
    this.logEtag = typeof etag === 'string' && etag.length <= 200 ? etag : undefined;
    return tail.page(scan.bytes, (item) => {
      if (typeof item === 'number') {
        return `(a log entry of ${formatBytes(item)} left out: larger than the action reads)`;
      }
      const entry = parseEntry(item);
      return entry ? formatLogLine(entry) : '(a log entry that is not a JSON object)';
    });
  }

  async typicalDurationMs(): Promise<number | undefined> {
    const durations = newestFirst(await this.list())
      .filter((build) => build.status === 'success' && build.platform === this.ctx.own.platform)
      .slice(0, HISTORY)
      .map((build) => {
        if (typeof build.duration === 'number') return build.duration * 1000;
        const start = parseTime(build.createdAt);
        const end = parseTime(build.completedAt);
        return start === undefined || end === undefined ? undefined : end - start;
      })
      .filter((ms): ms is number => ms !== undefined && ms > 0);
    return median(durations);
  }

  async finish(build: Build): Promise<Build> {
    const { downloadTo } = this.ctx.own;
    if (!downloadTo || build.state !== 'success') return build;
    const note = await this.download(build, downloadTo);
    return { ...build, notes: [...(build.notes ?? []), note] };
  }

  private async download(build: Build, downloadTo: string): Promise<string> {
    const { http, log, signal } = this.ctx;
    const res = await http.request<Readable>({
      method: 'GET',
      path: encodePath`/builds/${build.id}/download`,
      what: `download the artifact of build ${build.id}`,
      responseType: 'stream',
      // The API answers with a redirect to its CDN; the client drops credentials on the way.
      followForeignRedirects: true,
    });
    const source = res.body;
    let target: { file: string; replace: boolean };
    let partial: string;
    try {
      target = await this.targetPath(downloadTo, build, res.url);
      await fs.mkdir(path.dirname(target.file), { recursive: true });
      // Same directory, so the final rename is atomic and never leaves a half file under the name.
      partial = `${target.file}.${randomBytes(4).toString('hex')}.part`;
    } catch (error) {
      source.destroy();
      throw new ActionError(
        `Deskforge: cannot save the artifact to ${downloadTo}: ${reason(error)}`,
        {
          fix: 'set download-to to a writable file or directory path',
        },
      );
    }

    try {
      await pipeline(source, createWriteStream(partial, { flags: 'wx' }), { signal });
    } catch (error) {
      await fs.rm(partial, { force: true });
      throw new ActionError(
        `Deskforge: download the artifact of build ${build.id} failed: ${reason(error)}`,
        {
          fix: 'rerun the job; the artifact stays available in Deskforge',
          cause: error,
        },
      );
    }

    const { size } = await fs.stat(partial);
    const expected = this.artifactSizes.get(build.id);
    if (expected !== undefined && size !== expected) {
      await fs.rm(partial, { force: true });
      throw new ActionError(
        `Deskforge: the artifact of build ${build.id} has the wrong size: expected ${expected} ` +
          `bytes (artifactSize), got ${size}`,
        { fix: 'rerun the job; if it persists the artifact on the CDN may be damaged' },
      );
    }
    try {
      // A file the user named is theirs to replace; a name the provider chose never replaces one.
      if (target.replace) await fs.rename(partial, target.file);
      else await moveNoReplace(partial, target.file);
    } catch (error) {
      await fs.rm(partial, { force: true });
      const exists = (error as NodeJS.ErrnoException).code === 'EEXIST';
      throw new ActionError(
        `Deskforge: cannot save the artifact to ${this.display(target.file)}: ${exists ? 'a file of that name is already there' : reason(error)}`,
        {
          fix: exists
            ? 'empty the download-to directory first, or set download-to to a file path'
            : 'set download-to to a writable file or directory path',
        },
      );
    }
    const note = `Downloaded ${formatBytes(size)} to ${this.display(target.file)}`;
    log.info(note);
    return note;
  }

  /**
   * Where the file goes: `downloadTo` itself (the user's name: `replace`), or inside it when it
   * names a directory, under a name from the provider made safe by the one safe-name rule.
   */
  private async targetPath(
    downloadTo: string,
    build: Build,
    finalUrl: string,
  ): Promise<{ file: string; replace: boolean }> {
    const resolved = path.resolve(downloadTo);
    const isDirectory =
      /[/\\]$/.test(downloadTo) ||
      (await fs.stat(resolved).then(
        (stats) => stats.isDirectory(),
        () => false,
      ));
    if (!isDirectory) return { file: resolved, replace: true };
    const file =
      [fileNameOf(build.artifactUrl), fileNameOf(finalUrl), `${build.id}.bin`]
        .map((name) => (name === undefined ? undefined : pathInside(resolved, name)))
        .find((candidate) => candidate !== undefined) ?? path.join(resolved, 'artifact.bin');
    return { file, replace: false };
  }

  private display(target: string): string {
    const relative = path.relative(process.cwd(), target);
    return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : target;
  }

  private async list(): Promise<DeskforgeBuild[]> {
    const body = await this.ctx.http.getJson<{ builds?: DeskforgeBuild[] } | undefined>(
      encodePath`/projects/${this.ctx.own.project}/builds`,
      'list builds',
    );
    return Array.isArray(body?.builds) ? body.builds : [];
  }

  private toBuild(raw: DeskforgeBuild, previous?: Build): Build {
    const word = raw.status ?? previous?.providerStatus ?? 'queued';
    let state = STATES[word];
    if (!state) {
      this.ctx.log.debug(`Deskforge reported an undocumented status '${word}'; still waiting`);
      state = 'building';
    }
    const id = raw.id ?? previous?.id ?? '';
    if (typeof raw.artifactSize === 'number') this.artifactSizes.set(id, raw.artifactSize);
    const build: Build = { ...previous, id, state, providerStatus: word };
    if (raw.artifactUrl) build.artifactUrl = raw.artifactUrl;
    if (raw.buildLog) {
      build.logUrl = raw.buildLog;
      // The documented buildLog is the API's own endpoint, which answers 401 without the key.
      build.logNeedsToken = true;
    }
    return build;
  }
}

/** Deskforge's own inputs, read by its spec. */
export interface DeskforgeSettings extends OwnSettings {
  readonly platform: '' | 'mac' | 'windows' | 'linux';
  readonly arch: 'x64' | 'arm64';
  /** Empty: the server picks the version. */
  readonly version: string;
  /** Where to download the artifact after a successful build; empty: no download. */
  readonly downloadTo: string;
}

/**
 * Deskforge takes a semantic version ("1.0.0") and refuses a tag name such as `v1.2.3` with 400,
 * yet the tag name is what a release workflow has at hand (`github.ref_name`): the leading `v` is
 * dropped, as semver.org says it is not part of the version.
 */
function semver(value: string): string {
  const version = value.replace(/^v(?=\d)/i, '');
  if (version && !/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.test(version)) {
    throw new InputError(
      'version',
      `must be a semantic version like 1.2.3 (or 1.2.3-rc.1+build.5), got '${value}'`,
    );
  }
  return version;
}

/** Deskforge: desktop app builds (mac, windows, linux) with logs and artifact downloads. */
export const deskforge: ProviderSpec<DeskforgeSettings> = {
  name: 'deskforge',
  title: 'Deskforge',
  defaultApiUrl: 'https://api.deskforge.app',
  inputs: [
    TOKEN_INPUT,
    projectInput('deskforge'),
    { name: 'platform', required: true, fix: 'set platform to mac, windows or linux' },
    { name: 'arch' },
    { name: 'version' },
    { name: 'download-to' },
  ],
  readInputs: (get) => ({
    // `platform` is required: empty passes here and is reported as missing.
    platform: oneOf(get('platform'), 'platform', ['', 'mac', 'windows', 'linux'] as const),
    project: pathSegment(get('project'), 'project'),
    arch: oneOf(get('arch') || 'x64', 'arch', ['x64', 'arm64'] as const),
    version: semver(get('version')),
    downloadTo: get('download-to'),
  }),
  credentials: bearerCredentials,
  describeError,
  create: (ctx) => new DeskforgeAdapter(ctx),
};
