import {
  eventually,
  expect,
  openCustomer,
  openDesk,
  PARTNER_STORE,
  test,
  type SandboxCustomer,
} from './ui-fixtures.ts';

test('payment token: a tok_ is refused inline, a cus_ is pushed and stays masked', async ({
  page,
  desk,
  shot,
}) => {
  const candidates = (await desk.demo.oldest(40)).slice(15);
  const customer = candidates.find((c) => c.processor_type === 'stripe') as SandboxCustomer;
  expect(customer).toBeDefined();
  const since = await desk.demo.requestCount();
  await openDesk(page, desk);
  await openCustomer(page, customer);

  await page.getByTestId('edit-payment').click();
  const dialog = page.getByTestId('payment-dialog');
  await expect(dialog.getByTestId('current-token')).toContainText('Stripe');
  const token = dialog.getByLabel('New Stripe customer token');
  await expect(token).toBeFocused();

  await token.fill('tok_1NvXkz2eZvKYlo2C');
  await expect(dialog).toContainText(
    'This is a Stripe card or payment-method token (tok_…). ReCharge needs a Stripe customer token',
  );
  await expect(dialog.getByTestId('payment-save')).toBeDisabled();
  await shot('ui-payment-1-tok-refused');

  const secret = 'cus_E2eQ9mZt4LwX8a';
  await token.fill(secret);
  await expect(dialog).not.toContainText('card or payment-method token');
  await expect(dialog).toContainText('Will send cus_…X8a');
  await expect(token).toHaveAttribute('type', 'password');
  await dialog.getByTestId('payment-save').click();

  await expect(dialog.getByTestId('edit-receipt')).toHaveAttribute('data-state', 'done');
  await expect(dialog.getByTestId('receipt-token')).toHaveText('cus_…X8a');
  await expect(dialog).not.toContainText(secret);
  await shot('ui-payment-2-sent');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId('payment-state')).toHaveText('Valid payment method');

  // The sandbox got the token (its log masks it) and the customer is charged through Stripe.
  const writes = (await desk.demo.requests(since)).filter(
    (r) => r.method === 'PUT' && r.path === `/customers/${customer.id}`,
  );
  expect(writes).toHaveLength(1);
  expect(writes[0]).toMatchObject({ status: 200, body: { stripe_customer_token: 'cus_…X8a' } });
  const after = await desk.demo.customer(customer.id);
  expect(after).toMatchObject({ processor_type: 'stripe', has_valid_payment_method: true });
  expect(JSON.stringify(after)).not.toContain(secret);

  // Nothing in the page keeps the token once the dialog is closed.
  await expect(page.locator('body')).not.toContainText(secret);
});

test('payment dialog is disabled on a store whose token lacks write_payments', async ({
  page,
  desk,
  partnerSandbox,
  shot,
}) => {
  await openDesk(page, desk);
  await page.getByTestId('nav-settings').click();
  const existing = page.getByTestId('profile-item').filter({ hasText: PARTNER_STORE });
  if ((await existing.count()) === 0) {
    await page.getByTestId('add-profile').click();
    const add = page.getByTestId('add-profile-dialog');
    await expect(add.getByLabel('Store name')).toBeFocused();
    await add.getByLabel('Store name').fill(PARTNER_STORE);
    await add.getByLabel('API base URL').fill(partnerSandbox.url);
    // API 2021-11 reports the token's scopes itself: nothing here is ticked by hand.
    await add
      .locator('.v-input', { has: page.getByRole('combobox', { name: 'API version' }) })
      .locator('.v-field')
      .click();
    await page.getByRole('option', { name: '2021-11' }).click();
    await expect(add).toContainText("reports the token's scopes itself");
    await add.getByLabel('ReCharge API token').fill(partnerSandbox.tokens.readWrite);
    await shot('ui-scope-1-add-store');
    await add.getByRole('button', { name: 'Add store' }).click();
    await expect(add).toBeHidden();
    await expect(existing).toContainText('API 2021-11');
  } else {
    await existing.getByRole('button', { name: 'Switch to' }).click();
  }

  const profile = page.getByTestId('profile-item').filter({ hasText: PARTNER_STORE });
  await expect(profile).toContainText('In use');
  await expect(profile).toContainText(partnerSandbox.url);
  await expect(profile.getByTestId('scope-write_customer')).toHaveText('Write customers');
  await expect(profile.getByTestId('scope-write_payments')).toHaveText(
    'Update payment tokens (not granted)',
  );
  await expect(page.getByTestId('store-switcher')).toContainText(PARTNER_STORE);
  await expect(page.getByTestId('sync-indicator')).toContainText('Online', { timeout: 20_000 });
  await expect(page.getByText('300 customers cached')).toBeVisible({ timeout: 20_000 });
  await shot('ui-scope-2-settings');

  const customer = await partnerSandbox.api.nth(4);
  await openCustomer(page, customer);
  await page.getByTestId('edit-payment').click();
  const dialog = page.getByTestId('payment-dialog');
  await expect(dialog.getByTestId('payment-scope-missing')).toContainText('write_payments');
  await expect(dialog.getByLabel(/customer token/)).toBeDisabled();
  await expect(dialog.getByTestId('payment-save')).toBeDisabled();
  await shot('ui-scope-3-payment-disabled');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // The same store can still edit billing: read + write is what it was given.
  await expect(page.getByTestId('edit-billing')).toBeEnabled();
  await eventually(
    () => partnerSandbox.api.requests(),
    (log) => expect(log.some((r) => r.tokenLabel === 'read-write' && r.status === 200)).toBe(true),
  );
  await expect(dialog).toBeHidden();
});
