import { defineConfig } from 'vitest/config';

// End-to-end tests: real Chromium (Debian's) driven by playwright-core against
// the real server. Files run one at a time: the machine has two cores.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
