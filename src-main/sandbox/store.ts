// The sandbox's data: customers and addresses in memory, indexed for paging, plus the payment
// tokens the fake keeps beside customers (never sent back on the wire).
import type {
  Address,
  AddressFields,
  Customer,
  CustomerFields,
} from '../../src-shared/recharge/wire.ts';
import type { Processor } from '../../src-shared/recharge/payment-tokens.ts';
import type { GeneratedData } from './generate.ts';
import { createRng } from './prng.ts';
import { Table, type Row } from './table.ts';
import { formatWallSecond, wallSecondOfOwn } from './timestamps.ts';
import type { WriteClock } from './write-clock.ts';

export interface StoredPaymentToken {
  processor: Processor;
  token: string;
}

export type CustomerPatch = Partial<Omit<CustomerFields, 'id' | 'created_at' | 'updated_at'>>;
export type AddressPatch = Partial<
  Omit<AddressFields, 'id' | 'customer_id' | 'created_at' | 'updated_at'>
>;
export type NewCustomer = CustomerPatch &
  Pick<CustomerFields, 'email' | 'first_name' | 'last_name'>;

const wallOf = wallSecondOfOwn;

export class SandboxStore {
  readonly customers = new Table<Customer>();
  readonly addresses = new Table<Address>();
  private readonly clock: WriteClock;
  private readonly emails = new Map<string, number>();
  private readonly addressesByCustomer = new Map<number, Set<number>>();
  private readonly tokens = new Map<number, StoredPaymentToken>();
  private nextCustomerId = 1;
  private nextAddressId = 1;

  constructor(clock: WriteClock) {
    this.clock = clock;
  }

  load(data: GeneratedData): void {
    this.clock.reset();
    this.emails.clear();
    this.addressesByCustomer.clear();
    this.tokens.clear();
    const customerRows = data.customers.map((customer) => this.rowOf(customer));
    const addressRows = data.addresses.map((address) => this.rowOf(address));
    // Revisions follow updated_at so that "updated_at" order and revision order agree.
    let revision = 0;
    const all: Row<{ id: number }>[] = [...customerRows, ...addressRows];
    all.sort((a, b) => a.updated - b.updated || a.data.id - b.data.id);
    for (const row of all) {
      revision += 1;
      row.rev = revision;
      this.clock.observe(row.updated, revision);
    }
    this.customers.load(customerRows);
    this.addresses.load(addressRows);
    for (const customer of data.customers)
      this.emails.set(customer.email.toLowerCase(), customer.id);
    for (const address of data.addresses) this.linkAddress(address.customer_id, address.id);
    this.nextCustomerId = 1;
    this.nextAddressId = 1;
    for (const row of customerRows)
      this.nextCustomerId = Math.max(this.nextCustomerId, row.data.id + 1);
    for (const row of addressRows)
      this.nextAddressId = Math.max(this.nextAddressId, row.data.id + 1);
  }

  customer(id: number): Customer | undefined {
    return this.customers.get(id)?.data;
  }

  address(id: number): Address | undefined {
    return this.addresses.get(id)?.data;
  }

  /** The id of the customer using this email (case-insensitive), if any. */
  emailOwner(email: string): number | undefined {
    return this.emails.get(email.toLowerCase());
  }

  paymentToken(customerId: number): StoredPaymentToken | undefined {
    return this.tokens.get(customerId);
  }

  addressIdsOf(customerId: number): number[] {
    return [...(this.addressesByCustomer.get(customerId) ?? [])].sort((a, b) => a - b);
  }

  createCustomer(fields: NewCustomer, token?: StoredPaymentToken): Customer {
    const id = this.nextCustomerId;
    this.nextCustomerId += 1;
    const { wall, rev } = this.clock.issue();
    const stamp = formatWallSecond(wall);
    const hashRng = createRng(id);
    const customer: Customer = {
      id,
      hash: `${hashRng.hex32()}${hashRng.hex32()}`.slice(0, 15),
      email: fields.email,
      first_name: fields.first_name,
      last_name: fields.last_name,
      phone: null,
      shopify_customer_id: null,
      accepts_marketing: null,
      billing_address1: null,
      billing_address2: null,
      billing_zip: null,
      billing_city: null,
      billing_company: null,
      billing_province: null,
      billing_country: null,
      billing_phone: null,
      processor_type: null,
      status: 'ACTIVE',
      has_valid_payment_method: false,
      reason_payment_method_not_valid: null,
      has_card_error_in_dunning: false,
      number_active_subscriptions: 0,
      number_subscriptions: 0,
      first_charge_processed_at: null,
      created_at: stamp,
      updated_at: stamp,
    };
    Object.assign(customer, fields, token ? this.paymentEffect(id, token) : {});
    this.customers.insert({ data: customer, created: wall, updated: wall, rev });
    this.emails.set(customer.email.toLowerCase(), id);
    return customer;
  }

  updateCustomer(
    id: number,
    patch: CustomerPatch,
    token?: StoredPaymentToken,
  ): Customer | undefined {
    const row = this.customers.get(id);
    if (!row) return undefined;
    const { wall, rev } = this.clock.issue(row.updated);
    const data: Customer = {
      ...row.data,
      ...patch,
      ...(token ? this.paymentEffect(id, token) : {}),
      updated_at: formatWallSecond(wall),
    };
    if (data.email.toLowerCase() !== row.data.email.toLowerCase()) {
      this.emails.delete(row.data.email.toLowerCase());
      this.emails.set(data.email.toLowerCase(), id);
    }
    this.customers.replace({ data, created: row.created, updated: wall, rev });
    return data;
  }

  deleteCustomer(id: number): boolean {
    const row = this.customers.delete(id);
    if (!row) return false;
    this.emails.delete(row.data.email.toLowerCase());
    this.tokens.delete(id);
    for (const addressId of this.addressIdsOf(id)) this.addresses.delete(addressId);
    this.addressesByCustomer.delete(id);
    return true;
  }

  createAddress(customerId: number, fields: AddressPatch): Address | undefined {
    if (!this.customers.get(customerId)) return undefined;
    const id = this.nextAddressId;
    this.nextAddressId += 1;
    const { wall, rev } = this.clock.issue();
    const stamp = formatWallSecond(wall);
    const address: Address = {
      id,
      customer_id: customerId,
      address1: null,
      address2: null,
      city: null,
      province: null,
      zip: null,
      country: null,
      company: null,
      phone: null,
      first_name: null,
      last_name: null,
      cart_attributes: [],
      note_attributes: [],
      cart_note: null,
      discount_id: null,
      shipping_lines_override: null,
      original_shipping_lines: [],
      presentment_currency: 'USD',
      created_at: stamp,
      updated_at: stamp,
    };
    Object.assign(address, fields);
    this.addresses.insert({ data: address, created: wall, updated: wall, rev });
    this.linkAddress(customerId, id);
    return address;
  }

  updateAddress(id: number, patch: AddressPatch): Address | undefined {
    const row = this.addresses.get(id);
    if (!row) return undefined;
    const { wall, rev } = this.clock.issue(row.updated);
    const data: Address = { ...row.data, ...patch, updated_at: formatWallSecond(wall) };
    this.addresses.replace({ data, created: row.created, updated: wall, rev });
    return data;
  }

  deleteAddress(id: number): boolean {
    const row = this.addresses.delete(id);
    if (!row) return false;
    this.addressesByCustomer.get(row.data.customer_id)?.delete(id);
    return true;
  }

  counts(): { customers: number; addresses: number } {
    return { customers: this.customers.size, addresses: this.addresses.size };
  }

  private rowOf<T extends { id: number; created_at: string; updated_at: string }>(data: T): Row<T> {
    return { data, created: wallOf(data.created_at), updated: wallOf(data.updated_at), rev: 0 };
  }

  private linkAddress(customerId: number, addressId: number): void {
    let set = this.addressesByCustomer.get(customerId);
    if (!set) {
      set = new Set();
      this.addressesByCustomer.set(customerId, set);
    }
    set.add(addressId);
  }

  private paymentEffect(id: number, token: StoredPaymentToken): CustomerPatch {
    this.tokens.set(id, token);
    return {
      processor_type: token.processor,
      has_valid_payment_method: true,
      reason_payment_method_not_valid: null,
    };
  }
}
