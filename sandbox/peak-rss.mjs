/**
 * Preloaded into an action run by `runAction({measureMemory: true})`: when the process exits, it
 * writes its peak resident set size (kilobytes, as the kernel counts it) to the file named by
 * TBA_PEAK_RSS_FILE, so a test can hold the action to a memory bound from outside.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.TBA_PEAK_RSS_FILE;
if (file) {
  process.on('exit', () => {
    writeFileSync(file, String(process.resourceUsage().maxRSS));
  });
}
