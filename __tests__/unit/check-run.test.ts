import { describe, expect, it } from 'vitest';
import { runPost } from '../../src/engine/post.js';
import {
  CHECK_RUN_STATE_KEY,
  CheckRunReporter,
  checkConclusion,
  logText,
  MAX_CHECK_TEXT,
} from '../../src/engine/reporters/check-run.js';
import { runBuild } from '../../src/engine/run.js';
import type { Outcome, OutcomeEnd, OutcomeStatus } from '../../src/engine/types.js';
import { deps, logger, scripted } from './engine-harness.js';
import { fakeGithubApi } from './fake-github.js';

const outcome = (status: OutcomeStatus, end: OutcomeEnd): Outcome => ({
  status,
  end,
  providerTitle: 'Fakeprov',
  build: undefined,
  durationMs: 1000,
});

describe('checkConclusion', () => {
  it.each([
    ['success', 'build', 'success'],
    ['failure', 'build', 'failure'],
    ['cancelled', 'build', 'cancelled'],
    ['queued', 'build', 'neutral'],
    ['timed_out', 'timed-out', 'timed_out'],
    ['cancelled', 'cancelled', 'cancelled'],
    ['cancelled', 'stopped', 'cancelled'],
    ['failure', 'action-error', 'failure'],
    ['success', 'action-error', 'failure'],
  ] as const)('%s ended by %s is %s', (status, end, conclusion) => {
    expect(checkConclusion(outcome(status, end))).toBe(conclusion);
  });
});

describe('logText', () => {
  it('fences the log with more backticks than any run in it, so the log cannot close it', () => {
    const text = logText(
      { lines: ['a ```` b', 'c'], omittedLines: 0, omittedBytes: 0 },
      undefined,
    )!;
    expect(text).toMatch(/\n`````text\na ```` b\nc\n`````$/);
  });

  it("keeps within GitHub's 65,535 characters, the last lines, saying how many were left out", () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `line ${i} ${'x'.repeat(40)}`);
    const text = logText({ lines, omittedLines: 100, omittedBytes: 9000 }, 'https://logs.test/1')!;
    expect(text.length).toBeLessThanOrEqual(MAX_CHECK_TEXT);
    expect(text).toContain('line 4999');
    const kept = text.split('\n').filter((l) => l.startsWith('line ')).length;
    expect(text).toContain(`The last ${kept} lines`);
    expect(text).toContain(`${100 + 5000 - kept} earlier lines were left out`);
    expect(text).toContain('The whole log: https://logs.test/1');
  });
});

describe('check run through runBuild', () => {
  it('in_progress at the trigger, one update per state change, completed success; saved done', async () => {
    const world = fakeGithubApi();
    const { spec } = scripted(['queued', 'queued', 'building', 'building', 'success']);
    const { d, state } = deps(spec, { checkRun: true }, undefined, { world });
    const result = await runBuild(d);
    expect(result.status).toBe('success');
    expect(world.checkRuns).toHaveLength(1);
    const run = world.checkRuns[0]!;
    expect(run.name).toBe(d.settings.statusContext);
    expect(run.writes.map((w) => w.conclusion ?? w.status)).toEqual([
      'in_progress',
      'in_progress',
      'success',
    ]);
    expect(JSON.parse(state[CHECK_RUN_STATE_KEY]!).phase).toBe('done');
  });

  it('a 403 is one warning naming checks: write, and the build still gates', async () => {
    const world = fakeGithubApi();
    world.state.checksForbidden = true;
    const { spec } = scripted(['building', 'failure']);
    const { d, log } = deps(spec, { checkRun: true }, undefined, { world });
    const result = await runBuild(d);
    expect(result.status).toBe('failure');
    const said = log.lines.filter((w) => w.startsWith('warning: ') && /check run/.test(w));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/checks: write/);
  });

  it('the post step completes a run the main step left in progress, as cancelled', async () => {
    const world = fakeGithubApi();
    await world.api.createCheckRun({
      sha: 'a'.repeat(40),
      name: 'build/x',
      externalId: 'e-1',
      status: 'in_progress',
      output: { title: 'building', summary: 'building' },
    });
    const saved = {
      owner: 'o',
      repo: 'r',
      apiUrl: 'https://api.github.com',
      checkRunId: world.checkRuns[0]!.id,
      sha: 'a'.repeat(40),
      name: 'build/x',
      externalId: 'e-1',
      phase: 'open',
      output: { title: 'building', summary: 'building' },
    };
    await runPost({
      getState: (key) => (key === CHECK_RUN_STATE_KEY ? JSON.stringify(saved) : ''),
      token: 'ghs_x',
      github: () => world.api,
      log: logger(),
    });
    expect(world.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'cancelled' });
  });
});

describe('annotations', () => {
  it('go 50 a request, errors first, all of them up to 200; the summary says how many were found', async () => {
    const world = fakeGithubApi();
    const reporter = new CheckRunReporter({
      api: world.api,
      owner: 'o',
      repo: 'r',
      apiUrl: 'https://api.github.com',
      sha: 'a'.repeat(40),
      name: 'build/x',
      project: 'p',
      runUrl: 'https://github.com/o/r/actions/runs/1',
      log: logger(),
      saveState: () => undefined,
      now: () => 0,
      isRepoFile: (p) => p === 'src/app.ts',
    });
    const build = { id: 'b-1', state: 'building' as const, providerStatus: 'building' };
    await reporter.triggered({
      providerTitle: 'Fakeprov',
      build,
      waiting: true,
      link: undefined,
      at: 0,
    });
    const lines = [
      ...Array.from({ length: 30 }, (_, i) => `src/app.ts:${i + 1}:1 - warning TS6133: unused`),
      ...Array.from({ length: 220 }, (_, i) => `src/app.ts:${i + 1}:1 - error TS2322: bad`),
    ];
    await reporter.finished({
      outcome: { ...outcome('failure', 'build'), build: { ...build, state: 'failure' } },
      link: undefined,
      local: false,
      log: { lines, omittedLines: 0, omittedBytes: 0 },
    });
    const run = world.checkRuns[0]!;
    const sent = run.writes.slice(1).map((w) => w.output.annotations ?? []);
    expect(sent.map((a) => a.length)).toEqual([50, 50, 50, 50]);
    expect(sent.flat().every((a) => a.level === 'failure')).toBe(true);
    expect(run.writes.every((w) => w.output.title.length > 0)).toBe(true);
    expect(run.writes[1]!.output.summary).toContain('250 errors and warnings found in the log');
  });
});
