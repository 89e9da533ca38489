import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { InputError } from '../../src/errors.js';
import { aggregateStatus, stepOutputs } from '../../src/engine/results.js';
import type { OutcomeStatus, Outcome } from '../../src/engine/run.js';
import {
  declaredAddresses,
  defaultName,
  parseTargets,
  readPlan,
  STEP_INPUTS,
  targetInputs,
} from '../../src/inputs/targets.js';

const read =
  (inputs: Record<string, string>) =>
  (name: string): string =>
    inputs[name] ?? '';

const step = {
  provider: 'deskforge',
  token: 'step-token',
  project: 'app',
  'status-context': '',
};

async function plan(inputs: Record<string, string>, masked: string[] = []) {
  return readPlan(read({ ...step, ...inputs }), (s) => masked.push(s));
}

async function planError(inputs: Record<string, string>, masked: string[] = []) {
  const error = await plan(inputs, masked).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return (error as InputError).message;
}

describe('targets: parsing', () => {
  it('reads a YAML list of maps, keeping every value as written', async () => {
    const raws = await parseTargets(
      '- platform: mac\n  arch: arm64\n  version: 1.10.0\n- platform: linux\n  commit-status: false\n  name: Linux box\n',
      () => undefined,
    );
    expect(raws).toEqual([
      { index: 0, name: undefined, values: { platform: 'mac', arch: 'arm64', version: '1.10.0' } },
      { index: 1, name: 'Linux box', values: { platform: 'linux', 'commit-status': 'false' } },
    ]);
  });

  it('shares inputs through anchors and << merge keys, a target overriding what it merges', async () => {
    const raws = await parseTargets(
      [
        '- &linux',
        '  name: Linux',
        '  platform: linux',
        '  arch: x64',
        '- <<: *linux',
        '  name: Linux arm',
        '  arch: arm64',
        '- <<: [*linux]',
        '  name: Mac',
        '  platform: mac',
      ].join('\n'),
      () => undefined,
    );
    expect(raws.map((raw) => [raw.name, raw.values])).toEqual([
      ['Linux', { platform: 'linux', arch: 'x64' }],
      ['Linux arm', { platform: 'linux', arch: 'arm64' }],
      ['Mac', { platform: 'mac', arch: 'x64' }],
    ]);
  });

  it('masks a secret that reaches a target only through a merge key', async () => {
    const masked: string[] = [];
    await parseTargets(
      '- &a\n  token: merged-secret-1\n  platform: mac\n- <<: *a\n  platform: linux\n',
      (s) => masked.push(s),
    );
    expect(masked).toContain('merged-secret-1');
  });

  it('reads JSON too, numbers and booleans as their text', async () => {
    const raws = await parseTargets(
      '[{"platform": "mac", "poll-interval": 10, "commit-status": true}]',
      () => undefined,
    );
    expect(raws[0]?.values).toEqual({
      platform: 'mac',
      'poll-interval': '10',
      'commit-status': 'true',
    });
  });

  it.each([
    ['platform: mac', /must be a list of maps/],
    ['[]', /is an empty list/],
    ['- mac\n- linux', /has a bad target 1 of 2: it is not a map/],
    ['- platform: [mac, linux]', /target 1 of 1: 'platform' must be a single value, not a list/],
    [
      '- platform: mac\n  platform: linux',
      /not valid YAML \(line 2, column 3: Map keys must be unique/,
    ],
  ])('refuses %j', async (text, why) => {
    await expect(parseTargets(text, () => undefined)).rejects.toThrow(why);
  });

  it('never quotes the source in a YAML error, and masks secrets of every target first', async () => {
    const masked: string[] = [];
    const message = await planError(
      {
        targets: '- token: tok-AAAA\n  platform: mac\n- token: tok-BBBB\n  platform: "unterminated',
      },
      masked,
    );
    expect(message).toMatch(/^Input 'targets' is not valid YAML \(line \d+, column \d+/);
    expect(message).not.toContain('tok-');
    expect(message).not.toContain('unterminated');

    const masked2: string[] = [];
    await planError(
      {
        targets:
          '- platform: mac\n- platform: bsd\n- {platform: linux, token: tok-CCCC, secret-key: sk-DDDD}',
      },
      masked2,
    );
    // Target 2 is bad, yet target 3's secrets were masked before anything was validated.
    expect(masked2).toEqual(expect.arrayContaining(['tok-CCCC', 'sk-DDDD']));
  });

  it('leaves out of a target name the inputs providers declare as addresses', async () => {
    // Sitepaste declares site-url an address.
    const sitepaste = await plan({
      provider: 'sitepaste',
      targets: '- site-url: https://docs.example/site\n  pages: docs',
    });
    expect(sitepaste.targets.map((t) => t.name)).toEqual(['docs']);
    // The rule is the declaration's, not a list of names: one more declared address is left out.
    expect(declaredAddresses()).toEqual(new Set(['site-url']));
    const mirrored = {
      index: 0,
      name: undefined,
      values: { platform: 'mac', 'mirror-url': 'https://m.example/x' },
    };
    expect(defaultName(mirrored, () => [], new Set(['mirror-url']))).toBe('mac');
  });

  it('names a target from its own values, leaving credentials and addresses out', () => {
    expect(
      defaultName({
        index: 0,
        name: undefined,
        values: { platform: 'mac', arch: 'arm64', token: 'x', 'api-url': 'https://a' },
      }),
    ).toBe('mac arm64');
    expect(defaultName({ index: 2, name: undefined, values: {} })).toBe('target 3');
    expect(defaultName({ index: 0, name: undefined, values: { stage: '##[error]x' } })).toBe(
      '-error-x',
    );
  });
});

describe('targets: validation and layering', () => {
  it('layers each target over the step inputs, with its own status context', async () => {
    const p = await plan({
      targets:
        '- platform: mac\n  arch: arm64\n- platform: windows\n  project: other\n  name: Windows\n- platform: linux\n  status-context: ci/linux\n',
      'status-context': 'desktop',
    });
    expect(p.multi).toBe(true);
    expect(p.maxParallel).toBe(4);
    expect(p.failFast).toBe(false);
    expect(
      p.targets.map((t) => [t.index, t.name, t.settings.own.project, t.settings.statusContext]),
    ).toEqual([
      [0, 'mac arm64', 'app', 'desktop (mac arm64)'],
      [1, 'Windows', 'other', 'desktop (Windows)'],
      [2, 'linux', 'app', 'ci/linux'],
    ]);
    expect(p.targets[0]?.settings).toMatchObject({
      own: { platform: 'mac', arch: 'arm64' },
      token: 'step-token',
    });
    expect(Object.isFrozen(p.targets[0]?.settings)).toBe(true);
  });

  it('defaults the context to build/<provider> (<name>), per target provider', async () => {
    const p = await plan({
      targets:
        '- platform: mac\n- provider: deployhub\n  project: 65f3a2b1c4d5e6f7a8b9c0d1\n  name: api\n',
    });
    expect(p.targets.map((t) => t.settings.statusContext)).toEqual([
      'build/deskforge (mac)',
      'build/deployhub (api)',
    ]);
  });

  it.each([
    [
      '- platform: mac\n- platform: bsd\n  name: BSD',
      /^Input 'targets' has a bad target 2 of 2 \('BSD'\): input 'platform' has an unknown value 'bsd'\. Fix: use one of: mac, windows, linux/,
    ],
    [
      '- platform: mac\n- {}',
      /target 2 of 2 \('target 2'\): input 'platform' is required for provider 'deskforge'/,
    ],
    ['- platfrom: mac', /target 1 of 1 \('mac'\): unknown key 'platfrom'/],
    [
      '- platform: mac\n  timeout: 5m',
      /target 1 of 1 \('mac'\): 'timeout' applies to the whole step/,
    ],
    [
      '- platform: mac\n  api-url: http://example.com',
      /target 1 of 1 \('mac'\): input 'api-url' uses plain http/,
    ],
    [
      '- {platform: mac, name: x}\n- {platform: linux, name: x}',
      /target 2 of 2 \('x'\): it has the same name as target 1/,
    ],
    ['- {platform: mac, name: "##[error]"}', /'name' must be 1 to 100 letters/],
    [
      '- {platform: mac, status-context: ci/x}\n- {platform: linux, status-context: ci/x}',
      /target 2 of 2 .*: it posts the same commit status context as target 1/,
    ],
  ])('%j fails naming the target and the input', async (targets, why) => {
    expect(await planError({ targets })).toMatch(why);
  });

  it('reports a misspelt key ahead of the error it causes', async () => {
    const message = await planError({ targets: '- {platfrom: mac, name: m}' });
    expect(message).toMatch(/unknown key 'platfrom'/);
  });

  it('reports a bad step input as the step input, not a target', async () => {
    const message = await planError({ targets: '- platform: mac', timeout: 'soon' });
    expect(message).toMatch(/^Input 'timeout' must be a duration/);
  });

  it('gives default names that collide their position', async () => {
    const p = await plan({ targets: '- platform: mac\n- platform: mac\n  project: app' });
    expect(p.targets.map((t) => t.name)).toEqual(['mac', 'mac app']);
    const q = await plan({ targets: '- platform: mac\n- platform: mac' });
    expect(q.targets.map((t) => t.name)).toEqual(['mac', 'mac #2']);
  });

  it('without targets is one build, exactly the step inputs', async () => {
    const p = await plan({ platform: 'linux' });
    expect(p.multi).toBe(false);
    expect(p.targets).toHaveLength(1);
    expect(p.targets[0]?.settings.statusContext).toBe('build/deskforge');
  });

  it('validates max-parallel and fail-fast', async () => {
    expect(await planError({ platform: 'linux', 'max-parallel': '0' })).toMatch(
      /^Input 'max-parallel' must be a whole number from 1 to 256, got '0'/,
    );
    expect(await planError({ platform: 'linux', 'fail-fast': 'maybe' })).toMatch(
      /^Input 'fail-fast' must be true or false/,
    );
    const p = await plan({ platform: 'linux', 'max-parallel': '2', 'fail-fast': 'true' });
    expect([p.maxParallel, p.failFast]).toEqual([2, true]);
  });

  it('classifies only inputs action.yml declares', () => {
    const yml = fs.readFileSync(new URL('../../action.yml', import.meta.url), 'utf8');
    const declared = [...yml.matchAll(/^ {2}([a-z-]+):$/gm)].map((m) => m[1]);
    for (const name of [...STEP_INPUTS, ...targetInputs()]) expect(declared).toContain(name);
  });
});

describe('results and aggregate status', () => {
  const outcome = (status: OutcomeStatus, extra: Partial<Outcome> = {}): Outcome => ({
    status,
    providerTitle: 'Deskforge',
    build: { id: `b-${status}`, state: 'success', providerStatus: status },
    durationMs: 1000,
    end: 'build',
    ...extra,
  });

  it.each<[OutcomeStatus[], OutcomeStatus]>([
    [['success', 'success'], 'success'],
    [['success', 'failure', 'timed_out', 'cancelled'], 'failure'],
    [['success', 'timed_out', 'cancelled'], 'timed_out'],
    [['success', 'cancelled'], 'cancelled'],
    [['queued', 'building'], 'building'],
    [['queued', 'queued'], 'queued'],
  ])('%j -> %s', (statuses, expected) => {
    expect(aggregateStatus(statuses)).toBe(expected);
  });

  it('gives several targets a results array, the longest duration and empty single values', () => {
    const out = stepOutputs(
      [
        { name: 'a', provider: 'deskforge', outcome: outcome('success', { durationMs: 4400 }) },
        { name: 'b', provider: 'deskforge', outcome: outcome('failure', { message: 'broke' }) },
      ],
      true,
    );
    expect(out).toMatchObject({
      status: 'failure',
      duration: '4',
      'build-id': '',
      'log-url': '',
    });
    expect(JSON.parse(out['results']!)).toEqual([
      expect.objectContaining({
        name: 'a',
        'build-id': 'b-success',
        status: 'success',
        duration: 4,
      }),
      expect.objectContaining({ name: 'b', status: 'failure', message: 'broke', duration: 1 }),
    ]);
  });

  it('keeps a single build outputs as today, plus results of one', () => {
    const out = stepOutputs(
      [{ name: 'deskforge', provider: 'deskforge', outcome: outcome('success') }],
      false,
    );
    expect(out['build-id']).toBe('b-success');
    expect(out['provider-status']).toBe('success');
    expect(JSON.parse(out['results']!)).toHaveLength(1);
  });
});
