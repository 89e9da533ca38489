// Smoke test of the bundle on whichever Node runs this script: CI runs it on the machine's Node
// (20) and on the Actions runtime's (24). One full build through dist/index.js, then the post step
// (the same bundle, told apart by the state the main step saved), and one through the CLI.
import { execFile } from 'node:child_process';
import { startSandbox } from '../sandbox/server.mjs';
import { runAction } from '../sandbox/run-action.mjs';

const sandbox = await startSandbox({ buildMs: 600 });
const checks = [];
const check = (name, ok, detail = '') => checks.push({ name, ok: Boolean(ok), detail });
try {
  const main = await runAction({
    sandbox,
    inputs: {
      provider: 'deskforge',
      project: 'proj_smoke',
      platform: 'linux',
      token: 'sandbox-token',
      'api-url': sandbox.apiUrl('deskforge'),
    },
    githubToken: 'ghs_smoke',
    timeoutMs: 30_000,
  });
  check('main step exits 0', main.code === 0, main.stdout + main.stderr);
  check('status output is success', main.outputs['status'] === 'success', main.outputs['status']);
  check('build-id output is set', main.outputs['build-id']);
  check('main step saves isPost for the post step', main.state['isPost'] === 'true');
  check(
    'commit statuses pending -> success',
    sandbox.statuses.map((s) => s.state).join(',') === 'pending,success',
    sandbox.statuses.map((s) => s.state).join(','),
  );
  const post = await runAction({
    entry: 'post',
    sandbox,
    state: main.state,
    inputs: { 'github-token': 'ghs_smoke' },
    githubToken: 'ghs_smoke',
    timeoutMs: 15_000,
  });
  check('post step exits 0', post.code === 0, post.stdout + post.stderr);
  check('post step posts nothing after a finished run', sandbox.statuses.length === 2);
  // Asynchronous: the sandbox answering the CLI lives in this process.
  const cli = await new Promise((resolve) =>
    execFile(
      process.execPath,
      [
        'dist/cli.js',
        '--provider',
        'deskforge',
        '--project',
        'proj_smoke',
        '--platform',
        'linux',
        '--api-url',
        sandbox.apiUrl('deskforge'),
        '--json',
      ],
      { encoding: 'utf8', env: { PATH: process.env.PATH, TRIGGER_BUILD_TOKEN: 'sandbox-token' } },
      (error, stdout, stderr) => resolve({ status: error ? error.code : 0, stdout, stderr }),
    ),
  );
  check('CLI exits 0', cli.status === 0, cli.stdout + cli.stderr);
  check('CLI prints the results as JSON', /"status": "success"/.test(cli.stdout), cli.stdout);
} finally {
  await sandbox.close();
}

for (const c of checks)
  console.log(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name}${c.ok ? '' : `\n${c.detail}`}`);
const failed = checks.filter((c) => !c.ok).length;
console.log(`smoke on node ${process.version}: ${checks.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
