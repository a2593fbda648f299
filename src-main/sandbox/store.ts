// The sandbox's data: customers, addresses and payment methods in memory, version-neutral,
// indexed for keyset paging. Every write goes through the write clock, so a row's updated_at
// strictly increases. How a write of one API version maps onto these rows is in *-writes.ts.
import type * as w0101 from '../../src-shared/recharge/wire-2021-01.ts';
import type { GeneratedModel } from './generate.ts';
import type { SbAddress, SbCustomer, SbPaymentMethod } from './model.ts';
import { createRng } from './prng.ts';
import { address0101, customer0101, type SentCustomer } from './render-2021-01.ts';
import { RenderedView } from './store-views.ts';
import { Table, type Row } from './table.ts';
import type { WriteClock } from './write-clock.ts';

export type NewCustomer = Omit<SbCustomer, 'id' | 'hash'>;
export type CustomerPatch = Partial<Omit<SbCustomer, 'id'>>;

/** The records a customer owns, by kind: each in its table and indexed by its customer. */
type OwnedKinds = { address: SbAddress; method: SbPaymentMethod };
export type OwnedKind = keyof OwnedKinds;
export type OwnedPatch<K extends OwnedKind> = Partial<Omit<OwnedKinds[K], 'id' | 'customer_id'>>;
export type AddressPatch = OwnedPatch<'address'>;
export type MethodPatch = OwnedPatch<'method'>;
/** A write-path update of one record by id: its new row, or undefined where there is none. */
export type UpdateById<C, T> = (store: SandboxStore, id: number, change: C) => Row<T> | undefined;

type OwnedStore<T extends { id: number }> = { table: Table<T>; index: Map<number, Set<number>> };

function link(index: Map<number, Set<number>>, owner: number, id: number): void {
  let set = index.get(owner);
  if (!set) {
    set = new Set();
    index.set(owner, set);
  }
  set.add(id);
}

const sortedIds = (set: Set<number> | undefined): number[] =>
  [...(set ?? [])].sort((a, b) => a - b);

export class SandboxStore {
  readonly customerTable = new Table<SbCustomer>();
  readonly addressTable = new Table<SbAddress>();
  readonly methodTable = new Table<SbPaymentMethod>();
  /** 2021-01 renderings, as tests have always read them. */
  readonly customers: RenderedView<SentCustomer>;
  readonly addresses: RenderedView<w0101.Address>;
  private readonly clock: WriteClock;
  private readonly emails = new Map<string, number>();
  private readonly addressesByCustomer = new Map<number, Set<number>>();
  private readonly methodsByCustomer = new Map<number, Set<number>>();
  private readonly ownedStores: { [K in OwnedKind]: OwnedStore<OwnedKinds[K]> } = {
    address: { table: this.addressTable, index: this.addressesByCustomer },
    method: { table: this.methodTable, index: this.methodsByCustomer },
  };
  private nextIds = { customer: 1, address: 1, method: 1 };

  constructor(clock: WriteClock) {
    this.clock = clock;
    this.customers = new RenderedView(this.customerTable, (id) => this.customer(id));
    this.addresses = new RenderedView(this.addressTable, (id) => this.address(id));
  }

  load(model: GeneratedModel): void {
    this.clock.reset();
    this.emails.clear();
    this.addressesByCustomer.clear();
    this.methodsByCustomer.clear();
    // Revisions follow updated_at so that "updated_at" order and revision order agree.
    const all: Row<{ id: number }>[] = [
      ...model.customers,
      ...model.addresses,
      ...model.paymentMethods,
    ];
    all.sort((a, b) => a.updated - b.updated || a.data.id - b.data.id);
    let revision = 0;
    for (const row of all) {
      revision += 1;
      row.rev = revision;
      this.clock.observe(row.updated, revision);
    }
    this.customerTable.load(model.customers);
    this.addressTable.load(model.addresses);
    this.methodTable.load(model.paymentMethods);
    for (const { data } of model.customers) this.emails.set(data.email.toLowerCase(), data.id);
    for (const { data } of model.addresses)
      link(this.addressesByCustomer, data.customer_id, data.id);
    for (const { data } of model.paymentMethods) {
      link(this.methodsByCustomer, data.customer_id, data.id);
    }
    const next = (rows: Row<{ id: number }>[]) =>
      rows.reduce((max, row) => Math.max(max, row.data.id + 1), 1);
    this.nextIds = {
      customer: next(model.customers),
      address: next(model.addresses),
      method: next(model.paymentMethods),
    };
  }

  /** The customer as 2021-01 sends it. */
  customer(id: number): SentCustomer | undefined {
    const row = this.customerTable.get(id);
    return row ? customer0101(row, this.defaultMethodOf(id)?.data) : undefined;
  }

  /** The address as 2021-01 sends it. */
  address(id: number): w0101.Address | undefined {
    const row = this.addressTable.get(id);
    return row ? address0101(row) : undefined;
  }

  customerRow(id: number): Row<SbCustomer> | undefined {
    return this.customerTable.get(id);
  }

  addressRow(id: number): Row<SbAddress> | undefined {
    return this.addressTable.get(id);
  }

  methodRow(id: number): Row<SbPaymentMethod> | undefined {
    return this.methodTable.get(id);
  }

  addressIdsOf(customerId: number): number[] {
    return sortedIds(this.addressesByCustomer.get(customerId));
  }

  methodIdsOf(customerId: number): number[] {
    return sortedIds(this.methodsByCustomer.get(customerId));
  }

  methodsOf(customerId: number): Row<SbPaymentMethod>[] {
    return this.methodIdsOf(customerId).flatMap((id) => this.methodTable.get(id) ?? []);
  }

  defaultMethodOf(customerId: number): Row<SbPaymentMethod> | undefined {
    for (const id of this.methodsByCustomer.get(customerId) ?? []) {
      const row = this.methodTable.get(id);
      if (row?.data.is_default) return row;
    }
    return undefined;
  }

  /** The id of the customer using this email (case-insensitive), if any. */
  emailOwner(email: string): number | undefined {
    return this.emails.get(email.toLowerCase());
  }

  counts(): { customers: number; addresses: number; paymentMethods: number } {
    return {
      customers: this.customerTable.size,
      addresses: this.addressTable.size,
      paymentMethods: this.methodTable.size,
    };
  }

  insertCustomer(fields: NewCustomer): Row<SbCustomer> {
    const id = this.nextIds.customer++;
    const hashRng = createRng(id);
    const data: SbCustomer = {
      id,
      hash: `${hashRng.hex32()}${hashRng.hex32()}`.slice(0, 15),
      ...fields,
    };
    const row = this.insert(this.customerTable, data);
    this.emails.set(data.email.toLowerCase(), id);
    return row;
  }

  /** Writes the fields (none: only bumps updated_at, as a change of its billing would). */
  writeCustomer(id: number, patch: CustomerPatch): Row<SbCustomer> | undefined {
    const before = this.customerTable.get(id)?.data;
    const row = this.write<SbCustomer>(this.customerTable, id, patch);
    if (row && before && before.email.toLowerCase() !== row.data.email.toLowerCase()) {
      this.emails.delete(before.email.toLowerCase());
      this.emails.set(row.data.email.toLowerCase(), id);
    }
    return row;
  }

  deleteCustomer(id: number): boolean {
    const row = this.customerTable.delete(id);
    if (!row) return false;
    this.emails.delete(row.data.email.toLowerCase());
    for (const addressId of this.addressIdsOf(id)) this.addressTable.delete(addressId);
    for (const methodId of this.methodIdsOf(id)) this.methodTable.delete(methodId);
    this.addressesByCustomer.delete(id);
    this.methodsByCustomer.delete(id);
    return true;
  }

  /** A new address or payment method, with the next id of its kind. */
  insertOwned<K extends OwnedKind>(kind: K, fields: Omit<OwnedKinds[K], 'id'>): Row<OwnedKinds[K]> {
    const { table, index } = this.owned(kind);
    const data = { id: this.nextIds[kind]++, ...fields } as OwnedKinds[K];
    const row = this.insert(table, data);
    link(index, data.customer_id, data.id);
    return row;
  }

  writeOwned<K extends OwnedKind>(
    kind: K,
    id: number,
    patch: OwnedPatch<K>,
  ): Row<OwnedKinds[K]> | undefined {
    return this.write(this.owned(kind).table, id, patch as Partial<OwnedKinds[K]>);
  }

  deleteOwned(kind: OwnedKind, id: number): boolean {
    const { table, index } = this.owned(kind);
    const row = table.delete(id);
    if (!row) return false;
    index.get(row.data.customer_id)?.delete(id);
    return true;
  }

  private owned<K extends OwnedKind>(kind: K): OwnedStore<OwnedKinds[K]> {
    return this.ownedStores[kind] as OwnedStore<OwnedKinds[K]>;
  }

  private insert<T extends { id: number }>(table: Table<T>, data: T): Row<T> {
    const { second, rev } = this.clock.issue();
    const row: Row<T> = { data, created: second, updated: second, rev };
    table.insert(row);
    return row;
  }

  private write<T extends { id: number }>(
    table: Table<T>,
    id: number,
    patch: Partial<T>,
  ): Row<T> | undefined {
    const row = table.get(id);
    if (!row) return undefined;
    const { second, rev } = this.clock.issue(row.updated);
    const next: Row<T> = {
      data: { ...row.data, ...patch, id },
      created: row.created,
      updated: second,
      rev,
    };
    table.replace(next);
    return next;
  }
}
