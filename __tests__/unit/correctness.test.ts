/**
 * Issue 8: defects found outside our own sandbox. One block per defect; each test failed before
 * its fix.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ActionError, InputError } from '../../src/errors.js';
import { readRunContext } from '../../src/github-context.js';
import { encodePath } from '../../src/http/client.js';
import { readSettings } from '../../src/inputs.js';
import { statusDescription } from '../../src/engine/reporters/commit-status.js';
import { safeLine } from '../../src/text.js';

const read =
  (inputs: Record<string, string>) =>
  (name: string): string =>
    inputs[name] ?? '';

const base = { provider: 'deskforge', token: 't0k3n', project: 'p1', platform: 'linux' };
const FULL_SHA = '8f14e45fceea167a5a36dedd4bea2543e1b1c2d3';

function inputError(inputs: Record<string, string>): InputError {
  try {
    readSettings(read(inputs));
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected an InputError');
}

describe('defect 3: ids that would leave their path segment', () => {
  it.each([
    ['deskforge', 'project', '..'],
    ['deskforge', 'project', '.'],
    ['jamdesk', 'project', '..'],
    ['deployhub', 'project', '.'],
  ])('%s refuses %s=%s before any request', (provider, input, value) => {
    const e = inputError({ ...base, provider, [input]: value });
    expect(e.input).toBe(input);
    expect(e.message).toMatch(/path segment|'\.'|'\.\.'/);
  });

  it('refuses a JustDeploy organization of ..', () => {
    const e = inputError({
      ...base,
      provider: 'justdeploy',
      organization: '..',
      'secret-key': 's',
      artifact: 'a.zip',
    });
    expect(e.input).toBe('organization');
  });

  it('encodePath refuses dot segments and empty values as a second guard', () => {
    for (const bad of ['..', '.', '']) {
      expect(() => encodePath`/projects/${bad}/builds`).toThrow(ActionError);
    }
    expect(encodePath`/projects/${'a/../b'}/builds`).toBe('/projects/a%2F..%2Fb/builds');
    expect(encodePath`/projects/${'..a'}/builds`).toBe('/projects/..a/builds');
  });
});

describe('defect 4: sha must be a full commit sha', () => {
  it.each(['8f14e45', '8f14e45fceea', `${FULL_SHA}0`, 'g'.repeat(40)])('refuses sha=%s', (sha) => {
    const e = inputError({ ...base, sha });
    expect(e.input).toBe('sha');
    expect(e.message).toContain('40 hex characters');
  });

  it('accepts a full sha in any case, lower-cased', () => {
    const s = readSettings(read({ ...base, sha: FULL_SHA.toUpperCase() }));
    expect(s.sha).toBe(FULL_SHA);
  });
});

describe('defect 10: status descriptions and api-url queries', () => {
  it('cuts a description on code points, never inside a surrogate pair', () => {
    for (let pad = 130; pad < 145; pad += 1) {
      const cut = statusDescription(`${'x'.repeat(pad)}${'😀'.repeat(20)}`);
      expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
      expect(cut).not.toMatch(/(?<![\ud800-\udbff])[\udc00-\udfff]/);
      expect([...cut].length).toBeLessThanOrEqual(140);
      expect(cut.length).toBeLessThanOrEqual(140);
    }
  });

  it('cuts safeLine on code points too', () => {
    const cut = safeLine(`${'x'.repeat(8)}${'😀'.repeat(5)}`, 10);
    expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it.each([
    'https://api.example.com/v1?token=abc',
    'https://api.example.com/?x',
    'https://a.example/#frag',
  ])('refuses api-url %s naming the input', (url) => {
    const e = inputError({ ...base, 'api-url': url });
    expect(e.input).toBe('api-url');
    expect(e.message).not.toContain('abc');
  });
});

describe('defect 8: no runner command can start in untrusted text', () => {
  it.each([
    'Intro ##[error]forged',
    '##[warning]x',
    'a ##[group]b',
    '::error::x',
    'line\n::error::x',
    'a ##[set-output name=x;]y',
  ])('%s', (text) => {
    const out = safeLine(text);
    expect(out).not.toContain('##[');
    expect(out).not.toMatch(/^::/);
    expect(out).not.toContain('::');
    expect(out).not.toMatch(/[\r\n]/);
  });
});

describe('defect 9: every pull_request event uses the head sha', () => {
  const head = 'a'.repeat(40);
  const merge = 'b'.repeat(40);
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });
  const eventFile = (payload: unknown): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'event-'));
    dirs.push(dir);
    const file = path.join(dir, 'event.json');
    fs.writeFileSync(file, JSON.stringify(payload));
    return file;
  };
  const event = (): string => eventFile({ pull_request: { head: { sha: head } } });
  it.each([
    'pull_request',
    'pull_request_target',
    'pull_request_review',
    'pull_request_review_comment',
  ])('%s', (name) => {
    const ctx = readRunContext('', {
      GITHUB_EVENT_NAME: name,
      GITHUB_EVENT_PATH: event(),
      GITHUB_SHA: merge,
      GITHUB_REPOSITORY: 'o/r',
    });
    expect(ctx.sha).toBe(head);
  });

  it('an event without pull_request keeps GITHUB_SHA', () => {
    const file = eventFile({ ref: 'refs/heads/main' });
    const ctx = readRunContext('', {
      GITHUB_EVENT_NAME: 'push',
      GITHUB_EVENT_PATH: file,
      GITHUB_SHA: merge,
    });
    expect(ctx.sha).toBe(merge);
  });
});
