import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from '@playwright/test';
import { test as base } from './fixtures.ts';
import { versionOf } from './ui/demo-version.ts';
import { startDesk, withFreshDesk, writableStore, type Desk } from './ui/desk.ts';
import { startExternalSandbox, type ExternalSandbox } from './ui/external-sandbox.ts';
import { stopChild } from './ui/processes.ts';
import { screenshot, screenshots } from './ui/screenshots.ts';

export * from './ui/demo-version.ts';
export * from './ui/desk.ts';
export type { ExternalSandbox } from './ui/external-sandbox.ts';
export * from './ui/pages.ts';
export * from './ui/sandbox-client.ts';

/** The UI specs' fixtures: a desk per worker (or a fresh one per test), screenshots, a partner sandbox. */
export const test = base.extend<
  { shot: (name: string) => Promise<void>; freshDesk: Desk },
  { desk: Desk; partnerSandbox: ExternalSandbox }
>({
  freshDesk: async ({ browser }, use, testInfo) => {
    await withFreshDesk(browser, versionOf(testInfo.project.metadata), use);
  },
  shot: async ({ page }, use, testInfo) => {
    mkdirSync(screenshots, { recursive: true });
    // The default version's screens keep plain names; the other version's carry it.
    const version = versionOf(testInfo.project.metadata);
    const suffix = version === '2021-11' ? '' : `-api-${version}`;
    await use((name) => screenshot(page, name + suffix));
    const slug = testInfo.titlePath
      .slice(1)
      .join(' ')
      .replace(/[^a-z0-9]+/gi, '-')
      .toLowerCase();
    await screenshot(page, slug + suffix);
  },
  desk: [
    async ({ browser }, use, workerInfo) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'rcd-ui-e2e-'));
      const { child, desk } = await startDesk(dataDir, versionOf(workerInfo.project.metadata));
      desk.store = await writableStore(browser, desk);
      await use(desk);
      await stopChild(child, 'SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  partnerSandbox: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, workerInfo) => {
      const { sandbox, close } = await startExternalSandbox(versionOf(workerInfo.project.metadata));
      await use(sandbox);
      await close();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
});

export { expect };
