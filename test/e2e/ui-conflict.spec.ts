import { eventually, expect, openDesk, queueConflictingEdit, test } from './ui-fixtures.ts';

test('a portal change makes a conflict, resolved per field in the outbox', async ({
  page,
  desk,
  shot,
}) => {
  const customer = await desk.demo.nth(40);
  await openDesk(page, desk);
  const row = await queueConflictingEdit(
    page,
    desk,
    customer,
    { Address: '1 Mine Street', City: 'Mine Town' },
    { billing_city: 'Their Town' },
  );
  await expect(page.getByTestId('outbox-stat-conflicts')).toHaveText('1');
  await expect(row).toContainText('Conflict');

  await row.click();
  const dialog = page.getByTestId('edit-dialog');
  const table = dialog.getByTestId('conflict-table');
  const city = table.getByRole('row').filter({ hasText: 'City' });
  await expect(city).toContainText(customer.billing_city ?? '(empty)');
  await expect(city.getByRole('radio', { name: 'Mine Town' })).toBeChecked();
  await expect(city.getByRole('radio', { name: 'Their Town' })).not.toBeChecked();
  const address = table.getByRole('row').filter({ hasText: 'Address' });
  await expect(address.getByRole('radio', { name: '1 Mine Street' })).toBeChecked();
  // Only the city changed on ReCharge: the dialog says which field makes the conflict.
  await expect(city.getByTestId('changed-on-store')).toHaveText('Changed on ReCharge');
  await expect(address.getByTestId('changed-on-store')).toHaveCount(0);
  await shot('ui-conflict-1-dialog');

  // Theirs for the city, mine for the street.
  await city.getByRole('radio', { name: 'Their Town' }).check();
  await dialog.getByTestId('conflict-apply').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('outbox-stat-conflicts')).toHaveText('0');
  await expect(page.getByTestId('outbox-stat-waiting')).toHaveText('0');

  await eventually(
    () => desk.demo.customer(customer.id),
    (c) =>
      expect(c).toMatchObject({ billing_city: 'Their Town', billing_address1: '1 Mine Street' }),
  );
});

test('keep mine overwrites the portal change; take theirs sends nothing', async ({
  page,
  desk,
}) => {
  const [keep, take] = [await desk.demo.nth(41), await desk.demo.nth(42)];
  await openDesk(page, desk);

  const keepRow = await queueConflictingEdit(
    page,
    desk,
    keep,
    { City: 'Kept Mine City' },
    { billing_city: 'Portal City' },
  );
  await keepRow.click();
  let dialog = page.getByTestId('edit-dialog');
  await dialog.getByRole('button', { name: 'Take all theirs' }).click();
  await dialog.getByRole('button', { name: 'Keep all mine' }).click();
  await expect(dialog.getByRole('radio', { name: 'Kept Mine City' })).toBeChecked();
  await dialog.getByTestId('conflict-apply').click();
  await expect(dialog).toBeHidden();
  await eventually(
    () => desk.demo.customer(keep.id),
    (c) => expect(c.billing_city).toBe('Kept Mine City'),
  );

  const takeRow = await queueConflictingEdit(
    page,
    desk,
    take,
    { City: 'Unsent Mine City' },
    { billing_city: 'Portal Keeps City' },
  );
  const since = await desk.demo.requestCount();
  await takeRow.click();
  dialog = page.getByTestId('edit-dialog');
  await dialog.getByRole('button', { name: 'Take all theirs' }).click();
  await dialog.getByTestId('conflict-apply').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('outbox-stat-conflicts')).toHaveText('0');
  await expect(takeRow).toHaveCount(0);

  expect((await desk.demo.customer(take.id)).billing_city).toBe('Portal Keeps City');
  const writes = (await desk.demo.requests(since)).filter((r) => r.method === 'PUT');
  expect(writes.map((w) => w.path)).not.toContain(`/customers/${take.id}`);
});
