#!/usr/bin/env node
/**
 * `npm run sandbox [-- --port 8787 --build-ms 5000 --outcome failure --quiet]`
 *
 * Starts the sandbox on a fixed port, prints the api-url of every provider and the GitHub URL,
 * then logs one line per request until Ctrl-C.
 */
import { parseArgs } from 'node:util';
import { FAKES } from './providers/index.mjs';
import { startSandbox } from './server.mjs';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    'build-ms': { type: 'string' },
    outcome: { type: 'string' },
    quiet: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(
    'usage: node sandbox/cli.mjs [--port 8787] [--build-ms 1500] [--outcome success|failure|never] [--quiet]',
  );
  process.exit(0);
}

const outcome = values.outcome;
if (outcome !== undefined && !['success', 'failure', 'never'].includes(outcome)) {
  console.error(`--outcome must be success, failure or never (got ${outcome})`);
  process.exit(2);
}

const sandbox = await startSandbox({
  port: Number(values.port),
  ...(values['build-ms'] ? { buildMs: Number(values['build-ms']) } : {}),
  ...(outcome ? { outcome: /** @type {'success' | 'failure' | 'never'} */ (outcome) } : {}),
  onRequest: values.quiet
    ? undefined
    : (rec) => {
        const time = new Date(rec.at).toISOString().slice(11, 23);
        const query = rec.query ? `?${rec.query}` : '';
        const who = (rec.provider ?? '-').padEnd(10);
        const size = rec.bytes ? ` ${rec.bytes}B` : '';
        const fault = rec.fault ? ` [fault #${rec.fault}]` : '';
        console.log(
          `${time} ${rec.host.padEnd(7)} ${who} ${rec.method.padEnd(6)} ${rec.fullPath}${query} -> ${rec.status} (${rec.ms}ms)${size}${fault}`,
        );
      },
});

console.log(
  `Builds API sandbox (build time ${sandbox.options.buildMs} ms, outcome ${sandbox.options.outcome})`,
);
for (const fake of FAKES) {
  // A fake says how to print its credentials; a plain token prints as one.
  const credentials = fake.credentials
    ? fake.credentials(sandbox.options)
    : `token=${sandbox.options.tokens[fake.name]}`;
  console.log(
    `  ${fake.name.padEnd(11)} api-url: ${sandbox.apiUrl(fake.name).padEnd(36)} ${credentials}`,
  );
}
console.log(
  `  ${'github'.padEnd(11)} GITHUB_API_URL=${sandbox.githubApiUrl}  GITHUB_SHA=${sandbox.sha}`,
);
console.log(`  ${'foreign'.padEnd(11)} ${sandbox.foreignUrl} (uploads, CDN, sites, /evil)`);
console.log(
  'Project ids starting with "fail" fail, "slow" never finish, "missing" are 404. Ctrl-C to stop.',
);

let stopping = false;
const stop = async () => {
  if (stopping) process.exit(1);
  stopping = true;
  await sandbox.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
