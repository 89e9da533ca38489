/**
 * The provider registry is the one list of providers and of the inputs each reads: action.yml
 * declares exactly the common, reporting, step and provider-declared inputs, and each provider's
 * required inputs are enforced as declared, naming the input and its fix.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { COMMON_INPUTS, readSettings } from '../../src/inputs.js';
import { REPORTING_INPUTS } from '../../src/inputs/reporting.js';
import { STEP_INPUTS, targetInputs } from '../../src/inputs/targets.js';
import { PROVIDER_NAMES, PROVIDERS } from '../../src/providers/index.js';

const yml = fs.readFileSync(new URL('../../action.yml', import.meta.url), 'utf8');
const block = yml.slice(yml.indexOf('\ninputs:'), yml.indexOf('\noutputs:'));
const ACTION_INPUTS = [...block.matchAll(/^ {2}([a-z0-9-]+):\s*$/gm)].map((m) => m[1]!);

const declared = (provider: keyof typeof PROVIDERS): string[] =>
  PROVIDERS[provider].inputs.map((input) => input.name);

describe('the provider registry', () => {
  it('names each provider by its key, and PROVIDER_NAMES lists them in its order', () => {
    expect(PROVIDER_NAMES).toEqual(Object.keys(PROVIDERS));
    for (const [name, spec] of Object.entries(PROVIDERS)) expect(spec.name).toBe(name);
  });

  it('action.yml declares exactly the common, reporting, step and provider inputs', () => {
    const owned = new Map<string, string[]>();
    const own = (name: string, owner: string) =>
      owned.set(name, [...(owned.get(name) ?? []), owner]);
    for (const name of COMMON_INPUTS) own(name, 'common');
    for (const name of REPORTING_INPUTS) own(name, 'reporting');
    for (const name of STEP_INPUTS) if (!owned.has(name)) own(name, 'step');
    for (const provider of PROVIDER_NAMES)
      for (const name of declared(provider)) own(name, provider);
    // Every action.yml input has an owner: add a new one to its provider's `inputs` in
    // src/providers (or to COMMON_INPUTS / REPORTING_INPUTS / STEP_INPUTS).
    expect(ACTION_INPUTS.filter((name) => !owned.has(name))).toEqual([]);
    // Every declared input is in action.yml.
    expect([...owned.keys()].filter((name) => !ACTION_INPUTS.includes(name))).toEqual([]);
    // The generic reader's inputs are nobody else's.
    for (const name of [...COMMON_INPUTS, ...REPORTING_INPUTS])
      expect(owned.get(name), name).toHaveLength(1);
  });

  it('a target may override every provider-declared input, and no step input', () => {
    const accepted = targetInputs();
    for (const provider of PROVIDER_NAMES)
      for (const name of declared(provider)) expect(accepted).toContain(name);
    for (const name of STEP_INPUTS) expect(accepted).not.toContain(name);
  });

  it.each([...PROVIDER_NAMES])(
    '%s: each required input, left empty, is a bad input naming it with its declared fix',
    (provider) => {
      const required = PROVIDERS[provider].inputs.filter((input) => input.required === true);
      // A value every required input accepts, and an API URL for providers without a default.
      const full: Record<string, string> = {
        provider,
        'api-url': 'https://builds.example.com',
        platform: 'linux',
        workflow: 'ci.yml',
        repository: 'octo-org/octo-repo',
        ref: 'main',
      };
      for (const input of required) full[input.name] ??= `value-${input.name}`;
      for (const input of required) {
        const inputs = { ...full, [input.name]: '' };
        let error: unknown;
        try {
          readSettings(
            (name) => inputs[name] ?? '',
            () => undefined,
          );
        } catch (caught) {
          error = caught;
        }
        expect(error, `${provider} without ${input.name}`).toBeInstanceOf(InputError);
        expect((error as InputError).input).toBe(input.name);
        if (input.fix) expect((error as InputError).fix).toBe(input.fix);
      }
    },
  );
});
