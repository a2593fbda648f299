import { eventually, expect, openDesk, searchBox, test } from './ui-fixtures.ts';

test('bulk edit of 100 customers: preview, confirm, the outbox drains to ReCharge', async ({
  page,
  desk,
  shot,
}) => {
  const company = 'Bulk E2E Holdings';
  const since = await desk.demo.requestCount();
  await openDesk(page, desk);
  await searchBox(page).fill('');

  // The newest 100: other tests edit the oldest customers.
  const table = page.getByTestId('results-table');
  const rows = page.getByTestId('customer-row');
  await table.locator('.v-data-table-footer .v-field').click();
  await page.getByRole('option', { name: '100', exact: true }).click();
  await expect(rows).toHaveCount(100);
  const idHeader = table.locator('thead th').filter({ hasText: /^ID$/ });
  await idHeader.click();
  await idHeader.click();
  const ids = (await desk.demo.list('id-desc', 100)).map((c) => c.id);
  await expect(rows.first()).toHaveAttribute('data-customer-id', String(ids[0]));
  await expect(rows.last()).toHaveAttribute('data-customer-id', String(ids[99]));

  await table.locator('thead').getByRole('checkbox').check();
  await expect(page.getByTestId('bulk-edit-button')).toHaveText('Edit 100');
  await expect(page.getByTestId('select-all-banner')).toContainText(
    'All 100 customers on this page are selected.',
  );
  // With the banner up the table still fits the window: footer in view, no sideways scrolling.
  await expect(table.locator('.v-data-table-footer')).toBeInViewport({ ratio: 1 });
  const wrapper = table.locator('.v-table__wrapper');
  expect(await wrapper.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  await expect(idHeader).toBeInViewport({ ratio: 1 });
  await shot('ui-bulk-0-selected');
  await page.getByTestId('bulk-edit-button').click();

  const dialog = page.getByTestId('bulk-dialog');
  await expect(dialog.getByTestId('bulk-target')).toHaveText('100 selected customers');
  await dialog.getByTestId('bulk-check-billing_company').getByRole('checkbox').check();
  await dialog.getByLabel('New company').fill(company);
  await dialog.getByTestId('bulk-preview').click();
  await expect(dialog.getByTestId('bulk-preview-count')).toHaveText('100 customers will change');
  await expect(dialog).toContainText('Fields: Company.');
  await shot('ui-bulk-1-preview');

  await dialog.getByTestId('bulk-confirm').click();
  await expect(dialog.getByTestId('bulk-queued')).toContainText('100 edits queued');
  await expect(dialog.getByTestId('bulk-drain')).toHaveText('100 of 100 sent', {
    timeout: 30_000,
  });
  await shot('ui-bulk-2-drained');
  await dialog.getByRole('button', { name: 'Open outbox' }).click();

  for (const stat of ['waiting', 'sending', 'failed', 'conflicts']) {
    await expect(page.getByTestId(`outbox-stat-${stat}`)).toHaveText('0');
  }
  await expect(page.getByTestId('outbox-badge').locator('.v-badge__badge')).toBeHidden();

  await eventually(
    () => desk.demo.customers(ids),
    (customers) => expect(customers.filter((c) => c.billing_company === company)).toHaveLength(100),
  );
  const writes = (await desk.demo.requests(since)).filter((r) => r.method === 'PUT');
  expect(new Set(writes.map((w) => w.path))).toEqual(new Set(ids.map((id) => `/customers/${id}`)));
  expect(writes.every((w) => w.status === 200 && w.body?.['billing_company'] === company)).toBe(
    true,
  );
  // One push per edit: no edit is sent twice.
  expect(writes).toHaveLength(100);
});
