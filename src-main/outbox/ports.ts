import type {
  Address,
  AddressFacts,
  Customer,
  PaymentMethod,
} from '../../src-shared/customers/model.ts';
import type { SearchFilters } from '../../src-shared/customers/views.ts';
import type { OutboxSummary } from '../../src-shared/outbox/edits.ts';
import type { VersionTraits } from '../../src-shared/recharge/versions.ts';
import type { Scope } from '../../src-shared/scopes.ts';
import type { CustomerState, WriteResult } from '../recharge/store-api.ts';
import type { OutboxRepo } from './outbox-repo.ts';

/** What the outbox needs of the cache; the store wires it to the repositories. */
export interface CacheAccess {
  /** The customer as last seen from the server (no pending values applied). */
  customer(id: number): Customer | null;
  customers(ids: readonly number[]): Customer[];
  addresses(customerId: number): Address[];
  address(customerId: number, addressId: number): Address | null;
  paymentMethods(customerId: number): PaymentMethod[];
  /** Every customer id a search matches, for bulk edits. */
  searchIds(query: string, filters: SearchFilters): number[];
  /** Stores what the server answered, so the cache shows the pushed values at once. */
  saveCustomerStates(states: readonly CustomerState[]): Promise<void>;
  saveWrite(customerId: number, result: WriteResult): Promise<void>;
  saveAddress(address: AddressFacts): Promise<void>;
}

/** Seals payment tokens at rest while their edit is live (the vault's cipher). */
export interface TokenSealer {
  seal(plain: string): string;
  open(sealed: string): string;
}

export interface OutboxServiceDeps {
  repo: OutboxRepo;
  cache: CacheAccess;
  sealer: TokenSealer;
  /** Called after every change so the renderer's counts stay true. */
  onChange: (summary: OutboxSummary) => void;
  /** Asks the pusher to drain soon (after a new edit). */
  kick: () => void;
  pausedReason: () => OutboxSummary['pausedReason'];
  /** How the store's API version shapes edits (where billing lives, what a token needs). */
  traits: VersionTraits;
  /** The active profile's scopes, read at each edit. */
  scopes: () => ReadonlySet<Scope>;
}
