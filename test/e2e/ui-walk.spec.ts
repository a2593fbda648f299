// The merchant walk of issue 18 on a fresh harness: a day's work from search to export, with
// none of the findings showing on the way.
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import {
  bulkSetCompany,
  expect,
  openCustomer,
  openDesk,
  queueConflictingEdit,
  searchBox,
  test,
  type SandboxCustomer,
} from './ui-fixtures.ts';

const ROW = '[data-testid="customer-row"]';

function rowOf(page: Page, customer: SandboxCustomer): Locator {
  return page.locator(`${ROW}[data-customer-id="${customer.id}"]`);
}

/** Types a query as a person does and waits for the customer's row among its answers. */
async function findBy(page: Page, query: string, customer: SandboxCustomer): Promise<void> {
  await page.getByTestId('nav-customers').click();
  await searchBox(page).fill('');
  await searchBox(page).pressSequentially(query, { delay: 10 });
  await expect(rowOf(page, customer), `search by "${query}"`).toBeVisible();
}

test('merchant walk: search, edit, pay, ship, bulk, outbox, conflict, settings, dark, export', async ({
  page,
  freshDesk: desk,
  shot,
}) => {
  test.setTimeout(180_000);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const v2021_11 = desk.version === '2021-11';
  let walker: SandboxCustomer | undefined;
  for (let i = 0; !walker; i++) {
    const c = await desk.demo.nth(i);
    if (c.phone && c.billing_zip && c.processor_type === 'stripe') walker = c;
  }
  const [waiting, conflicted] = [await desk.demo.nth(40), await desk.demo.nth(41)];
  await openDesk(page, desk);
  await expect(page.getByTestId('sync-age')).toHaveText(/^Synced (just now|\d+ minutes? ago)$/);

  // Search by name, email, phone as written, ZIP and id.
  await findBy(page, `${walker.first_name} ${walker.last_name}`, walker);
  await findBy(page, walker.email, walker);
  await findBy(page, walker.phone as string, walker);
  await findBy(page, walker.billing_zip as string, walker);
  await findBy(page, String(walker.id), walker);
  await shot('ui-walk-01-search-by-id');

  // Filters say what they filter; the list says how it is ordered and counts with grouping.
  await searchBox(page).fill('');
  await expect(page.getByTestId('results-table').getByTestId('results-pager')).toContainText(
    /1–25 of 3,0\d\d/,
  );
  await page.getByTestId('filter-validPaymentMethod').click();
  await page.locator('.v-overlay--active').getByText('No valid payment method').click();
  await expect(page.getByTestId('filter-validPaymentMethod')).toHaveText(
    'Payment method: Not valid',
  );
  await expect(page.locator(ROW).first()).toContainText('Not valid');
  await expect(page.getByTestId('sort-menu')).toHaveText('Sort: Best match');
  await shot('ui-walk-02-filtered');
  await page.getByTestId('clear-filters').click();

  // The detail: dates as dates, the billing address on a card of its own.
  await openCustomer(page, walker);
  await expect(page.getByTestId('identity-card')).not.toContainText('days ago');
  await expect(page.getByTestId('billing-card')).toContainText('Billing address');

  // A billing edit: refused inline while invalid, then saved.
  await page.getByTestId('edit-billing').click();
  const billing = page.getByTestId('billing-dialog');
  await expect(billing.getByLabel('First name *')).toBeFocused();
  await billing.getByLabel('ZIP / postal code', { exact: true }).fill('12#4');
  await expect(billing).toContainText('Letters, digits, spaces and dashes only.');
  await expect(billing.getByTestId('billing-save')).toBeDisabled();
  await billing.getByLabel('ZIP / postal code', { exact: true }).fill('97201');
  await billing.getByTestId('billing-save').click();
  await expect(billing.getByTestId('edit-receipt')).toHaveAttribute('data-state', 'done');
  await billing.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId('billing-address')).toContainText('97201');
  const history = page.getByTestId('history-row');
  await expect(history).toHaveCount(1);
  await expect(history).toContainText(`ZIP / postal code: ${walker.billing_zip} → 97201`);
  await expect(history.getByTestId('history-outcome')).toHaveText('Sent to ReCharge');

  // A payment token: a card token refused, a customer token (and its method on 2021-11) sent.
  await page.getByTestId('edit-payment').click();
  const payment = page.getByTestId('payment-dialog');
  const token = payment.getByLabel('New Stripe customer token');
  await expect(token).toBeFocused();
  await token.fill('tok_1NvXkz2eZvKYlo2C');
  await expect(payment).toContainText('This is a Stripe card or payment-method token (tok_…)');
  await expect(payment.getByTestId('payment-save')).toBeDisabled();
  await token.fill('cus_AB77Fx');
  if (v2021_11) await payment.getByLabel('New Stripe payment-method token *').fill('pm_Walk9Qz');
  await payment.getByTestId('payment-save').click();
  await expect(payment.getByTestId('edit-receipt')).toHaveAttribute('data-state', 'done');
  // Short tokens keep a tail, so two can be told apart.
  await expect(payment.getByTestId('receipt-token')).toHaveText('cus_…7Fx');
  if (v2021_11) await expect(payment.getByTestId('receipt-method-token')).toHaveText('pm_…9Qz');
  await shot('ui-walk-03-token-receipt');
  await payment.getByRole('button', { name: 'Done' }).click();
  await expect(history).toHaveCount(2);
  await expect(history.first()).toContainText('cus_…7Fx');
  await expect(page.locator('body')).not.toContainText('cus_AB77Fx');

  // A new delivery address: the names are there already, the required fields starred.
  await page.getByTestId('add-address').click();
  const address = page.getByTestId('address-dialog');
  await expect(address.getByLabel('First name *')).toHaveValue(walker.first_name);
  await expect(address.getByLabel('Last name *')).toHaveValue(walker.last_name);
  await address.getByLabel('Address *').fill('88 Walk Lane');
  await address.getByLabel('City *').fill('Salem');
  await address.getByLabel('ZIP / postal code *').fill('97301');
  await address.getByRole('combobox', { name: 'Country *' }).fill('United States');
  await page.getByRole('option', { name: 'United States', exact: true }).click();
  await address.getByTestId('address-save').click();
  const receipt = address.getByTestId('edit-receipt');
  await expect(receipt).toContainText(
    'First name, Last name, Address, City, ZIP / postal code, Country',
  );
  await expect(receipt).not.toContainText('Company');
  await address.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId('delivery-addresses')).toContainText('88 Walk Lane');

  // Ctrl+K: back to the search with the old query selected; typing replaces it.
  await page.keyboard.press('Control+K');
  await expect(searchBox(page)).toBeFocused();
  await page.keyboard.type(waiting.last_name);
  await expect(searchBox(page)).toHaveValue(waiting.last_name);

  // Another edit already waiting: the store answers its new address with a 503.
  await desk.demo.addFault({
    kind: 'status',
    status: 503,
    method: 'POST',
    // 2021-01 creates an address under its customer; 2021-11 names the customer in the body.
    pathPrefix: v2021_11 ? '/addresses' : `/customers/${waiting.id}/addresses`,
    count: 100,
  });
  await openCustomer(page, waiting);
  await page.getByTestId('add-address').click();
  await address.getByLabel('Address *').fill('1 Retry Road');
  await address.getByLabel('City *').fill('Salem');
  await address.getByLabel('ZIP / postal code *').fill('97301');
  await address.getByRole('combobox', { name: 'Country *' }).fill('United States');
  await page.getByRole('option', { name: 'United States', exact: true }).click();
  await address.getByTestId('address-save').click();
  await expect(receipt).toBeVisible();
  await address.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId('delivery-address-pending')).toBeVisible();

  // A bulk edit of five customers counts its own five, whatever else waits.
  await page.getByTestId('nav-customers').click();
  await searchBox(page).fill('');
  await page.getByTestId('sort-menu').click();
  await page.locator('.v-overlay--active .v-list-item', { hasText: 'Newest id first' }).click();
  const rows = page.locator(ROW);
  await expect(page.getByTestId('sort-menu')).toHaveText('Sort: Newest id first');
  let editable = 0;
  for (let i = 0; i < 5; i++) {
    await rows.nth(i).getByRole('checkbox').check();
    if (await desk.demo.billingEditable(Number(await rows.nth(i).getAttribute('data-customer-id'))))
      editable++;
  }
  const bulk = await bulkSetCompany(page, 'Walk Wholesale', editable);
  await shot('ui-walk-04-bulk-done');
  await bulk.getByRole('button', { name: 'Open outbox' }).click();

  // The outbox: the waiting edit will retry at a time, and is not an error.
  const waitingRow = page
    .getByTestId('outbox-row')
    .filter({ hasText: `${waiting.first_name} ${waiting.last_name}` });
  await expect(waitingRow.getByTestId('outbox-detail')).toHaveText(/^Will retry at \d\d:\d\d/, {
    timeout: 15_000,
  });
  await expect(waitingRow.getByTestId('outbox-detail')).not.toHaveClass(/text-error/);
  await shot('ui-walk-05-outbox');
  await desk.demo.clearFaults();
  await waitingRow.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Discard', exact: true }).click();
  await expect(waitingRow).toHaveCount(0);

  // A conflict: said by its field, settled per field.
  const conflictRow = await queueConflictingEdit(
    page,
    desk,
    conflicted,
    { City: 'Walk Mine' },
    { billing_city: 'Walk Theirs' },
  );
  await expect(conflictRow.getByTestId('outbox-detail')).toHaveText(
    'Changed on ReCharge meanwhile: City',
  );
  await conflictRow.click();
  const conflict = page.getByTestId('edit-dialog');
  await conflict.getByRole('radio', { name: 'Walk Mine' }).check();
  await conflict.getByTestId('conflict-apply').click();
  await expect(conflictRow).toHaveCount(0);

  // Settings: a token ReCharge refuses is marked, with what to do next.
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('add-profile').click();
  const add = page.getByTestId('add-profile-dialog');
  await add.getByLabel('Store name').fill('Typo shop');
  await add.getByLabel('API base URL').fill(desk.demo.url);
  await add.getByLabel('ReCharge API token').fill('sbx_typo_in_the_token');
  await add.getByRole('button', { name: 'Add store' }).click();
  await expect(add.getByTestId('error-next-step')).toContainText('Apps → API tokens');
  await expect(
    add.locator('.v-input', { has: page.getByLabel('ReCharge API token') }),
  ).toContainText('ReCharge refused this token.');
  await add.getByRole('button', { name: 'Cancel' }).click();

  // Dark mode.
  await page.getByTestId('theme-menu').click();
  await page.locator('.v-overlay--active').getByText('Dark', { exact: true }).click();
  await expect(page.locator('.v-application')).toHaveClass(/v-theme--dark/);
  await openCustomer(page, walker);
  await shot('ui-walk-06-dark-detail');

  // The export: phones as typed, and its notice leaves the pager free.
  await page.getByTestId('nav-customers').click();
  await searchBox(page).fill(walker.email);
  await expect(rowOf(page, walker)).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  const csv = readFileSync((await (await download).path()) ?? '', 'utf8');
  const line = csv.split('\r\n').find((l) => l.startsWith(`${walker.id},`)) ?? '';
  expect(line).toContain(walker.phone as string);
  expect(line).not.toContain(`'${walker.phone}`);
  const notice = page.locator('.v-snackbar__wrapper', { hasText: 'Exported' });
  await expect(notice).toBeVisible();
  const pager = await page.getByTestId('page-buttons').boundingBox();
  const toast = await notice.boundingBox();
  expect(toast && pager && toast.x + toast.width <= pager.x).toBe(true);
  await shot('ui-walk-07-dark-export');
});
