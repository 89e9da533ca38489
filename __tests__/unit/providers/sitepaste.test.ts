import fs from 'node:fs';
import path from 'node:path';
import nock from 'nock';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ActionError, InputError } from '../../../src/errors.js';
import { HttpError } from '../../../src/http/errors.js';
import { parseMarkdown, slugFor } from '../../../src/providers/sitepaste/pages.js';
import type { Build } from '../../../src/providers/types.js';
import { API, instantClock, makeProvider } from './harness.js';
import { scratchDir } from '../../scratch.js';

const SITE = 'https://octo.sitepaste.test';
const AUTH = { authorization: 'Bearer secret-token' };
const RATE = { 'x-ratelimit-limit': '20', 'x-ratelimit-remaining': '19' };

let workspace: string;

beforeAll(() => {
  nock.disableNetConnect();
});

beforeEach(() => {
  workspace = scratchDir('tba-sp');
});

afterEach(() => {
  nock.cleanAll();
  fs.rmSync(workspace, { recursive: true, force: true });
});

function write(relative: string, content: string): void {
  const file = path.join(workspace, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

const setup = (overrides: Parameters<typeof makeProvider>[1] = {}, clock = instantClock()) =>
  makeProvider('sitepaste', overrides, { clock, workspace });
const api = () => nock(API, { reqheaders: AUTH });
/** The live site: reached without credentials, or the mock does not match. */
const site = () => nock(SITE, { badheaders: ['authorization'] });

function mockTrigger(headers: Record<string, string> = RATE) {
  return api()
    .post(
      '/public/builds',
      (body) => body === '' || body === undefined || Object.keys(body).length === 0,
    )
    .reply(
      202,
      { status: 'queued', deployUrl: SITE, message: 'build queued successfully' },
      headers,
    );
}

describe('sitepaste pages', () => {
  it('upserts each Markdown file with its title, slug and content before the build', async () => {
    write(
      'docs/Getting Started.md',
      'Intro text\n\n```sh\n# not a title\n```\n\n# Getting started\n\nBody\n',
    );
    write(
      'docs/intro.md',
      '---\ntitle: "Welcome: the intro"\norder: 1\n---\n\n# Ignored heading\n\nHello\n',
    );
    write('docs/guides/notes.md', 'No heading here.\n');
    write('docs/logo.png', 'png');
    const sent: unknown[] = [];
    const pages = api()
      .post('/public/pages', (body) => sent.push(body) > 0)
      .times(3)
      .reply(200, { ok: true });
    const { adapter, logs } = setup({ inputs: { pages: `${workspace}/docs/**` } });

    await adapter.prepare?.();

    pages.done();
    expect(sent).toEqual([
      {
        title: 'Getting started',
        content: 'Intro text\n\n```sh\n# not a title\n```\n\n# Getting started\n\nBody\n',
        contentType: 'docs',
        slug: 'docs-getting-started',
      },
      {
        title: 'notes',
        content: 'No heading here.\n',
        contentType: 'docs',
        slug: 'docs-guides-notes',
      },
      {
        title: 'Welcome: the intro',
        content: '# Ignored heading\n\nHello\n',
        contentType: 'docs',
        slug: 'docs-intro',
      },
    ]);
    const pageLines = logs.filter((line) => line.startsWith('Page '));
    expect(pageLines).toEqual([
      'Page docs/Getting Started.md -> docs-getting-started ("Getting started")',
      'Page docs/guides/notes.md -> docs-guides-notes ("notes")',
      'Page docs/intro.md -> docs-intro ("Welcome: the intro")',
    ]);
  });

  it('stops at a failing page, naming the file, before any build is triggered', async () => {
    write('docs/a.md', '# A\n');
    write('docs/b.md', '# B\n');
    write('docs/c.md', '# C\n');
    api()
      .post('/public/pages', (body) => body.slug === 'docs-a')
      .reply(200, {})
      .post('/public/pages', (body) => body.slug === 'docs-b')
      .reply(422, { error: 'invalid page', message: 'content too long' });
    const build = mockTrigger();
    const { adapter } = setup({ inputs: { pages: `${workspace}/docs/*.md` } });

    const error = await adapter.prepare!().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ActionError);
    expect(String(error)).toBe(
      'Sitepaste: upsert page \'docs-b\' from docs/b.md failed: HTTP 422 invalid page "content too long"',
    );
    const line = String(error);
    expect(line).not.toContain('\n');
    expect(build.isDone()).toBe(false);
  });

  it('refuses a pages glob that matches no Markdown', async () => {
    write('docs/logo.png', 'png');
    const { adapter } = setup({ inputs: { pages: `${workspace}/docs/*` } });
    const error = await adapter.prepare!().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).input).toBe('pages');
    expect(String(error)).toContain('matched no Markdown files');

    const none = await setup({ inputs: { pages: `${workspace}/nothing/*.md` } }).adapter
      .prepare!().catch((e: unknown) => e);
    expect(String(none)).toContain("Input 'pages' matched no files");
  });

  it('refuses two files that become the same slug', async () => {
    write('docs/a b.md', '# one\n');
    write('docs/a-b.md', '# two\n');
    const error = await setup({ inputs: { pages: `${workspace}/docs/*.md` } }).adapter
      .prepare!().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(String(error)).toContain("both become the page 'docs-a-b'");
  });

  it('derives titles and slugs the documented way', () => {
    expect(slugFor('docs/API Reference (v2).MD')).toBe('docs-api-reference-v2');
    expect(slugFor('--Hello__World--.md')).toBe('hello-world');
    expect(parseMarkdown("---\ntitle: 'It''s here'\n---\nbody", 'x.md')).toEqual({
      title: "It's here",
      content: 'body',
    });
    expect(parseMarkdown('---\ntitle: Plain # comment\n---\n', 'x.md').title).toBe('Plain');
    expect(parseMarkdown('---\nauthor: me\n---\n## Sub\n# Main #\n', 'x.md')).toEqual({
      title: 'Main',
      content: '## Sub\n# Main #\n',
    });
    expect(parseMarkdown('\uFEFFjust text', 'my-page.markdown').title).toBe('my-page');
  });
});

describe('sitepaste trigger', () => {
  it('triggers one build and notes the builds left this hour', async () => {
    const scope = mockTrigger();
    site().get('/').reply(200, '<html>v1</html>');
    const { adapter, logs } = setup();

    const build = await adapter.trigger();

    expect(build).toEqual({
      id: '',
      state: 'queued',
      providerStatus: 'queued',
      deployUrl: SITE,
      notes: ['Builds left this hour: 19 of 20'],
    });
    expect(logs).toContain('Builds left this hour: 19 of 20');
    scope.done();
  });

  it('fails at once, with the limit and when to retry, when Retry-After is beyond the timeout', async () => {
    const clock = instantClock();
    api()
      .post('/public/builds')
      .reply(
        429,
        { error: 'rate limit exceeded', message: 'too many requests, please try again later' },
        { 'x-ratelimit-limit': '20', 'x-ratelimit-remaining': '0', 'retry-after': '3600' },
      );
    const { adapter } = setup({ timeoutMs: 5 * 60_000 }, clock);

    const error = await adapter.trigger().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ActionError);
    const line = String(error);
    expect(line).toContain(
      'HTTP 429 rate limit exceeded "too many requests, please try again later"',
    );
    expect(line).toContain('20 builds an hour');
    expect(line).toContain('0 left');
    expect(line).toContain(
      'per business account, over a sliding 60-minute window, shared by all tokens',
    );
    expect(line).toContain('retry in 60 minutes, at 11:00 UTC');
    expect(line).toMatch(/Fix: batch page updates into one build.*11:00 UTC.*raise timeout/);
    expect((error as ActionError).cause).toBeInstanceOf(HttpError);
    expect(clock.slept).toEqual([]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('waits out a short Retry-After and triggers once more', async () => {
    const clock = instantClock();
    api()
      .post('/public/builds')
      .reply(
        429,
        { error: 'rate limit exceeded' },
        { 'x-ratelimit-remaining': '0', 'retry-after': '2' },
      );
    mockTrigger({ 'x-ratelimit-limit': '20', 'x-ratelimit-remaining': '0' });
    site().get('/').reply(200, 'v1');
    const { adapter } = setup({}, clock);

    const build = await adapter.trigger();

    expect(clock.slept).toEqual([2000]);
    expect(build.notes).toEqual(['Builds left this hour: 0 of 20']);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('turns a revoked token into the documented fix', async () => {
    api().post('/public/builds').reply(401, { error: 'invalid or revoked token' });
    const error = await setup()
      .adapter.trigger()
      .catch((e: unknown) => e);
    expect(String(error)).toBe(
      'Sitepaste: trigger the build failed: HTTP 401 "invalid or revoked token". Fix: Create a new API token in Sitepaste (tokens are revoked when the Pro plan expires).',
    );
  });
});

describe('sitepaste waiting', () => {
  /** Triggers a build; its snapshot takes the first answer the test mocked for the site. */
  async function triggered() {
    mockTrigger();
    const { adapter, logs } = setup();
    const build = await adapter.trigger();
    return { adapter, build, logs };
  }

  it('reports live once the ETag changes', async () => {
    const scope = site()
      .get('/')
      .reply(200, 'same body', { etag: '"v1"' })
      .get('/')
      .reply(200, 'same body', { etag: '"v1"' })
      .get('/')
      .reply(200, 'same body', { etag: '"v2"' });
    const { adapter, build } = await triggered();

    expect(await adapter.poll(build)).toMatchObject({
      state: 'building',
      providerStatus: 'queued',
    });
    expect(await adapter.poll(build)).toMatchObject({
      state: 'success',
      providerStatus: 'live',
      deployUrl: SITE,
    });
    scope.done();
  });

  it('reports live once the body changes when there are no validators', async () => {
    const scope = site()
      .get('/')
      .reply(200, '<p>old</p>')
      .get('/')
      .reply(200, '<p>old</p>')
      .get('/')
      .reply(200, '<p>new</p>');
    const { adapter, build } = await triggered();

    expect((await adapter.poll(build)).state).toBe('building');
    expect((await adapter.poll(build)).state).toBe('success');
    scope.done();
  });

  it('counts the first page of a site that was not up yet as the change', async () => {
    const scope = site()
      .get('/')
      .reply(404, 'Not Found')
      .get('/')
      .reply(404, 'Not Found')
      .get('/')
      .reply(200, '<p>first</p>');
    const { adapter, build } = await triggered();

    expect((await adapter.poll(build)).state).toBe('building');
    expect((await adapter.poll(build)).state).toBe('success');
    scope.done();
  });

  it('snapshots site-url before the trigger and watches it', async () => {
    const watched = 'https://docs.example.test';
    const live = nock(watched, { badheaders: ['authorization'] })
      .get('/guide')
      .reply(200, 'before', { 'last-modified': 'Mon, 23 Nov 2026 09:00:00 GMT' })
      .get('/guide')
      .reply(200, 'before', { 'last-modified': 'Mon, 23 Nov 2026 10:00:05 GMT' });
    const { adapter } = setup({ inputs: { 'site-url': `${watched}/guide` } });
    await adapter.prepare?.();
    expect(live.pendingMocks()).toHaveLength(1);
    mockTrigger();

    const build = await adapter.trigger();
    const done = await adapter.poll(build);

    expect(done).toMatchObject({ state: 'success', providerStatus: 'live', deployUrl: SITE });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('says what the timeout means when the site never changed', async () => {
    site().get('/').reply(200, 'v1');
    const { adapter, build } = await triggered();
    expect(adapter.describeTimeout?.(build)).toBe(
      `The site at ${SITE} did not change before the timeout, so the Sitepaste build may still be queued or may have failed (check the Builds section of the Sitepaste dashboard)`,
    );
    expect(adapter.minPollIntervalMs).toBe(2000);
  });

  it('reads nothing when not waiting', async () => {
    mockTrigger();
    const { adapter } = setup({ wait: false, inputs: { 'site-url': 'https://docs.example.test' } });
    await adapter.prepare?.();
    const build: Build = await adapter.trigger();
    expect(build.state).toBe('queued');
    expect(nock.pendingMocks()).toEqual([]);
  });
});
