import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { test as base } from './fixtures.ts';

const root = resolve(import.meta.dirname, '../..');

/** The app under test: a browser harness over the real core, with an embedded demo store. */
export interface Desk {
  url: string;
  dataDir: string;
  /** The demo store's sandbox (admin API under /__sandbox/). */
  demo: SandboxClient;
}

export const DEMO_STORE = 'Demo store';
export const PARTNER_STORE = 'Partner sandbox';

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
  #token: Promise<string> | null = null;

  constructor(url: string) {
    this.url = url;
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

  /** The customer at `index` among the oldest: each test takes its own, so none share one. */
  async nth(index: number): Promise<SandboxCustomer> {
    const customer = (await this.oldest(index + 1))[index];
    if (!customer) throw new Error(`the sandbox has no customer #${index}`);
    return customer;
  }

  /** Changes a customer as the customer portal would, behind the app's back. */
  async portalChange(id: number, fields: Json): Promise<SandboxCustomer> {
    const body = await this.#json<{ customer: SandboxCustomer }>(`/__sandbox/customers/${id}`, {
      method: 'POST',
      body: JSON.stringify(fields),
    });
    return body.customer;
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

async function startDesk(dataDir: string): Promise<{ child: ChildProcess; desk: Desk }> {
  const { child, out } = await spawnUntil(
    [
      'scripts/harness.ts',
      '--data-dir',
      dataDir,
      '--demo-customers',
      '400',
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
  const demo = new SandboxClient(demoUrl);
  await settled(demo);
  return { child, desk: { url, dataDir, demo } };
}

async function startExternalSandbox(): Promise<{
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
  const token = (label: string) => {
    const match = new RegExp(`${label.replace(/[+]/g, '\\+')}\\s+(\\S+)`).exec(out);
    if (!match?.[1]) throw new Error(`no ${label} token in:\n${out}`);
    return match[1];
  };
  const url = `http://127.0.0.1:${port}`;
  const sandbox: ExternalSandbox = {
    port,
    url,
    seed,
    tokens: {
      readOnly: token('read-only'),
      readWrite: token('read + write'),
      full: token('read + write + payments'),
    },
    api: new SandboxClient(url),
    running: () => child.exitCode === null && child.signalCode === null,
    kill: () => stopChild(child, 'SIGKILL'),
    async start() {
      if (sandbox.running()) return;
      ({ child, out } = await spawnUntil(args, ready));
      // A new process has a new admin API: the tests' own token has to be made again.
      sandbox.api = new SandboxClient(url);
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

export const test = base.extend<
  { shot: (name: string) => Promise<void> },
  { desk: Desk; partnerSandbox: ExternalSandbox }
>({
  shot: async ({ page }, use, testInfo) => {
    mkdirSync(screenshots, { recursive: true });
    await use((name) => screenshot(page, name));
    const slug = testInfo.titlePath
      .slice(1)
      .join(' ')
      .replace(/[^a-z0-9]+/gi, '-')
      .toLowerCase();
    await screenshot(page, slug);
  },
  desk: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'rcd-ui-e2e-'));
      const { child, desk } = await startDesk(dataDir);
      await use(desk);
      await stopChild(child, 'SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  partnerSandbox: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const { sandbox, close } = await startExternalSandbox();
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
export async function openDesk(page: Page, desk: Desk, store = DEMO_STORE): Promise<void> {
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
