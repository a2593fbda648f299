import type {
  AddressView,
  CustomerDetail,
  CustomerRow,
  CustomerView,
  PaymentMethodView,
} from '../../src-shared/customers/views.ts';
import type { EditView, OutboxSummary } from '../../src-shared/outbox/edits.ts';
import type { ApiVersion, ProfilesState } from '../../src-shared/ipc/channels/profiles.ts';
import type { SyncStatus } from '../../src-shared/ipc/channels/sync.ts';

export function customer(overrides: Partial<CustomerView> = {}): CustomerView {
  return {
    id: 101,
    hash: 'abc',
    email: 'ada@example.com',
    first_name: 'Ada',
    last_name: 'Lovelace',
    phone: null,
    external_customer_id: '555',
    accepts_marketing: true,
    tax_exempt: null,
    billing_address1: '1 Main Street',
    billing_address2: null,
    billing_zip: '97205',
    billing_city: 'Portland',
    billing_company: null,
    billing_province: 'Oregon',
    billing_country: 'United States',
    billing_phone: null,
    processor_type: 'stripe',
    status: 'ACTIVE',
    has_valid_payment_method: true,
    reason_payment_method_not_valid: null,
    in_dunning: false,
    subscriptions_active: 1,
    subscriptions_total: 1,
    default_payment_method_id: null,
    first_charge_processed_at: null,
    created_at: '2024-01-01T10:00:00Z',
    updated_at: '2024-05-01T10:00:00Z',
    ...overrides,
  };
}

/** A 2021-11 customer: no status, billing from default payment method 9001. */
export function customer2111(overrides: Partial<CustomerView> = {}): CustomerView {
  return customer({
    status: null,
    default_payment_method_id: 9001,
    tax_exempt: false,
    ...overrides,
  });
}

export function paymentMethod(overrides: Partial<PaymentMethodView> = {}): PaymentMethodView {
  return {
    id: 9001,
    customer_id: 101,
    is_default: true,
    payment_type: 'CREDIT_CARD',
    processor_name: 'stripe',
    status: 'valid',
    status_reason: null,
    brand: 'visa',
    last4: '4242',
    exp_month: 8,
    exp_year: 2030,
    paypal_email: null,
    wallet_type: null,
    billing: null,
    read_only: false,
    created_at: '2024-01-01T10:00:00Z',
    updated_at: '2024-05-01T10:00:00Z',
    ...overrides,
  };
}

export function address(overrides: Partial<AddressView> = {}): AddressView {
  return {
    id: 31,
    customer_id: 101,
    first_name: 'Ada',
    last_name: 'Lovelace',
    company: null,
    phone: null,
    address1: '12 Harbor Row',
    address2: null,
    city: 'Portland',
    province: 'Oregon',
    zip: '97205',
    country: 'United States',
    country_code: 'US',
    payment_method_id: null,
    created_at: '2024-01-01T10:00:00Z',
    updated_at: '2024-05-01T10:00:00Z',
    ...overrides,
  };
}

export function detail(overrides: Partial<CustomerDetail> = {}): CustomerDetail {
  return {
    customer: customer(),
    addresses: [],
    payment_methods: [],
    pending_fields: [],
    ...overrides,
  };
}

export function row(id: number, overrides: Partial<CustomerRow> = {}): CustomerRow {
  return {
    id,
    hash: `h${id}`,
    email: `c${id}@example.com`,
    first_name: 'Customer',
    last_name: String(id),
    phone: null,
    external_customer_id: null,
    status: 'ACTIVE',
    has_valid_payment_method: true,
    in_dunning: false,
    processor_type: 'stripe',
    billing_company: null,
    billing_city: 'Portland',
    billing_province: 'Oregon',
    billing_zip: '97205',
    billing_country: 'United States',
    updated_at: '2024-05-01T10:00:00Z',
    pending_fields: [],
    matched: null,
    ...overrides,
  };
}

export function edit(overrides: Partial<EditView> = {}): EditView {
  return {
    id: 7,
    customerId: 101,
    customerName: 'Ada Lovelace',
    addressId: null,
    kind: 'billing',
    state: 'pending',
    fields: ['billing_city'],
    mine: { billing_city: 'Salem' },
    base: { billing_city: 'Portland' },
    theirs: null,
    attempts: 0,
    lastError: null,
    nextAttemptAt: null,
    batchId: null,
    createdAt: '2024-05-01T10:00:00Z',
    updatedAt: '2024-05-01T10:00:00Z',
    ...overrides,
  };
}

export function summary(counts: Partial<OutboxSummary['counts']> = {}): OutboxSummary {
  return {
    counts: { pending: 0, in_flight: 0, failed: 0, conflict: 0, done: 0, discarded: 0, ...counts },
    oldestPendingAt: null,
    pausedReason: null,
  };
}

export function syncStatus(overrides: Partial<SyncStatus> = {}): SyncStatus {
  return {
    state: 'idle',
    online: true,
    lastSyncedAt: '2024-05-01T10:00:00Z',
    lastError: null,
    progress: null,
    cachedCustomers: 10,
    nextRetryAt: null,
    ...overrides,
  };
}

export function profilesState(
  scopes: ProfilesState['profiles'][number]['scopes'],
  version: ApiVersion = '2021-01',
): ProfilesState {
  return {
    activeId: 'p1',
    profiles: [
      {
        id: 'p1',
        label: 'Shop',
        baseUrl: 'http://127.0.0.1:1',
        version,
        scopes,
        tokenHint: '…abcd',
        demo: false,
      },
    ],
  };
}
