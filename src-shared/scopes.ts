import { z } from 'zod';

/** Each scope the app knows, in order, and how the settings name it. */
export const SCOPE_LABELS = {
  read_customer: 'Read customers',
  write_customer: 'Write customers',
  read_payments: 'Read payment methods',
  write_payments: 'Update payment tokens',
} as const;
type ScopeName = keyof typeof SCOPE_LABELS;

export const Scope = z.enum(Object.keys(SCOPE_LABELS) as [ScopeName, ...ScopeName[]]);
export type Scope = z.infer<typeof Scope>;
export const SCOPES = Scope.options;

// The live API spells the customer scopes in the plural; the guide (and this app) does not. On
// 2021-11 the payment token and the billing address live on payment methods: reading and writing
// those is what `read_payments` and `write_payments` stand for in the app.
const LIVE_SPELLINGS: Record<string, Scope> = {
  read_customers: 'read_customer',
  write_customers: 'write_customer',
  read_payment_methods: 'read_payments',
  write_payment_methods: 'write_payments',
};

export function normalizeScope(name: string): Scope | null {
  const trimmed = name.trim();
  const mapped = LIVE_SPELLINGS[trimmed] ?? trimmed;
  const parsed = Scope.safeParse(mapped);
  return parsed.success ? parsed.data : null;
}
