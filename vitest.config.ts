import { defineConfig } from 'vitest/config';

// Unit tests run in Node; browser behaviour is covered by test/e2e (Playwright).
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
