import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The package and Docker suites need minutes: npm run test:package / test:docker (run by .ci/run).
    exclude: ['test/package/**', 'test/docker/**', '**/node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
