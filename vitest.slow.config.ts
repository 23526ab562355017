import { defineConfig } from 'vitest/config';

// The slow suites .ci/run runs after `npm test`: the npm package installed into a fresh project
// (npm run test:package) and the Docker image (npm run test:docker).
export default defineConfig({
  test: {
    include: ['test/package/**/*.test.ts', 'test/docker/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 900_000,
    pool: 'forks',
  },
});
