import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readActionInputs } from '../../scripts/action-inputs.mjs';
import { ACTION_INPUTS } from '../../src/cli/action-inputs.generated.js';
import { envName, helpText, inputSource, parseArgs } from '../../src/cli/flags.js';
import { CliLog, DOTENV_MAX_BYTES, dotenvLines } from '../../src/cli/output.js';
import { stepOutputs } from '../../src/engine/results.js';
import type { InputError } from '../../src/errors.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

describe('CLI flags', () => {
  it('are generated from action.yml and have not drifted from it', () => {
    expect(ACTION_INPUTS).toEqual(readActionInputs(path.join(ROOT, 'action.yml')));
  });

  it('reads --name value, --name=value, boolean forms and repeated flags', () => {
    const parsed = parseArgs(
      [
        '--provider',
        'custom',
        '--poll-interval=5s',
        '--no-wait',
        '--cancel-on-timeout',
        '--fail-on-error',
        'false',
        '--headers',
        'X-A: 1',
        '--headers',
        'X-B: 2',
        '--version',
        '1.2.3',
        '--json',
        '--output-env',
        'build.env',
      ],
      ACTION_INPUTS,
    );
    expect(parsed.inputs).toEqual({
      provider: 'custom',
      'poll-interval': '5s',
      wait: 'false',
      'cancel-on-timeout': 'true',
      'fail-on-error': 'false',
      headers: 'X-A: 1\nX-B: 2',
      version: '1.2.3',
    });
    expect(parsed.options).toMatchObject({ json: true, outputEnv: 'build.env', version: false });
    expect(parseArgs(['-V'], ACTION_INPUTS).options.version).toBe(true);
  });

  it('names the flag that is wrong', () => {
    const fail = (argv: string[]): InputError => {
      try {
        parseArgs(argv, ACTION_INPUTS);
      } catch (error) {
        return error as InputError;
      }
      throw new Error('expected an error');
    };
    expect(fail(['--colour', 'blue']).message).toMatch(/Input '--colour' is not a flag/);
    expect(fail(['--project']).message).toMatch(/'--project' needs a value/);
    expect(fail(['deskforge']).message).toMatch(/'deskforge' is not a flag/);
    expect(fail(['--trigger-body-file', '/nonexistent/x']).message).toMatch(/cannot read/);
  });

  it('marks secrets given as flags, so the CLI can warn', () => {
    expect(parseArgs(['--token', 't', '--github-token=g'], ACTION_INPUTS).secretFlags).toEqual([
      'token',
      'github-token',
    ]);
  });

  it('reads flags, then TRIGGER_BUILD_<NAME>, then action.yml defaults; GITHUB_TOKEN last', () => {
    const read = inputSource(
      { project: 'from-flag' },
      {
        TRIGGER_BUILD_PROJECT: 'from-env',
        TRIGGER_BUILD_POLL_INTERVAL: '9s',
        GITHUB_TOKEN: 'gh',
      },
      ACTION_INPUTS,
    );
    expect(read('project')).toBe('from-flag');
    expect(read('poll-interval')).toBe('9s');
    expect(read('timeout')).toBe('30m');
    expect(read('github-token')).toBe('gh');
    expect(read('auth-header')).toBe('Authorization: Bearer {token}');
    expect(envName('secret-key')).toBe('TRIGGER_BUILD_SECRET_KEY');
  });

  it('--help shows every input once with its environment variable', () => {
    const help = helpText(ACTION_INPUTS, '9.9.9');
    for (const input of ACTION_INPUTS) {
      expect(help).toContain(envName(input.name));
    }
    expect(help).not.toContain('${{');
  });
});

describe('CLI output', () => {
  it('prints plain lines with secrets masked, and provider text indented', () => {
    let text = '';
    const log = new CliLog({ write: (t: string) => (text += t) });
    log.mask('s3cr3t-value');
    log.info('token is s3cr3t-value');
    log.warning('::error::not a command');
    log.untrusted(['::set-output name=x::1', 'plain']);
    expect(text).toBe(
      'token is ***\nwarning: :\u200b:error:\u200b:not a command\n  │ :\u200b:set-output name=x:\u200b:1\n  │ plain\n',
    );
  });

  it('keeps a live line under the log on a TTY, and none elsewhere', () => {
    let tty = '';
    const live = new CliLog({ write: (t: string) => (tty += t), isTTY: true });
    live.startLive(() => 'building · 5s');
    live.info('a line');
    live.stopLive();
    expect(tty).toBe('\r\x1b[2Kbuilding · 5s\r\x1b[2Ka line\n\r\x1b[2Kbuilding · 5s\r\x1b[2K');

    let pipe = '';
    const plain = new CliLog({ write: (t: string) => (pipe += t), isTTY: false });
    plain.startLive(() => 'building');
    plain.info('a line');
    plain.stopLive();
    expect(pipe).toBe('a line\n');
  });

  it("writes the action's outputs as dotenv lines, one a line, whatever the values hold", () => {
    const outputs = stepOutputs(
      [
        {
          name: 'custom',
          provider: 'custom',
          outcome: {
            status: 'failure',
            providerTitle: 'X',
            build: {
              id: 'b1',
              state: 'failure',
              providerStatus: 'bad\nword',
              deployUrl: 'https://x',
            },
            durationMs: 61_400,
            message: 'it\nbroke',
            end: 'build',
          },
        },
      ],
      false,
    );
    const { text, dropped } = dotenvLines(outputs);
    expect(dropped).toEqual([]);
    const lines = text.split('\n');
    expect(lines.slice(0, 10).join('\n')).toBe(
      'BUILD_ID=b1\nSTATUS=failure\nPROVIDER_STATUS=bad word\nDEPLOY_URL=https://x\nARTIFACT_URL=\nLOG_URL=\nDOCKER_IMAGE=\nDURATION=61\nDEPLOYMENT_ID=\nCOMMENT_URL=',
    );
    expect(lines[10]).toMatch(/^RESULTS=\[\{/);
    expect(JSON.parse(lines[10]!.slice('RESULTS='.length))).toEqual(
      JSON.parse(outputs['results']!),
    );
    expect(lines.slice(11)).toEqual(['']);
  });

  it("leaves RESULTS out of the dotenv file rather than pass GitLab's 5 KB limit", () => {
    const outcome = {
      status: 'success' as const,
      providerTitle: 'X',
      build: {
        id: 'b',
        state: 'success' as const,
        providerStatus: 'ok',
        deployUrl: `https://x/${'a'.repeat(200)}`,
      },
      durationMs: 1000,
      end: 'build' as const,
    };
    const many = Array.from({ length: 20 }, (_, i) => ({
      name: `t${i}`,
      provider: 'custom',
      outcome,
    }));
    const { text, dropped } = dotenvLines(stepOutputs(many, true));
    expect(dropped).toEqual(['RESULTS']);
    expect(text).not.toMatch(/^RESULTS=/m);
    expect(text).toMatch(/^STATUS=success$/m);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(DOTENV_MAX_BYTES);
  });
});
