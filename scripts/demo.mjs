// A newcomer's tour: runs the bundled action (dist/index.js) against the local sandbox exactly as a
// GitHub runner would, and shows the Actions log, the outputs, the commit statuses and the job
// summary. No account, no network: everything listens on 127.0.0.1 / 127.0.0.2.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSandbox } from '../sandbox/server.mjs';
import { runAction } from '../sandbox/run-action.mjs';

const bold = (s) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);
const dim = (s) => (process.stdout.isTTY ? `\x1b[2m${s}\x1b[0m` : s);

/** Renders the raw stdout the way the Actions log shows it. */
function renderLog(stdout) {
  let depth = 0;
  for (const line of stdout.split('\n')) {
    if (line === '') continue;
    const command = /^::([\w-]+)(?: [^:]*)?::(.*)$/.exec(line);
    const pad = '  '.repeat(depth);
    if (!command) {
      console.log(`  │ ${pad}${line}`);
    } else if (command[1] === 'group') {
      console.log(`  │ ${pad}▾ ${command[2]}`);
      depth += 1;
    } else if (command[1] === 'endgroup') {
      depth = Math.max(0, depth - 1);
    } else if (command[1] === 'add-mask') {
      console.log(`  │ ${pad}${dim('(a secret is masked from here on: ***)')}`);
    } else if (command[1] === 'error' || command[1] === 'warning') {
      console.log(
        `  │ ${pad}${command[1] === 'error' ? 'Error' : 'Warning'}: ${decodeURIComponent(command[2])}`,
      );
    } else if (command[1] !== 'debug') {
      console.log(`  │ ${pad}${dim(line)}`);
    }
  }
}

async function scenario(sandbox, title, yaml, inputs, setup = () => undefined) {
  sandbox.reset();
  setup(sandbox);
  console.log(`\n${bold(`━━ ${title} ━━`)}`);
  console.log(dim(yaml));
  const result = await runAction({
    sandbox,
    inputs,
    githubToken: 'ghs_demo_token',
    timeoutMs: 60_000,
  });
  console.log(bold('\n  Actions log'));
  renderLog(result.stdout);
  console.log(bold('\n  Step outputs'));
  for (const [key, value] of Object.entries(result.outputs)) {
    if (value) console.log(`    ${key.padEnd(16)} ${value}`);
  }
  console.log(bold('\n  Commit statuses posted'));
  for (const s of sandbox.statuses) {
    console.log(
      `    ${s.state.padEnd(8)} ${s.context.padEnd(18)} ${s.description ?? ''}${s.source === 'action' ? '' : dim(`  (posted by ${s.source})`)}`,
    );
  }
  console.log(bold('\n  Job summary (Markdown)'));
  for (const line of result.summary.trim().split('\n')) console.log(`    ${line}`);
  console.log(`\n  Step ${result.code === 0 ? 'passed ✔' : 'failed ✘'} (exit code ${result.code})`);
  return result;
}

const sandbox = await startSandbox({ buildMs: 3000 });
const workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'tba-demo-'));
fs.writeFileSync(path.join(workdir, 'index.html'), '<h1>Hello from the demo</h1>\n');
fs.writeFileSync(path.join(workdir, 'app.js'), 'console.log("hi");\n');
try {
  console.log(bold('trigger-build-action demo'));
  console.log(`Sandbox APIs on ${sandbox.apiBase}, upload host and CDN on ${sandbox.foreignUrl}.`);

  await scenario(
    sandbox,
    'Deskforge: build a Linux installer and wait for it',
    `  - uses: trigger-build-action/trigger-build-action@v1
    with:
      provider: deskforge
      project: proj_demo
      platform: linux
      token: \${{ secrets.DESKFORGE_TOKEN }}`,
    {
      provider: 'deskforge',
      project: 'proj_demo',
      platform: 'linux',
      token: 'sandbox-token',
      'api-url': sandbox.apiUrl('deskforge'),
    },
  );

  await scenario(
    sandbox,
    'JustDeploy: zip a directory, upload it, deploy the production stage',
    `  - uses: trigger-build-action/trigger-build-action@v1
    with:
      provider: justdeploy
      organization: org_demo
      project: proj_web
      artifact: ./site
      token: \${{ secrets.JUSTDEPLOY_ACCESS_KEY }}
      secret-key: \${{ secrets.JUSTDEPLOY_SECRET_KEY }}`,
    {
      provider: 'justdeploy',
      organization: 'org_demo',
      project: 'proj_web',
      artifact: workdir,
      token: 'sandbox-access',
      'secret-key': 'sandbox-secret',
      'api-url': sandbox.apiUrl('justdeploy'),
    },
  );

  await scenario(
    sandbox,
    'DeployHub: a build that fails (the step fails, the status says failure)',
    `  - uses: trigger-build-action/trigger-build-action@v1
    with:
      provider: deployhub
      project: 65f3a2b1c4d5e6f7a8b9c0d1
      token: \${{ secrets.DEPLOYHUB_TOKEN }}`,
    {
      provider: 'deployhub',
      project: '65f3a2b1c4d5e6f7a8b9c0d1',
      token: 'sandbox-token',
      'api-url': sandbox.apiUrl('deployhub'),
    },
    (s) => {
      s.options.outcome = 'failure';
    },
  );

  console.log(`\n${bold('What next')}`);
  console.log('  npm test           run the unit and integration tests');
  console.log('  npm run sandbox    keep the sandbox running and point your own runs at it');
  console.log('  docs/providers/    a copy-paste workflow for each provider');
} finally {
  await sandbox.close();
  fs.rmSync(workdir, { recursive: true, force: true });
}
