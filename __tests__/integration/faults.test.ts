/**
 * Fault injection: the bundled action against the sandbox while the sandbox answers badly. Every
 * test checks the outcome, how many builds the run created, that no credential reached a foreign
 * host, that no secret was printed outside `::add-mask::`, that the final commit status is not
 * pending, that the output holds no workflow command the action did not mean to issue, and that
 * the process exited within a second of its final status.
 *
 * Each provider gets its own sandbox, and the providers run side by side (tests within a provider
 * run one after another): most of a run is waiting, and this keeps the file near a minute.
 */
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import type { RunActionOptions, RunActionResult } from '../../sandbox/run-action.mjs';
import type { FaultSpec, RequestRecord, Sandbox, StatusRecord } from '../../sandbox/server.mjs';
import { useSandbox } from './sandbox-world.js';
import {
  actionStatuses,
  expectHygiene,
  inputsFor,
  runAction,
  runIn,
  SECRETS,
  type ProviderName,
} from './helpers.js';
import { itWithSignals } from './helpers.js';

const PROVIDERS: ProviderName[] = ['jamdesk', 'sitepaste', 'justdeploy', 'deskforge', 'deployhub'];
/** Providers that list their builds, so an ambiguous trigger can be looked up before a retry. */
const LISTING: ProviderName[] = ['justdeploy', 'deskforge', 'deployhub'];

const TITLES: Record<ProviderName, string> = {
  jamdesk: 'Jamdesk',
  sitepaste: 'Sitepaste',
  justdeploy: 'JustDeploy',
  deskforge: 'Deskforge',
  deployhub: 'DeployHub',
};

const BUILD_MS = 700;
/** A build still running when the first polls happen, so a glitch cannot pass for its end. */
const LONG_BUILD_MS = 3000;
/** The `timeout` input for runs that are meant to time out. */
const SHORT_TIMEOUT = '3s';
/** Per-test ceiling, and the ceiling for one child process. */
const TEST_MS = 20_000;
const CHILD_MS = 15_000;
/** Runs that look for a possibly-created build for the engine's whole window before retrying. */
const LOOKING_TEST_MS = TEST_MS + 12_000;
const LOOKING_CHILD_MS = CHILD_MS + 12_000;

/** The request that creates the build, per provider. */
const TRIGGER: Record<ProviderName, FaultSpec> = {
  jamdesk: {
    provider: 'jamdesk',
    host: 'api',
    method: 'POST',
    path: /^\/projects\/[^/]+\/rebuild$/,
  },
  sitepaste: { provider: 'sitepaste', host: 'api', method: 'POST', path: '/public/builds' },
  justdeploy: { provider: 'justdeploy', host: 'api', method: 'POST', path: /\/builds$/ },
  deskforge: {
    provider: 'deskforge',
    host: 'api',
    method: 'POST',
    path: /^\/projects\/[^/]+\/builds$/,
  },
  deployhub: { provider: 'deployhub', host: 'api', method: 'POST', path: /^\/api\/redeploy\// },
};

/**
 * The status poll, per provider: Jamdesk reports through GitHub commit statuses, Sitepaste is
 * watched on its live site (the foreign host), DeployHub reads its list until the build shows up.
 */
const POLL: Record<ProviderName, FaultSpec> = {
  jamdesk: { provider: 'github', host: 'api', method: 'GET', path: /\/commits\/[^/]+\/statuses$/ },
  sitepaste: { provider: 'sitepaste', host: 'foreign', method: 'GET', path: /^\/site\// },
  justdeploy: { provider: 'justdeploy', host: 'api', method: 'GET', path: /\/builds\/[^/]+$/ },
  deskforge: { provider: 'deskforge', host: 'api', method: 'GET', path: /^\/builds\/[^/]+$/ },
  deployhub: { provider: 'deployhub', host: 'api', method: 'GET', path: /\/builds(\/[^/]+)?$/ },
};

/** What a successful trigger answers. */
const TRIGGER_OK: Record<ProviderName, number> = {
  jamdesk: 200,
  sitepaste: 202,
  justdeploy: 201,
  deskforge: 201,
  deployhub: 200,
};

/** A provider-neutral error body, so no documented Retry-After comes along with a 429. */
const RATE_LIMITED = { error: 'rate_limited', message: 'Too many requests' };

function matches(spec: FaultSpec, rec: RequestRecord): boolean {
  if (spec.provider !== undefined && spec.provider !== rec.provider) return false;
  if (spec.host !== undefined && spec.host !== rec.host) return false;
  if (spec.method !== undefined && spec.method !== rec.method) return false;
  if (spec.path === undefined) return true;
  if (typeof spec.path === 'string') return spec.path === rec.path || spec.path === rec.fullPath;
  return new RegExp(spec.path.source, spec.path.flags.replace('g', '')).test(rec.path);
}

/** A finished run, and when the child had exited (the sandbox's clock: the same process). */
interface Run {
  result: RunActionResult;
  exitAt: number;
}

const RESUME_TOKEN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const OWN_COMMANDS = new Set([
  'add-mask',
  'debug',
  'warning',
  'error',
  'notice',
  'group',
  'endgroup',
  'stop-commands',
]);

/** Every workflow command in the output (stdout and stderr) is one the action means to issue. */
function expectOnlyOwnCommands(result: RunActionResult): void {
  const heads = `${result.stdout}\n${result.stderr}`
    .split(/\r?\n/)
    .map((line) => line.trimStart())
    .filter((line) => line.startsWith('::'))
    .map((line) => /^::([^\s:]*)/.exec(line)?.[1] ?? '');
  for (const head of heads) {
    if (!OWN_COMMANDS.has(head) && !RESUME_TOKEN.test(head)) {
      expect.fail(`unexpected workflow command '::${head}::' in the output`);
    }
  }
}

/** The one `::error::` line of a failed run. */
function errorLine(result: RunActionResult): string {
  const errors = result.commands.filter((c) => c.command === 'error');
  expect(errors, result.stdout).toHaveLength(1);
  return errors[0]?.data ?? '';
}

/** A local port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** One provider's sandbox and the checks every run against it must pass. */
class Lab {
  constructor(
    readonly provider: ProviderName,
    readonly sandbox: Sandbox,
  ) {}

  get statuses(): StatusRecord[] {
    return actionStatuses(this.sandbox);
  }

  /** The trigger requests the sandbox saw. */
  triggers(): RequestRecord[] {
    return this.sandbox.requests.filter((r) => matches(TRIGGER[this.provider], r));
  }

  injectOnTrigger(fault: FaultSpec): void {
    this.sandbox.inject({ ...TRIGGER[this.provider], ...fault });
  }

  /**
   * Queues `faults` for the status polls once the trigger has been answered, so they hit polls
   * and not the reads before it (DeployHub's list, Jamdesk's snapshot of statuses). For Sitepaste
   * the first read of the site after the trigger is its "before" picture, not a poll: with
   * `snapshot` the faults hit that read instead of the polls after it.
   */
  onPolls(faults: FaultSpec[], { snapshot = false } = {}): void {
    const { provider, sandbox } = this;
    let stage = 0;
    const readsToSkip = provider === 'sitepaste' && !snapshot ? 1 : 0;
    sandbox.options.onRequest = (rec) => {
      if (stage === 0) {
        if (!matches(TRIGGER[provider], rec)) return;
        if (typeof rec.status !== 'number' || rec.status >= 300) return;
        stage = 1;
      } else if (stage <= readsToSkip) {
        if (!matches(POLL[provider], rec)) return;
        stage += 1;
      }
      if (stage === readsToSkip + 1) {
        stage += 1;
        for (const fault of faults) sandbox.inject({ ...POLL[provider], ...fault });
      }
    };
  }

  async run(extra: Record<string, string> = {}, options: Partial<RunActionOptions> = {}) {
    const result = await runIn(this.sandbox, this.provider, extra, {
      timeoutMs: CHILD_MS,
      ...options,
    });
    return { result, exitAt: Date.now() };
  }

  /** Sends `name` to the main step once its pending status is out; `sentAt` is filled then. */
  signalOnPending(name: 'SIGINT' | 'SIGKILL'): {
    signal: RunActionOptions['signal'];
    sentAt: number;
  } {
    const box = {
      sentAt: 0,
      signal: {
        name,
        when: () => {
          const pending = this.statuses.some((s) => s.state === 'pending');
          if (pending && box.sentAt === 0) box.sentAt = Date.now();
          return pending;
        },
      },
    };
    return box;
  }

  /** What every faulty run must still get right, whatever its outcome. */
  expectSafe({ result, exitAt }: Run, builds: number): void {
    expect(result.timedOut, 'the child outlived the harness timeout').toBe(false);
    expect(this.sandbox.buildsCreated(this.provider), 'builds created').toBe(builds);
    expectHygiene(this.sandbox, result);
    expectOnlyOwnCommands(result);
    const last = this.statuses.at(-1);
    expect(last, 'a final commit status').toBeDefined();
    expect(last?.state).not.toBe('pending');
    // Nothing keeps the process alive once its final status is out. A leaked socket or timer
    // holds it for many seconds (keep-alive, retry timers), so a generous bound catches that
    // without timing a loaded machine; how fast the exit really is, `npm run bench` measures.
    expect(exitAt - (last?.at ?? 0), 'ms from the final status to the exit').toBeLessThan(5000);
  }

  /** The run succeeded with one build, and did not say so before the build really ended. */
  expectSuccess(r: Run): void {
    expect(r.result.code, r.result.stdout).toBe(0);
    expect(r.result.outputs['status']).toBe('success');
    this.expectSafe(r, 1);
    const build = this.sandbox.builds.find((b) => b.provider === this.provider);
    const final = this.statuses.at(-1);
    expect(this.statuses.map((s) => s.state)).toEqual(['pending', 'success']);
    expect(build?.endsAt).toEqual(expect.any(Number));
    expect(final?.at ?? 0, 'success before the build ended').toBeGreaterThanOrEqual(
      build?.endsAt ?? Infinity,
    );
    if (this.provider !== 'sitepaste') expect(r.result.outputs['build-id']).toBe(build?.id);
  }

  /** The run failed before or at the trigger: an error status, and `builds` builds. */
  expectFailedTrigger(r: Run, builds: number): string {
    expect(r.result.code).toBe(1);
    this.expectSafe(r, builds);
    expect(this.statuses.map((s) => s.state)).toEqual(['error']);
    return errorLine(r.result);
  }
}

describe.concurrent.each(PROVIDERS)('%s', (provider) => {
  const lab = new Lab(provider, useSandbox({ buildMs: BUILD_MS }));
  const title = TITLES[provider];

  describe.sequential('faults on the status poll', () => {
    it(
      'rides out a 502/503 burst',
      async () => {
        lab.onPolls([{ status: 502 }, { status: 503 }]);
        const r = await lab.run();
        lab.expectSuccess(r);
        const burst = lab.sandbox.requests.filter((q) => q.status === 502 || q.status === 503);
        expect(burst).toHaveLength(2);
      },
      TEST_MS,
    );

    it(
      'rides out connection resets, before and after the server did the work',
      async () => {
        lab.onPolls([{ reset: 'before' }, { reset: 'after' }]);
        const r = await lab.run();
        lab.expectSuccess(r);
        expect(lab.sandbox.requests.filter((q) => q.status === 'reset')).toHaveLength(2);
      },
      TEST_MS,
    );

    it(
      'is not fooled by an HTML page served with 200 while the build runs',
      async () => {
        lab.sandbox.options.buildMs = LONG_BUILD_MS;
        lab.onPolls([{ html: true, status: 200 }]);
        const r = await lab.run();
        lab.expectSuccess(r);
        const html = lab.sandbox.requests.find((q) => q.fault !== undefined);
        const build = lab.sandbox.builds[0];
        expect(html?.at ?? Infinity, 'the HTML page came before the build ended').toBeLessThan(
          build?.endsAt ?? 0,
        );
      },
      TEST_MS,
    );

    it(
      'waits out a 429 with Retry-After and one without',
      async () => {
        lab.onPolls([
          { status: 429, headers: { 'Retry-After': 1 }, body: RATE_LIMITED },
          { status: 429, body: RATE_LIMITED },
        ]);
        const r = await lab.run();
        lab.expectSuccess(r);
        const limited = lab.sandbox.requests.filter((q) => q.status === 429);
        expect(limited).toHaveLength(2);
        const next = lab.sandbox.requests.find(
          (q) => matches(POLL[provider], q) && q.at > (limited[0]?.at ?? 0),
        );
        expect((next?.at ?? 0) - (limited[0]?.at ?? 0), 'Retry-After: 1 honoured').toBeGreaterThan(
          950,
        );
      },
      TEST_MS,
    );

    it(
      'stops waiting for a build that never ends at the timeout: timed_out, error status',
      async () => {
        lab.sandbox.options.outcome = 'never';
        const r = await lab.run({ timeout: SHORT_TIMEOUT });
        expect(r.result.code).toBe(1);
        expect(r.result.outputs['status']).toBe('timed_out');
        lab.expectSafe(r, 1);
        expect(lab.statuses.map((s) => s.state)).toEqual(['pending', 'error']);
        expect(errorLine(r.result)).toMatch(/timed out|timeout/i);
        expect(r.result.durationMs).toBeLessThan(6000);
      },
      TEST_MS,
    );

    itWithSignals(
      'on SIGINT mid-wait posts error ("cancelled") itself and exits within 5 s',
      async () => {
        lab.sandbox.options.outcome = 'never';
        const sigint = lab.signalOnPending('SIGINT');
        const r = await lab.run({}, { signal: sigint.signal });
        expect(r.result.signalsSent).toEqual(['SIGINT']);
        expect(r.result.signal, 'exited by itself').toBeNull();
        expect(r.exitAt - sigint.sentAt).toBeLessThan(5000);
        expect(r.result.outputs['status']).toBe('cancelled');
        lab.expectSafe(r, 1);
        expect(lab.statuses.map((s) => s.state)).toEqual(['pending', 'error']);
        expect(lab.statuses.at(-1)?.description).toMatch(/cancel/i);
      },
      TEST_MS,
    );
  });

  describe.sequential('faults on the trigger', () => {
    it(
      'retries a 429 with Retry-After: 1 once, after a second, and creates one build',
      async () => {
        lab.injectOnTrigger({ status: 429, headers: { 'Retry-After': 1 } });
        const r = await lab.run();
        lab.expectSuccess(r);
        const sent = lab.triggers();
        expect(sent.map((q) => q.status)).toEqual([429, TRIGGER_OK[provider]]);
        expect((sent[1]?.at ?? 0) - (sent[0]?.at ?? 0)).toBeGreaterThan(950);
      },
      TEST_MS,
    );

    it(
      'retries a 429 without Retry-After (refused, so not processed), and creates one build',
      async () => {
        lab.injectOnTrigger({ status: 429, body: RATE_LIMITED });
        const r = await lab.run();
        lab.expectSuccess(r);
        expect(lab.triggers().map((q) => q.status)).toEqual([429, TRIGGER_OK[provider]]);
      },
      TEST_MS,
    );

    it(
      'fails at once on a 429 with Retry-After: 3600, naming the wait',
      async () => {
        lab.injectOnTrigger({ status: 429, headers: { 'Retry-After': 3600 } });
        const r = await lab.run();
        expect(r.result.durationMs).toBeLessThan(5000);
        expect(lab.triggers()).toHaveLength(1);
        expect(lab.expectFailedTrigger(r, 0)).toMatch(/\b(1h 0m 0s|60 minutes)\b/);
      },
      TEST_MS,
    );

    it(
      'refuses a 302 to another host, which receives nothing',
      async () => {
        lab.injectOnTrigger({ redirectTo: 'foreign' });
        const r = await lab.run();
        expect(lab.expectFailedTrigger(r, 0)).toMatch(/redirected to another host/);
        expect(lab.sandbox.requests.filter((q) => q.host === 'foreign')).toEqual([]);
      },
      TEST_MS,
    );

    if (LISTING.includes(provider)) {
      it(
        'after a reset before the server processed it: looks, finds none, triggers once more',
        async () => {
          lab.injectOnTrigger({ reset: 'before' });
          const r = await lab.run({}, { timeoutMs: LOOKING_CHILD_MS });
          lab.expectSuccess(r);
          const sent = lab.triggers();
          expect(sent.map((q) => q.status)).toEqual(['reset', TRIGGER_OK[provider]]);
          // Between the two triggers the adapter listed the builds, looking for the first one's.
          const lookups = lab.sandbox.requests.filter(
            (q) =>
              q.provider === provider &&
              q.method === 'GET' &&
              q.at > (sent[0]?.at ?? 0) &&
              q.at < (sent[1]?.at ?? 0),
          );
          expect(lookups.length).toBeGreaterThan(0);
        },
        LOOKING_TEST_MS,
      );

      it(
        'after a 502 on the trigger: looks, finds none, triggers once more',
        async () => {
          lab.injectOnTrigger({ status: 502 });
          const r = await lab.run({}, { timeoutMs: LOOKING_CHILD_MS });
          lab.expectSuccess(r);
          expect(lab.triggers().map((q) => q.status)).toEqual([502, TRIGGER_OK[provider]]);
        },
        LOOKING_TEST_MS,
      );
    }

    if (provider === 'deskforge' || provider === 'deployhub') {
      it(
        'after a reset once the build was created: finds that build and follows it',
        async () => {
          lab.injectOnTrigger({ reset: 'after' });
          const r = await lab.run();
          lab.expectSuccess(r);
          expect(lab.triggers()).toHaveLength(1);
          expect(r.result.stdout).toMatch(/Found build \S+ created by this run; not triggering/);
        },
        TEST_MS,
      );
    }

    if (provider === 'justdeploy') {
      // The create answer carries the presigned upload URL. Once it is lost, the build found in
      // the list can never get its code, so it cannot be followed; the run must not create a
      // second build (JustDeploy would answer 409 while it is pending) and must say so.
      it(
        'after a reset once the build was created: finds it, says it cannot start, no second build',
        async () => {
          lab.injectOnTrigger({ reset: 'after' });
          const r = await lab.run();
          expect(lab.triggers()).toHaveLength(1);
          const id = lab.sandbox.builds[0]?.id ?? '';
          expect(lab.expectFailedTrigger(r, 1)).toContain(`build ${id} was created`);
        },
        TEST_MS,
      );

      it(
        'retries a reset on the (idempotent) zip upload; one build',
        async () => {
          lab.sandbox.inject({ provider, host: 'foreign', method: 'PUT', reset: 'after' });
          const r = await lab.run();
          lab.expectSuccess(r);
          const puts = lab.sandbox.requests.filter(
            (q) => q.host === 'foreign' && q.method === 'PUT',
          );
          expect(puts.map((q) => q.status)).toEqual(['reset', 200]);
        },
        TEST_MS,
      );
    }

    if (!LISTING.includes(provider)) {
      it(
        'after a reset once the build was created: never sends it again, fails clearly',
        async () => {
          lab.injectOnTrigger({ reset: 'after' });
          const r = await lab.run();
          expect(lab.triggers()).toHaveLength(1);
          expect(lab.expectFailedTrigger(r, 1)).toMatch(
            new RegExp(
              `may have reached ${title}; it was not sent again.*check the ${title} dashboard`,
            ),
          );
        },
        TEST_MS,
      );
    }

    if (provider === 'jamdesk') {
      it(
        "retries a 500 (the document's advice for internal_error): one build",
        async () => {
          lab.injectOnTrigger({ status: 500 });
          const r = await lab.run();
          lab.expectSuccess(r);
          expect(lab.triggers().map((q) => q.status)).toEqual([500, 200]);
        },
        TEST_MS,
      );
    }

    if (provider === 'deskforge') {
      it(
        'retries a trigger that never reached the server (connection refused), then fails',
        async () => {
          const port = await closedPort();
          const r = await lab.run({
            'api-url': `http://127.0.0.1:${port}/deskforge`,
            timeout: SHORT_TIMEOUT,
          });
          expect(r.result.stdout).toMatch(
            /trigger the build failed \(connection refused by [^)]+\); retry 2\/6/,
          );
          expect(lab.expectFailedTrigger(r, 0)).toMatch(/connection refused|timeout/);
        },
        TEST_MS,
      );
    }

    if (provider === 'deployhub') {
      it(
        'ends timed_out when the trigger answers slower than the timeout, with no second build',
        async () => {
          lab.injectOnTrigger({ delayMs: 10_000 });
          const r = await lab.run({ timeout: SHORT_TIMEOUT });
          expect(r.result.outputs['status']).toBe('timed_out');
          expect(r.result.durationMs).toBeLessThan(6000);
          expect(lab.triggers()).toHaveLength(1);
          lab.expectFailedTrigger(r, 1);
        },
        TEST_MS,
      );
    }
  });

  describe.sequential('more faults on the wait', () => {
    if (provider === 'deskforge') {
      it(
        'ends timed_out when a status poll answers slower than the timeout',
        async () => {
          lab.onPolls([{ delayMs: 10_000 }]);
          const r = await lab.run({ timeout: SHORT_TIMEOUT });
          expect(r.result.code).toBe(1);
          expect(r.result.outputs['status']).toBe('timed_out');
          expect(r.result.durationMs).toBeLessThan(6000);
          lab.expectSafe(r, 1);
          expect(lab.statuses.map((s) => s.state)).toEqual(['pending', 'error']);
        },
        TEST_MS,
      );
    }

    if (provider === 'justdeploy' || provider === 'jamdesk') {
      it(
        'fails on a 302 to another host during the wait, which receives no credentials',
        async () => {
          lab.onPolls([{ redirectTo: 'foreign', times: 10 }]);
          const r = await lab.run();
          expect(r.result.code).toBe(1);
          lab.expectSafe(r, 1);
          expect(lab.statuses.map((s) => s.state)).toEqual(['pending', 'error']);
          expect(errorLine(r.result)).toMatch(/redirected to another host/);
        },
        TEST_MS,
      );
    }

    if (provider === 'sitepaste') {
      it(
        'sees the build live when the "before" read of the site is delayed past its end',
        async () => {
          // The site is only known from the trigger's answer, so its "before" picture is taken
          // just after the trigger. A 429 there delays the picture until the build is live.
          lab.sandbox.options.buildMs = 1500;
          lab.onPolls([{ status: 429, headers: { 'Retry-After': 2 }, body: RATE_LIMITED }], {
            snapshot: true,
          });
          const r = await lab.run();
          lab.expectSuccess(r);
        },
        TEST_MS,
      );
    }

    it(
      'after a SIGKILL of the main step, the post step closes the pending status with error',
      async () => {
        lab.sandbox.options.outcome = 'never';
        const kill = lab.signalOnPending('SIGKILL');
        const main = await lab.run({}, { signal: kill.signal });
        expect(main.result.signal).toBe('SIGKILL');
        expect(lab.statuses.map((s) => s.state)).toEqual(['pending']);

        const post = await runAction({
          entry: 'post',
          sandbox: lab.sandbox,
          inputs: inputsFor(lab.sandbox, provider),
          githubToken: SECRETS.githubToken,
          state: main.result.state,
          timeoutMs: CHILD_MS,
        });
        const afterPost = { result: post, exitAt: Date.now() };
        expect(post.code).toBe(0);
        lab.expectSafe(afterPost, 1);
        const [pending, closed] = lab.statuses;
        expect(lab.statuses.map((s) => s.state)).toEqual(['pending', 'error']);
        expect(closed?.context).toBe(pending?.context);
        expect(closed?.sha).toBe(pending?.sha);
        expect(closed?.description).toMatch(/cancel/i);
        expectHygiene(lab.sandbox, main.result);
        expectOnlyOwnCommands(main.result);
      },
      TEST_MS,
    );
  });

  // Sitepaste takes no project id and has no other input that reaches a path.
  if (provider === 'sitepaste') return;

  describe.sequential('untrusted text and paths', () => {
    it(
      'keeps a project id ../../admin inside one encoded path segment',
      async () => {
        const extra: Record<string, string> = { project: '../../admin', wait: 'false' };
        if (provider === 'justdeploy') extra['organization'] = '../org';
        const r = await lab.run(extra);
        expect(r.result.code, r.result.stdout).toBe(0);
        const api = lab.sandbox.requests.filter((q) => q.host === 'api' && q.provider === provider);
        expect(api.length).toBeGreaterThan(0);
        for (const q of api) {
          expect(q.fullPath.startsWith(`/${provider}/`), q.fullPath).toBe(true);
          expect(q.fullPath).not.toMatch(/(^|\/)\.\.?(\/|$)|(^|\/)admin(\/|$)/);
        }
        expect(api.some((q) => q.fullPath.includes('/..%2F..%2Fadmin'))).toBe(true);
        expect(lab.sandbox.builds[0]?.project).toBe('../../admin');
        expect(lab.sandbox.buildsCreated(provider)).toBe(1);
        expectHygiene(lab.sandbox, r.result);
        expectOnlyOwnCommands(r.result);
      },
      TEST_MS,
    );

    if (provider === 'deskforge') {
      it(
        'a newline and ::error:: in status-context cannot start a workflow command',
        async () => {
          const context = 'build/desk\n::error::injected-context';
          const r = await lab.run({ 'status-context': context });
          lab.expectSuccess(r);
          expect(lab.statuses[0]?.context).toBe(context);
          expect(r.result.commands.filter((c) => c.command === 'error')).toEqual([]);
          expect(r.result.stdout).toContain('injected-context');
        },
        TEST_MS,
      );

      it(
        'a newline and ::error:: in version fail as one error line, before any request',
        async () => {
          const r = await lab.run({ version: '1.0.0\n::error::injected-version' });
          expect(r.result.code).toBe(1);
          expect(errorLine(r.result)).toMatch(/^Input 'version' must be a semantic version/);
          expect(lab.sandbox.requests).toEqual([]);
          expectHygiene(lab.sandbox, r.result);
          expectOnlyOwnCommands(r.result);
        },
        TEST_MS,
      );

      it(
        "a provider's status word with a newline and :: cannot start a workflow command",
        async () => {
          lab.onPolls([
            {
              status: 200,
              body: { status: 'odd\n::set-output name=status::success\n::error::injected-status' },
            },
          ]);
          const r = await lab.run();
          lab.expectSuccess(r);
          expect(r.result.stdout).toContain('injected-status');
        },
        TEST_MS,
      );

      it(
        "a provider's error message with a newline and :: stays inside one error line",
        async () => {
          lab.injectOnTrigger({
            status: 400,
            body: { error: 'bad_request', message: 'nope\n::warning::injected-message' },
          });
          const r = await lab.run();
          expect(lab.expectFailedTrigger(r, 0)).toContain('injected-message');
        },
        TEST_MS,
      );
    }
  });
});
