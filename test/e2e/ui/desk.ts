import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Browser } from '@playwright/test';
import type { DemoVersion } from './demo-version.ts';
import { spawnUntil, stopChild } from './processes.ts';
import { SandboxClient } from './sandbox-client.ts';

/** The app under test: a browser harness over the real core, with an embedded demo store. */
export interface Desk {
  url: string;
  dataDir: string;
  /** The API version the demo store speaks. */
  version: DemoVersion;
  /** The store the merchant flows work in: the demo store, or a writable twin of it. */
  store: string;
  /** The demo store's sandbox (admin API under /__sandbox/). */
  demo: SandboxClient;
}

export const DEMO_STORE = 'Demo store';
/** The demo sandbox saved again with a write token of the tests' own (see writableStore). */
export const DEMO_WRITER = 'Demo writer';
/** The partner sandbox with its full token. */
export const PARTNER_STORE = 'Partner sandbox';
/** The same sandbox with a token that may change customers but not payment details. */
export const PARTNER_LIMITED = 'Partner read + write';

/**
 * Waits until the app has stopped calling the store: the core opens the demo store twice at
 * startup (see ui-startup.spec.ts), so one "sync finished" does not mean both pulls are.
 */
async function settled(sandbox: SandboxClient): Promise<void> {
  let last = -1;
  await expect
    .poll(
      async () => {
        const count = await sandbox.requestCount();
        const quiet = count === last;
        last = count;
        return quiet;
      },
      { timeout: 30_000, intervals: [300] },
    )
    .toBe(true);
}

export async function startDesk(
  dataDir: string,
  version: DemoVersion,
  customers = 400,
): Promise<{ child: ChildProcess; desk: Desk }> {
  const { child, out } = await spawnUntil(
    [
      'scripts/harness.ts',
      '--data-dir',
      dataDir,
      '--demo-version',
      version,
      '--demo-customers',
      String(customers),
      '--demo-time-scale',
      '20',
      '--push-interval-ms',
      '1000',
      '--demo-admin',
    ],
    // Tests start once the first pull is over: a pull still running would copy a portal change
    // made by a test into the cache and spoil the conflict it sets up.
    (output) => /harness ready: \S+/.test(output) && /"sync finished"/.test(output),
    60_000,
  );
  const url = /harness ready: (\S+)/.exec(out)?.[1];
  const demoUrl = /Demo store \(sandbox[^)]*\): (\S+)/.exec(out)?.[1];
  if (!url || !demoUrl) throw new Error(`unexpected harness output:\n${out}`);
  const demo = new SandboxClient(demoUrl, version);
  await settled(demo);
  return { child, desk: { url, dataDir, version, store: DEMO_STORE, demo } };
}

/**
 * The store the merchant flows can edit in. The embedded demo store is saved with the scopes its
 * token check reports, and 2021-01 reports no write scopes (that version cannot say which a token
 * has), so every edit would be locked there. Then the same sandbox is added again with a write
 * token of the tests' own and its scopes ticked, as a merchant adds a 2021-01 store.
 */
export async function writableStore(browser: Browser, desk: Desk): Promise<string> {
  const page = await browser.newPage();
  try {
    await page.goto(desk.url);
    await page.getByTestId('nav-settings').click();
    const demo = page.getByTestId('profile-item').filter({ hasText: DEMO_STORE });
    const writeChip = demo.getByTestId('scope-write_customer');
    await expect(writeChip).toBeVisible();
    if (!((await writeChip.textContent()) ?? '').includes('not granted')) return DEMO_STORE;

    await page.getByTestId('add-profile').click();
    const add = page.getByTestId('add-profile-dialog');
    await expect(add.getByLabel('Store name')).toBeFocused();
    await add.getByLabel('Store name').fill(DEMO_WRITER);
    await add.getByLabel('API base URL').fill(desk.demo.url);
    const versionField = add.locator('.v-input', {
      has: page.getByRole('combobox', { name: 'API version' }),
    });
    if (!((await versionField.textContent()) ?? '').includes(desk.version)) {
      await versionField.locator('.v-field').click();
      await page.getByRole('option', { name: desk.version }).click();
    }
    await add.getByLabel('ReCharge API token').fill(await desk.demo.writeToken());
    if (desk.version === '2021-01') {
      await add.getByLabel('Write customers').check();
      await add.getByLabel('Update payment tokens').check();
    }
    await add.getByRole('button', { name: 'Add store' }).click();
    await expect(add).toBeHidden({ timeout: 15_000 });
    await expect(page.getByTestId('store-switcher')).toContainText(DEMO_WRITER);
    await expect(page.getByTestId('sync-indicator')).toContainText('Online', { timeout: 30_000 });
    await settled(desk.demo);
    return DEMO_WRITER;
  } finally {
    await page.close();
  }
}

/** A desk of the project's version for one test, with the demo store's full 3,000 customers. */
export async function withFreshDesk(
  browser: Browser,
  version: DemoVersion,
  use: (desk: Desk) => Promise<void>,
): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rcd-ui-e2e-fresh-'));
  const { child, desk } = await startDesk(dataDir, version, 3000);
  try {
    desk.store = await writableStore(browser, desk);
    await use(desk);
  } finally {
    await stopChild(child, 'SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}
