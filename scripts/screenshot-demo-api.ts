// A self-contained fake of the typed api, installed into the page before the app loads, so
// screens can be looked at before the core's services answer. Runs in the browser: no imports.
export function installDemoApi(): void {
  const firsts = [
    'Ada',
    'Grace',
    'Linus',
    'Margaret',
    'Alan',
    'Barbara',
    'Ken',
    'Frances',
    'Dennis',
    'Radia',
    'Edsger',
    'Hedy',
    'Niklaus',
    'Katherine',
    'Tim',
    'Sophie',
  ];
  const lasts = [
    'Lovelace',
    'Hopper',
    'Torvalds',
    'Hamilton',
    'Turing',
    'Liskov',
    'Thompson',
    'Allen',
    'Ritchie',
    'Perlman',
    'Dijkstra',
    'Lamarr',
    'Wirth',
    'Johnson',
    'Berners-Lee',
    'Wilson',
  ];
  const places = [
    ['Portland', 'Oregon', '97205', 'United States'],
    ['Austin', 'Texas', '73301', 'United States'],
    ['Toronto', 'Ontario', 'M5V 2T6', 'Canada'],
    ['Melbourne', 'Victoria', '3000', 'Australia'],
    ['Leeds', null, 'LS1 4AP', 'United Kingdom'],
    ['Berlin', null, '10115', 'Germany'],
    ['Brooklyn', 'New York', '11201', 'United States'],
  ];
  const processors = ['stripe', 'stripe', 'stripe', 'braintree', 'paypal', 'authorizedotnet'];
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 19);
  const customers: Record<string, unknown>[] = [];
  for (let i = 0; i < 4837; i++) {
    const first = firsts[i % firsts.length] as string;
    const last = lasts[(i * 7) % lasts.length] as string;
    const place = places[(i * 3) % places.length] as (string | null)[];
    const valid = i % 9 !== 4;
    customers.push({
      id: 48_120_000 + i * 13,
      hash: 'h' + i.toString(16),
      email: `${first}.${last}${i}@example.com`.toLowerCase(),
      first_name: first,
      last_name: last,
      phone: i % 4 === 0 ? null : `+1 503 555 ${String(1000 + (i % 9000)).slice(-4)}`,
      shopify_customer_id: String(6_100_000_000 + i),
      accepts_marketing: 1,
      billing_address1: `${100 + (i % 800)} ${['Main', 'Oak', 'Maple', 'Pine'][i % 4]} Street`,
      billing_address2: i % 5 === 0 ? 'Suite 4' : null,
      billing_zip: place[2],
      billing_city: place[0],
      billing_company: i % 6 === 0 ? 'Analytical Engines Ltd' : null,
      billing_province: place[1],
      billing_country: place[3],
      billing_phone: null,
      processor_type: processors[i % processors.length],
      status: i % 11 === 3 ? 'INACTIVE' : 'ACTIVE',
      has_valid_payment_method: valid,
      reason_payment_method_not_valid: valid ? null : 'Card expired',
      has_card_error_in_dunning: !valid && i % 2 === 0,
      number_active_subscriptions: i % 3,
      number_subscriptions: (i % 3) + 1,
      first_charge_processed_at: iso(now - 200 * 86_400_000),
      created_at: iso(now - (400 + i) * 86_400_000),
      updated_at: iso(now - (i % 60) * 3_600_000),
      pending_fields: i % 17 === 0 ? ['billing_city'] : [],
    });
  }
  const rowKeys = [
    'id',
    'hash',
    'email',
    'first_name',
    'last_name',
    'phone',
    'shopify_customer_id',
    'status',
    'has_valid_payment_method',
    'has_card_error_in_dunning',
    'processor_type',
    'billing_company',
    'billing_city',
    'billing_province',
    'billing_zip',
    'billing_country',
    'updated_at',
    'pending_fields',
  ];
  const row = (c: Record<string, unknown>) => Object.fromEntries(rowKeys.map((k) => [k, c[k]]));
  const text = (c: Record<string, unknown>) =>
    [
      c['first_name'],
      c['last_name'],
      c['email'],
      c['phone'],
      c['id'],
      c['billing_city'],
      c['billing_zip'],
    ]
      .join(' ')
      .toLowerCase();
  const sortKey: Record<string, (c: Record<string, unknown>) => string | number> = {
    name: (c) => `${c['last_name']} ${c['first_name']}`,
    email: (c) => c['email'] as string,
    id: (c) => c['id'] as number,
    updated_at: (c) => c['updated_at'] as string,
    city: (c) => (c['billing_city'] as string) ?? '',
  };
  const edit = (
    id: number,
    state: string,
    kind: string,
    fields: string[],
    extra: Record<string, unknown> = {},
  ) => {
    const c = customers[id % 400] as Record<string, unknown>;
    return {
      id,
      customerId: c['id'],
      customerName: `${c['first_name']} ${c['last_name']}`,
      addressId: null,
      kind,
      state,
      fields,
      mine: Object.fromEntries(fields.map((f) => [f, f === 'billing_city' ? 'Salem' : 'Suite 9'])),
      base: Object.fromEntries(fields.map((f) => [f, (c[f] as string) ?? null])),
      theirs: null,
      attempts: 0,
      lastError: null,
      batchId: null,
      createdAt: new Date(now - id * 95_000).toISOString(),
      updatedAt: new Date(now).toISOString(),
      ...extra,
    };
  };
  const edits = [
    edit(3, 'conflict', 'billing', ['billing_city', 'billing_address2'], {
      theirs: { billing_city: 'Eugene', billing_address2: null },
      attempts: 1,
    }),
    edit(5, 'failed', 'billing', ['billing_zip'], {
      attempts: 3,
      lastError: {
        kind: 'validation',
        message: 'billing_zip: is not a valid postal code for Canada',
      },
    }),
    edit(8, 'pending', 'billing', ['billing_city']),
    edit(9, 'pending', 'address_update', ['address2']),
    edit(12, 'in_flight', 'payment_token', ['stripe_customer_token'], {
      mine: { stripe_customer_token: 'cus_…8Qa' },
    }),
  ];
  const summary = {
    counts: { pending: 2, in_flight: 1, failed: 1, conflict: 1, done: 212, discarded: 3 },
    oldestPendingAt: new Date(now - 23 * 60_000).toISOString(),
    pausedReason: null,
  };
  const params = new URLSearchParams(
    (globalThis as unknown as { location: { search: string } }).location.search,
  );
  const profiles = {
    activeId: params.get('profile') ?? 'demo',
    profiles: [
      {
        id: 'demo',
        label: 'Demo store',
        baseUrl: 'http://127.0.0.1:4100',
        version: '2021-01',
        scopes: ['read_customer', 'write_customer', 'write_payments'],
        tokenHint: '…f3a9',
        demo: true,
      },
      {
        id: 'acme',
        label: 'Acme Coffee',
        baseUrl: 'https://api.rechargeapps.com',
        version: '2021-11',
        scopes: ['read_customer', 'write_customer'],
        tokenHint: '…71bc',
        demo: false,
      },
    ],
  };
  const syncing = params.get('sync') === 'running';
  const status = {
    state: syncing ? 'syncing' : 'idle',
    online: true,
    lastSyncedAt: new Date(now - 4 * 60_000).toISOString(),
    lastError: null,
    progress: syncing
      ? {
          phase: 'customers',
          full: false,
          pages: 7,
          customers: 1750,
          total: 4837,
          ratePerSec: 240,
          etaSec: 13,
        }
      : null,
    cachedCustomers: customers.length,
    nextRetryAt: null,
  };
  const receipt = (fields: string[], state = 'done') => ({
    edit: { ...edit(20, state, 'billing', fields), state },
  });
  const matching = (input: { query?: string; filters?: Record<string, unknown> }) => {
    const terms = String(input.query ?? '')
      .toLowerCase()
      .split(/\s+/)
      .filter(Boolean);
    const f = input.filters ?? {};
    return customers.filter((c) => {
      if (f.status && c['status'] !== f.status) return false;
      if (
        f.validPaymentMethod !== undefined &&
        c['has_valid_payment_method'] !== f.validPaymentMethod
      )
        return false;
      if (f.dunning !== undefined && c['has_card_error_in_dunning'] !== f.dunning) return false;
      const t = text(c);
      return terms.every((term) => t.includes(term));
    });
  };
  // The demo answers whatever the app sends; its inputs are read loosely on purpose.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const handlers: Record<string, (input: any) => unknown> = {
    'app:info': () => ({
      name: 'ReCharge Desk',
      version: '0.1.0',
      mode: 'harness',
      dataDir: '/home/staff/.local/share/recharge-desk',
      platform: 'linux',
      nodeVersion: '24.3.0',
    }),
    'profiles:list': () => profiles,
    'profiles:switch': (input) => ({ ...profiles, activeId: input.id }),
    'sync:status': () => status,
    'sync:start': () => status,
    'customers:count': (input) => ({ total: matching(input).length }),
    'customers:search': (input) => {
      let hits = matching(input);
      const sort = input.sort ?? { key: 'relevance', dir: 'desc' };
      const key = sortKey[sort.key];
      if (key) {
        hits = [...hits].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
        if (sort.dir === 'desc') hits.reverse();
      }
      const page = input.page ?? 1;
      const size = input.pageSize ?? 25;
      return {
        items: hits.slice((page - 1) * size, page * size).map(row),
        total: hits.length,
        page,
        pageSize: size,
        totalExact: true,
        tookMs: 3,
      };
    },
    'customers:get': (input) => {
      const c = customers.find((x) => x['id'] === input.id) ?? customers[0]!;
      return {
        customer: c,
        addresses: [
          {
            id: 9001,
            customer_id: c['id'],
            address1: c['billing_address1'],
            address2: null,
            city: c['billing_city'],
            province: c['billing_province'],
            zip: c['billing_zip'],
            country: c['billing_country'],
            company: null,
            phone: c['phone'],
            first_name: c['first_name'],
            last_name: c['last_name'],
            cart_attributes: [],
            note_attributes: [],
            cart_note: null,
            discount_id: null,
            shipping_lines_override: null,
            original_shipping_lines: null,
            presentment_currency: 'USD',
            created_at: c['created_at'],
            updated_at: c['updated_at'],
          },
          {
            id: 9002,
            customer_id: c['id'],
            address1: '18 Harbour Road',
            address2: 'Unit 2',
            city: 'Seattle',
            province: 'Washington',
            zip: '98101',
            country: 'United States',
            company: 'Office',
            phone: null,
            first_name: c['first_name'],
            last_name: c['last_name'],
            cart_attributes: [],
            note_attributes: [],
            cart_note: null,
            discount_id: null,
            shipping_lines_override: null,
            original_shipping_lines: null,
            presentment_currency: 'USD',
            created_at: c['created_at'],
            updated_at: c['updated_at'],
          },
        ],
        pending_fields: c['pending_fields'],
      };
    },
    'customers:history': (input) => ({
      entries: [
        {
          id: 3,
          editId: 41,
          customerId: input.customerId,
          kind: 'billing',
          event: 'Sent to ReCharge',
          state: 'done',
          fields: ['billing_address1', 'billing_zip'],
          message: null,
          at: new Date(now - 2 * 86_400_000).toISOString(),
        },
        {
          id: 2,
          editId: 41,
          customerId: input.customerId,
          kind: 'billing',
          event: 'Queued',
          state: 'pending',
          fields: ['billing_address1', 'billing_zip'],
          message: null,
          at: new Date(now - 2 * 86_400_000 - 60_000).toISOString(),
        },
        {
          id: 1,
          editId: 17,
          customerId: input.customerId,
          kind: 'payment_token',
          event: 'Sent to ReCharge',
          state: 'done',
          fields: ['stripe_customer_token'],
          message: 'cus_…Xq1',
          at: new Date(now - 30 * 86_400_000).toISOString(),
        },
      ],
    }),
    'customers:updateBilling': (input) => receipt(Object.keys(input.patch)),
    'customers:updatePaymentToken': () => ({
      edit: {
        ...edit(21, 'done', 'payment_token', ['stripe_customer_token']),
        mine: { stripe_customer_token: 'cus_…a1b' },
      },
    }),
    'customers:bulkPreview': (input) => ({
      count: 96,
      unchanged: 4,
      fields: Object.keys(input.patch),
      sample: customers.slice(0, 5).map((c) => ({
        id: c['id'],
        name: `${c['first_name']} ${c['last_name']}`,
        before: Object.fromEntries(Object.keys(input.patch).map((f) => [f, c[f] ?? null])),
        after: input.patch,
      })),
    }),
    'customers:bulkUpdate': (input) => ({ queued: input.expectedCount, batchId: 'b1' }),
    'outbox:list': () => ({ items: edits, total: edits.length, summary }),
    'outbox:summary': () => summary,
    'outbox:exportAudit': () => ({ csv: 'at,event\r\n' }),
  };
  const api: Record<string, unknown> = {};
  const names = Object.keys(handlers).concat([
    'profiles:add',
    'profiles:remove',
    'sync:cancel',
    'addresses:create',
    'addresses:update',
    'outbox:retry',
    'outbox:discard',
    'outbox:resolve',
    'outbox:push',
  ]);
  for (const name of names) {
    const [group, method] = name.split(':') as [string, string];
    const target = (api[group] ??= {}) as Record<string, unknown>;
    target[method] = async (input: unknown) => {
      const handler = handlers[name];
      if (!handler) return summary;
      return JSON.parse(JSON.stringify(handler(input)));
    };
  }
  api['on'] = () => () => undefined;
  (globalThis as unknown as { rechargeDesk: unknown }).rechargeDesk = api;
}
