/**
 * What the CLI prints and writes: plain log lines (never workflow commands), a live status line on
 * a terminal, the results array for --json and dotenv lines for --output-env.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { EngineLog } from '../engine/run.js';
import type { ChangedEvent, Reporter, TriggeredEvent } from '../engine/reporters/types.js';
import { Scrubber } from '../public/scrub.js';
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
  private readonly secrets = new Scrubber();
  private live: (() => string) | undefined;
  private liveShown = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly out: Sink,
    private readonly verbose = false,
  ) {}

  /** Never print this value (tokens, keys), as sent, encoded or in base64. */
  mask(secret: string): void {
    this.secrets.add(secret);
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
    this.out.write(`${safeLine(this.redact(message), 2000)}\n`);
    this.drawLive();
  }

  private redact(text: string): string {
    return this.secrets.scrub(text);
  }

  private clearLive(): void {
    if (!this.liveShown) return;
    this.out.write('\r\x1b[2K');
    this.liveShown = false;
  }

  private drawLive(): void {
    if (!this.live) return;
    this.out.write(`\r\x1b[2K${safeLine(this.redact(this.live()), 200)}`);
    this.liveShown = true;
  }
}

/**
 * The live line of a run: each build's state, and the time since the first trigger. Several
 * targets share it (one reporter each), and it goes away when the last build it shows ends.
 */
export class LiveLine {
  private readonly builds = new Map<string, string>();
  private since: number | undefined;

  constructor(
    private readonly log: CliLog,
    private readonly now: () => number,
  ) {}

  /** A reporter for one build; with `name`, its part of the line starts with `[name]`. */
  reporter(name?: string): Reporter {
    const key = name ?? '';
    const update = (event: TriggeredEvent | ChangedEvent): void => {
      const id = event.build.id ? ` ${event.build.id}` : '';
      const text = `${event.providerTitle} build${id}: ${event.build.state} (${event.build.providerStatus})`;
      this.builds.set(key, name ? `[${name}] ${event.build.state}` : text);
    };
    const end = async (): Promise<void> => {
      this.builds.delete(key);
      if (this.builds.size === 0) {
        this.log.stopLive();
        this.since = undefined;
      }
    };
    return {
      name: 'live line',
      triggered: async (event) => {
        if (!event.waiting) return;
        this.since ??= event.at;
        update(event);
        this.log.startLive(() => this.render());
      },
      changed: async (event) => {
        if (this.builds.has(key)) update(event);
      },
      finished: end,
      cancelled: end,
    };
  }

  private render(): string {
    const elapsed = formatDuration(this.now() - (this.since ?? this.now()));
    return `… ${[...this.builds.values()].join(' · ')} · ${elapsed}`;
  }
}

/** GitLab refuses a dotenv report over 5 KB (its `dotenv_size` limit), failing the job. */
export const DOTENV_MAX_BYTES = 5120;

/**
 * Dotenv lines for GitLab's `artifacts:reports:dotenv`, one per output of the action
 * (`build-id` -> `BUILD_ID=...`, `results` -> `RESULTS=[...]`, JSON on one line). GitLab takes a
 * value to the end of its line, so line breaks are replaced by spaces. `RESULTS` is left out when
 * it would take the file over GitLab's limit (`dropped` says so); the rest is a few hundred bytes.
 */
export function dotenvLines(outputs: Readonly<Record<string, string>>): {
  text: string;
  dropped: string[];
} {
  const render = (keys: string[]): string =>
    keys
      .map(
        (key) =>
          `${key.toUpperCase().replace(/-/g, '_')}=${(outputs[key] ?? '').replace(/[\r\n]+/g, ' ')}\n`,
      )
      .join('');
  const text = render(Object.keys(outputs));
  if (Buffer.byteLength(text, 'utf8') <= DOTENV_MAX_BYTES) return { text, dropped: [] };
  return {
    text: render(Object.keys(outputs).filter((key) => key !== 'results')),
    dropped: ['RESULTS'],
  };
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
