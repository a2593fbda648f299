import { customerRow, expect, openDesk, searchBox, test } from './ui-fixtures.ts';

test('a ZIP finds its customer among the first, saying it matched a ZIP', async ({
  page,
  desk,
  shot,
}) => {
  // A customer whose ZIP its id, email and city do not hold (else the list shows the match).
  let customer = await desk.demo.nth(30);
  let zip = '';
  for (let n = 30; n < 60; n += 1) {
    customer = await desk.demo.nth(n);
    const [address] = await desk.demo.addresses(customer.id);
    zip = String(address?.['zip'] ?? '');
    const shown = `${customer.id} ${customer.email} ${customer.billing_city ?? ''}`;
    if (zip.length > 2 && !shown.toLowerCase().includes(zip.toLowerCase())) break;
  }
  await openDesk(page, desk);
  await searchBox(page).fill(zip);

  const rows = page.getByTestId('customer-row');
  const mine = customerRow(page, customer);
  await expect(mine.getByTestId('matched')).toContainText(`ZIP: ${zip}`);
  await expect(mine.getByTestId('matched').locator('mark')).toHaveText(zip);
  // Exact ZIP matches come first: every row above this customer's matched a ZIP too.
  const ids = await rows.evaluateAll((all) => all.map((r) => r.getAttribute('data-customer-id')));
  const at = ids.indexOf(String(customer.id));
  for (let i = 0; i < at; i += 1) {
    await expect(rows.nth(i).getByTestId('matched')).toContainText('ZIP:');
  }
  await shot('ui-search-relevance-1-zip');
});

test('the next page follows the last row shown, with no row twice', async ({ page, desk }) => {
  await openDesk(page, desk);
  const rows = page.getByTestId('customer-row');
  await expect(rows).toHaveCount(25);
  const idsOf = () => rows.evaluateAll((all) => all.map((r) => r.getAttribute('data-customer-id')));
  const first = await idsOf();
  await page.getByRole('button', { name: 'Next page' }).click();
  await expect(page.getByTestId('results-table')).toContainText('26–50 of');
  await expect(rows.first()).not.toHaveAttribute('data-customer-id', first[0]!);
  const second = await idsOf();
  expect(second).toHaveLength(25);
  expect(second.filter((id) => first.includes(id))).toEqual([]);
});
