/**
 * Inputs the chosen provider does not read: one warning line naming them and the provider, never a
 * value; in `targets`, a key its own provider does not read is refused.
 */
import { describe, expect, it } from 'vitest';
import { ACTION_INPUTS } from '../../src/cli/action-inputs.generated.js';
import { InputError } from '../../src/errors.js';
import { inputDefaults, providerOnlyInputs } from '../../src/inputs.js';
import { readPlan } from '../../src/inputs/targets.js';
import { PROVIDER_NAMES } from '../../src/providers/index.js';

const DEFAULTS = inputDefaults(ACTION_INPUTS);

/** Reads inputs as the runner passes them: action.yml's defaults, then what the step sets. */
function runner(inputs: Record<string, string>) {
  return (name: string): string => inputs[name] ?? DEFAULTS(name);
}

async function warnings(inputs: Record<string, string>): Promise<readonly string[]> {
  return (await readPlan(runner(inputs), () => undefined, undefined, DEFAULTS)).warnings;
}

const deployhub = { provider: 'deployhub', token: 't', project: 'app' };
const deskforge = { provider: 'deskforge', token: 't', project: 'app', platform: 'mac' };

describe('inputs the chosen provider does not read', () => {
  it('gives one line naming every such input and the provider', async () => {
    expect(await warnings({ ...deployhub, platform: 'mac', arch: 'arm64' })).toEqual([
      'Inputs platform, arch are not read by provider deployhub and are ignored; remove them, or check provider',
    ]);
    expect(await warnings({ ...deployhub, pages: 'dist' })).toEqual([
      'Input pages is not read by provider deployhub and is ignored; remove it, or check provider',
    ]);
  });

  it("says nothing for inputs at action.yml's defaults, which the runner passes as if set", async () => {
    // Every provider, every input at its default (arch: x64, stage: production, ...).
    for (const provider of PROVIDER_NAMES) {
      const read = runner({ provider });
      expect(providerOnlyInputs().filter((name) => read(name) !== DEFAULTS(name))).toEqual([]);
    }
    expect(await warnings({ ...deployhub, arch: 'x64', stage: ' production ' })).toEqual([]);
    // A default written again is not a value the user chose; another value is.
    expect(await warnings({ ...deployhub, arch: 'arm64' })).toHaveLength(1);
  });

  it('never counts common, step or reporting inputs', async () => {
    expect(
      await warnings({
        ...deployhub,
        'api-url': 'https://deployhub.example.com',
        'status-context': 'ctx',
        'show-logs': 'always',
        'pr-comment': 'true',
        'max-parallel': '2',
        timeout: '10m',
      }),
    ).toEqual([]);
  });

  it('names a secret input but never prints its value', async () => {
    const secret = 'sk-live-very-secret-value';
    const lines = await warnings({ ...deskforge, 'secret-key': secret });
    expect(lines).toEqual([
      'Input secret-key is not read by provider deskforge and is ignored; remove it, or check provider',
    ]);
    expect(lines.join('\n')).not.toContain(secret);
  });

  it('with targets, a step input is ignored only when no target reads it', async () => {
    const targets = '- platform: mac\n- provider: deployhub\n';
    expect(await warnings({ ...deskforge, targets, arch: 'arm64' })).toEqual([]);
    expect(await warnings({ ...deskforge, targets, pages: 'dist' })).toEqual([
      'Input pages is not read by providers deskforge, deployhub and is ignored; remove it, or check provider',
    ]);
  });

  it('refuses a target key that its own provider does not read, naming no value', async () => {
    const error = await readPlan(
      runner({
        ...deskforge,
        targets:
          '- platform: mac\n- provider: deployhub\n  secret-key: sk-1234567\n  arch: arm64\n',
      }),
      () => undefined,
      undefined,
      DEFAULTS,
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    const message = (error as InputError).message;
    expect(message).toContain(
      "target 2 of 2 ('deployhub arm64'): 'secret-key', 'arch' are not read by provider deployhub",
    );
    expect(message).not.toContain('sk-1234567');
  });
});
