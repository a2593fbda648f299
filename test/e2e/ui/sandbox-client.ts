import type { DemoVersion } from './demo-version.ts';

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
