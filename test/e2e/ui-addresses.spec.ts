import {
  eventually,
  expect,
  fillNewAddress,
  openCustomer,
  openDesk,
  saveNewAddress,
  test,
} from './ui-fixtures.ts';

test('delivery addresses: a new one with the customer’s names, then a change to it', async ({
  page,
  desk,
  shot,
}) => {
  const customer = await desk.demo.nth(30);
  const since = await desk.demo.requestCount();
  await openDesk(page, desk);
  await openCustomer(page, customer);

  const dialog = await fillNewAddress(page, {
    street: '500 Dock Street',
    city: 'Wilmington',
    zip: '28401',
    country: 'United States',
    state: 'North Carolina',
  });
  // The names are the customer's until changed, and every required field says so.
  await expect(dialog.getByLabel('First name *')).toHaveValue(customer.first_name);
  await expect(dialog.getByLabel('Last name *')).toHaveValue(customer.last_name);
  await shot('ui-addresses-1-new');
  await saveNewAddress(
    dialog,
    'First name, Last name, Address, City, State / province, ZIP / postal code, Country',
  );

  const card = page.getByTestId('delivery-address').filter({ hasText: '500 Dock Street' });
  await expect(card).toContainText('Wilmington, NC 28401', { timeout: 15_000 });
  const created = await eventually(
    () => desk.demo.addresses(customer.id),
    (list) => expect(list.some((a) => a['address1'] === '500 Dock Street')).toBe(true),
  );
  const address = created.find((a) => a['address1'] === '500 Dock Street')!;
  expect(address).toMatchObject({
    first_name: customer.first_name,
    last_name: customer.last_name,
    city: 'Wilmington',
    zip: '28401',
  });

  await card.getByRole('button', { name: 'Edit address 500 Dock Street' }).click();
  await expect(dialog.getByLabel('Address *')).toHaveValue('500 Dock Street');
  await dialog.getByLabel('City *').fill('Raleigh');
  await dialog.getByTestId('address-save').click();
  await expect(dialog.getByTestId('edit-receipt')).toContainText('City');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await eventually(
    () => desk.demo.addresses(customer.id),
    (list) => expect(list.find((a) => a['id'] === address['id'])?.['city']).toBe('Raleigh'),
  );
  // One create, then one update carrying only the city.
  const writes = (await desk.demo.requests(since)).filter(
    (r) => r.method !== 'GET' && r.path.includes('/addresses'),
  );
  // 2021-01 creates under the customer; 2021-11 names the customer in the body.
  const create = desk.version === '2021-01' ? `/customers/${customer.id}/addresses` : '/addresses';
  expect(writes.map((w) => `${w.method} ${w.path}`)).toEqual([
    `POST ${create}`,
    `PUT /addresses/${address['id']}`,
  ]);
  expect(writes[1]?.body).toEqual({ city: 'Raleigh' });
  await expect(page.getByTestId('history-row').first()).toContainText('City: Wilmington → Raleigh');
});
