import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { readSettings } from '../../src/inputs.js';

const read =
  (inputs: Record<string, string>) =>
  (name: string): string =>
    inputs[name] ?? '';

const base = { provider: 'deskforge', token: 't0k3n', project: 'p1', platform: 'linux' };

function settingsError(inputs: Record<string, string>): InputError {
  try {
    readSettings(read(inputs));
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected an InputError');
}

describe('readSettings', () => {
  it('applies the contract defaults and freezes the result', () => {
    const s = readSettings(read(base));
    expect(s).toMatchObject({
      provider: 'deskforge',
      apiUrl: 'https://api.deskforge.app',
      own: { project: 'p1', platform: 'linux', arch: 'x64', version: '', downloadTo: '' },
      wait: true,
      timeoutMs: 30 * 60_000,
      pollIntervalMs: 5000,
      failOnError: true,
      commitStatus: true,
      statusContext: 'build/deskforge',
      showLogs: 'on-failure',
    });
    expect(Object.isFrozen(s)).toBe(true);
  });

  it("reads the provider's own inputs with their defaults, and only the provider's", () => {
    const s = readSettings(
      read({
        provider: 'justdeploy',
        token: 't',
        project: 'p1',
        organization: 'o',
        'secret-key': 'sk',
        artifact: 'a.zip',
        // Deskforge's: JustDeploy does not read it.
        platform: 'beos',
      }),
    );
    expect(s.own).toEqual({
      project: 'p1',
      organization: 'o',
      secretKey: 'sk',
      artifact: 'a.zip',
      includeHiddenFiles: false,
      stage: 'production',
      onConflict: 'wait',
    });
    expect(s.secrets).toEqual(['sk']);
    expect(Object.isFrozen(s.own)).toBe(true);
  });

  it('lists the valid providers for an unknown one', () => {
    const e = settingsError({ ...base, provider: 'netlify' });
    expect(e.input).toBe('provider');
    expect(String(e)).toContain('jamdesk, sitepaste, justdeploy, deskforge, deployhub');
  });

  it.each([
    ['deskforge', { project: '' }, 'project'],
    ['deskforge', { platform: '' }, 'platform'],
    ['justdeploy', { organization: 'o', artifact: 'a.zip' }, 'secret-key'],
    ['justdeploy', { 'secret-key': 's', artifact: 'a.zip' }, 'organization'],
    ['justdeploy', { 'secret-key': 's', organization: 'o' }, 'artifact'],
    ['deployhub', { project: '' }, 'project'],
  ])('%s names a missing %o input', (provider, extra, input) => {
    const e = settingsError({ ...base, provider, ...extra });
    expect(e.input).toBe(input);
    expect(e.message).toContain(`'${provider}'`);
  });

  it('does not need a project for sitepaste', () => {
    expect(readSettings(read({ provider: 'sitepaste', token: 't' })).own.project).toBe('');
  });

  it.each([
    ['90', 90_000],
    ['90s', 90_000],
    ['15m', 900_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
  ])('accepts timeout %s', (value, ms) => {
    expect(readSettings(read({ ...base, timeout: value })).timeoutMs).toBe(ms);
  });

  it.each(['ten', '5 minutes', '-1', '0', '1.5m', '15M x', '1d'])('rejects timeout %s', (value) => {
    expect(settingsError({ ...base, timeout: value }).input).toBe('timeout');
    expect(settingsError({ ...base, 'poll-interval': value }).input).toBe('poll-interval');
  });

  it('refuses plain http except on loopback', () => {
    expect(settingsError({ ...base, 'api-url': 'http://api.example.com' }).input).toBe('api-url');
    for (const ok of [
      'http://127.0.0.1:8080/x/',
      'http://localhost:1',
      'http://[::1]:9',
      'https://a.example/v1/',
    ]) {
      expect(readSettings(read({ ...base, 'api-url': ok })).apiUrl).not.toMatch(/\/$/);
    }
    expect(settingsError({ ...base, 'api-url': 'ftp://x' }).input).toBe('api-url');
    expect(settingsError({ ...base, 'api-url': 'not a url' }).input).toBe('api-url');
  });

  it.each([
    ['wait', 'maybe'],
    ['fail-on-error', '1'],
    ['commit-status', 'yes please'],
    ['show-logs', 'sometimes'],
    ['arch', 'mips'],
    ['platform', 'beos'],
    ['sha', 'xyz'],
    ['version', 'latest'],
  ])('rejects %s=%s naming the input', (input, value) => {
    expect(settingsError({ ...base, [input]: value }).input).toBe(input);
  });

  it.each([
    ['on-conflict', 'ignore'],
    ['include-hidden-files', 'yes'],
    ['organization', '..'],
  ])('justdeploy rejects %s=%s naming the input', (input, value) => {
    expect(settingsError({ ...base, provider: 'justdeploy', [input]: value }).input).toBe(input);
  });

  it.each([
    ['True', true],
    ['TRUE', true],
    ['true', true],
    ['False', false],
    ['FALSE', false],
    ['false', false],
  ])('reads boolean %s as getBooleanInput does (%s)', (word, value) => {
    const s = readSettings(read({ ...base, wait: word, 'fail-on-error': word }));
    expect(s.wait).toBe(value);
    expect(s.failOnError).toBe(value);
  });

  it.each(['yes', 'no', 'on', 'off', 'tRUE', 'y', '0'])(
    'rejects %s, which YAML 1.2 does not read as a boolean, naming the input',
    (word) => {
      const e = settingsError({ ...base, 'commit-status': word });
      expect(e.input).toBe('commit-status');
      expect(e.message).toContain(`'${word}'`);
      expect(e.message).not.toContain('\n');
    },
  );

  it('masks every secret through the given masker as soon as it is read', () => {
    const masked: string[] = [];
    const inputs = { ...base, 'secret-key': 'sk', 'github-token': 'ghs', timeout: 'soon' };
    expect(() => readSettings(read(inputs), (s) => masked.push(s))).toThrow(InputError);
    expect(masked.sort()).toEqual(['ghs', 'sk', 't0k3n']);
  });

  it('never puts a secret in an input error', () => {
    const e = settingsError({ ...base, token: 'supersecret', timeout: 'soon' });
    expect(String(e)).not.toContain('supersecret');
  });
});

describe('secrets that an HTTP header cannot carry', () => {
  const bad: [string, RegExp][] = [
    ['abc\r\ndef', /line break/],
    ['abc\ndef', /line break/],
    ['ab\u0000c', /control character/],
    ['ab\tc', /control character/],
    ['ab\u007fc', /control character/],
    ['ab\u0085c', /control character/],
    ['ab\u20acc', /outside Latin-1/],
    ['ab\u{1F600}c', /outside Latin-1/],
  ];
  it.each(['token', 'secret-key', 'github-token'])(
    '%s: a bad input naming it, never quoting the value',
    (input) => {
      for (const [value, problem] of bad) {
        const masked: string[] = [];
        let error: unknown;
        try {
          readSettings(read({ ...base, [input]: value }), (s) => masked.push(s));
        } catch (e) {
          error = e;
        }
        expect(error, JSON.stringify(value)).toBeInstanceOf(InputError);
        const message = (error as InputError).message;
        expect(message).toMatch(new RegExp(`^Input '${input}' `));
        expect(message).toMatch(problem);
        for (const part of value.split(/[\r\n]+/)) expect(message).not.toContain(part);
        // Masked before the check, whole and line by line.
        expect(masked).toContain(value);
        for (const line of value.split(/[\r\n]+/)) expect(masked).toContain(line);
      }
    },
  );

  it('accepts printable ASCII and Latin-1', () => {
    expect(readSettings(read({ ...base, token: 'tök~en é!' })).token).toBe('tök~en é!');
  });
});
