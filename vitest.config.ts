import { defineConfig } from 'vitest/config';

// Three suites: pure core (fast), the CDK template, and integration against the real local
// services, which the integration suite's global setup starts once.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      { test: { name: 'infra', include: ['test/infra/**/*.test.ts'], testTimeout: 180_000, hookTimeout: 180_000 } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One shared stack: files run one after another so that queue assertions are not
          // disturbed by another file's tips.
          fileParallelism: false,
        },
      },
    ],
  },
});
