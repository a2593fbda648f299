import {
  eventually,
  expect,
  openCustomer,
  openDesk,
  PARTNER_LIMITED,
  test,
  usePartnerStore,
  type SandboxCustomer,
} from './ui-fixtures.ts';

test('payment token: a tok_ is refused inline, a cus_ is pushed and stays masked', async ({
  page,
  desk,
  shot,
}) => {
  const v2021_11 = desk.version === '2021-11';
  let customer: SandboxCustomer | undefined;
  for (let i = 15; i < 60 && !customer; i++) {
    const candidate = await desk.demo.nth(i);
    if (candidate.processor_type === 'stripe') customer = candidate;
  }
  if (!customer) throw new Error('no Stripe customer among the usable ones');
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
  const methodSecret = 'pm_1E2eQ9mZt4LwX8b';
  if (v2021_11) {
    // 2021-11 makes a payment method from both tokens: without the second, nothing is sent.
    await expect(dialog.getByTestId('payment-save')).toBeDisabled();
    const method = dialog.getByLabel('New Stripe payment-method token *');
    await method.fill('tok_1NvXkz2eZvKYlo2C');
    await expect(dialog).toContainText('one-time Stripe card token (tok_…)');
    await expect(dialog.getByTestId('payment-save')).toBeDisabled();
    await method.fill(methodSecret);
    await expect(dialog).toContainText('Will send pm_…X8b');
  }
  await dialog.getByTestId('payment-save').click();

  await expect(dialog.getByTestId('edit-receipt')).toHaveAttribute('data-state', 'done');
  await expect(dialog.getByTestId('receipt-token')).toHaveText('cus_…X8a');
  if (v2021_11) await expect(dialog.getByTestId('receipt-method-token')).toHaveText('pm_…X8b');
  await expect(dialog).not.toContainText(secret);
  await shot('ui-payment-2-sent');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId('payment-state')).toHaveText('Valid payment method');

  // The sandbox got the token (its log masks it) and the customer is charged through Stripe.
  const writes = (await desk.demo.requests(since)).filter(
    (r) => r.method !== 'GET' && (r.path.startsWith('/customers') || r.path === '/payment_methods'),
  );
  expect(writes).toHaveLength(1);
  if (v2021_11) {
    expect(writes[0]).toMatchObject({
      method: 'POST',
      path: '/payment_methods',
      status: 201,
      body: {
        customer_id: customer.id,
        default: true,
        processor_name: 'stripe',
        processor_customer_token: 'cus_…X8a',
        processor_payment_method_token: 'pm_…X8b',
      },
    });
    // The new method is the default one now, listed first on the card.
    await expect(page.getByTestId('payment-method').first()).toContainText('Default');
  } else {
    expect(writes[0]).toMatchObject({
      method: 'PUT',
      path: `/customers/${customer.id}`,
      status: 200,
      body: { stripe_customer_token: 'cus_…X8a' },
    });
  }
  const after = await desk.demo.customer(customer.id);
  expect(after).toMatchObject({ processor_type: 'stripe', has_valid_payment_method: true });
  expect(JSON.stringify(after)).not.toContain(secret);

  // Nothing in the page keeps a token once the dialog is closed.
  await expect(page.locator('body')).not.toContainText(secret);
  await expect(page.locator('body')).not.toContainText(methodSecret);
});

test('payment token is read-only on a store whose token lacks write_payments', async ({
  page,
  desk,
  partnerSandbox,
  shot,
}) => {
  const scope = desk.version === '2021-11' ? 'write_payment_methods' : 'write_payments';
  await usePartnerStore(page, desk, partnerSandbox, PARTNER_LIMITED, () =>
    shot('ui-scope-1-add-store'),
  );

  const profile = page.getByTestId('profile-item').filter({ hasText: PARTNER_LIMITED });
  await expect(profile).toContainText(partnerSandbox.url);
  await expect(profile.getByTestId('scope-write_customer')).toHaveText('Write customers');
  await expect(profile.getByTestId('scope-write_payments')).toHaveText(
    'Update payment tokens (not granted)',
  );
  await expect(page.getByText('300 customers cached')).toBeVisible({ timeout: 20_000 });
  await shot('ui-scope-2-settings');

  const customer = await partnerSandbox.api.nth(4);
  await openCustomer(page, customer);
  // Nothing to open: the button is off, and the card says why and what to do.
  await expect(page.getByTestId('edit-payment')).toBeDisabled();
  await expect(page.getByTestId('payment-card-token')).toBeDisabled();
  const note = page.getByTestId('payment-read-only');
  await expect(note).toContainText(`(${scope})`);
  await expect(note).toContainText('replace the token in Settings');
  await shot('ui-scope-3-payment-disabled');

  // The same store can still edit names; on 2021-11 the billing address goes with the
  // payment method, so it is locked there too.
  await page.getByTestId('edit-billing').click();
  const billing = page.getByTestId('billing-dialog');
  await expect(billing.getByLabel('First name *')).toBeEnabled();
  if (desk.version === '2021-11') {
    await expect(billing.getByTestId('billing-locked')).toContainText(scope);
    await expect(billing.getByLabel('City', { exact: true })).toBeDisabled();
  } else {
    await expect(billing.getByTestId('billing-locked')).toHaveCount(0);
    await expect(billing.getByLabel('City', { exact: true })).toBeEnabled();
  }
  await billing.getByRole('button', { name: 'Cancel' }).click();
  await expect(billing).toBeHidden();
  await eventually(
    () => partnerSandbox.api.requests(),
    (log) => expect(log.some((r) => r.tokenLabel === 'read-write' && r.status === 200)).toBe(true),
  );
});
