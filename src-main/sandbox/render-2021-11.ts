// Records as API 2021-11 sends them: customers without billing, status or tokens; addresses with
// country codes and `+00:00` timestamps; payment methods that hold the billing address and the
// processor's tokens (the real API sends those; clients must drop them).
import type * as wire from '../../src-shared/recharge/wire-2021-11.ts';
import {
  BILLING_ADDRESS_KEYS,
  type SbAddress,
  type SbBillingAddress,
  type SbCustomer,
  type SbPaymentMethod,
} from './model.ts';
import { addressHead, customerIdentity, pick } from './render-common.ts';
import type { Row } from './table.ts';
import {
  formatMaybe,
  formatOffsetUtc,
  formatTimestamp,
  type TimestampStyle,
} from './timestamps.ts';

export function customer2111(row: Row<SbCustomer>, style: TimestampStyle): wire.Customer {
  const c = row.data;
  const external = c.external_customer_id;
  return {
    ...customerIdentity(c),
    external_customer_id: external === undefined ? undefined : { ecommerce: external },
    has_valid_payment_method: c.has_valid_payment_method,
    has_payment_method_in_dunning: c.in_dunning,
    subscriptions_active_count: c.subscriptions_active,
    subscriptions_total_count: c.subscriptions_total,
    tax_exempt: c.tax_exempt,
    apply_credit_to_next_recurring_charge: c.apply_credit_to_next_recurring_charge,
    first_charge_processed_at: formatMaybe(c.first_charge_processed_at, style),
    created_at: formatTimestamp(row.created, style),
    updated_at: formatTimestamp(row.updated, style),
    analytics_data: c.analytics_data,
  };
}

export function address2111(row: Row<SbAddress>): wire.Address {
  const a = row.data;
  const discounts =
    a.discount_id === undefined ? undefined : a.discount_id === null ? [] : [{ id: a.discount_id }];
  return {
    ...addressHead(a, { payment_method_id: a.payment_method_id }, { country_code: a.country_code }),
    order_attributes: a.note_attributes,
    order_note: a.cart_note,
    discounts,
    shipping_lines_override: a.shipping_lines_override,
    presentment_currency: a.presentment_currency,
    created_at: formatOffsetUtc(row.created),
    updated_at: formatOffsetUtc(row.updated),
  };
}

function billing2111(
  b: SbBillingAddress | null | undefined,
): wire.BillingAddress | null | undefined {
  // The name the record also holds is 2021-01's; 2021-11 sends the code alone.
  return b === undefined || b === null ? b : pick(b, BILLING_ADDRESS_KEYS);
}

export function paymentMethod2111(row: Row<SbPaymentMethod>): wire.PaymentMethod {
  const m = row.data;
  const details = m.payment_details;
  return {
    id: m.id,
    customer_id: m.customer_id,
    default: m.is_default,
    payment_type: m.payment_type,
    processor_name: m.processor_name,
    processor_customer_token: m.processor_customer_token,
    processor_payment_method_token: m.processor_payment_method_token,
    status: m.status,
    status_reason: m.status_reason,
    payment_details: details ? { ...details } : details,
    billing_address: billing2111(m.billing_address),
    created_at: formatOffsetUtc(row.created),
    updated_at: formatOffsetUtc(row.updated),
  };
}
