// Issue 18, "The merchant's desk, polished": one test per item (or per pair that shares a setup),
// on the default API version.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import {
  bulkSetCompany,
  customerRow,
  editBilling,
  expect,
  fillNewAddress,
  openCustomer,
  openDesk,
  searchBox,
  searchCustomers,
  submitNewStore,
  test,
  type Desk,
  type SandboxCustomer,
} from './ui-fixtures.ts';

const ROW = '[data-testid="customer-row"]';

/** What the page last copied (the test grants the clipboard permissions). */
function readClipboard(page: Page): Promise<string> {
  return page.evaluate(() =>
    (
      globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
    ).navigator.clipboard.readText(),
  );
}

/** Adds a delivery address with the customer's own names, as a merchant fills the form. */
async function addAddress(page: Page, street: string): Promise<void> {
  const dialog = await fillNewAddress(page, {
    street,
    city: 'Springfield',
    zip: '62701',
    country: 'United States',
  });
  await dialog.getByTestId('address-save').click();
  await expect(dialog.getByTestId('edit-receipt')).toBeVisible();
}

/** Puts an edit in the outbox that stays waiting: a new address the store answers with a 503. */
async function waitingEdit(page: Page, desk: Desk, customer: SandboxCustomer) {
  await desk.demo.addFault({
    kind: 'status',
    status: 503,
    method: 'POST',
    pathPrefix: '/addresses',
    count: 100,
  });
  await openCustomer(page, customer);
  await addAddress(page, '742 Evergreen Terrace');
  const dialog = page.getByTestId('address-dialog');
  // 5: the receipt names what the address sets, not the fields left empty.
  const receipt = dialog.getByTestId('edit-receipt');
  await expect(receipt).toContainText(
    'First name, Last name, Address, City, ZIP / postal code, Country',
  );
  await expect(receipt).not.toContainText('Company');
  await expect(receipt).not.toContainText('Address line 2');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await page.getByTestId('nav-outbox').click();
  const row = page
    .getByTestId('outbox-row')
    .filter({ hasText: `${customer.first_name} ${customer.last_name}` });
  await expect(row.getByTestId('outbox-state')).toHaveText('Will retry', { timeout: 15_000 });
  return row;
}

test.describe('the merchant’s desk, polished', () => {
  test('1, 4, 8, 13: a 503 waits for its retry; a bulk edit counts only its own edits', async ({
    page,
    desk,
    shot,
  }) => {
    test.setTimeout(90_000);
    const unrelated = await desk.demo.nth(70);
    await openDesk(page, desk);
    const waiting = await waitingEdit(page, desk, unrelated);

    // 4: "will retry at HH:MM", not a red error.
    const detail = waiting.getByTestId('outbox-detail');
    await expect(detail).toContainText(/^Will retry at \d\d:\d\d · .*HTTP 503/);
    await expect(detail).not.toHaveClass(/text-error/);
    // 8: the field list wraps inside its column; every column shows at 1280 px.
    await expect(waiting.getByTestId('outbox-fields')).toHaveText(
      'First name, Last name, Address, City, ZIP / postal code, Country',
    );
    const table = page.getByTestId('outbox-table');
    for (const header of ['State', 'Queued', 'Tries', 'Last error']) {
      await expect(table.locator('thead th').filter({ hasText: header })).toBeInViewport({
        ratio: 1,
      });
    }
    const wrapper = table.locator('.v-table__wrapper');
    expect(await wrapper.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    // 8: a shown state is a filled chip, a hidden one a plain outline.
    await expect(page.getByTestId('outbox-filter-done')).toHaveCSS(
      'background-color',
      'rgba(0, 0, 0, 0)',
    );
    await expect(page.getByTestId('outbox-filter-pending')).not.toHaveCSS(
      'background-color',
      'rgba(0, 0, 0, 0)',
    );
    // 8: 25, 50 or 100 edits a page.
    await table.locator('.v-data-table-footer .v-field').click();
    for (const size of ['25', '50', '100']) {
      await expect(page.getByRole('option', { name: size, exact: true })).toBeVisible();
    }
    await page.keyboard.press('Escape');
    await shot('ui-polish-1-outbox-will-retry');

    // 1: eight customers, newest-id order, page 5 (other specs edit the oldest and newest 100).
    await searchCustomers(page, '');
    await page.getByTestId('sort-menu').click();
    await page.locator('.v-overlay--active .v-list-item', { hasText: 'Newest id first' }).click();
    await expect(page.getByTestId('sort-menu')).toHaveText('Sort: Newest id first');
    const resultsTable = page.getByTestId('results-table');
    for (let i = 0; i < 4; i++)
      await resultsTable.getByRole('button', { name: 'Next page' }).click();
    await expect(resultsTable.getByTestId('results-pager')).toContainText('101–125 of 400');
    const rows = page.locator(ROW);
    const ids: number[] = [];
    for (let i = 0; i < 8; i++) {
      await rows.nth(i).getByRole('checkbox').check();
      ids.push(Number(await rows.nth(i).getAttribute('data-customer-id')));
    }
    let editable = 0;
    for (const id of ids) if (await desk.demo.billingEditable(id)) editable++;
    const bulk = await bulkSetCompany(page, 'Polish Batch Ltd', editable);
    // The unrelated edit still waits, and is no part of this progress.
    await expect(page.getByTestId('outbox-badge')).toContainText('1');
    await shot('ui-polish-2-bulk-own-batch');
    await bulk.getByRole('button', { name: 'Close' }).click();
    // 13: the rows are unticked once their edits are queued.
    await expect(page.getByTestId('bulk-edit-button')).toHaveText('Bulk edit');
    for (let i = 0; i < 8; i++) await expect(rows.nth(i).getByRole('checkbox')).not.toBeChecked();

    // Leave the outbox as it was found.
    await desk.demo.clearFaults();
    await page.getByTestId('nav-outbox').click();
    await waiting.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Discard', exact: true }).click();
    await expect(waiting).toHaveCount(0);
  });

  test('2, 3, 9, 10: honest times, pending marked on the value, one history row per edit', async ({
    page,
    desk,
    shot,
  }) => {
    const customer = await desk.demo.nth(71);
    const method = await desk.demo.editableDefault(customer.id);
    await openDesk(page, desk);
    await openCustomer(page, customer);

    // 2: an old date reads as a date, with the full local time on hover.
    const since = page.getByTestId('customer-since').locator('time');
    await expect(since).toHaveText(/^[A-Z][a-z]{2} \d{1,2}(, \d{4})?$/);
    await expect(since).toHaveAttribute('title', /\d{4} at \d\d:\d\d:\d\d/);
    await expect(page.getByTestId('identity-card')).not.toContainText('days ago');
    // 10: the billing address is a card of its own, written as the post writes it.
    const billing = page.getByTestId('billing-card');
    await expect(billing.getByText('Billing address', { exact: true })).toBeVisible();

    // 3: an edit the store takes its time over is marked on the value it changes.
    await desk.demo.addFault({
      kind: 'delay',
      delayMs: 12_000,
      method: 'PUT',
      pathPrefix: `/payment_methods/${method!.id}`,
      count: 1,
    });
    const dialog = await editBilling(page, { Company: 'Pending Parts Co' });
    await expect(dialog.getByTestId('edit-receipt')).toHaveAttribute(
      'data-state',
      /pending|in_flight/,
    );
    await dialog.getByRole('button', { name: 'Done' }).click();
    const line = billing.getByTestId('billing-line').filter({ hasText: 'Pending Parts Co' });
    await expect(line.locator('[data-pending="true"]')).toBeVisible();
    await expect(line.getByTestId('pending-mark')).toHaveAttribute(
      'aria-label',
      'Not yet on ReCharge: Company',
    );
    await shot('ui-polish-3-pending-on-value');
    // 9: one row for the edit, old → new, whatever the outcome so far.
    const history = page.getByTestId('history-row');
    await expect(history).toHaveCount(1);
    await expect(history).toContainText('Company: (empty) → Pending Parts Co');
    await expect(history.locator('time').first()).toHaveAttribute('title', /\d\d:\d\d:\d\d/);

    // The list marks the row with a chip that names what is pending.
    await searchCustomers(page, customer.email);
    const row = customerRow(page, customer);
    await expect(row.getByTestId('pending-mark')).toHaveAttribute(
      'aria-label',
      /Not yet on ReCharge: .*Company/,
    );
    const box = await row.getByTestId('pending-mark').boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(40);

    // Once sent, the marks go and the history says so, without leaving the screen.
    await openCustomer(page, customer);
    await expect(page.getByTestId('history-row').getByTestId('history-outcome')).toHaveText(
      'Sent to ReCharge',
      { timeout: 20_000 },
    );
    await expect(billing.locator('[data-pending="true"]')).toHaveCount(0);
    await expect(page.getByTestId('history-row')).toHaveCount(1);
    await expect(page.getByTestId('customer-updated').locator('time')).toHaveAttribute(
      'title',
      /\d\d:\d\d:\d\d/,
    );
  });

  test('4: a conflict found on a retry does not keep the 503 before it', async ({ page, desk }) => {
    const customer = await desk.demo.nth(76);
    const method = await desk.demo.editableDefault(customer.id);
    await desk.demo.addFault({
      kind: 'status',
      status: 503,
      method: 'PUT',
      pathPrefix: `/payment_methods/${method!.id}`,
      count: 100,
    });
    await openDesk(page, desk);
    await openCustomer(page, customer);
    const dialog = await editBilling(page, { City: 'Retry Mine' });
    await dialog.getByRole('button', { name: 'Done' }).click();
    await page.getByTestId('nav-outbox').click();
    const row = page
      .getByTestId('outbox-row')
      .filter({ hasText: `${customer.first_name} ${customer.last_name}` });
    await expect(row.getByTestId('outbox-detail')).toContainText('HTTP 503', { timeout: 15_000 });
    // The portal changes the same field while the edit waits; the next try finds the conflict.
    await desk.demo.portalChange(customer.id, { billing_city: 'Retry Theirs' });
    await desk.demo.clearFaults();
    await expect(row).toHaveAttribute('data-state', 'conflict', { timeout: 30_000 });
    await expect(row.getByTestId('outbox-detail')).toHaveText(
      'Changed on ReCharge meanwhile: City',
    );
    await expect(row).not.toContainText('503');
    await row.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Discard', exact: true }).click();
    await expect(row).toHaveCount(0);
  });

  test('6: a refused token names the next step and marks the token field', async ({
    page,
    desk,
    shot,
  }) => {
    await openDesk(page, desk);
    const add = await submitNewStore(page, {
      name: 'Wrong token shop',
      url: desk.demo.url,
      token: 'sbx_this_token_was_revoked',
    });
    await expect(add.getByTestId('error-alert')).toContainText('The store refused the API token.');
    await expect(add.getByTestId('error-next-step')).toContainText('Apps → API tokens');
    const token = add.locator('.v-input', { has: page.getByLabel('ReCharge API token') });
    await expect(token).toHaveClass(/v-input--error/);
    await expect(token).toContainText('ReCharge refused this token.');
    await shot('ui-polish-6-bad-token');
    // A new token is a new try: the mark goes as it is typed.
    await add.getByLabel('ReCharge API token').fill('sbx_another_try_123');
    await expect(token).not.toHaveClass(/v-input--error/);
    await add.getByRole('button', { name: 'Cancel' }).click();
  });

  test('7: Ctrl+K selects the old query, so typing replaces it', async ({ page, desk }) => {
    const customer = await desk.demo.nth(72);
    await openDesk(page, desk);
    await openCustomer(page, customer);
    await page.keyboard.press('Control+K');
    const box = searchBox(page);
    await expect(box).toBeFocused();
    await expect(box).toHaveValue(customer.email);
    expect(
      await box.evaluate((el) => {
        const input = el as unknown as { selectionStart: number; selectionEnd: number };
        return [input.selectionStart, input.selectionEnd];
      }),
    ).toEqual([0, customer.email.length]);
    await page.keyboard.type(customer.last_name);
    await expect(box).toHaveValue(customer.last_name);
    await expect(customerRow(page, customer)).toBeVisible();
  });

  test('11, 12, 13: filter chips, sort, counts, CSV, sync wording, favicon, copy', async ({
    page,
    desk,
    shot,
  }) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    const favicon = await page.request.get(new URL('/favicon.ico', desk.url).toString());
    expect(favicon.status()).toBe(200);
    expect(favicon.headers()['content-type']).toBe('image/x-icon');
    await openDesk(page, desk);
    await expect(page.getByTestId('sync-age')).toHaveText(/^Synced (just now|\d+ minutes? ago)$/);

    // 11: a picked filter says what it filters; "Clear filters" is a chip like them.
    await searchBox(page).fill('');
    await page.getByTestId('filter-validPaymentMethod').click();
    await page.locator('.v-overlay--active').getByText('No valid payment method').click();
    await expect(page.getByTestId('filter-validPaymentMethod')).toHaveText(
      'Payment method: Not valid',
    );
    const clear = page.getByTestId('clear-filters');
    const chipBox = await page.getByTestId('filter-dunning').boundingBox();
    const clearBox = await clear.boundingBox();
    expect(Math.abs((clearBox?.height ?? 0) - (chipBox?.height ?? 0))).toBeLessThanOrEqual(1);
    await clear.click();
    // 11: the order is said, and the counts read like the one above the table.
    await expect(page.getByTestId('sort-menu')).toHaveText('Sort: Best match');
    const footer = page.getByTestId('results-table').getByTestId('results-pager');
    await expect(footer).toContainText('1–25 of 400');
    // Number columns line up: ids sit at the column's end in figures of one width.
    const idCell = page.locator(ROW).first().locator('td').last();
    await expect(idCell).toHaveClass(/text-end/);
    await expect(idCell.locator('.numeric')).toHaveCSS('font-variant-numeric', 'tabular-nums');
    await page
      .getByTestId('results-table')
      .locator('thead th')
      .filter({ hasText: /^Name/ })
      .click();
    await expect(page.getByTestId('sort-menu')).toHaveText('Sort: Name A–Z');
    await page.getByTestId('sort-menu').click();
    await page.locator('.v-overlay--active .v-list-item', { hasText: 'Best match' }).click();
    await expect(page.getByTestId('sort-menu')).toHaveText('Sort: Best match');

    // 12: the export keeps phone numbers as typed and its notice leaves the pager free.
    const download = page.waitForEvent('download');
    await page.getByTestId('export-csv').click();
    const csv = readFileSync((await (await download).path()) ?? '', 'utf8');
    expect(csv).toMatch(/,\+1 \d/);
    expect(csv).not.toMatch(/,'\+\d/);
    const notice = page.locator('.v-snackbar__wrapper', { hasText: 'Exported 400 customers.' });
    await expect(notice).toBeVisible();
    const pager = await footer.getByTestId('page-buttons').boundingBox();
    const toast = await notice.boundingBox();
    const overlaps =
      pager !== null &&
      toast !== null &&
      toast.x < pager.x + pager.width &&
      pager.x < toast.x + toast.width &&
      toast.y < pager.y + pager.height &&
      pager.y < toast.y + toast.height;
    expect(overlaps).toBe(false);
    await shot('ui-polish-12-export-notice');

    // 13: ids, emails and token hints copy with one click.
    const customer = await desk.demo.nth(73);
    await openCustomer(page, customer);
    await page
      .getByTestId('identity-card')
      .getByRole('button', { name: 'Copy ReCharge id' })
      .click();
    expect(await readClipboard(page)).toBe(String(customer.id));
    await page.getByRole('button', { name: 'Copy email' }).first().click();
    expect(await readClipboard(page)).toBe(customer.email);
    await page.getByTestId('nav-settings').click();
    await page.getByRole('button', { name: 'Copy token ending' }).first().click();
    const hint = await page.getByTestId('token-hint').first().textContent();
    expect(await readClipboard(page)).toBe(hint);
  });

  test('17.5: a search per keystroke, the rows always those of the last text', async ({
    page,
    desk,
  }) => {
    const customer = await desk.demo.nth(74);
    await openDesk(page, desk);
    const box = searchBox(page);
    await box.fill('');
    await box.pressSequentially(customer.email, { delay: 15 });
    const rows = page.locator(ROW);
    await expect(rows.first()).toHaveAttribute('data-customer-id', String(customer.id));
    await expect(rows.first().locator('mark', { hasText: customer.email })).toBeVisible();
  });
});
