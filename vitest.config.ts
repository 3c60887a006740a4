import { defineConfig } from 'vitest/config';

// Four suites: pure core (fast), the CDK template, integration against the real local
// services, which the integration suite's global setup starts once, and the dashboard in a browser.
export default defineConfig({
  test: {
    // Lambda runs Node 22; the SDK's notice about Node 20 would only bury the test output.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
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
      {
        test: {
          // The operator dashboard in headless Chromium, against its own local stack. The
          // dashboard is built first so the browser never tests a stale dist/.
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/build-dashboard.ts', 'test/integration/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
