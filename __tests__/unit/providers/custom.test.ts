import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ActionError, InputError } from '../../../src/errors.js';
import { HttpError } from '../../../src/http/errors.js';
import { readSettings, type Settings } from '../../../src/inputs.js';
import { readCustomSettings, type CustomSettings } from '../../../src/providers/custom/settings.js';
import type { Build } from '../../../src/providers/types.js';
import { CUSTOM_INPUTS, customSettings } from './fixtures/custom.js';
import { API, makeProvider } from './harness.js';

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
});

const AUTH = { 'x-build-token': 'secret-token' };
const RUNNING: Build = { id: 'b-42', state: 'building', providerStatus: 'running' };

/** The custom provider's own settings, out of the run's settings. */
function ownCustomSettings(s: Settings): CustomSettings {
  if (s.provider !== 'custom') throw new Error(`provider ${s.provider}, not custom`);
  return s.own;
}

function adapter(inputs: Record<string, string> = {}) {
  return makeProvider('custom', { own: customSettings({ ...CUSTOM_INPUTS, ...inputs }) });
}

function inputError(inputs: Record<string, string>): InputError {
  const all: Record<string, string> = {
    provider: 'custom',
    token: 'tok',
    'api-url': 'https://builds.example.com/api',
    'trigger-endpoint': 'POST /builds',
    ...inputs,
  };
  try {
    readSettings(
      (name) => all[name] ?? '',
      () => undefined,
    );
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected an InputError');
}

describe('custom provider inputs', () => {
  it('reads the defaults: Bearer auth, POST, id and status fields, the documented words', () => {
    const s = readSettings(
      (name) =>
        ({
          provider: 'custom',
          token: 'tok',
          'api-url': 'https://builds.example.com/api/',
          'trigger-endpoint': '/projects/{project}/builds',
          'status-endpoint': '/builds/{id}',
          project: 'web',
        })[name] ?? '',
      () => undefined,
    );
    expect(s.apiUrl).toBe('https://builds.example.com/api');
    expect(ownCustomSettings(s).headers).toEqual({ authorization: 'Bearer tok' });
    expect(ownCustomSettings(s).trigger).toMatchObject({
      method: 'POST',
      path: '/projects/{project}/builds',
    });
    expect(ownCustomSettings(s).status).toMatchObject({ method: 'GET', path: '/builds/{id}' });
    expect(ownCustomSettings(s).buildIdField.source).toBe('id');
    expect(ownCustomSettings(s).statusField.source).toBe('status');
    expect(ownCustomSettings(s).words.success).toContain('deployed');
    expect(ownCustomSettings(s).words.failure).toContain('cancelled');
    expect(ownCustomSettings(s).words.running).toEqual([]);
    expect(ownCustomSettings(s).cancelOnTimeout).toBe(false);
  });

  it('needs no token with auth-header: none', () => {
    const s = readSettings(
      (name) =>
        ({
          provider: 'custom',
          'auth-header': 'none',
          'api-url': 'http://127.0.0.1:9/hooks',
          'trigger-endpoint': 'POST /deploy',
        })[name] ?? '',
      () => undefined,
    );
    expect(ownCustomSettings(s).headers).toEqual({});
    expect(ownCustomSettings(s).status).toBeUndefined();
  });

  it.each([
    [{ 'api-url': '' }, 'api-url', /required for provider 'custom'/],
    [{ 'trigger-endpoint': '' }, 'trigger-endpoint', /required/],
    [{ 'trigger-endpoint': 'FETCH /x' }, 'trigger-endpoint', /METHOD \/path/],
    [{ 'trigger-endpoint': 'POST https://evil.test/x' }, 'trigger-endpoint', /below api-url/],
    [{ 'trigger-endpoint': 'POST //evil.test/x' }, 'trigger-endpoint', /below api-url/],
    [{ 'status-endpoint': 'GET /a/../admin/{id}' }, 'status-endpoint', /'\.\.' segment/],
    [{ 'status-endpoint': 'GET /a/%2E%2E/{id}' }, 'status-endpoint', /'\.\.' segment/],
    [
      { 'status-endpoint': 'GET /builds/{build}' },
      'status-endpoint',
      /unknown placeholder \{build\}/,
    ],
    [{ 'trigger-endpoint': 'POST /builds/{id}' }, 'trigger-endpoint', /no build id/],
    [{ 'trigger-endpoint': 'POST /p/{project}' }, 'project', /uses \{project\}/],
    [{ 'trigger-body': '{branch: main}' }, 'trigger-body', /not valid JSON/],
    [{ 'auth-header': 'Bearer {token}' }, 'auth-header', /Name: value/],
    [{ headers: 'X-A: 1\nHost: evil.test' }, 'headers', /HTTP layer sets itself/],
    [{ 'status-field': '$.items[*].status' }, 'status-field', /several values/],
    [{ 'cancel-on-timeout': 'true' }, 'cancel-on-timeout', /no cancel-endpoint/],
    [{ 'running-values': 'running,done' }, 'running-values', /also ends the build/],
    [{ token: '' }, 'token', /required/],
  ])('refuses %j naming %s', (inputs, input, problem) => {
    const error = inputError(inputs);
    expect(error.input).toBe(input);
    expect(error.message).toMatch(problem);
    expect(error.message).not.toContain('\n');
  });
});

describe('custom provider adapter', () => {
  it('sends the trigger once after an ambiguous failure (no list to look in)', async () => {
    const scope = nock(API, { reqheaders: AUTH })
      .post('/projects/proj_1/builds')
      .reply(502, 'Bad gateway');
    const { adapter: custom } = adapter();
    const error = await custom.trigger().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).ambiguous).toBe(true);
    expect(custom.findTriggered).toBeUndefined();
    scope.done();
  });

  it('never re-sends a PUT trigger either: a custom PUT may create a build each time', async () => {
    let hits = 0;
    nock(API)
      .put('/projects/proj_1/builds')
      .times(3)
      .reply(() => {
        hits += 1;
        return [503, 'busy'];
      });
    const { adapter: custom } = adapter({ 'trigger-endpoint': 'PUT /projects/{project}/builds' });
    const error = await custom.trigger().catch((e: unknown) => e);
    expect((error as HttpError).ambiguous).toBe(true);
    expect(hits).toBe(1);
  });

  it('with running-values, an unknown word is an error naming the word', async () => {
    nock(API, { reqheaders: AUTH })
      .get('/builds/b-42')
      .reply(200, { result: { state: 'paused' } });
    const { adapter: custom } = adapter();
    await expect(custom.poll(RUNNING)).rejects.toThrow(/unexpected status word 'paused'/);
  });

  it('without running-values, any word but success and failure is still running', async () => {
    nock(API)
      .get('/builds/b-42')
      .reply(200, { result: { state: 'paused' } });
    const { adapter: custom } = adapter({ 'running-values': '' });
    expect(await custom.poll(RUNNING)).toMatchObject({
      state: 'building',
      providerStatus: 'paused',
    });
  });

  it('a status field that matches nothing is one line naming the input and the keys, not the values', async () => {
    nock(API)
      .get('/builds/b-42')
      .reply(200, { outcome: 'sk_live_value', meta: { token: 'sk_live_other' } });
    const { adapter: custom } = adapter();
    const error = await custom.poll(RUNNING).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionError);
    const line = String(error);
    expect(line).toMatch(/status-field '\$\.result\['state'\]' matched nothing/);
    expect(line).toContain('top-level keys {outcome: string, meta: object}');
    expect(line).not.toContain('sk_live');
    expect(line).not.toContain('\n');
  });

  it('an index into a list that is still empty means not started yet', async () => {
    nock(API).get('/builds/b-42').reply(200, { items: [] });
    const { adapter: custom } = adapter({ 'status-field': '$.items[0].status' });
    expect(await custom.poll(RUNNING)).toMatchObject({ state: 'queued' });
  });

  it('reads the id, and a missing id is an error naming build-id-field', async () => {
    nock(API)
      .post('/projects/proj_1/builds')
      .reply(200, { data: { number: 3 } });
    const { adapter: custom } = adapter();
    await expect(custom.trigger()).rejects.toThrow(
      /build-id-field '\$\.data\.build\.id' matched nothing .*\(nothing at \$\.data\.build\).*top-level keys \{data: object\}/,
    );
  });

  it('refuses a build id that would be a dot segment', async () => {
    const { adapter: custom } = adapter();
    await expect(custom.poll({ ...RUNNING, id: '..' })).rejects.toThrow(/cannot fill \{id\}/);
  });

  it('without a status endpoint is fire-and-forget and needs no id', async () => {
    nock(API).post('/projects/proj_1/builds').reply(202, { accepted: true });
    const { adapter: custom, logs } = adapter({
      'status-endpoint': '',
      'cancel-endpoint': '',
      'build-id-field': '',
    });
    expect(custom.waits).toBe(false);
    expect(custom.cancel).toBeUndefined();
    expect(await custom.trigger()).toMatchObject({ id: '', state: 'queued' });
    expect(logs.some((l) => l.includes('fire-and-forget'))).toBe(true);
  });

  it('reports whether the provider accepted a cancel', async () => {
    nock(API, { reqheaders: AUTH }).post('/builds/b-42/cancel').reply(202, '');
    nock(API, { reqheaders: AUTH })
      .post('/builds/b-42/cancel')
      .reply(409, { error: 'conflict', message: 'Build already finished' });
    const { adapter: custom, ctx } = adapter();
    expect(await custom.cancel?.(RUNNING, ctx.http)).toEqual({
      accepted: true,
      detail: 'HTTP 202',
    });
    const refused = await custom.cancel?.(RUNNING, ctx.http);
    expect(refused?.accepted).toBe(false);
    expect(refused?.detail).toMatch(/HTTP 409 conflict "Build already finished"/);
  });
});

describe('custom provider inputs with {oidc-token}', () => {
  const OIDC = { 'auth-header': 'Authorization: Bearer {oidc-token}' };
  const GITHUB_ENV = {
    ACTIONS_ID_TOKEN_REQUEST_URL: 'https://pipelines.example/idtoken?api-version=2.0',
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'req',
  };
  const read = (
    inputs: Record<string, string>,
    env: NodeJS.ProcessEnv,
    mask: (secret: string) => void = () => {},
  ) => {
    const all: Record<string, string> = {
      'api-url': 'https://builds.example.com/api',
      'trigger-endpoint': 'POST /builds',
      ...inputs,
    };
    return readCustomSettings((name) => all[name] ?? '', '', 'p', env, mask);
  };
  const refusal = (inputs: Record<string, string>, env: NodeJS.ProcessEnv): InputError => {
    try {
      read(inputs, env);
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      return error as InputError;
    }
    throw new Error('expected an InputError');
  };

  it('needs no token; the audience defaults to the api-url origin', () => {
    const s = read(OIDC, GITHUB_ENV);
    expect(s.oidc).toEqual({ audience: 'https://builds.example.com', tokenEnv: '' });
    expect(s.headers).toEqual({ authorization: 'Bearer {oidc-token}' });
    expect(read({ ...OIDC, 'oidc-audience': 'sts.example' }, GITHUB_ENV).oidc?.audience).toBe(
      'sts.example',
    );
  });

  it('without id-token: write (no request URL), one line naming the permission', () => {
    const error = refusal(OIDC, {});
    expect(error.input).toBe('auth-header');
    expect(error.message).toMatch(/id-token: write/);
    expect(refusal(OIDC, { ACTIONS_ID_TOKEN_REQUEST_URL: 'https://x' }).message).toMatch(
      /id-token: write/,
    );
  });

  it('--oidc-token-env: the variable must be set and is masked at once', () => {
    const masked: string[] = [];
    const s = read({ ...OIDC, 'oidc-token-env': 'CI_JOB_JWT' }, { CI_JOB_JWT: ' a.b.c ' }, (v) =>
      masked.push(v),
    );
    expect(s.oidc).toEqual({ audience: 'https://builds.example.com', tokenEnv: 'CI_JOB_JWT' });
    expect(masked).toEqual(['a.b.c']);
    expect(refusal({ ...OIDC, 'oidc-token-env': 'CI_JOB_JWT' }, {}).message).toMatch(
      /CI_JOB_JWT is empty or not set/,
    );
    expect(refusal({ ...OIDC, 'oidc-token-env': 'CI-JOB' }, {}).input).toBe('oidc-token-env');
  });

  it('oidc-audience or oidc-token-env without {oidc-token} is a mistake named as such', () => {
    expect(refusal({ 'oidc-audience': 'x' }, GITHUB_ENV).input).toBe('oidc-audience');
    expect(refusal({ 'oidc-token-env': 'X' }, GITHUB_ENV).input).toBe('oidc-token-env');
  });
});
