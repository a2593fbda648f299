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
  await table.getByTestId('page-size').click();
  await page.getByRole('option', { name: '100', exact: true }).click();
  await expect(rows).toHaveCount(100);
  // The chosen size reads whole in its box, not cut to "1…".
  const size = table.getByTestId('page-size').locator('.v-select__selection-text');
  await expect(size).toHaveText('100');
  expect(await size.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  const idHeader = table.locator('thead th').filter({ hasText: /^ID$/ });
  await idHeader.click();
  await idHeader.click();
  const ids = (await desk.demo.list('id-desc', 100)).map((c) => c.id);
  // On 2021-11 the billing address is the default payment method's: customers without an
  // editable one are skipped, and the write goes to the method.
  const methods = new Map<number, number>();
  if (desk.version === '2021-11') {
    for (const id of ids) {
      const method = await desk.demo.editableDefault(id);
      if (method) methods.set(id, method.id);
    }
  }
  const editable = desk.version === '2021-11' ? ids.filter((id) => methods.has(id)) : ids;
  const skipped = ids.length - editable.length;
  const n = editable.length;
  await expect(rows.first()).toHaveAttribute('data-customer-id', String(ids[0]));
  await expect(rows.last()).toHaveAttribute('data-customer-id', String(ids[99]));

  await table.locator('thead').getByRole('checkbox').check();
  await expect(page.getByTestId('bulk-edit-button')).toHaveText('Edit 100');
  await expect(page.getByTestId('select-all-banner')).toContainText(
    'All 100 customers on this page are selected.',
  );
  // With the banner up the table still fits the window: footer in view, no sideways scrolling.
  await expect(table.getByTestId('results-pager')).toBeInViewport({ ratio: 1 });
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
  await expect(dialog.getByTestId('bulk-preview-count')).toHaveText(`${n} customers will change`);
  await expect(dialog).toContainText('Fields: Company.');
  if (skipped > 0) {
    await expect(dialog.getByTestId('bulk-preview-skipped')).toContainText(
      `${skipped} customer${skipped === 1 ? '' : 's'} skipped`,
    );
  } else {
    await expect(dialog.getByTestId('bulk-preview-skipped')).toHaveCount(0);
  }
  await shot('ui-bulk-1-preview');

  await dialog.getByTestId('bulk-confirm').click();
  // The selection is done with once its edits are queued.
  await expect(page.getByTestId('bulk-edit-button')).toHaveText('Bulk edit');
  await expect(dialog.getByTestId('bulk-target')).toHaveText('100 selected customers');
  await expect(dialog.getByTestId('bulk-queued')).toContainText(
    new RegExp(`${n} edits queued|All ${n} edits reached ReCharge`),
  );
  await expect(dialog.getByTestId('bulk-drain')).toHaveText(`${n} of ${n} sent`, {
    timeout: 30_000,
  });
  await expect(dialog.getByTestId('bulk-queued')).toContainText(`All ${n} edits reached ReCharge`);
  await shot('ui-bulk-2-drained');
  await dialog.getByRole('button', { name: 'Open outbox' }).click();

  for (const stat of ['waiting', 'sending', 'failed', 'conflicts']) {
    await expect(page.getByTestId(`outbox-stat-${stat}`)).toHaveText('0');
  }
  await expect(page.getByTestId('outbox-badge').locator('.v-badge__badge')).toBeHidden();

  await eventually(
    () => desk.demo.customers(ids),
    (customers) =>
      expect(customers.filter((c) => c.billing_company === company).map((c) => c.id)).toEqual(
        expect.arrayContaining(editable),
      ),
  );
  const writes = (await desk.demo.requests(since)).filter((r) => r.method === 'PUT');
  const paths = editable.map((id) =>
    methods.has(id) ? `/payment_methods/${methods.get(id)}` : `/customers/${id}`,
  );
  expect(new Set(writes.map((w) => w.path))).toEqual(new Set(paths));
  const sent = (w: (typeof writes)[number]) =>
    (w.body?.['billing_address'] as Record<string, unknown> | undefined)?.['company'] ??
    w.body?.['billing_company'];
  expect(writes.every((w) => w.status === 200 && sent(w) === company)).toBe(true);
  // One push per edit: no edit is sent twice.
  expect(writes).toHaveLength(n);
});
