// `npm run local-action`: runs the action's TypeScript entry (src/main.ts) through GitHub's
// @github/local-action against the local sandbox, which this script starts on 127.0.0.1:8787 and
// stops afterwards. Inputs come from .env if you made one, else the checked-in .env.example.
// local-action prints the inputs, the log, and the outputs the action set.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandbox } from '../sandbox/server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const envFile = ['.env', '.env.example'].map((f) => path.join(root, f)).find(fs.existsSync);
if (!envFile) {
  console.error('No .env or .env.example: copy .env.example to .env and edit it.');
  process.exit(2);
}

let sandbox;
try {
  sandbox = await startSandbox({ port: 8787, buildMs: 3000 });
} catch (error) {
  console.error(
    `Could not start the sandbox on 127.0.0.1:8787 (${error.code ?? error.message}); stop whatever holds the port (npm run sandbox?) and retry.`,
  );
  process.exit(2);
}
console.log(`Sandbox on ${sandbox.apiBase}; inputs from ${path.relative(root, envFile)}`);

const bin = path.join(root, 'node_modules', '@github', 'local-action', 'bin', 'local-action.js');
// The post step is the same entry (it finds the main step's saved state), as in action.yml.
const child = spawn(
  process.execPath,
  [bin, 'run', root, 'src/main.ts', envFile, '--post', 'src/main.ts'],
  { cwd: root, stdio: 'inherit' },
);
const code = await new Promise((resolve) => child.once('exit', (c) => resolve(c ?? 1)));
await sandbox.close();
process.exit(code);
