import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { readSettings } from '../../../src/inputs.js';
import {
  describeFailedJobs,
  runState,
  UNTITLED_GRACE_MS,
} from '../../../src/providers/github-workflow/adapter.js';
import { CLOCK_SLACK_MS, matchRun } from '../../../src/providers/github-workflow/match.js';
import {
  parseWorkflowInputs,
  readWorkflowSettings,
  type WorkflowSettings,
} from '../../../src/providers/github-workflow/settings.js';
import { instantClock } from '../fake-clock.js';
import { API, makeProvider } from './harness.js';
import type { WireRun } from '../../../src/providers/github-workflow/wire.js';
import type { EventRef } from '../../../src/github-event.js';

const AT = Date.parse('2026-12-03T07:00:00.400Z');
const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString();
const run = (id: number, offsetMs: number, title = 'CI'): WireRun => ({
  id,
  event: 'workflow_dispatch',
  created_at: iso(AT + offsetMs),
  display_title: title,
  status: 'queued',
  conclusion: null,
});

describe('matchRun: which run a dispatch started', () => {
  it('with a distinct id takes the run whose title carries it, whatever the order', () => {
    const id = '0b6f5d1c-2f43-4a52-9c49-6a1e2b4c8d10';
    const runs = [run(3, 900, 'CI other'), run(2, 0, `CI ${id}`), run(1, -200, 'CI someone')];
    const match = matchRun(runs, { at: AT, distinctId: id });
    expect(match.run?.id).toBe(2);
    expect(match.candidates).toBe(1);
    expect(match.untitled).toBe(2);
  });

  it('with a distinct id takes nothing when no title carries it (never a guess)', () => {
    const match = matchRun([run(5, 0, 'CI')], { at: AT, distinctId: 'abc' });
    expect(match.run).toBeUndefined();
    expect(match.untitled).toBe(1);
  });

  it('without one takes the oldest new run and counts the candidates', () => {
    const match = matchRun([run(9, 2000), run(8, 0), run(7, 1000)], { at: AT });
    expect(match.run?.id).toBe(8);
    expect(match.candidates).toBe(3);
  });

  it('leaves out runs listed before the dispatch, other events and runs from before it', () => {
    const runs = [
      run(1, 0),
      { ...run(2, 0), event: 'push' },
      run(3, -CLOCK_SLACK_MS - 1000),
      run(4, 500),
    ];
    const match = matchRun(runs, { at: AT, known: new Set([1]) });
    expect(match.run?.id).toBe(4);
    expect(match.candidates).toBe(1);
  });

  it('takes a run stamped in the second before the dispatch (GitHub stamps whole seconds)', () => {
    expect(matchRun([run(1, -400)], { at: AT }).run?.id).toBe(1);
  });

  it('for every order of the list, the pick is the same (invariant)', () => {
    const runs = [run(4, 3000), run(2, 1000), run(3, 1000), run(1, 0, 'CI x-id')];
    const permutations = (list: WireRun[]): WireRun[][] =>
      list.length <= 1
        ? [list]
        : list.flatMap((first, i) =>
            permutations([...list.slice(0, i), ...list.slice(i + 1)]).map((rest) => [
              first,
              ...rest,
            ]),
          );
    const orders = permutations(runs);
    expect(orders).toHaveLength(24);
    const picks = new Set(orders.map((order) => matchRun(order, { at: AT }).run?.id));
    const idPicks = new Set(
      orders.map((order) => matchRun(order, { at: AT, distinctId: 'x-id' }).run?.id),
    );
    expect([...picks]).toEqual([1]);
    expect([...idPicks]).toEqual([1]);
  });
});

describe('runState and the failure line', () => {
  it.each([
    ['queued', null, 'queued'],
    ['waiting', null, 'queued'],
    ['in_progress', null, 'building'],
    ['completed', 'success', 'success'],
    ['completed', 'skipped', 'success'],
    ['completed', 'cancelled', 'cancelled'],
    ['completed', 'failure', 'failure'],
    ['completed', 'timed_out', 'failure'],
    ['completed', 'startup_failure', 'failure'],
  ] as const)('%s / %s is %s', (status, conclusion, state) => {
    expect(runState({ status, conclusion })).toBe(state);
  });

  it('names each failed job with its failed steps and link, not the passing ones', () => {
    expect(
      describeFailedJobs([
        { name: 'build', conclusion: 'success', html_url: 'https://g/j/1' },
        {
          name: 'test',
          conclusion: 'failure',
          html_url: 'https://g/j/2',
          steps: [
            { name: 'Set up job', conclusion: 'success' },
            { name: 'Run tests', conclusion: 'failure' },
          ],
        },
        { name: 'e2e', conclusion: 'timed_out', html_url: null, steps: [] },
      ]),
    ).toEqual(['job "test" failed at step "Run tests" (https://g/j/2)', 'job "e2e" timed out']);
  });
});

describe('github-workflow inputs', () => {
  const env = { repository: 'octo-org/app', apiUrl: '' };
  const reader = (values: Record<string, string>) => (name: string) => values[name] ?? '';
  const common = { token: '', githubToken: 'ghs_x' };

  it("this repository by default: the event's branch (taken when the run starts), github-token", () => {
    const own = readWorkflowSettings(reader({ workflow: 'ci.yml' }), common, env);
    expect(own).toMatchObject({ owner: 'octo-org', repo: 'app', ref: '', token: 'ghs_x' });
  });

  it('this repository and its API are what the host says (RunFacts)', () => {
    const values: Record<string, string> = {
      provider: 'github-workflow',
      workflow: 'ci.yml',
      'github-token': 'ghs_x',
    };
    const settings = readSettings(
      (n) => values[n] ?? '',
      () => undefined,
      { repository: 'octo-org/app', apiUrl: 'https://ghe.example.com/api/v3/' },
    );
    expect(settings.own).toMatchObject({ repo: 'app', ref: '', token: 'ghs_x' });
    // GHES without api-url: the run's own API.
    expect(settings.apiUrl).toBe('https://ghe.example.com/api/v3');
    // Without the host's word there is no "this repository" to default to, and the API is
    // github.com's.
    expect(
      readSettings(
        (n) => ({ ...values, repository: 'octo-org/app', ref: 'main', token: 'pat' })[n] ?? '',
        () => undefined,
      ).apiUrl,
    ).toBe('https://api.github.com');
    expect(() =>
      readSettings(
        (n) => values[n] ?? '',
        () => undefined,
      ),
    ).toThrow(/Input 'repository' is required/);
  });

  it('another repository needs its own ref and token', () => {
    const get = reader({ workflow: 'ci.yml', repository: 'octo-org/deploy' });
    expect(() => readWorkflowSettings(get, common, env)).toThrow(/Input 'ref'.*another/);
    const withRef = reader({ workflow: 'ci.yml', repository: 'octo-org/deploy', ref: 'main' });
    expect(() => readWorkflowSettings(withRef, common, env)).toThrow(/Input 'token'.*GITHUB_TOKEN/);
  });

  it.each([
    ['repository', 'octo-org', /owner\/name/],
    ['repository', 'a/..', /owner\/name/],
    ['workflow', 'ci', /file name/],
    ['ref', 'main branch', /branch or tag/],
    ['distinct-id-input', 'a b', /name of a workflow input/],
  ])('refuses %s %j', (input, value, message) => {
    const get = reader({ workflow: 'ci.yml', [input]: value });
    const error = (() => {
      try {
        readWorkflowSettings(get, common, env);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).input).toBe(input);
    expect(String(error)).toMatch(message);
  });

  it('workflow: a path under .github/workflows is its file name', () => {
    const get = reader({ workflow: '.github/workflows/deploy.yaml' });
    expect(readWorkflowSettings(get, common, env).workflow).toBe('deploy.yaml');
  });

  it('workflow-inputs: YAML or JSON, values kept as written, at most 25', async () => {
    expect(await parseWorkflowInputs('version: 1.10\ndry-run: true')).toEqual({
      version: '1.10',
      'dry-run': 'true',
    });
    expect(await parseWorkflowInputs('{"environment": "staging", "n": 3}')).toEqual({
      environment: 'staging',
      n: '3',
    });
    await expect(parseWorkflowInputs('a: [1, 2]')).rejects.toThrow(/single values/);
    await expect(parseWorkflowInputs('- a')).rejects.toThrow(/map/);
    const many = Array.from({ length: 26 }, (_, i) => `k${i}: v`).join('\n');
    await expect(parseWorkflowInputs(many)).rejects.toThrow(/at most 25/);
  });

  it('readSettings puts them on settings.own, and a missing token is no error for this repository', () => {
    const values: Record<string, string> = {
      provider: 'github-workflow',
      workflow: 'ci.yml',
      repository: 'octo-org/deploy',
      ref: 'v1.2.0',
      token: 'pat',
    };
    const settings = readSettings(
      (n) => values[n] ?? '',
      () => undefined,
    );
    expect(settings.provider).toBe('github-workflow');
    expect(settings.own).toMatchObject({
      repo: 'deploy',
      ref: 'v1.2.0',
      token: 'pat',
    });
    expect(settings.statusContext).toBe('build/github-workflow');
  });
});

describe('github-workflow adapter on GHES (nock)', () => {
  const REPO = '/repos/octo-org/deploy';
  const own = (extra: Partial<WorkflowSettings> = {}): WorkflowSettings => ({
    project: '',
    owner: 'octo-org',
    repo: 'deploy',
    workflow: 'ci.yml',
    ref: 'main',
    inputsText: '',
    distinctIdInput: 'distinct_id',
    cancelOnTimeout: false,
    token: 'secret-token',
    ...extra,
  });
  const ghes = () =>
    nock(API).get(`${REPO}/actions/workflows/ci.yml`).reply(
      200,
      { id: 1001, path: '.github/workflows/ci.yml', state: 'active' },
      {
        'X-GitHub-Enterprise-Version': '3.19.0',
      },
    );

  afterEach(() => nock.cleanAll());

  it('fails after a minute when new runs appear and none shows the id (no run-name line)', async () => {
    const clock = instantClock();
    const { adapter } = makeProvider(
      'github-workflow',
      { own: own(), timeoutMs: 600_000 },
      { clock },
    );
    ghes();
    const list = (runs: WireRun[]) =>
      nock(API)
        .get(`${REPO}/actions/workflows/ci.yml/runs`)
        .query(true)
        .reply(200, { total_count: runs.length, workflow_runs: runs });
    list([]);
    nock(API).post(`${REPO}/actions/workflows/ci.yml/dispatches`).reply(204);
    await adapter.prepare?.();
    const build = await adapter.trigger();
    expect(build.id).toBe('');
    const untitled: WireRun = {
      id: 77,
      event: 'workflow_dispatch',
      display_title: 'CI',
      status: 'queued',
      conclusion: null,
      created_at: new Date(clock.now() + 1000).toISOString(),
    };
    list([untitled]);
    expect((await adapter.poll(build)).id).toBe('');
    clock.advance(UNTITLED_GRACE_MS + 1000);
    list([untitled]);
    const error = await adapter.poll(build).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(String(error)).toMatch(/none carries this run's id/);
    expect(String(error)).toContain('run-name: ${{ github.workflow }} ${{ inputs.distinct_id }}');
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('refuses more than 10 inputs on GHES before dispatching', async () => {
    const inputsText = Array.from({ length: 10 }, (_, i) => `k${i}: v`).join('\n');
    const { adapter } = makeProvider('github-workflow', { own: own({ inputsText }) });
    ghes();
    await adapter.prepare?.();
    const error = await adapter.trigger().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect(String(error)).toMatch(
      /sends 11 inputs; GitHub Enterprise Server 3.19.0 takes at most 10/,
    );
    expect(nock.pendingMocks()).toEqual([]);
  });
});

describe("github-workflow without ref: this repository's branch the event is about", () => {
  const REPO = '/repos/octo-org/app';
  const here = (ref = ''): WorkflowSettings => ({
    project: '',
    owner: 'octo-org',
    repo: 'app',
    workflow: 'ci.yml',
    ref,
    inputsText: '',
    distinctIdInput: '',
    cancelOnTimeout: false,
    token: 'ghs_x',
  });

  afterEach(() => nock.cleanAll());

  /** The ref the dispatch sent, through the adapter, on github.com (the dispatch names its run). */
  async function dispatchedRef(own: WorkflowSettings, eventRef: EventRef): Promise<unknown> {
    const { adapter, logs } = makeProvider('github-workflow', { own }, { eventRef });
    let body: { ref?: unknown } = {};
    nock(API)
      .get(`${REPO}/actions/workflows/ci.yml`)
      .reply(200, { id: 1001, path: '.github/workflows/ci.yml', state: 'active' });
    nock(API)
      .get(`${REPO}/actions/workflows/ci.yml/runs`)
      .query(true)
      .reply(200, { total_count: 0, workflow_runs: [] });
    nock(API)
      .post(`${REPO}/actions/workflows/ci.yml/dispatches`, (b: { ref?: unknown }) => {
        body = b;
        return true;
      })
      .reply(200, {
        workflow_run_id: 5,
        run_url: `${API}${REPO}/actions/runs/5`,
        html_url: `https://github.com/octo-org/app/actions/runs/5`,
      });
    await adapter.prepare?.();
    await adapter.trigger();
    expect(logs.some((l) => l.includes(eventRef.from))).toBe(!own.ref);
    return body.ref;
  }

  it("dispatches on the event's branch, and says where it came from", async () => {
    const eventRef = { name: 'feature/login', from: 'workflow_run.head_branch' };
    expect(await dispatchedRef(here(), eventRef)).toBe('feature/login');
  });

  it('ref wins over the event', async () => {
    const eventRef = { name: 'feature/login', from: 'workflow_run.head_branch' };
    expect(await dispatchedRef(here('main'), eventRef)).toBe('main');
  });

  it('an event with no branch here is a bad ref input, before anything is sent', async () => {
    const from =
      "the pull request's head branch 'patch-1' is in the fork someone/app, not in this repository";
    const { adapter } = makeProvider(
      'github-workflow',
      { own: here() },
      { eventRef: { name: '', from } },
    );
    const error = await Promise.resolve(adapter.prepare?.()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).input).toBe('ref');
    expect(String(error)).toContain(from);
    expect(String(error)).toContain('set ref');
  });
});
