/**
 * Sitepaste (seed 001): an account-wide build trigger with a sliding-window rate limit, the pages
 * API, and the deployed site itself (served by the foreign host), whose ETag and Last-Modified
 * change when a build goes live. There is no build-status endpoint: watching the site is the only
 * way to see a build finish.
 */
import { createHash, randomBytes } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { shortId, timeline } from '../builds.mjs';
import { Router, bearer, json, text } from '../core.mjs';

/**
 * A Sitepaste page.
 * @typedef {{
 *   id: string,
 *   slug: string,
 *   title: string,
 *   content: string,
 *   contentType: string,
 *   draft: boolean,
 *   createdAt: string,
 *   updatedAt: string,
 *   writes: number,
 * }} PageRecord
 */

/** `{"error": "..."}`, the documented shape; 429 also carries the documented headers. */
export function sitepasteError(/** @type {number} */ status, /** @type {string} */ message = '') {
  if (status === 401) return json(401, { error: message || 'invalid or revoked token' });
  if (status === 429) {
    return json(
      429,
      { error: 'rate limit exceeded', message: 'too many requests, please try again later' },
      { 'X-RateLimit-Limit': 20, 'X-RateLimit-Remaining': 0, 'Retry-After': 3600 },
    );
  }
  return json(status, { error: message || (STATUS_CODES[status] ?? 'error').toLowerCase() });
}

/** A page slug from its title, as a static-site generator would make it. */
function slugify(/** @type {string} */ title) {
  return (
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'page'
  );
}

/**
 * @param {import('../state.mjs').Env} env
 * @returns {import('../core.mjs').ProviderService}
 */
export function createSitepaste(env) {
  const router = new Router();
  /** Trigger times inside the sliding window, oldest first. */
  let window = /** @type {number[]} */ ([]);
  /** When the sandbox (re)started: the site's Last-Modified before any build went live. */
  let bornAt = Date.now() - 86_400_000;

  const seed = () => {
    const now = Date.now();
    bornAt = now - 86_400_000;
    // Pre-used builds count from "now", so Retry-After starts at the full window (3600).
    window = Array.from({ length: env.options.sitepasteUsed }, () => now);
  };
  seed();

  const account = () => env.options.sitepasteAccount;
  const deployUrl = () => `${env.foreignBase}/site/${encodeURIComponent(account())}`;

  const rateHeaders = (/** @type {number} */ used) => ({
    'X-RateLimit-Limit': env.options.sitepasteLimit,
    'X-RateLimit-Remaining': Math.max(0, env.options.sitepasteLimit - used),
  });

  router.add('POST', '/public/builds', ({ headers }) => {
    if (bearer(headers) !== env.options.tokens.sitepaste) return sitepasteError(401);
    const now = Date.now();
    const windowMs = env.options.sitepasteWindowMs;
    window = window.filter((t) => t > now - windowMs);
    if (window.length >= env.options.sitepasteLimit) {
      const oldest = /** @type {number} */ (window[0] ?? now);
      const retryAfter = Math.max(1, Math.ceil((oldest + windowMs - now) / 1000));
      return json(
        429,
        { error: 'rate limit exceeded', message: 'too many requests, please try again later' },
        { ...rateHeaders(window.length), 'Retry-After': retryAfter },
      );
    }
    window.push(now);
    const name = account();
    env.addBuild({
      provider: 'sitepaste',
      id: shortId('spb_'),
      project: name,
      createdAt: now,
      ...timeline(env.options, name, now),
      // A build publishes the pages as they were when it was queued.
      pages: env.pages.filter((p) => !p.draft).map((p) => p.title),
    });
    return json(
      202,
      { status: 'queued', deployUrl: deployUrl(), message: 'build queued successfully' },
      rateHeaders(window.length),
    );
  });

  router.add('POST', '/public/pages', ({ headers, body, bodyError }) => {
    if (bearer(headers) !== env.options.tokens.sitepaste) return sitepasteError(401);
    if (bodyError || !body || typeof body !== 'object' || Array.isArray(body)) {
      return sitepasteError(400, 'invalid JSON body');
    }
    const input = /** @type {Record<string, unknown>} */ (body);
    if (typeof input.title !== 'string' || input.title.trim() === '') {
      return sitepasteError(400, 'title is required');
    }
    if (typeof input.content !== 'string' || input.content === '') {
      return sitepasteError(400, 'content is required');
    }
    if (
      input.slug !== undefined &&
      (typeof input.slug !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(input.slug))
    ) {
      return sitepasteError(400, 'slug may only contain lowercase letters, digits and hyphens');
    }
    if (input.contentType !== undefined && typeof input.contentType !== 'string') {
      return sitepasteError(400, 'contentType must be a string');
    }
    if (input.draft !== undefined && typeof input.draft !== 'boolean') {
      return sitepasteError(400, 'draft must be a boolean');
    }
    const slug = /** @type {string | undefined} */ (input.slug) ?? slugify(input.title);
    const now = new Date().toISOString();
    const existing = env.pages.find((p) => p.slug === slug);
    // Pages are keyed by slug: posting an existing slug updates it (200), else creates it (201).
    const page = existing ?? {
      id: randomBytes(12).toString('hex'),
      slug,
      title: '',
      content: '',
      contentType: 'docs',
      draft: false,
      createdAt: now,
      updatedAt: now,
      writes: 0,
    };
    page.title = input.title;
    page.content = input.content;
    page.contentType = /** @type {string | undefined} */ (input.contentType) ?? page.contentType;
    page.draft = /** @type {boolean | undefined} */ (input.draft) ?? page.draft;
    page.updatedAt = now;
    page.writes += 1;
    if (!existing) env.pages.push(page);
    // `writes` is sandbox bookkeeping, not part of the API.
    const shown = { ...page };
    delete (/** @type {Partial<typeof page>} */ (shown).writes);
    return json(existing ? 200 : 201, shown);
  });

  /** The live deployment: the newest successful build that has finished. */
  const live = () => {
    const now = Date.now();
    const done = env.builds.filter(
      (b) =>
        b.provider === 'sitepaste' &&
        b.project === account() &&
        b.outcome === 'success' &&
        b.endsAt !== null &&
        b.endsAt <= now,
    );
    done.sort((a, b) => /** @type {number} */ (a.endsAt) - /** @type {number} */ (b.endsAt));
    return { version: done.length, build: done[done.length - 1] };
  };

  return {
    name: 'sitepaste',
    router,
    errorReply(status, message) {
      const reply = sitepasteError(status, message);
      if (status !== 429) return reply;
      // An injected 429 carries the documented headers with this sandbox's limit.
      return {
        ...reply,
        headers: { ...reply.headers, 'X-RateLimit-Limit': env.options.sitepasteLimit },
      };
    },
    mountForeign(foreign) {
      foreign.add(
        'GET',
        '/site/:account',
        ({ params, headers }) => {
          if (params.account !== account()) {
            return text(404, '<h1>404 - site not found</h1>', 'text/html; charset=utf-8');
          }
          const { version, build } = live();
          const modified = /** @type {number} */ (build?.endsAt ?? bornAt);
          const etag = `"${createHash('sha1').update(`${params.account}:${version}:${modified}`).digest('hex').slice(0, 20)}"`;
          const lastModified = new Date(modified).toUTCString();
          const cache = {
            ETag: etag,
            'Last-Modified': lastModified,
            'Cache-Control': 'public, max-age=0, must-revalidate',
          };
          const ims = Date.parse(String(headers['if-modified-since'] ?? ''));
          if (
            headers['if-none-match'] === etag ||
            (!headers['if-none-match'] && ims >= Math.floor(modified / 1000) * 1000)
          ) {
            return { status: 304, headers: cache };
          }
          const pages = /** @type {string[]} */ (build?.pages ?? []);
          const items = pages.map((t) => `<li>${t.replace(/[<&]/g, '')}</li>`).join('');
          const html =
            `<!DOCTYPE html><html><head><title>${params.account}</title></head><body>` +
            `<h1>${params.account}</h1><p>Deployment #${version}</p><ul>${items}</ul></body></html>`;
          return text(200, html, 'text/html; charset=utf-8', cache);
        },
        { provider: 'sitepaste' },
      );
    },
    reset: seed,
  };
}

/** @type {import('../core.mjs').FakeModule} */
export const fake = {
  name: 'sitepaste',
  token: 'sandbox-token',
  options: {
    /** Triggers allowed per window, and how many the window already holds at reset. */
    sitepasteLimit: 20,
    sitepasteUsed: 0,
    sitepasteWindowMs: 3_600_000,
    /** The account whose site is `/site/:account` on the foreign host. */
    sitepasteAccount: 'sandbox-user',
  },
  lists: ['pages'],
  create: createSitepaste,
};
