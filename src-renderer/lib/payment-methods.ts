import type { PaymentMethodView } from '../../src-shared/customers/views.ts';
import { isProcessor, type Processor } from '../../src-shared/recharge/payment-tokens.ts';

/** Processor names as either API version spells them (2021-11 says `authorize`). */
const PROCESSOR_NAMES: Record<string, string> = {
  stripe: 'Stripe',
  braintree: 'Braintree',
  paypal: 'PayPal',
  authorize: 'Authorize.Net',
  authorizedotnet: 'Authorize.Net',
  shopify_payments: 'Shopify Payments',
  mollie: 'Mollie',
};

const PAYMENT_TYPES: Record<string, string> = {
  CREDIT_CARD: 'Card',
  PAYPAL: 'PayPal',
  APPLE_PAY: 'Apple Pay',
  GOOGLE_PAY: 'Google Pay',
  SEPA_DEBIT: 'SEPA Direct Debit',
};

const BRANDS: Record<string, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  master: 'Mastercard',
  amex: 'American Express',
  american_express: 'American Express',
  discover: 'Discover',
  jcb: 'JCB',
  diners: 'Diners Club',
  diners_club: 'Diners Club',
  unionpay: 'UnionPay',
  maestro: 'Maestro',
};

/** "stripe_connect" → "Stripe connect": unknown values still read as words. */
function words(value: string): string {
  const spaced = value.replaceAll('_', ' ').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

export function processorLabel(name: string | null | undefined): string | null {
  if (!name) return null;
  return PROCESSOR_NAMES[name.toLowerCase()] ?? words(name);
}

/** The processor a token update would name for a customer's current processor, if any. */
export function tokenProcessorOf(name: string | null | undefined): Processor | null {
  if (!name) return null;
  const mapped = name === 'authorize' ? 'authorizedotnet' : name;
  return isProcessor(mapped) ? mapped : null;
}

function brandLabel(brand: string | null): string {
  if (!brand) return 'Card';
  return BRANDS[brand.toLowerCase().replaceAll(' ', '_')] ?? words(brand);
}

function expiry(m: PaymentMethodView): string | null {
  if (m.exp_month === null || m.exp_year === null) return null;
  const year = m.exp_year < 100 ? 2000 + m.exp_year : m.exp_year;
  return `${String(m.exp_month).padStart(2, '0')}/${year}`;
}

/** "Visa •••• 4242 · 08/2030"; PayPal by its email; other kinds by their type. */
export function methodTitle(m: PaymentMethodView): string {
  const type = m.payment_type?.toUpperCase() ?? null;
  if (type === 'PAYPAL') return m.paypal_email ?? 'PayPal';
  if (m.last4) {
    return [`${brandLabel(m.brand)} •••• ${m.last4}`, expiry(m)].filter(Boolean).join(' · ');
  }
  if (type) return PAYMENT_TYPES[type] ?? words(type);
  return 'Payment method';
}

/** "Apple Pay" for a wallet whose title shows the card inside it; null otherwise. */
export function walletLabel(m: PaymentMethodView): string | null {
  const type = m.payment_type?.toUpperCase();
  return m.last4 && (type === 'APPLE_PAY' || type === 'GOOGLE_PAY') ? PAYMENT_TYPES[type]! : null;
}

/** Whether a card's expiry month is over (expiry is the end of that month). */
export function isExpired(m: PaymentMethodView, now: Date): boolean {
  if (m.exp_month === null || m.exp_year === null) return false;
  const year = m.exp_year < 100 ? 2000 + m.exp_year : m.exp_year;
  return year * 12 + m.exp_month < now.getUTCFullYear() * 12 + now.getUTCMonth() + 1;
}

export interface MethodStatus {
  text: string;
  color: 'success' | 'error' | 'warning' | undefined;
}

export function methodStatus(status: string | null): MethodStatus | null {
  switch (status?.toLowerCase()) {
    case undefined:
      return null;
    case 'valid':
      return { text: 'Valid', color: 'success' };
    case 'invalid':
      return { text: 'Invalid', color: 'error' };
    case 'unvalidated':
      return { text: 'Not yet validated', color: undefined };
    case 'empty':
      return { text: 'No details', color: 'warning' };
    default:
      return { text: words(status ?? ''), color: undefined };
  }
}

/** The default method first, the others in the order the store gave them. */
export function defaultFirst(methods: readonly PaymentMethodView[]): PaymentMethodView[] {
  return [...methods].sort((a, b) => Number(b.is_default === true) - Number(a.is_default === true));
}

/** The customer's default method among those cached; none when the customer names none. */
export function defaultMethod(
  methods: readonly PaymentMethodView[],
  defaultId: number | null,
): PaymentMethodView | null {
  return defaultId === null ? null : (methods.find((m) => m.id === defaultId) ?? null);
}
