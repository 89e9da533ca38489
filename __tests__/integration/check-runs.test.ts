/**
 * `check-run: true` through dist/: one live check run per target on the built commit, completed
 * with the outcome's conclusion on every path (success, failure, timeout, cancel, a killed main
 * step plus the post step), a 403 as one warning, and never two check runs for one create.
 */
import { describe, expect, it, vi } from 'vitest';
import { prEvent, useSandbox, warnings } from './sandbox-world.js';
import fs from 'node:fs';
import path from 'node:path';
import { scratchDir } from '../scratch.js';
import { expectHygiene, itWithSignals, runAction, runIn, runPostStep, SECRETS } from './helpers.js';

const sandbox = useSandbox({ buildMs: 900 });

vi.setConfig({ testTimeout: 60_000 });

const CHECK = { 'check-run': 'true', 'poll-interval': '1s' };

describe('check-run: true', () => {
  it('success: one check run on the built commit, in progress with links, then success with the duration', async () => {
    const result = await runIn(sandbox, 'deskforge', CHECK, prEvent(sandbox));
    expect(result.code, result.stdout).toBe(0);
    expect(sandbox.checkRuns).toHaveLength(1);
    const run = sandbox.checkRuns[0]!;
    expect(run).toMatchObject({
      head_sha: sandbox.headSha,
      name: 'build/deskforge',
      status: 'completed',
      conclusion: 'success',
    });
    expect(run.writes[0]).toMatchObject({ status: 'in_progress' });
    expect(run.details_url).toMatch(/^https?:\/\//);
    expect(run.output.title).toMatch(/Deskforge build \S+ succeeded in/);
    // Provider text is Markdown-escaped in the summary.
    const id = result.outputs['build-id']!.replace(
      /[\\`*_{}[\]()<>#+\-.!|~&"'=:@$%^;?,/]/g,
      '\\$&',
    );
    expect(run.output.summary).toContain(id);
    expect(run.output.summary).toMatch(/Duration: /);
    expect(run.completed_at).not.toBeNull();
    expect(warnings(result)).toEqual([]);
    expectHygiene(sandbox, result);
  });

  it('check-name names it, alongside the commit status', async () => {
    const result = await runIn(sandbox, 'deployhub', { ...CHECK, 'check-name': 'Preview' });
    expect(result.code).toBe(0);
    expect(sandbox.checkRuns.map((c) => c.name)).toEqual(['Preview']);
    expect(sandbox.statuses.filter((s) => s.source === 'action').at(-1)?.state).toBe('success');
  });

  it('failure: completed failure with the reason', async () => {
    sandbox.options.outcome = 'failure';
    const result = await runIn(sandbox, 'deskforge', CHECK);
    expect(result.code).toBe(1);
    const run = sandbox.checkRuns[0]!;
    expect(run.conclusion).toBe('failure');
    expect(run.output.summary).toMatch(/Reason: /);
    expectHygiene(sandbox, result);
  });

  it('timeout: completed timed_out', async () => {
    sandbox.options.outcome = 'never';
    const result = await runIn(sandbox, 'deployhub', { ...CHECK, timeout: '3s' });
    expect(result.outputs['status']).toBe('timed_out');
    expect(sandbox.checkRuns[0]!.conclusion).toBe('timed_out');
  });

  it('wait: false: completed neutral at once, never left in progress', async () => {
    const result = await runIn(sandbox, 'deskforge', { ...CHECK, wait: 'false' });
    expect(result.code).toBe(0);
    expect(sandbox.checkRuns).toHaveLength(1);
    expect(sandbox.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'neutral' });
  });

  itWithSignals('cancel (SIGINT) mid-wait: completed cancelled by the main step', async () => {
    sandbox.options.outcome = 'never';
    const main = await runIn(sandbox, 'deskforge', CHECK, {
      signal: { name: 'SIGINT', when: () => sandbox.checkRuns.length === 1 },
    });
    expect(main.outputs['status']).toBe('cancelled');
    expect(sandbox.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'cancelled' });
    const written = sandbox.checkRuns[0]!.writes.length;
    const post = await runPostStep(sandbox, main.state);
    expect(post.code).toBe(0);
    // The main step completed it: the post step has nothing left to write.
    expect(sandbox.checkRuns[0]!.writes).toHaveLength(written);
  });

  it('main step killed mid-wait (SIGKILL): the post step completes it cancelled', async () => {
    sandbox.options.outcome = 'never';
    const main = await runIn(sandbox, 'deskforge', CHECK, {
      signal: {
        name: 'SIGKILL',
        when: () =>
          sandbox.checkRuns.length === 1 &&
          sandbox.statuses.some((s) => s.source === 'action' && s.state === 'pending'),
      },
    });
    expect(main.signal).toBe('SIGKILL');
    expect(sandbox.checkRuns[0]!.status).toBe('in_progress');
    const post = await runPostStep(sandbox, main.state);
    expect(post.code).toBe(0);
    expect(sandbox.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'cancelled' });
  });

  it.each([
    ['success', 0],
    ['failure', 1],
  ] as const)(
    '403 (no checks: write) with a build ending %s: one warning naming the permission, the step result unchanged',
    async (outcome, code) => {
      sandbox.options.outcome = outcome;
      sandbox.options.github.checksForbidden = true;
      const result = await runIn(sandbox, 'deskforge', CHECK);
      expect(result.code).toBe(code);
      expect(sandbox.checkRuns).toHaveLength(0);
      const said = warnings(result).filter((w) => /check run/.test(w));
      expect(said).toHaveLength(1);
      expect(said[0]).toMatch(/checks: write/);
    },
  );

  it('a create GitHub processed but answered 500 leaves one check run, found by its external_id', async () => {
    sandbox.inject({
      provider: 'github',
      method: 'POST',
      path: /\/check-runs$/,
      status: 500,
      processed: true,
    });
    const result = await runIn(sandbox, 'deskforge', CHECK);
    expect(result.code).toBe(0);
    expect(sandbox.checkRuns).toHaveLength(1);
    expect(sandbox.checkRuns[0]!.conclusion).toBe('success');
    expectHygiene(sandbox, result);
  });

  it("a failing Deskforge build: the log's tail in the text, annotations on the files and lines its errors name", async () => {
    sandbox.options.outcome = 'failure';
    sandbox.options.deskforgeErrorLines = [
      "src/app.ts:12:5 - error TS2322: Type 'string' is not assignable to type 'number'.",
      'error[E0308]: mismatched types',
      ' --> src/main.rs:3:9',
      'Error: the signing key was rejected',
    ];
    // The checkout: annotations go only on files of the repository.
    const workspace = scratchDir('tba-checkout');
    fs.mkdirSync(path.join(workspace, 'src'));
    fs.writeFileSync(path.join(workspace, 'src', 'app.ts'), 'let count: number;\n');
    fs.writeFileSync(path.join(workspace, 'src', 'main.rs'), 'fn main() {}\n');
    const result = await runIn(sandbox, 'deskforge', CHECK, { cwd: workspace });
    expect(result.code).toBe(1);
    const run = sandbox.checkRuns[0]!;
    expect(run.conclusion).toBe('failure');
    expect(run.output.text).toMatch(
      /```text\n[\s\S]*error TS2322[\s\S]*Build failed with exit code 101\n```+$/,
    );
    expect(run.annotations.map((a) => [a['path'], a['start_line'], a['annotation_level']])).toEqual(
      [
        ['src/app.ts', 12, 'failure'],
        ['src/main.rs', 3, 'failure'],
      ],
    );
    // The error that names no file is in the summary.
    expect(run.output.summary).toMatch(/name no file[\s\S]*signing key was rejected/);
    expectHygiene(sandbox, result);
  });

  /** The sandbox's custom API with its log link (`$.links.log`, plain text on another host). */
  const customInputs = (): Record<string, string> => ({
    provider: 'custom',
    token: SECRETS.token,
    project: 'web',
    'api-url': `${sandbox.apiBase}/custom`,
    'trigger-endpoint': 'POST /projects/{project}/builds',
    'build-id-field': '$.data.id',
    'status-endpoint': 'GET /builds/{id}',
    'status-field': '$.data.state',
    'running-values': 'queued,running',
    'log-url-field': '$.links.log',
    'failure-reason-field': '$.error.message',
    timeout: '30s',
    ...CHECK,
  });
  const runCustom = (cwd: string) =>
    runAction({
      sandbox,
      inputs: customInputs(),
      githubToken: SECRETS.githubToken,
      timeoutMs: 45_000,
      cwd,
    });
  const checkout = () => {
    const workspace = scratchDir('tba-checkout');
    fs.mkdirSync(path.join(workspace, 'src'));
    fs.writeFileSync(path.join(workspace, 'src', 'app.ts'), 'let count: number;\n');
    return workspace;
  };
  const logReads = () =>
    sandbox.requests.filter((r) => r.host === 'foreign' && r.path.startsWith('/logs/custom/'));

  it("a failing custom build whose log-url-field points at text: the log's tail in the text, an annotation on the line its error names", async () => {
    sandbox.options.outcome = 'failure';
    const result = await runCustom(checkout());
    expect(result.code).toBe(1);
    const run = sandbox.checkRuns[0]!;
    expect(run.conclusion).toBe('failure');
    expect(run.output.text).toMatch(
      /```text\n[\s\S]*src\/app\.ts:12:5 - error TS2322[\s\S]*Build failed: exit code 2\n```+$/,
    );
    expect(run.annotations.map((a) => [a['path'], a['start_line'], a['annotation_level']])).toEqual(
      [['src/app.ts', 12, 'failure']],
    );
    // The log is on another host than api-url: read without the API's credentials.
    expect(logReads().length).toBeGreaterThan(0);
    for (const r of logReads()) expect(r.headers['authorization']).toBeUndefined();
    expectHygiene(sandbox, result);
  });

  it('a custom log URL that answers an HTML page: no log text, read once, the link stays', async () => {
    sandbox.options.outcome = 'failure';
    sandbox.options.custom = { logHtml: true };
    const result = await runCustom(checkout());
    expect(result.code).toBe(1);
    const run = sandbox.checkRuns[0]!;
    expect(run.conclusion).toBe('failure');
    expect(run.output.text ?? '').not.toContain('<!doctype');
    expect(run.annotations).toEqual([]);
    expect(run.details_url).toMatch(/\/logs\/custom\//);
    expect(new Set(logReads().map((r) => r.path)).size).toBe(1);
    expect(logReads()).toHaveLength(1);
    expectHygiene(sandbox, result);
  });

  it('fail-fast: every target has its own check run, and the ones no longer awaited are completed cancelled', async () => {
    const result = await runIn(sandbox, 'deskforge', {
      ...CHECK,
      targets:
        '- {platform: mac, project: slow-desk, name: mac}\n- {platform: windows, project: fail-desk, name: windows}',
      'fail-fast': 'true',
    });
    expect(result.code).toBe(1);
    const byName = Object.fromEntries(sandbox.checkRuns.map((c) => [c.name, c]));
    expect(Object.keys(byName).sort()).toEqual([
      'build/deskforge (mac)',
      'build/deskforge (windows)',
    ]);
    expect(byName['build/deskforge (windows)']).toMatchObject({
      status: 'completed',
      conclusion: 'failure',
    });
    expect(byName['build/deskforge (mac)']).toMatchObject({
      status: 'completed',
      conclusion: 'cancelled',
    });
    expectHygiene(sandbox, result);
  });
});
