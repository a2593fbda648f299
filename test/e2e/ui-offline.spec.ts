import {
  customerRow,
  editBilling,
  eventually,
  expect,
  openCustomer,
  searchCustomers,
  test,
  usePartnerStore,
} from './ui-fixtures.ts';
import type { Page } from '@playwright/test';

/** The sync indicator's menu in the top bar. */
async function syncNow(page: Page): Promise<void> {
  await page.getByTestId('sync-indicator').click();
  const menu = page.locator('.v-overlay--active');
  await menu.getByRole('button', { name: 'Sync now' }).click();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
}

test('offline: browse and search the cache, queue an edit, it drains when the store is back', async ({
  page,
  desk,
  partnerSandbox,
  shot,
}) => {
  test.setTimeout(120_000);
  await usePartnerStore(page, desk, partnerSandbox);
  const customer = await partnerSandbox.api.nth(10);

  await partnerSandbox.kill();
  // The app finds out on its next call to the store: ask for a sync, as a merchant would.
  await syncNow(page);
  await expect(page.getByTestId('sync-indicator')).toContainText('Offline', { timeout: 40_000 });

  // Browsing and search work from the local cache.
  await searchCustomers(page, customer.last_name);
  await expect(customerRow(page, customer)).toBeVisible();
  await openCustomer(page, customer);
  await expect(page.getByTestId('billing-address')).toContainText(customer.billing_city ?? '');

  await page.getByTestId('edit-billing').click();
  await expect(page.getByTestId('billing-dialog')).toContainText('You are offline');
  await page.keyboard.press('Escape');
  const dialog = await editBilling(page, { City: 'Offline Springs' });
  await expect(dialog.getByTestId('edit-receipt')).toContainText('Saved offline');
  await shot('ui-offline-1-saved-offline');
  await dialog.getByRole('button', { name: 'Done' }).click();

  await expect(page.getByTestId('pending-fields')).toContainText('City');
  await expect(page.getByTestId('billing-address')).toContainText('Offline Springs');
  await expect(page.getByTestId('outbox-badge')).toContainText('1');
  await page.getByTestId('nav-outbox').click();
  await expect(page.getByTestId('outbox-stat-waiting')).toHaveText('1');
  const row = page.getByTestId('outbox-row').filter({ hasText: customer.last_name });
  await expect(row).toHaveAttribute('data-state', /pending|in_flight/);
  await shot('ui-offline-2-outbox-pending');

  // Same port, same seed: the store is back with the same data. The queue retries on its timer.
  await partnerSandbox.start();
  await expect(page.getByTestId('outbox-stat-waiting')).toHaveText('0', { timeout: 40_000 });
  await expect(page.getByTestId('outbox-stat-sending')).toHaveText('0');
  await expect(page.getByTestId('outbox-stat-failed')).toHaveText('0');
  await eventually(
    () => partnerSandbox.api.customer(customer.id),
    (c) => expect(c.billing_city).toBe('Offline Springs'),
  );

  await syncNow(page);
  await expect(page.getByTestId('sync-indicator')).toContainText('Online', { timeout: 20_000 });
  await openCustomer(page, customer);
  await expect(page.getByTestId('pending-fields')).toHaveCount(0);
  await expect(page.getByTestId('billing-address')).toContainText('Offline Springs');
});
