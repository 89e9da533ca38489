import { createHash } from 'node:crypto';
import { ActionError } from '../../errors.js';
import { encodePath } from '../../http/client.js';
import { type ErrorDetails, HttpError } from '../../http/errors.js';
import { header, TRANSIENT_STATUSES } from '../../http/retry.js';
import { apiUrl } from '../../inputs/parse.js';
import { safeLine } from '../../text.js';
import { collectPages } from './pages.js';
import {
  type Build,
  type Provider,
  type ProviderContext,
  type OwnSettings,
  type ProviderSpec,
  bearerCredentials,
  TOKEN_INPUT,
} from '../types.js';

/** The documented limit, used when a 429 carries no X-RateLimit-Limit. */
const DOCUMENTED_LIMIT = 20;

const TOKEN_FIX =
  'Create a new API token in Sitepaste (tokens are revoked when the Pro plan expires)';
const RATE_FIX =
  'Sitepaste allows 20 builds an hour per business account; batch page updates into one build, or wait before triggering again';

interface TriggerResponse {
  status?: string;
  deployUrl?: string;
  message?: string;
}

/** What the live site looked like before the build. */
interface Snapshot {
  url: string;
  /** False when the site could not be read (not up yet, 404): then any later page is new. */
  up: boolean;
  etag?: string;
  lastModified?: string;
  digest?: string;
}

/**
 * Sitepaste: upsert pages, then one account-wide build. There is no status endpoint, so waiting
 * watches the live site for a change.
 */
/** Sitepaste's own inputs, read by its spec. */
export interface SitepasteSettings extends OwnSettings {
  /** Globs of the Markdown pages to upsert before the build; empty: none. */
  readonly pages: string;
  /** The live site, snapshotted before the trigger (else the deployUrl it returns). */
  readonly siteUrl: string;
}

export const sitepaste: ProviderSpec<SitepasteSettings> = {
  name: 'sitepaste',
  title: 'Sitepaste',
  defaultApiUrl: 'https://sitepaste.com/api/v1',
  inputs: [TOKEN_INPUT, { name: 'pages' }, { name: 'site-url', address: true }],
  readInputs(get) {
    const siteUrl = get('site-url');
    // Checked like api-url (https, no credentials), but kept as written: it is the page watched.
    if (siteUrl) apiUrl(siteUrl, 'site-url');
    // The whole account builds: no project.
    return { project: '', pages: get('pages'), siteUrl };
  },
  credentials: bearerCredentials,
  describeError(status: number): ErrorDetails | undefined {
    if (status === 401) return { fix: TOKEN_FIX };
    if (status === 429) return { fix: RATE_FIX };
    return undefined;
  },
  create: (ctx) => new SitepasteAdapter(ctx),
};

class SitepasteAdapter implements Provider {
  readonly name = 'sitepaste' as const;
  readonly title = 'Sitepaste';
  readonly minPollIntervalMs = 2000;
  private snapshot: Snapshot | undefined;

  constructor(private readonly ctx: ProviderContext<SitepasteSettings>) {}

  async prepare(): Promise<void> {
    const { settings, own } = this.ctx;
    if (own.pages) await this.upsertPages(own.pages);
    // Before the trigger, so a fast build cannot be live before the "before" picture is taken.
    if (own.siteUrl && settings.wait) this.snapshot = await this.takeSnapshot(own.siteUrl);
  }

  private async upsertPages(pattern: string): Promise<void> {
    const pages = await collectPages(pattern, this.ctx);
    const { http, log } = this.ctx;
    for (const page of pages) {
      // The file is in `what`, so the error line names it while staying an HttpError: a timeout
      // here still ends the run as timed_out.
      await http.request({
        method: 'POST',
        path: encodePath`/public/pages`,
        json: { title: page.title, content: page.content, contentType: 'docs', slug: page.slug },
        what: `upsert page '${page.slug}' from ${safeLine(page.relative, 200)}`,
        // A page with a slug is an upsert, so sending it again after a lost answer is harmless.
        retrySafe: (error) => error.kind === 'network' || TRANSIENT_STATUSES.has(error.status ?? 0),
      });
      log.info(
        `Page ${safeLine(page.relative, 200)} -> ${page.slug} ("${safeLine(page.title, 120)}")`,
      );
    }
  }

  async trigger(): Promise<Build> {
    const { http, log, settings, own, clock } = this.ctx;
    const triggeredAt = clock.now();
    let res;
    try {
      res = await http.request<TriggerResponse>({
        method: 'POST',
        path: encodePath`/public/builds`,
        what: 'trigger the build',
      });
    } catch (error) {
      if (error instanceof HttpError && error.status === 429) throw this.rateLimited(error);
      throw error;
    }
    const body = res.body && typeof res.body === 'object' ? res.body : {};
    const deployUrl = typeof body.deployUrl === 'string' && body.deployUrl ? body.deployUrl : '';
    const notes: string[] = [];
    const quota = quotaLine(res.headers);
    if (quota) {
      log.info(quota);
      notes.push(quota);
    }
    const build: Build = {
      id: '',
      state: 'queued',
      providerStatus: typeof body.status === 'string' && body.status ? body.status : 'queued',
      ...(deployUrl || own.siteUrl ? { deployUrl: deployUrl || own.siteUrl } : {}),
      ...(notes.length > 0 ? { notes } : {}),
    };
    if (!this.snapshot && settings.wait) {
      if (deployUrl && /^https?:\/\//i.test(deployUrl)) {
        const snapshot = await this.takeSnapshot(deployUrl);
        // Taken after the trigger: a read that was retried or slow may already see this build
        // live, and then nothing would ever change again. A page modified after the trigger is new.
        const modified = snapshot.lastModified ? Date.parse(snapshot.lastModified) : Number.NaN;
        this.snapshot = modified > triggeredAt ? { url: snapshot.url, up: false } : snapshot;
      } else {
        log.warning('Sitepaste returned no deployUrl to watch; set site-url to wait for the build');
      }
    }
    return build;
  }

  /**
   * A 429 the HTTP layer did not wait out: Retry-After is beyond the time left (or retries ran
   * out). Spell out the limit and when the window frees a slot.
   */
  private rateLimited(error: HttpError): ActionError {
    const limit = count(header(error.headers, 'x-ratelimit-limit')) ?? DOCUMENTED_LIMIT;
    const remaining = count(header(error.headers, 'x-ratelimit-remaining')) ?? 0;
    let when = 'within the hour (the window slides, so the oldest build frees a slot first)';
    let waitFix = 'wait for the window to free a slot';
    if (error.retryAfterMs !== undefined) {
      const minutes = Math.max(1, Math.ceil(error.retryAfterMs / 60_000));
      const at = new Date(Math.ceil((this.ctx.clock.now() + error.retryAfterMs) / 60_000) * 60_000);
      const hhmm = at.toISOString().slice(11, 16);
      when = `in ${minutes} minute${minutes === 1 ? '' : 's'}, at ${hhmm} UTC`;
      waitFix = `re-run after ${hhmm} UTC, or raise timeout above ${minutes}m so the action waits for the slot itself`;
    }
    // `reason`, not `message`: the message already ends with the HTTP layer's generic fix. When
    // to retry comes early, so the summary's (capped) Details cell still shows it.
    return new ActionError(
      `${error.reason}: the rate limit of ${limit} builds an hour is used up (${remaining} left); ` +
        `retry ${when}. The limit is per business account, over a sliding 60-minute window, ` +
        `shared by all tokens of the account`,
      {
        fix: `batch page updates into one build instead of one build per change; ${waitFix}`,
        cause: error,
      },
    );
  }

  /** Reads the live site once, without credentials. A site that is not up yet is not an error. */
  private async takeSnapshot(url: string): Promise<Snapshot> {
    try {
      return { url, up: true, ...(await this.readSite(url, 'read the live site', false)) };
    } catch (error) {
      if (!(error instanceof HttpError) || error.kind === 'deadline') throw error;
      const why = error.status === undefined ? (error.code ?? error.kind) : `HTTP ${error.status}`;
      this.ctx.log.info(
        `The site at ${safeLine(url, 200)} cannot be read yet (${safeLine(why, 120)}); the first page it serves counts as the new build`,
      );
      return { url, up: false };
    }
  }

  private async readSite(
    url: string,
    what: string,
    polling: boolean,
  ): Promise<Omit<Snapshot, 'url' | 'up'>> {
    const res = await this.ctx.http.request<string>({
      method: 'GET',
      url,
      // The deploy URL is the user's public site: never send the token there.
      anonymous: true,
      responseType: 'text',
      polling,
      // Ask any CDN in front to revalidate, so a cached copy does not hide the new build.
      headers: { 'cache-control': 'no-cache' },
      what,
    });
    const etag = header(res.headers, 'etag');
    const lastModified = header(res.headers, 'last-modified');
    return {
      ...(etag ? { etag } : {}),
      ...(lastModified ? { lastModified } : {}),
      digest: createHash('sha256')
        .update(res.body ?? '')
        .digest('hex'),
    };
  }

  /**
   * Live once the site differs from the snapshot: a new ETag, a new Last-Modified or a new body.
   * Any one counts, because a build whose content did not touch this page still redeploys it
   * (new validators), while a host without validators still shows new content.
   */
  async poll(build: Build): Promise<Build> {
    const snapshot = this.snapshot;
    if (!snapshot) {
      throw new ActionError('Sitepaste: there is no site URL to watch for the build', {
        fix: 'set site-url to the live site, or set wait: false',
      });
    }
    let current: Omit<Snapshot, 'url' | 'up'>;
    try {
      current = await this.readSite(snapshot.url, 'check the live site', true);
    } catch (error) {
      // A site mid-deploy may answer 404 or 5xx for a moment; that is not the build's verdict.
      if (!(error instanceof HttpError) || error.kind !== 'status') throw error;
      this.ctx.log.debug(`Sitepaste: the site answered HTTP ${error.status}; still waiting`);
      return { ...build, state: 'building', providerStatus: 'queued' };
    }
    if (
      snapshot.up &&
      (snapshot.etag !== undefined || snapshot.lastModified !== undefined) &&
      current.etag === undefined &&
      current.lastModified === undefined
    ) {
      // The site always sent its validators; a page without them is a proxy's or a CDN's error
      // page served with 200, not a new build.
      this.ctx.log.debug(
        'Sitepaste: the site answered without its ETag and Last-Modified; still waiting',
      );
      return { ...build, state: 'building', providerStatus: 'queued' };
    }
    const changed =
      !snapshot.up ||
      differs(snapshot.etag, current.etag) ||
      differs(snapshot.lastModified, current.lastModified) ||
      snapshot.digest !== current.digest;
    return changed
      ? { ...build, state: 'success', providerStatus: 'live' }
      : { ...build, state: 'building', providerStatus: 'queued' };
  }

  describeTimeout(): string | undefined {
    const url = this.snapshot?.url;
    if (!url) return undefined;
    return (
      `The site at ${safeLine(url, 200)} did not change before the timeout, so the Sitepaste ` +
      `build may still be queued or may have failed (check the Builds section of the Sitepaste dashboard)`
    );
  }
}

function differs(before: string | undefined, after: string | undefined): boolean {
  return before !== undefined && after !== undefined && before !== after;
}

function count(value: string | undefined): number | undefined {
  return value !== undefined && /^\d+$/.test(value.trim()) ? Number(value.trim()) : undefined;
}

/** `Builds left this hour: 19 of 20`, from the trigger's rate-limit headers. */
function quotaLine(headers: Record<string, string | string[] | undefined>): string | undefined {
  const remaining = count(header(headers, 'x-ratelimit-remaining'));
  if (remaining === undefined) return undefined;
  const limit = count(header(headers, 'x-ratelimit-limit'));
  return `Builds left this hour: ${remaining}${limit === undefined ? '' : ` of ${limit}`}`;
}
