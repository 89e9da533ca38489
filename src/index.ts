import { run } from './main.js';

await run();
// Nothing may keep the runner waiting once the work is done (a stray keep-alive socket, a timer).
process.exit();
