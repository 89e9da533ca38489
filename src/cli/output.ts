/**
 * What the CLI prints and writes: plain log lines (never workflow commands), a live status line on
 * a terminal, the results array for --json and dotenv lines for --output-env.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { EngineLog, Outcome } from '../engine/run.js';
import type { ChangedEvent, Reporter, TriggeredEvent } from '../engine/reporters/types.js';
import { formatDuration, safeLine } from '../text.js';

/** A stream the CLI writes to (process.stdout or process.stderr, or a test double). */
export interface Sink {
  write(text: string): unknown;
  isTTY?: boolean;
}

/**
 * The engine's log for people at a terminal or in a CI log: one plain line each, secrets replaced
 * by `***`, and on a TTY a live line (state and elapsed time) kept under the last line printed.
 */
export class CliLog implements EngineLog {
  private readonly secrets = new Set<string>();
  private live: (() => string) | undefined;
  private liveShown = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly out: Sink,
    private readonly verbose = false,
  ) {}

  /** Never print this value (tokens, keys). */
  mask(secret: string): void {
    if (secret.length >= 3) this.secrets.add(secret);
  }

  info(message: string): void {
    this.line(message);
  }

  warning(message: string): void {
    this.line(`warning: ${message}`);
  }

  error(message: string): void {
    this.line(`error: ${message}`);
  }

  debug(message: string): void {
    if (this.verbose) this.line(`debug: ${message}`);
  }

  async group<T>(name: string, fn: () => Promise<T>): Promise<T> {
    this.line(`── ${name}`);
    return fn();
  }

  untrusted(lines: string[]): void {
    // The provider's text, indented so no line of it can start with anything that means something.
    for (const line of lines) this.line(`  │ ${line}`);
  }

  /** Shows `render()` as a live line (refreshed every second) on a TTY; nothing otherwise. */
  startLive(render: () => string): void {
    if (!this.out.isTTY) return;
    this.live = render;
    this.drawLive();
    this.timer ??= setInterval(() => this.drawLive(), 1000);
    this.timer.unref();
  }

  stopLive(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.clearLive();
    this.live = undefined;
  }

  private line(message: string): void {
    this.clearLive();
    this.out.write(`${this.redact(safeLine(message, 2000))}\n`);
    this.drawLive();
  }

  private redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join('***');
    return out;
  }

  private clearLive(): void {
    if (!this.liveShown) return;
    this.out.write('\r\x1b[2K');
    this.liveShown = false;
  }

  private drawLive(): void {
    if (!this.live) return;
    this.out.write(`\r\x1b[2K${this.redact(safeLine(this.live(), 200))}`);
    this.liveShown = true;
  }
}

/** A reporter that keeps the live line current: the build's state and the time since the trigger. */
export class LiveLineReporter implements Reporter {
  readonly name = 'live line';
  private text = '';
  private since = 0;

  constructor(
    private readonly log: CliLog,
    private readonly now: () => number,
  ) {}

  async triggered(event: TriggeredEvent): Promise<void> {
    this.since = event.at;
    if (!event.waiting) return;
    this.update(event);
    this.log.startLive(() => `… ${this.text} · ${formatDuration(this.now() - this.since)}`);
  }

  async changed(event: ChangedEvent): Promise<void> {
    this.update(event);
  }

  async finished(): Promise<void> {
    this.log.stopLive();
  }

  async cancelled(): Promise<void> {
    this.log.stopLive();
  }

  private update(event: TriggeredEvent | ChangedEvent): void {
    const id = event.build.id ? ` ${event.build.id}` : '';
    this.text = `${event.providerTitle} build${id}: ${event.build.state} (${event.build.providerStatus})`;
  }
}

/** One entry of `results` (the same keys as the action's outputs, plus name and provider). */
export type ResultEntry = Record<
  | 'name'
  | 'provider'
  | 'build-id'
  | 'status'
  | 'provider-status'
  | 'deploy-url'
  | 'artifact-url'
  | 'log-url'
  | 'docker-image'
  | 'duration',
  string
>;

/** The results array of a run: one entry per build. */
export function resultsOf(outcome: Outcome, provider: string, name = provider): ResultEntry[] {
  const b = outcome.build;
  return [
    {
      name,
      provider,
      'build-id': b?.id ?? '',
      status: outcome.status,
      'provider-status': b?.providerStatus ?? '',
      'deploy-url': b?.deployUrl ?? '',
      'artifact-url': b?.artifactUrl ?? '',
      'log-url': b?.logUrl ?? '',
      'docker-image': b?.dockerImage ?? '',
      duration: String(Math.round(outcome.durationMs / 1000)),
    },
  ];
}

/**
 * Dotenv lines for GitLab's `artifacts:reports:dotenv`: `BUILD_ID=...`, one per output. GitLab
 * takes a value to the end of its line, so line breaks are replaced by spaces.
 */
export function dotenvLines(result: ResultEntry): string {
  const keys: (keyof ResultEntry)[] = [
    'build-id',
    'status',
    'provider-status',
    'deploy-url',
    'artifact-url',
    'log-url',
    'docker-image',
    'duration',
  ];
  return keys
    .map(
      (key) => `${key.toUpperCase().replace(/-/g, '_')}=${result[key].replace(/[\r\n]+/g, ' ')}\n`,
    )
    .join('');
}

/** Writes a file whole (a reader never sees half of it). */
export function writeFileAtomic(file: string, content: string): void {
  const temp = path.join(
    path.dirname(path.resolve(file)),
    `.${path.basename(file)}.${crypto.randomUUID()}`,
  );
  fs.writeFileSync(temp, content, 'utf8');
  fs.renameSync(temp, file);
}
