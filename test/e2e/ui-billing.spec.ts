import {
  customerRow,
  editBilling,
  eventually,
  expect,
  openCustomer,
  openDesk,
  searchBox,
  test,
} from './ui-fixtures.ts';

test('search, open, edit billing: the change reaches ReCharge', async ({ page, desk, shot }) => {
  const before = await desk.demo.nth(9);
  const method = desk.version === '2021-11' ? await desk.demo.editableDefault(before.id) : null;
  const since = await desk.demo.requestCount();
  await openDesk(page, desk);

  await searchBox(page).fill(before.last_name);
  const row = customerRow(page, before);
  await expect(row).toContainText(before.email);
  await shot('ui-billing-1-search');

  await openCustomer(page, before);
  await expect(page.getByTestId('billing-address')).toContainText(before.billing_city ?? '');

  const dialog = await editBilling(page, {
    Address: '12 Harbour Road',
    City: 'Portland E2E',
  });
  await expect(dialog.getByTestId('edit-receipt')).toHaveAttribute('data-state', 'done');
  await expect(dialog.getByTestId('edit-receipt')).toContainText('Saved to ReCharge');
  await shot('ui-billing-2-receipt');
  await dialog.getByRole('button', { name: 'Done' }).click();

  await expect(page.getByTestId('billing-address')).toContainText('12 Harbour Road');
  await expect(page.getByTestId('billing-address')).toContainText('Portland E2E');
  await expect(page.getByTestId('pending-fields')).toHaveCount(0);
  // One history row for the edit: the values it changed, old → new, and that it was sent.
  const history = page.getByTestId('history-row').first();
  await expect(history.getByTestId('history-outcome')).toHaveText('Sent to ReCharge');
  await expect(history).toContainText(`City: ${before.billing_city ?? '(empty)'} → Portland E2E`);
  await expect(history).toContainText('12 Harbour Road');

  const after = await desk.demo.customer(before.id);
  expect(after).toMatchObject({
    billing_address1: '12 Harbour Road',
    billing_city: 'Portland E2E',
    billing_zip: before['billing_zip'],
    first_name: before.first_name,
  });
  const writes = (await desk.demo.requests(since)).filter((r) => r.method === 'PUT');
  // One write: on 2021-01 the customer with only the two fields that changed; on 2021-11 the
  // default payment method with its whole billing address, the two fields changed in it.
  expect(writes).toHaveLength(1);
  if (method) {
    expect(writes[0]?.path).toBe(`/payment_methods/${method.id}`);
    expect(writes[0]?.body).toEqual({
      billing_address: expect.objectContaining({
        address1: '12 Harbour Road',
        city: 'Portland E2E',
        zip: method.billing_address?.['zip'],
      }),
    });
  } else {
    expect(writes[0]?.path).toBe(`/customers/${before.id}`);
    expect(writes[0]?.body).toEqual({
      billing_address1: '12 Harbour Road',
      billing_city: 'Portland E2E',
    });
  }

  // The search finds the customer by the new city from the local cache.
  await page.getByTestId('back-to-results').click();
  await searchBox(page).fill('Portland E2E');
  await expect(row).toBeVisible();
  await eventually(
    () => desk.demo.customer(before.id),
    (c) => expect(c.billing_city).toBe('Portland E2E'),
  );
});
