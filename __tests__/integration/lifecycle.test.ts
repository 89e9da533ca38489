import { describe, expect, it } from 'vitest';
import { useSandbox } from './sandbox-world.js';
import { actionStatuses, expectHygiene, runIn, runPostStep } from './helpers.js';
import { itWithSignals } from './helpers.js';

const sandbox = useSandbox({ buildMs: 900 });

describe('bad inputs', () => {
  it.each([
    [
      { provider: 'netlify' },
      'provider',
      /one of: jamdesk, sitepaste, justdeploy, deskforge, deployhub/,
    ],
    [{ platform: '' }, 'platform', /required for provider 'deskforge'/],
    [{ project: '' }, 'project', /required for provider 'deskforge'/],
    [{ timeout: '5 minutes' }, 'timeout', /90, 90s, 15m or 1h/],
    [{ 'poll-interval': 'fast' }, 'poll-interval', /duration/],
    [{ 'api-url': 'http://api.deskforge.example' }, 'api-url', /plain http/],
    [{ arch: 'mips' }, 'arch', /x64, arm64/],
  ])('%o fails naming %s, sending nothing', async (bad, input, why) => {
    const result = await runIn(sandbox, 'deskforge', bad as Record<string, string>);
    expect(result.code).toBe(1);
    const errors = result.commands.filter((c) => c.command === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.data).toContain(`Input '${input}'`);
    expect(errors[0]?.data).toMatch(why);
    expect(sandbox.requests).toHaveLength(0);
    expectHygiene(sandbox, result);
  });

  it('fails on a missing justdeploy secret key before any request', async () => {
    const result = await runIn(sandbox, 'justdeploy', { 'secret-key': '' });
    expect(result.code).toBe(1);
    expect(result.commands.find((c) => c.command === 'error')?.data).toMatch(
      /Input 'secret-key' is required for provider 'justdeploy'/,
    );
    expect(sandbox.requests).toHaveLength(0);
  });
});

describe('waiting', () => {
  it('stops at timeout with timed_out, an error status and every output set', async () => {
    sandbox.options.outcome = 'never';
    const result = await runIn(sandbox, 'deskforge', { timeout: '3s' });
    expect(result.code).toBe(1);
    expect(result.outputs['status']).toBe('timed_out');
    expect(result.outputs['build-id']).toBeTruthy();
    expect(result.outputs['provider-status']).toBe('building');
    expect(result.outputs['duration']).toMatch(/^[2-4]$/);
    expect(result.commands.find((c) => c.command === 'error')?.data).toMatch(/Timed out after 3s/);
    expect(actionStatuses(sandbox).map((s) => s.state)).toEqual(['pending', 'error']);
    expect(result.durationMs).toBeLessThan(8000);
    expectHygiene(sandbox, result);
  });

  it('passes the step on a failed build with fail-on-error: false, still reporting failure', async () => {
    sandbox.options.outcome = 'failure';
    const result = await runIn(sandbox, 'deployhub', { 'fail-on-error': 'false' });
    expect(result.code).toBe(0);
    expect(result.outputs['status']).toBe('failure');
    expect(result.commands.some((c) => c.command === 'warning')).toBe(true);
    expect(actionStatuses(sandbox).at(-1)?.state).toBe('failure');
  });

  it('returns right after the trigger with wait: false', async () => {
    const result = await runIn(sandbox, 'deskforge', { wait: 'false' });
    expect(result.code).toBe(0);
    expect(result.outputs['status']).toBe('queued');
    expect(result.outputs['build-id']).toBeTruthy();
    expect(
      sandbox.requests.filter((r) => r.method === 'GET' && r.provider === 'deskforge'),
    ).toHaveLength(0);
    expect(actionStatuses(sandbox)).toEqual([]);
  });

  it('says exactly that no Jamdesk status appeared when Jamdesk posts none', async () => {
    sandbox.options.jamdeskPostsStatuses = false;
    const result = await runIn(sandbox, 'jamdesk', { timeout: '4s' });
    expect(result.outputs['status']).toBe('timed_out');
    expect(result.commands.find((c) => c.command === 'error')?.data).toMatch(
      /no Jamdesk commit status appeared/i,
    );
    expect(actionStatuses(sandbox).at(-1)?.state).toBe('error');
  });

  it('prints each status change once, with the elapsed time, in log groups', async () => {
    const result = await runIn(sandbox, 'deskforge');
    const changes = result.stdout
      .split('\n')
      .filter((l) => /^\[\d+s\] Deskforge build \S+: /.test(l));
    const states = changes.map((l) => l.replace(/^.*: (\w+) \(.*$/, '$1'));
    // Smart polling may skip `building` on a short build; what is printed is each change once.
    expect(states[0]).toBe('queued');
    expect(states.at(-1)).toBe('success');
    expect(new Set(states).size).toBe(states.length);
    expect(result.commands.filter((c) => c.command === 'group').map((c) => c.data)).toEqual([
      'Trigger Deskforge build',
      'Wait for Deskforge build',
    ]);
  });
});

describe('commit statuses', () => {
  it('posts on the pull request head on pull_request events', async () => {
    const result = await runIn(
      sandbox,
      'deskforge',
      {},
      {
        event: {
          name: 'pull_request',
          payload: { pull_request: { number: 7, head: { sha: sandbox.headSha } } },
        },
      },
    );
    expect(result.code).toBe(0);
    expect(actionStatuses(sandbox).map((s) => s.sha)).toEqual([sandbox.headSha, sandbox.headSha]);
    expect(sandbox.headSha).not.toBe(sandbox.sha);
  });

  it('uses the sha and status-context inputs, and links the status to the workflow run', async () => {
    const result = await runIn(sandbox, 'deskforge', {
      sha: sandbox.headSha,
      'status-context': 'ci/desktop-linux',
    });
    expect(result.code).toBe(0);
    const posted = actionStatuses(sandbox);
    expect(posted.map((s) => [s.sha, s.context])).toEqual([
      [sandbox.headSha, 'ci/desktop-linux'],
      [sandbox.headSha, 'ci/desktop-linux'],
    ]);
    // Deskforge's log-url is an API endpoint that needs the token (issue 8, defect 11).
    expect(posted[1]?.target_url).toMatch(/^https:\/\/github\.com\/.+\/actions\/runs\/\d+$/);
    expect(result.outputs['log-url']).toMatch(/\/logs$/);
    for (const s of posted) expect((s.description ?? '').length).toBeLessThanOrEqual(140);
  });

  it('warns naming permissions: statuses: write on a 403 and still passes the build', async () => {
    sandbox.options.github.statusesForbidden = true;
    const result = await runIn(sandbox, 'deskforge');
    expect(result.code).toBe(0);
    expect(result.outputs['status']).toBe('success');
    const warnings = result.commands.filter((c) => c.command === 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.data).toContain('permissions: statuses: write');
  });

  it('posts nothing with commit-status: false', async () => {
    const result = await runIn(sandbox, 'deskforge', { 'commit-status': 'false' });
    expect(result.code).toBe(0);
    expect(sandbox.statuses).toEqual([]);
  });
});

describe('cancellation', () => {
  itWithSignals(
    'on SIGINT mid-wait posts error (cancelled) itself, and the post step then has nothing to do',
    async () => {
      sandbox.options.outcome = 'never';
      const main = await runIn(
        sandbox,
        'deskforge',
        { timeout: '30s' },
        {
          signal: {
            name: 'SIGINT',
            when: () => actionStatuses(sandbox).some((s) => s.state === 'pending'),
          },
        },
      );
      expect(main.outputs['status']).toBe('cancelled');
      expect(main.code).toBe(1);
      expect(actionStatuses(sandbox).map((s) => s.state)).toEqual(['pending', 'error']);
      expect(actionStatuses(sandbox).at(-1)?.description).toMatch(/cancel/i);
      expect(main.durationMs).toBeLessThan(10_000);

      const post = await runPostStep(sandbox, main.state);
      expect(post.code).toBe(0);
      expect(actionStatuses(sandbox).map((s) => s.state)).toEqual(['pending', 'error']);
    },
  );

  it('when the main step is killed, the post step finishes the pending status', async () => {
    sandbox.options.outcome = 'never';
    const main = await runIn(
      sandbox,
      'deskforge',
      { timeout: '30s' },
      {
        signal: {
          name: 'SIGKILL',
          when: () => actionStatuses(sandbox).some((s) => s.state === 'pending'),
        },
      },
    );
    expect(main.signal).toBe('SIGKILL');
    expect(actionStatuses(sandbox).map((s) => s.state)).toEqual(['pending']);

    const post = await runPostStep(sandbox, main.state);
    expect(post.code).toBe(0);
    const final = actionStatuses(sandbox).at(-1);
    expect(final?.state).toBe('error');
    expect(final?.context).toBe('build/deskforge');
    expect(final?.sha).toBe(sandbox.sha);
  });
});
