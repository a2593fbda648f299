// Rules for processor customer tokens. ReCharge never takes card data, only a tokenized
// customer from the payment processor, sent in one processor-specific field.

export const PROCESSORS = ['stripe', 'braintree', 'paypal', 'authorizedotnet'] as const;
export type Processor = (typeof PROCESSORS)[number];

export type TokenField = `${Processor}_customer_token`;

export const TOKEN_FIELDS: Readonly<Record<Processor, TokenField>> = {
  stripe: 'stripe_customer_token',
  braintree: 'braintree_customer_token',
  paypal: 'paypal_customer_token',
  authorizedotnet: 'authorizedotnet_customer_token',
};

export const PROCESSOR_LABELS: Readonly<Record<Processor, string>> = {
  stripe: 'Stripe',
  braintree: 'Braintree',
  paypal: 'PayPal',
  authorizedotnet: 'Authorize.Net',
};

export const MAX_TOKEN_LENGTH = 255;

export function isProcessor(value: unknown): value is Processor {
  return typeof value === 'string' && (PROCESSORS as readonly string[]).includes(value);
}

export function tokenFieldOf(processor: Processor): TokenField {
  return TOKEN_FIELDS[processor];
}

/** The processor whose token a body field carries, or null for any other field. */
export function processorOfField(field: string): Processor | null {
  for (const processor of PROCESSORS) {
    if (TOKEN_FIELDS[processor] === field) return processor;
  }
  return null;
}

/** The processor's payment-method token (Stripe `pm_…`), which 2021-11 needs beside the customer's. */
export const PAYMENT_METHOD_TOKEN_FIELD = 'payment_method_token';

/** Fields of an edit that hold a secret (sealed while the edit lives, masked after). */
export function isTokenField(field: string): boolean {
  return processorOfField(field) !== null || field === PAYMENT_METHOD_TOKEN_FIELD;
}

// Prefixes of Stripe objects that people paste by mistake: they identify a card or a payment
// method, which ReCharge cannot charge on its own.
const STRIPE_CARD_PREFIXES = ['tok_', 'card_', 'pm_', 'src_'];

/** null when the token is acceptable, otherwise a message fit to show the user. */
export function checkCustomerToken(processor: Processor, token: string): string | null {
  const label = PROCESSOR_LABELS[processor];
  if (token.trim() === '') return `The ${label} customer token is empty.`;
  if (/\s/.test(token)) return `The ${label} customer token must not contain spaces.`;
  if (token.length > MAX_TOKEN_LENGTH) {
    return `The ${label} customer token is longer than ${MAX_TOKEN_LENGTH} characters.`;
  }
  if (processor === 'stripe' && !token.startsWith('cus')) {
    const cardLike = STRIPE_CARD_PREFIXES.find((prefix) => token.startsWith(prefix));
    if (cardLike) {
      return (
        `This is a Stripe card or payment-method token (${cardLike}…). ReCharge needs a Stripe ` +
        'customer token, which starts with "cus" (for example cus_IV0hD7FtykKe1a).'
      );
    }
    return 'A Stripe customer token must start with "cus" (for example cus_IV0hD7FtykKe1a).';
  }
  return null;
}

/** null when a payment-method token is acceptable, otherwise a message fit to show the user. */
export function checkPaymentMethodToken(processor: Processor, token: string): string | null {
  const label = PROCESSOR_LABELS[processor];
  if (token.trim() === '') return `The ${label} payment-method token is empty.`;
  if (/\s/.test(token)) return `The ${label} payment-method token must not contain spaces.`;
  if (token.length > MAX_TOKEN_LENGTH) {
    return `The ${label} payment-method token is longer than ${MAX_TOKEN_LENGTH} characters.`;
  }
  if (processor === 'stripe' && token.startsWith('tok_')) {
    return (
      'This is a one-time Stripe card token (tok_…), which cannot be charged again. Use the ' +
      'payment method saved on the customer in Stripe, which starts with "pm_" (or "card_").'
    );
  }
  if (processor === 'stripe' && token.startsWith('cus')) {
    return 'This is the Stripe customer token; the payment-method token starts with "pm_".';
  }
  return null;
}

/**
 * A token safe to show or log: the processor prefix (if any) and the last three characters. A
 * short prefixed token keeps a shorter tail, never more than half of it (`cus_…7Fx` tells two
 * apart); a short bare value shows nothing, as its half would be most of it.
 */
export function maskToken(token: string): string {
  const prefix = /^[A-Za-z]{1,8}_/.exec(token)?.[0] ?? '';
  const rest = token.slice(prefix.length);
  if (rest.length > 6) return `${prefix}…${rest.slice(-3)}`;
  const tail = prefix ? Math.min(3, Math.floor(rest.length / 2)) : 0;
  return `${prefix}…${tail > 0 ? rest.slice(-tail) : ''}`;
}
