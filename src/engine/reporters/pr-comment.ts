import { describeError } from '../../errors.js';
import type { Build, Logger } from '../../providers/types.js';
import { publicLink } from '../../public/links.js';
import { formatDuration, safeLine } from '../../text.js';
import type { GitHubApi, IssueComment } from '../github.js';
import type { Outcome } from '../types.js';
import { isActionFailure } from '../verdict.js';
import {
  readSaved,
  Refusals,
  type ChangedEvent,
  type FinishedEvent,
  type PostCloser,
  type Reporter,
  type TriggeredEvent,
} from './types.js';

/** The state key the post step reads to finish a comment the main step left at "building". */
export const COMMENT_STATE_KEY = 'pr-comment';

/** GitHub refuses comment bodies of 65,536 characters or more. */
export const MAX_COMMENT = 65_536;

/**
 * Who GITHUB_TOKEN acts as. Used only when the token's identity cannot be read (GraphQL `viewer`
 * fails): the default token is by far the most common one.
 */
export const GITHUB_ACTIONS_LOGIN = 'github-actions[bot]';

/** Where a run stands, as the comment shows it. */
export type CommentPhase =
  'queued' | 'building' | 'triggered' | 'success' | 'failure' | 'timed_out' | 'cancelled' | 'error';

/** Everything the comment shows; saved for the post step, so it holds no secrets. */
export interface CommentView {
  context: string;
  providerTitle: string;
  project: string;
  phase: CommentPhase;
  buildId?: string;
  providerStatus?: string;
  deployUrl?: string;
  logUrl?: string;
  artifactUrl?: string;
  durationMs?: number;
  sha: string;
  runUrl: string;
  /** Why it did not succeed, in the provider's or the action's words. */
  reason?: string;
}

/** The hidden first line that finds this context's comment again; the context cannot break it. */
export function commentMarker(context: string): string {
  return `<!-- trigger-build-action:pr-comment context=${encodeURIComponent(context)} -->`;
}

/**
 * Escapes untrusted text (provider words, failure reasons) for Markdown: every punctuation mark
 * that could open a link, an image, HTML, a code span or emphasis is backslash-escaped, and a
 * zero-width space breaks `@mentions`, `#123` references and bare URLs, which GitHub links after
 * rendering (so backslashes alone would not stop them). One line, at most `max` characters.
 */
export function markdownText(text: string, max = 300): string {
  return safeLine(text, max)
    .replace(/[\\`*_{}[\]()<>#+\-.!|~&"'=:@$%^;?,/]/g, (c) => `\\${c}`)
    .replace(/@/g, '@\u200b')
    .replace(/#/g, '#\u200b')
    .replace(/:\\\//g, ':\u200b\\/')
    .replace(/(w)(w)(w)\\\./gi, '$1$2$3\u200b\\.');
}

/**
 * A link with our own label, only to a public link (src/public/links.ts: http(s), no credentials,
 * no query). The URL parser percent-encodes most of what Markdown could read; `<`, `>` and `|`
 * are encoded here, and the `<...>` destination makes parentheses plain characters.
 */
function link(label: string, url: string | undefined): string | undefined {
  const href = publicLink(url);
  if (href === undefined) return undefined;
  return `[${label}](<${href.replace(/[<>|]/g, (c) => encodeURIComponent(c))}>)`;
}

/** "preview.example.com/app" for a deploy URL: what a reader needs, without the scheme. */
function urlLabel(url: string): string {
  try {
    const parsed = new URL(url);
    let label = `${parsed.host}${parsed.pathname}`;
    while (label.endsWith('/')) label = label.slice(0, -1);
    return label;
  } catch {
    return '';
  }
}

const ICONS: Record<CommentPhase, string> = {
  queued: '🕒',
  building: '⏳',
  triggered: '🚀',
  success: '✅',
  failure: '❌',
  timed_out: '⏱️',
  cancelled: '🚫',
  error: '⚠️',
};

const HEADLINES: Record<CommentPhase, string> = {
  queued: 'queued',
  building: 'building',
  triggered: 'triggered (not followed: wait is false)',
  success: 'succeeded',
  failure: 'failed',
  timed_out: 'timed out',
  cancelled: 'cancelled',
  error: 'could not finish',
};

/** The provider's own status word after our headline, unless it only repeats it ("failed (failed)"). */
function providerWord(word: string | undefined, headline: string): string {
  const said = word?.trim() ?? '';
  return said === '' || said.toLowerCase() === headline ? '' : ` (${markdownText(said, 80)})`;
}

/** The comment's Markdown: under GitHub's 65,536 characters whatever the provider sends. */
export function renderComment(view: CommentView): string {
  const rows: [string, string | undefined][] = [
    ['Project', view.project ? markdownText(view.project, 120) : undefined],
    ['Build', view.buildId ? markdownText(view.buildId, 120) : undefined],
    [
      'Status',
      `${ICONS[view.phase]} ${HEADLINES[view.phase]}${providerWord(view.providerStatus, HEADLINES[view.phase])}`,
    ],
    [
      'Deploy URL',
      view.deployUrl
        ? link(markdownText(urlLabel(view.deployUrl), 200), view.deployUrl)
        : undefined,
    ],
    ['Build log', link('Open the build log', view.logUrl)],
    ['Artifact', link('Download the artifact', view.artifactUrl)],
    ['Duration', view.durationMs !== undefined ? formatDuration(view.durationMs) : undefined],
    ['Commit', /^[0-9a-f]{7,40}$/i.test(view.sha) ? view.sha.slice(0, 7) : undefined],
    ['Reason', view.reason ? markdownText(view.reason, 1000) : undefined],
  ];
  const table = rows
    .filter((row): row is [string, string] => row[1] !== undefined && row[1] !== '')
    .map(([key, value]) => `| ${key} | ${value} |`)
    .join('\n');
  const run = link('workflow run', view.runUrl);
  const body = [
    commentMarker(view.context),
    `### ${ICONS[view.phase]} ${markdownText(view.providerTitle, 60)} build ${HEADLINES[view.phase]}`,
    '',
    '| | |',
    '|---|---|',
    table,
    '',
    `<sub>Status context ${markdownText(view.context, 255)}${run ? ` · ${run}` : ''} · updated in place by trigger-build-action</sub>`,
    '',
  ].join('\n');
  // Every field is bounded, so this never triggers; it guards the limit if fields grow.
  return body.length < MAX_COMMENT ? body : `${body.slice(0, MAX_COMMENT - 2)}…`;
}

/**
 * This context's comment on the pull request: the oldest one whose first line is the marker and
 * whose author is the token's own identity, looked for through every page of comments. Someone
 * else's comment with the same text (quoted, copied, or planted) is never taken, nor another
 * context's. `identity` is asked only when a comment carries the marker.
 */
export async function findStickyComment(
  api: Pick<GitHubApi, 'listIssueComments'>,
  issue: number,
  context: string,
  identity: () => Promise<string>,
): Promise<IssueComment | undefined> {
  const marker = commentMarker(context);
  let me: string | undefined;
  for await (const page of api.listIssueComments(issue)) {
    for (const comment of page) {
      if (!comment.body.trimStart().startsWith(marker)) continue;
      me ??= (await identity()).toLowerCase();
      if (comment.author.toLowerCase() === me) return comment;
    }
  }
  return undefined;
}

/** How a run's outcome reads in the comment. */
function phaseOf(outcome: Outcome): CommentPhase {
  if (outcome.status === 'queued' || outcome.status === 'building') return 'triggered';
  if (isActionFailure(outcome)) return 'error';
  return outcome.status;
}

/** What the comment reporter needs to know about the run. */
export interface CommentOptions {
  api: GitHubApi | undefined;
  owner: string;
  repo: string;
  apiUrl: string;
  /** The pull request; undefined means none (the event is not about one and no pr-number). */
  prNumber: number | undefined;
  context: string;
  project: string;
  sha: string;
  runUrl: string;
  log: Logger;
  saveState: (key: string, value: string) => void;
}

/** What the main step leaves for the post step. */
export interface SavedComment {
  owner: string;
  repo: string;
  apiUrl: string;
  commentId: number;
  /** `open`: still says building; `done`: says how the run ended. */
  phase: 'open' | 'done';
  view: CommentView;
  /** Clock time of the trigger, for the duration the post step shows. */
  triggeredAt: number;
}

/**
 * One comment per pull request and status context, kept up to date: "building" with a live link
 * at the trigger, then the result. Re-runs find the same comment (by its marker and author) and
 * edit it. A 403 (fork pull requests, no `pull-requests: write`) is one warning.
 */
export class PullRequestCommentReporter implements Reporter {
  readonly name = 'pull request comment';
  private commentId: number | undefined;
  private commentUrl: string | undefined;
  private identity: string | undefined;
  private readonly refusals: Refusals;
  private triggeredAt = 0;
  private lastState: Build['state'] | undefined;
  private view: CommentView | undefined;

  constructor(private readonly options: CommentOptions) {
    this.refusals = new Refusals(options.log, 'pull-requests: write');
    if (options.api && options.prNumber === undefined) {
      options.log.info(
        'pr-comment: this run is not about a pull request (its event names none, and no pr-number input), so no comment is written.',
      );
      this.refusals.off = true;
    }
  }

  outputs(): Record<string, string> {
    return this.commentUrl ? { 'comment-url': this.commentUrl } : {};
  }

  async triggered({ providerTitle, build, waiting, link, at }: TriggeredEvent): Promise<void> {
    this.triggeredAt = at;
    this.lastState = build.state;
    const phase: CommentPhase = !waiting
      ? 'triggered'
      : build.state === 'queued'
        ? 'queued'
        : 'building';
    await this.show(this.viewOf(providerTitle, build, phase, link), waiting ? 'open' : 'done');
  }

  async changed({ providerTitle, build, link }: ChangedEvent): Promise<void> {
    // Only a new state is worth an edit; the provider's own words change more often.
    if (build.state === this.lastState || build.state !== 'building') return;
    this.lastState = build.state;
    await this.show(this.viewOf(providerTitle, build, 'building', link), 'open');
  }

  async finished({ outcome, link, local }: FinishedEvent): Promise<void> {
    // A bad input found before anything was sent: the step's error says it; GitHub hears nothing.
    if (local) return;
    const view: CommentView = {
      ...this.viewOf(outcome.providerTitle, outcome.build, phaseOf(outcome), link),
      durationMs: outcome.durationMs,
      ...(outcome.status !== 'success' && outcome.message ? { reason: outcome.message } : {}),
    };
    await this.show(view, 'done');
  }

  async cancelled(event: FinishedEvent): Promise<void> {
    await this.finished(event);
  }

  private viewOf(
    providerTitle: string,
    build: Build | undefined,
    phase: CommentPhase,
    link: string | undefined,
  ): CommentView {
    const logUrl = publicLink(build?.logUrl);
    const live = logUrl ?? (link !== this.options.runUrl ? publicLink(link) : undefined);
    return {
      context: this.options.context,
      providerTitle,
      project: this.options.project,
      phase,
      ...(build?.id ? { buildId: build.id } : {}),
      ...(build?.providerStatus ? { providerStatus: build.providerStatus } : {}),
      ...(publicLink(build?.deployUrl) ? { deployUrl: build?.deployUrl } : {}),
      ...(live ? { logUrl: live } : {}),
      ...(build?.artifactUrl ? { artifactUrl: build.artifactUrl } : {}),
      sha: this.options.sha,
      runUrl: this.options.runUrl,
    };
  }

  /** Writes the view: edits this run's comment, else the one a earlier run left, else a new one. */
  private async show(view: CommentView, phase: SavedComment['phase']): Promise<void> {
    const { api, prNumber } = this.options;
    if (!api || this.refusals.off || prNumber === undefined) return;
    this.view = view;
    const body = renderComment(view);
    try {
      let written: IssueComment;
      if (this.commentId === undefined) {
        const found = await findStickyComment(api, prNumber, this.options.context, () =>
          this.whoAmI(api),
        );
        written = found
          ? await api.updateIssueComment(found.id, body)
          : await api.createIssueComment(prNumber, body);
        this.options.log.info(
          `${found ? 'Updated the' : 'Commented on'} pull request #${prNumber} (${this.options.context}).`,
        );
        // The author of what we wrote is the identity, whatever the token is.
        if (written.author) this.identity = written.author;
      } else {
        written = await api.updateIssueComment(this.commentId, body);
      }
      this.commentId = written.id;
      if (written.url) this.commentUrl = written.url;
      this.save(phase);
    } catch (error) {
      this.refusals.note(error, 'write the pull request comment');
    }
  }

  /**
   * The token's login. GraphQL `viewer` answers every kind of token (REST `GET /user` refuses
   * installation tokens); if even that fails, the token is taken to be GITHUB_TOKEN.
   */
  private async whoAmI(api: GitHubApi): Promise<string> {
    if (this.identity) return this.identity;
    try {
      this.identity = await api.viewerLogin();
    } catch (error) {
      this.options.log.debug(
        `Could not read the token's identity (${describeError(error)}); assuming ${GITHUB_ACTIONS_LOGIN}.`,
      );
      this.identity = GITHUB_ACTIONS_LOGIN;
    }
    return this.identity;
  }

  private save(phase: SavedComment['phase']): void {
    if (this.commentId === undefined || !this.view) return;
    const saved: SavedComment = {
      owner: this.options.owner,
      repo: this.options.repo,
      apiUrl: this.options.apiUrl,
      commentId: this.commentId,
      phase,
      view: this.view,
      triggeredAt: this.triggeredAt,
    };
    this.options.saveState(COMMENT_STATE_KEY, JSON.stringify(saved));
  }
}

/** The post step's half: a comment still saying "building" after a cancel or kill says cancelled. */
export const commentCloser: PostCloser = {
  stateKey: COMMENT_STATE_KEY,
  async close(raw, { github, log }) {
    const saved = readSaved<SavedComment>(raw, 'comment', log);
    if (!saved || saved.phase === 'done' || !github || typeof saved.commentId !== 'number') return;
    const view: CommentView = {
      ...saved.view,
      phase: 'cancelled',
      durationMs: Math.max(0, Date.now() - saved.triggeredAt),
      reason: 'Cancelled: the workflow stopped before the build finished',
    };
    try {
      await github(saved.owner, saved.repo, saved.apiUrl).updateIssueComment(
        saved.commentId,
        renderComment(view),
      );
      log.info('Pull request comment: cancelled (the main step did not finish it).');
    } catch (error) {
      log.warning(`Post step could not finish the pull request comment: ${describeError(error)}`);
    }
  },
};
