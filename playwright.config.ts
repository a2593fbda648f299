import { defineConfig } from '@playwright/test';

/** The specs a merchant's work goes through, run on both API versions of the demo store. */
const MERCHANT_FLOWS = /ui-(billing|payment|bulk|conflict|addresses|offline)\.spec\.ts$/;

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/e2e-artifacts',
  globalSetup: './test/e2e/global-setup.ts',
  timeout: 60_000,
  // CI runs this on 2 cores beside two app cores and a browser: a screen may take a moment.
  expect: { timeout: 10_000 },
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: '.playwright-results.json' }]],
  use: {
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  // ui-fixtures.ts starts the demo store (and the partner sandbox) on the project's version.
  projects: [
    { name: 'api-2021-11', metadata: { demoVersion: '2021-11' } },
    { name: 'api-2021-01', metadata: { demoVersion: '2021-01' }, testMatch: MERCHANT_FLOWS },
  ],
});
