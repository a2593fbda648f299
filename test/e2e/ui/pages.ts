import { expect, type Locator, type Page } from '@playwright/test';
import { PARTNER_LIMITED, PARTNER_STORE, type Desk } from './desk.ts';
import type { ExternalSandbox } from './external-sandbox.ts';
import type { SandboxCustomer } from './sandbox-client.ts';

/** Polls the sandbox until `check` passes: for states the app reaches in the background. */
export async function eventually<T>(
  probe: () => Promise<T>,
  check: (value: T) => void,
  timeout = 20_000,
): Promise<T> {
  let last: T | undefined;
  await expect
    .poll(
      async () => {
        last = await probe();
        try {
          check(last);
          return true;
        } catch {
          return false;
        }
      },
      { timeout, intervals: [100, 200, 500] },
    )
    .toBe(true);
  check(last as T);
  return last as T;
}

/** Opens the app and makes `store` the active store (the store profile is kept by the core). */
export async function openDesk(page: Page, desk: Desk, store = desk.store): Promise<void> {
  await page.goto(desk.url);
  await expect(page.getByTestId('app-version')).toContainText('harness');
  await useStore(page, store);
}

export async function useStore(page: Page, store: string): Promise<void> {
  const switcher = page.getByTestId('store-switcher');
  await expect(switcher).not.toContainText('No store');
  if (!((await switcher.textContent()) ?? '').includes(store)) {
    await switcher.click();
    const menu = page.getByRole('listbox', { name: 'Stores' }).or(page.getByLabel('Stores'));
    await menu.locator('.v-list-item').filter({ hasText: store }).first().click();
  }
  await expect(switcher).toContainText(store);
  await expect(page.getByTestId('sync-indicator')).toContainText('Online', { timeout: 20_000 });
}

/**
 * Makes a store on the partner sandbox the active one, adding it first if needed. 2021-01 cannot
 * report a token's scopes, so the write scopes are ticked by hand there; 2021-11 reports them.
 */
export async function usePartnerStore(
  page: Page,
  desk: Desk,
  sandbox: ExternalSandbox,
  label: typeof PARTNER_STORE | typeof PARTNER_LIMITED = PARTNER_STORE,
  beforeAdd?: () => Promise<void>,
): Promise<void> {
  const limited = label === PARTNER_LIMITED;
  await openDesk(page, desk);
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('profile-item').first()).toBeVisible();
  const item = page.getByTestId('profile-item').filter({ hasText: label });
  if ((await item.count()) === 0) {
    await page.getByTestId('add-profile').click();
    const add = page.getByTestId('add-profile-dialog');
    await expect(add.getByLabel('Store name')).toBeFocused();
    await add.getByLabel('Store name').fill(label);
    await add.getByLabel('API base URL').fill(sandbox.url);
    const versionField = add.locator('.v-input', {
      has: page.getByRole('combobox', { name: 'API version' }),
    });
    if (!((await versionField.textContent()) ?? '').includes(desk.version)) {
      await versionField.locator('.v-field').click();
      await page.getByRole('option', { name: desk.version }).click();
    }
    await add
      .getByLabel('ReCharge API token')
      .fill(limited ? sandbox.tokens.readWrite : sandbox.tokens.full);
    if (desk.version === '2021-01') {
      await add.getByLabel('Write customers').check();
      if (!limited) await add.getByLabel('Update payment tokens').check();
    } else {
      await expect(add).toContainText("reports the token's scopes itself");
    }
    await beforeAdd?.();
    await add.getByRole('button', { name: 'Add store' }).click();
    await expect(add).toBeHidden();
  } else if (!((await item.textContent()) ?? '').includes('In use')) {
    await item.getByRole('button', { name: 'Switch to' }).click();
  }
  await expect(item).toContainText(`API ${desk.version}`);
  await expect(item).toContainText('In use');
  await expect(page.getByTestId('store-switcher')).toContainText(label);
  await expect(page.getByTestId('sync-indicator')).toContainText('Online', { timeout: 20_000 });
}

export function searchBox(page: Page): Locator {
  return page.getByRole('textbox', { name: 'Search customers' });
}

/** Goes to the customer search and runs `query` there ('' lists every customer). */
export async function searchCustomers(page: Page, query: string): Promise<void> {
  await page.getByTestId('nav-customers').click();
  await searchBox(page).fill(query);
}

/** The customer's row in the search results. */
export function customerRow(page: Page, customer: Pick<SandboxCustomer, 'id'>): Locator {
  return page.locator(`[data-testid="customer-row"][data-customer-id="${customer.id}"]`);
}

/** Searches for a customer by email and opens it from the results. */
export async function openCustomer(page: Page, customer: SandboxCustomer): Promise<void> {
  await searchCustomers(page, customer.email);
  const row = customerRow(page, customer);
  // The rows must be the email's (its match highlighted), not those of an earlier query that
  // held the same customer elsewhere and are about to be replaced under the click.
  await expect(row.locator('mark', { hasText: customer.email })).toBeVisible();
  await row.click();
  await expect(page.getByTestId('customer-name')).toHaveText(
    `${customer.first_name} ${customer.last_name}`,
  );
}

/** Opens the billing dialog of the open customer, changes fields by label and saves. */
export async function editBilling(page: Page, values: Record<string, string>): Promise<Locator> {
  await page.getByTestId('edit-billing').click();
  const dialog = page.getByTestId('billing-dialog');
  // The dialog focuses its first field once it is open; typing before that would follow the focus.
  await expect(dialog.getByLabel('First name *')).toBeFocused();
  for (const [label, value] of Object.entries(values)) {
    await dialog.getByLabel(label, { exact: true }).fill(value);
  }
  await dialog.getByTestId('billing-save').click();
  return dialog;
}

/** What the new-address dialog asks for besides the names (the state only where it has one). */
export interface NewAddress {
  street: string;
  city: string;
  zip: string;
  country: string;
  state?: string;
}

/**
 * Opens the new-address dialog of the open customer and fills the address, leaving the names the
 * app proposes; returns the dialog, not yet saved.
 */
export async function fillNewAddress(page: Page, address: NewAddress): Promise<Locator> {
  await page.getByTestId('add-address').click();
  const dialog = page.getByTestId('address-dialog');
  // The dialog is ready once it has focused its first field.
  await expect(dialog.getByLabel('First name *')).toBeFocused();
  await dialog.getByLabel('Address *').fill(address.street);
  await dialog.getByLabel('City *').fill(address.city);
  await dialog.getByLabel('ZIP / postal code *').fill(address.zip);
  await dialog.getByRole('combobox', { name: 'Country *' }).fill(address.country);
  await page.getByRole('option', { name: address.country, exact: true }).click();
  // The states to pick from are the country's, so the state comes after it.
  if (address.state) {
    await dialog.getByRole('combobox', { name: 'State' }).fill(address.state);
    await page.getByRole('option', { name: address.state, exact: true }).click();
  }
  return dialog;
}

/**
 * Saves the new-address dialog and closes it once its receipt lists the fields `sent` (in the
 * form's order); a company left empty is not sent, so the receipt must not name it.
 */
export async function saveNewAddress(dialog: Locator, sent: string): Promise<void> {
  await dialog.getByTestId('address-save').click();
  const receipt = dialog.getByTestId('edit-receipt');
  await expect(receipt).toContainText(sent);
  await expect(receipt).not.toContainText('Company');
  await dialog.getByRole('button', { name: 'Done' }).click();
}

/**
 * Adds a store in Settings by name, API URL and token alone and submits it; returns the dialog,
 * which stays open with the error when the store refuses the token.
 */
export async function submitNewStore(
  page: Page,
  store: { name: string; url: string; token: string },
): Promise<Locator> {
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('add-profile').click();
  const add = page.getByTestId('add-profile-dialog');
  await add.getByLabel('Store name').fill(store.name);
  await add.getByLabel('API base URL').fill(store.url);
  await add.getByLabel('ReCharge API token').fill(store.token);
  await add.getByRole('button', { name: 'Add store' }).click();
  return add;
}

/**
 * Makes a conflict the way it happens in a shop: the app shows a customer from its cache, someone
 * changes the same customer on ReCharge (the customer portal), then the merchant saves an edit of
 * the same field. The push re-reads the customer before writing and finds their change.
 */
export async function queueConflictingEdit(
  page: Page,
  desk: Desk,
  customer: SandboxCustomer,
  mine: Record<string, string>,
  theirs: Record<string, string>,
): Promise<Locator> {
  await openCustomer(page, customer);
  await desk.demo.portalChange(customer.id, theirs);
  const dialog = await editBilling(page, mine);
  // Online the push usually lands before the reply; either way the outbox gets the conflict.
  await expect(dialog.getByTestId('edit-receipt')).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await page.getByTestId('nav-outbox').click();
  const row = page
    .locator('[data-testid="outbox-row"][data-state="conflict"]')
    .filter({ hasText: `${customer.first_name} ${customer.last_name}` });
  await expect(row).toBeVisible({ timeout: 15_000 });
  return row;
}

/**
 * Every form control in `scope` that takes focus has an accessible name (a label or aria-label).
 * Vuetify's own wrapper divs with a combobox role are left out: focus goes to the input inside.
 */
export async function expectEveryInputLabelled(scope: Locator): Promise<number> {
  const controls = scope.locator('input:not([type="hidden"]), textarea, select');
  const count = await controls.count();
  for (let i = 0; i < count; i++) {
    const control = controls.nth(i);
    // Checkboxes and radios are styled: their input is see-through but still takes focus.
    const type = await control.getAttribute('type');
    if (!(await control.isVisible()) && type !== 'checkbox' && type !== 'radio') continue;
    await expect(control, `control #${i} of ${count} has no accessible name`).toHaveAccessibleName(
      /\S/,
    );
  }
  return count;
}

/**
 * Bulk-sets the billing company of the checked rows and waits until all `editable` of them (the
 * ones with a billing address the app can edit) reached the store; returns the dialog.
 */
export async function bulkSetCompany(
  page: Page,
  company: string,
  editable: number,
): Promise<Locator> {
  await page.getByTestId('bulk-edit-button').click();
  const bulk = page.getByTestId('bulk-dialog');
  await bulk.getByTestId('bulk-check-billing_company').getByRole('checkbox').check();
  await bulk.getByLabel('New company').fill(company);
  await bulk.getByTestId('bulk-preview').click();
  await bulk.getByTestId('bulk-confirm').click();
  await expect(bulk.getByTestId('bulk-drain')).toHaveText(`${editable} of ${editable} sent`, {
    timeout: 20_000,
  });
  await expect(bulk.getByTestId('bulk-queued')).toContainText(
    `All ${editable} edits reached ReCharge`,
  );
  return bulk;
}
