import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['__tests__/**/*.test.ts'],
    // Every test bounds its own time; these are the ceilings.
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    restoreMocks: true,
  },
});
