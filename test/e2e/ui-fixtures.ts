import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, type Browser, type Locator, type Page } from '@playwright/test';
import type { ApiVersion } from '../../src-shared/recharge/versions.ts';
import { test as base } from './fixtures.ts';

const root = resolve(import.meta.dirname, '../..');

/** The ReCharge API versions the demo store can speak; each Playwright project picks one. */
export type DemoVersion = ApiVersion;

/** The project's API version (`metadata.demoVersion` in playwright.config.ts). */
export function versionOf(metadata: Record<string, unknown>): DemoVersion {
  return metadata['demoVersion'] === '2021-01' ? '2021-01' : '2021-11';
}

/** The app under test: a browser harness over the real core, with an embedded demo store. */
export interface Desk {
  url: string;
  dataDir: string;
  /** The API version the demo store speaks. */
  version: DemoVersion;
  /** The store the merchant flows work in: the demo store, or a writable twin of it. */
  store: string;
  /** The demo store's sandbox (admin API under /__sandbox/). */
  demo: SandboxClient;
}

export const DEMO_STORE = 'Demo store';
/** The demo sandbox saved again with a write token of the tests' own (see writableStore). */
export const DEMO_WRITER = 'Demo writer';
/** The partner sandbox with its full token. */
export const PARTNER_STORE = 'Partner sandbox';
/** The same sandbox with a token that may change customers but not payment details. */
export const PARTNER_LIMITED = 'Partner read + write';

/** A sandbox in a child process, so a test can take it away and bring it back on the same port. */
export interface ExternalSandbox {
  port: number;
  url: string;
  seed: number;
  tokens: { readOnly: string; readWrite: string; full: string };
  api: SandboxClient;
  running(): boolean;
  /** Kills the process abruptly, as a lost network would look to the app. */
  kill(): Promise<void>;
  /** Starts it again with the same port, seed and data. */
  start(): Promise<void>;
}

type Json = Record<string, unknown>;

export interface SandboxCustomer {
  id: number;
  email: string;
  first_name: string;
  last_name: string;
  processor_type: string | null;
  has_valid_payment_method: boolean;
  billing_city: string | null;
  billing_address1: string | null;
  billing_company: string | null;
  updated_at: string;
  [field: string]: unknown;
}

/** A payment method as the sandbox's admin API returns it (2021-11 shape). */
export interface SandboxPaymentMethod {
  id: number;
  customer_id: number;
  default: boolean;
  processor_name: string | null;
  billing_address: Record<string, string | null> | null;
  [field: string]: unknown;
}

export interface LoggedRequest {
  seq: number;
  method: string;
  path: string;
  status: number | null;
  tokenLabel: string | null;
  query: Record<string, string>;
  body?: Json;
}

/** The sandbox as a test sees it: its REST API with a token of our own, and its admin API. */
export class SandboxClient {
  readonly url: string;
  /** The version the app speaks to this sandbox: it decides which customers a flow can edit. */
  readonly version: DemoVersion;
  #token: Promise<string> | null = null;
  #usable: Promise<SandboxCustomer[]> | null = null;

  constructor(url: string, version: DemoVersion) {
    this.url = url;
    this.version = version;
  }

  async #json<T>(path: string, init: RequestInit = {}): Promise<T> {
    const response = await fetch(`${this.url}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', ...(init.headers ?? {}) },
    });
    if (!response.ok) {
      throw new Error(
        `${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`,
      );
    }
    return (await response.json()) as T;
  }

  /** A read-only token of the tests' own, so checks never use the app's rate-limit bucket. */
  token(): Promise<string> {
    this.#token ??= this.#json<{ token: string }>('/__sandbox/tokens', {
      method: 'POST',
      body: JSON.stringify({ scopes: ['read_customers'], label: 'e2e-check' }),
    }).then((r) => r.token);
    return this.#token;
  }

  async customer(id: number): Promise<SandboxCustomer> {
    const token = await this.token();
    const body = await this.#json<{ customer: SandboxCustomer }>(`/customers/${id}`, {
      headers: { 'X-Recharge-Access-Token': token },
    });
    return body.customer;
  }

  async customers(ids: number[]): Promise<SandboxCustomer[]> {
    const token = await this.token();
    const body = await this.#json<{ customers: SandboxCustomer[] }>(
      `/customers?ids=${ids.join(',')}&limit=250`,
      { headers: { 'X-Recharge-Access-Token': token } },
    );
    return body.customers;
  }

  /** A customer's delivery addresses (2021-01 shape: the country by name). */
  async addresses(customerId: number): Promise<Json[]> {
    const token = await this.token();
    const body = await this.#json<{ addresses: Json[] }>(
      `/addresses?customer_id=${customerId}&limit=250`,
      { headers: { 'X-Recharge-Access-Token': token } },
    );
    return body.addresses;
  }

  /** The oldest customers (lowest ids): bulk edits in these tests take the newest ones. */
  oldest(limit: number): Promise<SandboxCustomer[]> {
    return this.list('id-asc', limit);
  }

  async list(sortBy: 'id-asc' | 'id-desc', limit: number): Promise<SandboxCustomer[]> {
    const token = await this.token();
    const body = await this.#json<{ customers: SandboxCustomer[] }>(
      `/customers?sort_by=${sortBy}&limit=${limit}`,
      { headers: { 'X-Recharge-Access-Token': token } },
    );
    return body.customers;
  }

  /** A customer's payment methods, from the admin API (no scope needed). */
  async methods(customerId: number): Promise<SandboxPaymentMethod[]> {
    const body = await this.#json<{ payment_methods: SandboxPaymentMethod[] }>(
      `/__sandbox/customers/${customerId}/payment_methods`,
    );
    return body.payment_methods;
  }

  /** The method a billing edit changes on 2021-11: the default, unless Shopify manages it. */
  async editableDefault(customerId: number): Promise<SandboxPaymentMethod | null> {
    const method = (await this.methods(customerId)).find((m) => m.default);
    return method && method.processor_name !== 'shopify_payments' ? method : null;
  }

  /** Whether the app can change this customer's billing address on the sandbox's version. */
  async billingEditable(customerId: number): Promise<boolean> {
    return this.version === '2021-01' || (await this.editableDefault(customerId)) !== null;
  }

  /**
   * The customer at `index` among the oldest a merchant flow can use: named, with an email (the
   * tests search by it) and a billing address the app may change on this version. Each test
   * takes its own index, so none share a customer.
   */
  async nth(index: number): Promise<SandboxCustomer> {
    this.#usable ??= this.oldest(250).then(async (all) => {
      const named = all.filter((c) => c.email && c.first_name && c.last_name);
      const editable = await Promise.all(named.map((c) => this.billingEditable(c.id)));
      return named.filter((_, i) => editable[i]);
    });
    const customer = (await this.#usable)[index];
    if (!customer) throw new Error(`the sandbox has no usable customer #${index}`);
    return customer;
  }

  /** Scripts a fault (a 503, a delay…) for matching API requests; returns the rule's id. */
  async addFault(rule: Json): Promise<number> {
    const body = await this.#json<{ faults: { id: number }[] }>('/__sandbox/faults', {
      method: 'POST',
      body: JSON.stringify(rule),
    });
    return body.faults[0]!.id;
  }

  async clearFaults(): Promise<void> {
    const response = await fetch(`${this.url}/__sandbox/faults`, {
      method: 'DELETE',
      headers: { 'content-type': 'application/json' },
    });
    if (!response.ok) throw new Error(`DELETE /__sandbox/faults: ${response.status}`);
  }

  /** Changes a customer as the customer portal would, behind the app's back. */
  async portalChange(id: number, fields: Json): Promise<SandboxCustomer> {
    const body = await this.#json<{ customer: SandboxCustomer }>(`/__sandbox/customers/${id}`, {
      method: 'POST',
      body: JSON.stringify(fields),
    });
    return body.customer;
  }

  /** A token of the tests' own that may read and change everything. */
  async writeToken(): Promise<string> {
    const body = await this.#json<{ token: string }>('/__sandbox/tokens', {
      method: 'POST',
      body: JSON.stringify({
        scopes: [
          'read_customers',
          'write_customers',
          'write_payments',
          'read_payment_methods',
          'write_payment_methods',
        ],
        label: 'e2e-writer',
      }),
    });
    return body.token;
  }

  async requests(since = 0): Promise<LoggedRequest[]> {
    const body = await this.#json<{ requests: LoggedRequest[] }>(
      `/__sandbox/requests?since=${since}&limit=10000`,
    );
    return body.requests;
  }

  async requestCount(): Promise<number> {
    return (await this.#json<{ requestCount: number }>('/__sandbox/state')).requestCount;
  }
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

/** Spawns a script and waits until its output (stdout and stderr) says it is ready. */
function spawnUntil(
  args: string[],
  ready: (output: string) => boolean,
  timeoutMs = 30_000,
): Promise<{ child: ChildProcess; out: string }> {
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((done, fail) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`${args[0]} did not start:\n${out}`));
    }, timeoutMs);
    let settled = false;
    // Both pipes are drained for the child's whole life, so it never blocks on a full pipe.
    const onData = (chunk: Buffer) => {
      if (settled) return;
      out += chunk.toString();
      if (ready(out)) {
        settled = true;
        clearTimeout(timer);
        done({ child, out });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!settled) fail(new Error(`${args[0]} exited with ${code}:\n${out}`));
    });
  });
}

/**
 * Waits until the app has stopped calling the store: the core opens the demo store twice at
 * startup (see ui-startup.spec.ts), so one "sync finished" does not mean both pulls are.
 */
async function settled(sandbox: SandboxClient): Promise<void> {
  let last = -1;
  await expect
    .poll(
      async () => {
        const count = await sandbox.requestCount();
        const quiet = count === last;
        last = count;
        return quiet;
      },
      { timeout: 30_000, intervals: [300] },
    )
    .toBe(true);
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill(signal);
  });
}

async function startDesk(
  dataDir: string,
  version: DemoVersion,
  customers = 400,
): Promise<{ child: ChildProcess; desk: Desk }> {
  const { child, out } = await spawnUntil(
    [
      'scripts/harness.ts',
      '--data-dir',
      dataDir,
      '--demo-version',
      version,
      '--demo-customers',
      String(customers),
      '--demo-time-scale',
      '20',
      '--push-interval-ms',
      '1000',
      '--demo-admin',
    ],
    // Tests start once the first pull is over: a pull still running would copy a portal change
    // made by a test into the cache and spoil the conflict it sets up.
    (output) => /harness ready: \S+/.test(output) && /"sync finished"/.test(output),
    60_000,
  );
  const url = /harness ready: (\S+)/.exec(out)?.[1];
  const demoUrl = /Demo store \(sandbox[^)]*\): (\S+)/.exec(out)?.[1];
  if (!url || !demoUrl) throw new Error(`unexpected harness output:\n${out}`);
  const demo = new SandboxClient(demoUrl, version);
  await settled(demo);
  return { child, desk: { url, dataDir, version, store: DEMO_STORE, demo } };
}

/**
 * The store the merchant flows can edit in. The embedded demo store is saved with the scopes its
 * token check reports, and 2021-01 reports no write scopes (that version cannot say which a token
 * has), so every edit would be locked there. Then the same sandbox is added again with a write
 * token of the tests' own and its scopes ticked, as a merchant adds a 2021-01 store.
 */
async function writableStore(browser: Browser, desk: Desk): Promise<string> {
  const page = await browser.newPage();
  try {
    await page.goto(desk.url);
    await page.getByTestId('nav-settings').click();
    const demo = page.getByTestId('profile-item').filter({ hasText: DEMO_STORE });
    const writeChip = demo.getByTestId('scope-write_customer');
    await expect(writeChip).toBeVisible();
    if (!((await writeChip.textContent()) ?? '').includes('not granted')) return DEMO_STORE;

    await page.getByTestId('add-profile').click();
    const add = page.getByTestId('add-profile-dialog');
    await expect(add.getByLabel('Store name')).toBeFocused();
    await add.getByLabel('Store name').fill(DEMO_WRITER);
    await add.getByLabel('API base URL').fill(desk.demo.url);
    const versionField = add.locator('.v-input', {
      has: page.getByRole('combobox', { name: 'API version' }),
    });
    if (!((await versionField.textContent()) ?? '').includes(desk.version)) {
      await versionField.locator('.v-field').click();
      await page.getByRole('option', { name: desk.version }).click();
    }
    await add.getByLabel('ReCharge API token').fill(await desk.demo.writeToken());
    if (desk.version === '2021-01') {
      await add.getByLabel('Write customers').check();
      await add.getByLabel('Update payment tokens').check();
    }
    await add.getByRole('button', { name: 'Add store' }).click();
    await expect(add).toBeHidden({ timeout: 15_000 });
    await expect(page.getByTestId('store-switcher')).toContainText(DEMO_WRITER);
    await expect(page.getByTestId('sync-indicator')).toContainText('Online', { timeout: 30_000 });
    await settled(desk.demo);
    return DEMO_WRITER;
  } finally {
    await page.close();
  }
}

async function startExternalSandbox(version: DemoVersion): Promise<{
  sandbox: ExternalSandbox;
  close: () => Promise<void>;
}> {
  const port = await freePort();
  const seed = 7;
  const args = [
    'src-main/sandbox/cli.ts',
    '--customers',
    '300',
    '--seed',
    String(seed),
    '--port',
    String(port),
    '--time-scale',
    '20',
  ];
  const ready = (output: string) => /admin: /.test(output);
  let { child, out } = await spawnUntil(args, ready);
  // The sandbox's demo tokens carry their kind in their prefix, whatever the banner calls them.
  const token = (prefix: string) => {
    const match = new RegExp(`\\b${prefix}\\w+`).exec(out);
    if (!match) throw new Error(`no ${prefix}… token in:\n${out}`);
    return match[0];
  };
  const url = `http://127.0.0.1:${port}`;
  const sandbox: ExternalSandbox = {
    port,
    url,
    seed,
    tokens: {
      readOnly: token('sbx_ro_'),
      readWrite: token('sbx_rw_'),
      full: token('sbx_full_'),
    },
    api: new SandboxClient(url, version),
    running: () => child.exitCode === null && child.signalCode === null,
    kill: () => stopChild(child, 'SIGKILL'),
    async start() {
      if (sandbox.running()) return;
      ({ child, out } = await spawnUntil(args, ready));
      // A new process has a new admin API: the tests' own token has to be made again.
      sandbox.api = new SandboxClient(url, version);
    },
  };
  return { sandbox, close: () => stopChild(child, 'SIGTERM') };
}

const screenshots = join(root, 'test-results', 'screenshots');

async function screenshot(page: Page, name: string): Promise<void> {
  // Transitions fast-forwarded, so a dialog is never caught half faded in.
  await page.screenshot({
    path: join(screenshots, `${name}.png`),
    animations: 'disabled',
    caret: 'hide',
  });
}

/** A desk of the project's version for one test, with the demo store's full 3,000 customers. */
async function withFreshDesk(
  browser: Browser,
  version: DemoVersion,
  use: (desk: Desk) => Promise<void>,
): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rcd-ui-e2e-fresh-'));
  const { child, desk } = await startDesk(dataDir, version, 3000);
  try {
    desk.store = await writableStore(browser, desk);
    await use(desk);
  } finally {
    await stopChild(child, 'SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const test = base.extend<
  { shot: (name: string) => Promise<void>; freshDesk: Desk },
  { desk: Desk; partnerSandbox: ExternalSandbox }
>({
  freshDesk: async ({ browser }, use, testInfo) => {
    await withFreshDesk(browser, versionOf(testInfo.project.metadata), use);
  },
  shot: async ({ page }, use, testInfo) => {
    mkdirSync(screenshots, { recursive: true });
    // The default version's screens keep plain names; the other version's carry it.
    const version = versionOf(testInfo.project.metadata);
    const suffix = version === '2021-11' ? '' : `-api-${version}`;
    await use((name) => screenshot(page, name + suffix));
    const slug = testInfo.titlePath
      .slice(1)
      .join(' ')
      .replace(/[^a-z0-9]+/gi, '-')
      .toLowerCase();
    await screenshot(page, slug + suffix);
  },
  desk: [
    async ({ browser }, use, workerInfo) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'rcd-ui-e2e-'));
      const { child, desk } = await startDesk(dataDir, versionOf(workerInfo.project.metadata));
      desk.store = await writableStore(browser, desk);
      await use(desk);
      await stopChild(child, 'SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  partnerSandbox: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, workerInfo) => {
      const { sandbox, close } = await startExternalSandbox(versionOf(workerInfo.project.metadata));
      await use(sandbox);
      await close();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
});

export { expect };

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

/** Searches for a customer by email and opens it from the results. */
export async function openCustomer(page: Page, customer: SandboxCustomer): Promise<void> {
  await page.getByTestId('nav-customers').click();
  await searchBox(page).fill(customer.email);
  const row = page.locator(`[data-testid="customer-row"][data-customer-id="${customer.id}"]`);
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
