import { runCli } from './cli/run.js';

// The CLI's entry (dist/cli.js): nothing here but the exit code.
process.exit(await runCli(process.argv.slice(2)));
