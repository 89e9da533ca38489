import os from 'node:os';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

// Most test files spend their time waiting: on a sandbox server, on a child process running
// dist/, on a poll interval. vitest's default (one fork per core but one, so a single fork on a
// 2-core machine) leaves the cores idle; several forks per core keep them busy. Measured on the
// idle 2-core machine, fresh clone, 1,278 tests: 6 forks 172 s, 8 forks 131 s, 10 forks 122 s
// (CPU ~200-230 s in each). Four per core takes most of the gain without crowding the timing
// invariants of the property suite. VITEST_MAX_FORKS overrides the count (1: one file at a time).
const forks = Number(process.env['VITEST_MAX_FORKS']) || Math.max(4, os.availableParallelism() * 4);

/**
 * The files that take longest (measured: each over 40 s on the 2-core machine), started first so
 * that the run is not as long as the slowest one started last. On a fresh clone vitest has no
 * timings of its own and would start them in name order, `worlds` near the end.
 */
const SLOWEST_FIRST = [
  'integration/worlds.test.ts',
  'integration/faults.test.ts',
  'integration/github-calls.test.ts',
  'integration/reporting.test.ts',
  'integration/custom.test.ts',
  'unit/artifact.test.ts',
  'integration/artifacts.test.ts',
  'integration/check-runs.test.ts',
];

class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification): number => {
      const found = SLOWEST_FIRST.findIndex((name) => file.moduleId.endsWith(`__tests__/${name}`));
      return found < 0 ? SLOWEST_FIRST.length : found;
    };
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    include: ['__tests__/**/*.test.ts'],
    // Every test bounds its own time; these are the ceilings.
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    poolOptions: { forks: { maxForks: forks, minForks: 1 } },
    sequence: { sequencer: SlowestFirst },
    restoreMocks: true,
  },
});
