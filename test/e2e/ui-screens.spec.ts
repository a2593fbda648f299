import type { Page } from '@playwright/test';
import {
  expect,
  openCustomer,
  openDesk,
  queueConflictingEdit,
  searchBox,
  searchCustomers,
  test,
} from './ui-fixtures.ts';

async function setTheme(page: Page, theme: 'Light' | 'Dark'): Promise<void> {
  await page.getByTestId('theme-menu').click();
  await page.locator('.v-overlay--active').getByText(theme, { exact: true }).click();
  await expect(page.locator('.v-application')).toHaveClass(
    new RegExp(`v-theme--${theme.toLowerCase()}`),
  );
}

/** Closes the dialog or menu on top with Escape and waits until it is gone. */
async function dismiss(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await expect(page.locator('.v-overlay--active')).toHaveCount(0);
}

test('every screen in light and dark at 1280x800', async ({ page, desk, shot }) => {
  test.setTimeout(150_000);
  const customer = await desk.demo.nth(60);
  const conflicted = await desk.demo.nth(61);
  await openDesk(page, desk);
  const conflictRow = await queueConflictingEdit(
    page,
    desk,
    conflicted,
    { City: 'Screenshot Mine', Address: '5 Screenshot Row' },
    { billing_city: 'Screenshot Theirs' },
  );

  for (const theme of ['Light', 'Dark'] as const) {
    const name = (screen: string) => `ui-screen-${theme.toLowerCase()}-${screen}`;
    // A dialog, by the test ids of its button and of itself: opened, shot, closed again.
    const shootDialog = async (button: string, dialog: string, screen: string) => {
      await page.getByTestId(button).click();
      await expect(page.getByTestId(dialog)).toBeVisible();
      await shot(name(screen));
      await dismiss(page);
    };

    await setTheme(page, theme);
    await searchCustomers(page, '');
    await expect(page.getByTestId('customer-row')).toHaveCount(25);
    await shot(name('01-search'));

    await page.getByTestId('filter-dunning').click();
    await page.locator('.v-overlay--active').getByText('Not in dunning').click();
    await expect(page.getByTestId('clear-filters')).toBeVisible();
    await page.getByTestId('sort-menu').click();
    await expect(page.locator('.v-overlay--active').getByText('Best match')).toBeVisible();
    await shot(name('02-search-filtered-sort-menu'));
    await dismiss(page);
    await page.getByTestId('clear-filters').click();

    await openCustomer(page, conflicted);
    await expect(page.getByTestId('history-row').first()).toBeVisible();
    await shot(name('03-detail-pending'));
    await page.getByTestId('edit-history').scrollIntoViewIfNeeded();
    await shot(name('04-detail-history'));

    await openCustomer(page, customer);
    await shot(name('05-detail'));

    await shootDialog('edit-billing', 'billing-dialog', '06-billing-dialog');
    await shootDialog('edit-payment', 'payment-dialog', '07-payment-dialog');
    await shootDialog('add-address', 'address-dialog', '08-address-dialog');

    await page.getByTestId('back-to-results').click();
    await searchBox(page).fill('son');
    // Wait for this query's rows: select-all on the previous results would pick those.
    await expect(page.getByTestId('customer-row')).toHaveCount(25);
    await expect(page.getByTestId('result-count')).not.toContainText(/^1 customer/);
    await page.getByTestId('results-table').locator('thead').getByRole('checkbox').check();
    await shot(name('09-search-selected'));
    await page.getByTestId('bulk-edit-button').click();
    const bulk = page.getByTestId('bulk-dialog');
    await bulk.getByTestId('bulk-check-billing_city').getByRole('checkbox').check();
    await bulk.getByLabel('New city').fill(`Screenshot City ${theme}`);
    await shot(name('10-bulk-edit'));
    await bulk.getByTestId('bulk-preview').click();
    await expect(bulk.getByTestId('bulk-preview-count')).toContainText('will change');
    await shot(name('11-bulk-preview'));
    await bulk.getByTestId('bulk-confirm').click();
    await expect(bulk.getByTestId('bulk-queued')).toContainText('reached ReCharge', {
      timeout: 20_000,
    });
    await shot(name('11b-bulk-sent'));
    await bulk.getByRole('button', { name: 'Close' }).click();
    await expect(bulk).toBeHidden();

    await page.getByTestId('nav-outbox').click();
    await expect(conflictRow).toBeVisible();
    await shot(name('12-outbox'));
    await conflictRow.click();
    await expect(page.getByTestId('conflict-table')).toBeVisible();
    await shot(name('13-conflict-dialog'));
    await dismiss(page);

    await page.getByTestId('nav-settings').click();
    await expect(page.getByTestId('settings-stores')).toBeVisible();
    await shot(name('14-settings'));
    await shootDialog('add-profile', 'add-profile-dialog', '15-add-store');

    await page.getByTestId('sync-indicator').click();
    await expect(page.locator('.v-overlay--active')).toContainText('customers on this computer');
    await shot(name('16-sync-menu'));
    await dismiss(page);
  }

  // Leave the outbox as it was found.
  await page.getByTestId('nav-outbox').click();
  await conflictRow.click();
  await page.getByTestId('edit-discard').click();
  await expect(conflictRow).toHaveCount(0);
});
