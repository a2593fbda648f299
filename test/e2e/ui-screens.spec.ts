import type { Page } from '@playwright/test';
import {
  expect,
  openCustomer,
  openDesk,
  queueConflictingEdit,
  searchBox,
  test,
} from './ui-fixtures.ts';

async function setTheme(page: Page, theme: 'Light' | 'Dark'): Promise<void> {
  await page.getByTestId('theme-menu').click();
  await page.locator('.v-overlay--active').getByText(theme, { exact: true }).click();
  await expect(page.locator('.v-application')).toHaveClass(
    new RegExp(`v-theme--${theme.toLowerCase()}`),
  );
}

test('main screens in light and dark at 1280x800', async ({ page, desk, shot }) => {
  test.setTimeout(120_000);
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
    await setTheme(page, theme);

    await page.getByTestId('nav-customers').click();
    await searchBox(page).fill('');
    await expect(page.getByTestId('customer-row')).toHaveCount(25);
    await shot(name('1-search'));

    await openCustomer(page, customer);
    await expect(page.getByTestId('edit-history')).toBeVisible();
    await shot(name('2-detail'));

    await page.getByTestId('edit-billing').click();
    await expect(page.getByTestId('billing-dialog')).toBeVisible();
    await shot(name('3-billing-dialog'));
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('billing-dialog')).toBeHidden();

    await page.getByTestId('edit-payment').click();
    await expect(page.getByTestId('payment-dialog')).toBeVisible();
    await shot(name('4-payment-dialog'));
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('payment-dialog')).toBeHidden();

    await page.getByTestId('back-to-results').click();
    await searchBox(page).fill('son');
    // Wait for this query's rows: select-all on the previous results would pick those.
    await expect(page.getByTestId('customer-row')).toHaveCount(25);
    await expect(page.getByTestId('result-count')).not.toContainText(/^1 customer/);
    await page.getByTestId('results-table').locator('thead').getByRole('checkbox').check();
    await page.getByTestId('bulk-edit-button').click();
    const bulk = page.getByTestId('bulk-dialog');
    await bulk.getByTestId('bulk-check-billing_city').getByRole('checkbox').check();
    await bulk.getByLabel('New city').fill('Screenshot City');
    await shot(name('5-bulk-edit'));
    await bulk.getByTestId('bulk-preview').click();
    await expect(bulk.getByTestId('bulk-preview-count')).toHaveText('25 customers will change');
    await shot(name('6-bulk-preview'));
    await bulk.getByRole('button', { name: 'Cancel' }).click();
    await expect(bulk).toBeHidden();
    await page.getByTestId('results-table').locator('thead').getByRole('checkbox').uncheck();

    await page.getByTestId('nav-outbox').click();
    await expect(conflictRow).toBeVisible();
    await shot(name('7-outbox-conflict'));
    await conflictRow.click();
    await expect(page.getByTestId('conflict-table')).toBeVisible();
    await shot(name('8-conflict-dialog'));
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('edit-dialog')).toBeHidden();

    await page.getByTestId('nav-settings').click();
    await expect(page.getByTestId('settings-stores')).toBeVisible();
    await shot(name('9-settings'));
  }

  // Leave the outbox as it was found.
  await page.getByTestId('nav-outbox').click();
  await conflictRow.click();
  await page.getByTestId('edit-discard').click();
  await expect(conflictRow).toHaveCount(0);
});
