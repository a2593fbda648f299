import {
  eventually,
  expect,
  expectEveryInputLabelled,
  openDesk,
  searchBox,
  test,
} from './ui-fixtures.ts';

test('keyboard only: search, arrows, Enter, edit billing, save', async ({ page, desk, shot }) => {
  const customer = await desk.demo.nth(50);
  // A query that matches this customer among several, so the arrows have work to do.
  const query = customer.last_name;
  await openDesk(page, desk);
  await expect(searchBox(page)).toBeFocused();

  await page.keyboard.type(query);
  const rows = page.getByTestId('customer-row');
  await expect(rows.first()).toContainText(query);
  expect(await expectEveryInputLabelled(page.getByTestId('results-table'))).toBeGreaterThan(1);
  await expectEveryInputLabelled(page.locator('.search-view'));

  const active = page.locator('[data-testid="customer-row"].row-active');
  await expect(active).toHaveCount(1);
  const total = await rows.count();
  for (let i = 0; i < total; i++) {
    if ((await active.getAttribute('data-customer-id')) === String(customer.id)) break;
    await page.keyboard.press('ArrowDown');
  }
  await expect(active).toHaveAttribute('data-customer-id', String(customer.id));
  await expect(searchBox(page)).toBeFocused();
  await shot('ui-keyboard-1-active-row');

  await page.keyboard.press('Enter');
  await expect(page.getByTestId('customer-name')).toHaveText(
    `${customer.first_name} ${customer.last_name}`,
  );
  await expect(page.getByTestId('edit-billing')).toBeFocused();
  await page.keyboard.press('Enter');

  const dialog = page.getByTestId('billing-dialog');
  await expect(dialog.getByLabel('First name *')).toBeFocused();
  await expectEveryInputLabelled(dialog);
  const city = dialog.getByLabel('City', { exact: true });
  for (let i = 0; i < 12; i++) {
    if (await city.evaluate((el) => el === el.ownerDocument.activeElement)) break;
    await page.keyboard.press('Tab');
  }
  await expect(city).toBeFocused();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('Keyboard City');
  await expect(dialog).toContainText('1 field changed');
  await shot('ui-keyboard-2-billing');
  await page.keyboard.press('Enter');

  await expect(dialog.getByTestId('edit-receipt')).toBeVisible();
  const done = dialog.getByRole('button', { name: 'Done' });
  await expect(done).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('billing-address')).toContainText('Keyboard City');

  await page.keyboard.press('Escape');
  await expect(page.getByTestId('customer-name')).toBeHidden();
  await expect(searchBox(page)).toBeVisible();

  await eventually(
    () => desk.demo.customer(customer.id),
    (c) => expect(c.billing_city).toBe('Keyboard City'),
  );
});
