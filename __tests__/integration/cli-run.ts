/** `node dist/cli.js` as a CI job runs it, for the integration tests that drive the CLI. */
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

/** The bundled CLI the tests run. */
export const CLI = path.resolve(import.meta.dirname, '..', '..', 'dist', 'cli.js');

/** What one CLI run printed and how it ended. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** From the signal to the process's exit; -1 when no signal was sent. */
  exitMs: number;
}

/** Where to run, how long at most, and when to send which signal. */
export interface CliRunOptions {
  /** Working directory; the system temp directory by default. */
  cwd?: string;
  /** SIGKILL after this long (30 s by default), so a hung CLI cannot hang the test. */
  timeoutMs?: number;
  /** Sent once, the first time `when` holds (checked on every output chunk and every 50 ms). */
  signal?: { name: NodeJS.Signals; when: (out: { stdout: string; stderr: string }) => boolean };
}

/**
 * Runs `node dist/cli.js ARGS` in a clean environment: only PATH, HOME and `env` (no GITHUB_* or
 * INPUT_*), so nothing of the test runner's own environment leaks into what the CLI sees.
 */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
  options: CliRunOptions = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd ?? os.tmpdir(),
      env: { PATH: process.env['PATH'] ?? '', HOME: os.tmpdir(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let signalledAt = 0;
    const check = (): void => {
      if (options.signal && !signalledAt && options.signal.when({ stdout, stderr })) {
        signalledAt = Date.now();
        child.kill(options.signal.name);
      }
    };
    const kill = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    const watch = options.signal ? setInterval(check, 50) : undefined;
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      check();
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      check();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(kill);
      clearInterval(watch);
      resolve({ code, stdout, stderr, exitMs: signalledAt ? Date.now() - signalledAt : -1 });
    });
  });
}
