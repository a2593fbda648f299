// The sandbox's remote-control surface: simulate what happens elsewhere (the customer portal,
// ReCharge itself), script faults, read the request log, reset. Used in-process by tests and
// over HTTP under /__sandbox/.
import { maskToken } from '../../src-shared/recharge/payment-tokens.ts';
import type { Address, Customer } from '../../src-shared/recharge/wire.ts';
import { FaultRuleInput, type FaultRule } from './faults.ts';
import type { FieldErrors } from './paging.ts';
import type { RequestLogEntry } from './request-log.ts';
import type { Runtime } from './runtime.ts';
import { validateAddressWrite, validateCustomerWrite } from './validation.ts';

export type AdminResult<T> =
  { ok: true; value: T } | { ok: false; status: 404 | 422; errors: FieldErrors | string };

export interface TokenSummary {
  label: string;
  scopes: string[];
  /** Masked: the state endpoint must not hand out secrets to anyone who asks. */
  hint: string;
}

export interface SandboxState {
  seed: number;
  customers: number;
  addresses: number;
  timeScale: number;
  utcOffsetMinutes: number;
  requestCount: number;
  rateLimit: { capacity: number; perSecond: number; usedByToken: Record<string, number> };
  faults: FaultRule[];
  tokens: TokenSummary[];
}

export interface SandboxAdmin {
  /** Change a customer as the portal would (also status, dunning, counts); bumps updated_at. */
  patchCustomer(id: number, fields: unknown): AdminResult<Customer>;
  deleteCustomer(id: number): boolean;
  patchAddress(id: number, fields: unknown): AdminResult<Address>;
  /** The payment token stored for a customer, masked. */
  paymentTokenHint(id: number): string | null;
  addFault(rule: FaultRuleInput): FaultRule;
  clearFaults(): void;
  faults(): FaultRule[];
  requests(options?: { since?: number; limit?: number }): RequestLogEntry[];
  clearRequests(): void;
  /** Regenerate the data (same seed unless given), empty buckets, log and faults. */
  reset(options?: { seed?: number; customers?: number }): void;
  addToken(input: { scopes: string[]; label?: string; token?: string }): {
    token: string;
    label: string;
    scopes: string[];
  };
  setTimeScale(scale: number): void;
  state(): SandboxState;
}

export function createAdmin(runtime: Runtime): SandboxAdmin {
  const { store } = runtime;
  return {
    patchCustomer(id, fields) {
      if (!store.customer(id)) return { ok: false, status: 404, errors: 'Not Found' };
      const checked = validateCustomerWrite(fields, 'update', { admin: true });
      if (!checked.ok) return { ok: false, status: 422, errors: checked.errors };
      const { fields: patch, token } = checked.value;
      const owner = patch.email === undefined ? undefined : store.emailOwner(patch.email);
      if (owner !== undefined && owner !== id) {
        return { ok: false, status: 422, errors: { email: ['email already exists on store'] } };
      }
      const customer = store.updateCustomer(id, patch, token);
      return customer
        ? { ok: true, value: customer }
        : { ok: false, status: 404, errors: 'Not Found' };
    },
    deleteCustomer: (id) => store.deleteCustomer(id),
    patchAddress(id, fields) {
      if (!store.address(id)) return { ok: false, status: 404, errors: 'Not Found' };
      const checked = validateAddressWrite(fields, 'update');
      if (!checked.ok) return { ok: false, status: 422, errors: checked.errors };
      const address = store.updateAddress(id, checked.value);
      return address
        ? { ok: true, value: address }
        : { ok: false, status: 404, errors: 'Not Found' };
    },
    paymentTokenHint(id) {
      const stored = store.paymentToken(id);
      return stored ? maskToken(stored.token) : null;
    },
    addFault: (rule) => runtime.faults.add(FaultRuleInput.parse(rule)),
    clearFaults: () => runtime.faults.clear(),
    faults: () => runtime.faults.list(),
    requests: (options) => runtime.log.list(options),
    clearRequests: () => runtime.log.clear(),
    reset(options = {}) {
      runtime.regenerate(options.seed ?? runtime.seed, options.customers ?? runtime.customerCount);
      runtime.limiter.reset();
      runtime.log.clear();
      runtime.faults.clear();
    },
    addToken(input) {
      const added = runtime.tokens.add(input);
      return { token: added.token, label: added.label, scopes: added.scopes };
    },
    setTimeScale: (scale) => runtime.setTimeScale(scale),
    state() {
      const counts = store.counts();
      const labels = new Map(runtime.tokens.list().map((token) => [token.token, token.label]));
      const usedByToken: Record<string, number> = {};
      for (const [token, used] of Object.entries(runtime.limiter.snapshot())) {
        usedByToken[labels.get(token) ?? 'unknown'] = used;
      }
      return {
        seed: runtime.seed,
        customers: counts.customers,
        addresses: counts.addresses,
        timeScale: runtime.timeScale,
        utcOffsetMinutes: runtime.utcOffsetMinutes,
        requestCount: runtime.log.total,
        rateLimit: {
          capacity: runtime.limiter.config.capacity,
          perSecond: runtime.limiter.config.perSecond,
          usedByToken,
        },
        faults: runtime.faults.list(),
        tokens: runtime.tokens.list().map((token) => ({
          label: token.label,
          scopes: token.scopes,
          hint: maskToken(token.token),
        })),
      };
    },
  };
}
