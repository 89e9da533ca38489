/**
 * The runner's command protocol: inputs from INPUT_* variables, outputs and state through the
 * GITHUB_OUTPUT / GITHUB_STATE files, log commands on stdout.
 *
 * Why not @actions/core here: its entry module statically imports its OIDC client, and with it
 * @actions/http-client, undici and @actions/exec, about a megabyte of code to parse before the first
 * request. The protocol itself is a few lines, and the action's start time is a second of every
 * user's runner. These functions follow @actions/core's encoding exactly.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function command(name: string, message: string): void {
  process.stdout.write(`::${name}::${escapeData(message)}${os.EOL}`);
}

function fileCommand(file: 'OUTPUT' | 'STATE', key: string, value: string): boolean {
  const path = process.env[`GITHUB_${file}`];
  if (!path) return false;
  const delimiter = `ghadelimiter_${crypto.randomUUID()}`;
  fs.appendFileSync(
    path,
    `${key}<<${delimiter}${os.EOL}${value}${os.EOL}${delimiter}${os.EOL}`,
    'utf8',
  );
  return true;
}

/** The input `name` (INPUT_<NAME>, spaces as underscores, hyphens kept), trimmed. */
export function getInput(name: string, env: NodeJS.ProcessEnv = process.env): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/** Masks a secret in all later log output. */
export function setSecret(secret: string): void {
  command('add-mask', secret);
}

export function info(message: string): void {
  process.stdout.write(`${message}${os.EOL}`);
}

export function debug(message: string): void {
  command('debug', message);
}

export function warning(message: string): void {
  command('warning', message);
}

export function error(message: string): void {
  command('error', message);
}

/** Marks the step failed with one error line. */
export function setFailed(message: string): void {
  process.exitCode = 1;
  error(message);
}

/** Runs `fn` inside a collapsible log group. */
export async function group<T>(name: string, fn: () => Promise<T>): Promise<T> {
  process.stdout.write(`::group::${escapeData(name)}${os.EOL}`);
  try {
    return await fn();
  } finally {
    process.stdout.write(`::endgroup::${os.EOL}`);
  }
}

export function setOutput(name: string, value: string): void {
  if (!fileCommand('OUTPUT', name, value)) {
    // Very old runners only: the deprecated stdout form.
    process.stdout.write(`${os.EOL}::set-output name=${name}::${escapeData(value)}${os.EOL}`);
  }
}

/** Saves a value for the post step (read back as STATE_<name>). */
export function saveState(name: string, value: string): void {
  fileCommand('STATE', name, value);
}

export function getState(name: string, env: NodeJS.ProcessEnv = process.env): string {
  return env[`STATE_${name}`] ?? '';
}

/** Appends Markdown to the job summary, when the runner provides one. */
export function appendSummary(markdown: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const path = env['GITHUB_STEP_SUMMARY'];
  if (!path) return false;
  fs.appendFileSync(path, `${markdown}${os.EOL}`, 'utf8');
  return true;
}
