// Payment methods (2021-11). The default method's billing address is the customer's billing
// address: every change here is followed by the owner's billing fields, so search, lists and the
// outbox read billing in one place whatever the version.
import type Database from 'better-sqlite3';
import {
  billingFromMethod,
  mergeCustomer,
  type PaymentMethod,
} from '../../src-shared/customers/model.ts';
import type { CustomersRepo } from './customers-repo.ts';
import {
  docRow,
  ownerCheck,
  ROW_MARKS,
  staleCheck,
  unseenSweep,
  type UpsertOptions,
} from './doc-rows.ts';
import { upsertById } from './upsert-sql.ts';

const DOC_COLUMNS = ['id', 'customer_id', 'updated_at'] as const;

export interface PaymentMethodsReport {
  written: number;
  stale: number;
  orphans: PaymentMethod[];
}

export interface PaymentMethodsRepo {
  upsert(items: readonly PaymentMethod[], options: UpsertOptions): PaymentMethodsReport;
  /** A customer's whole set as the store just listed it: others of that customer go. */
  replaceOfCustomer(customerId: number, items: readonly PaymentMethod[], syncedAt: number): void;
  /** Default first, then by id. */
  ofCustomer(customerId: number): PaymentMethod[];
  count(): number;
  sweepUnseen(pass: number, now: number, limit?: number): number[];
}

export function createPaymentMethodsRepo(
  db: Database.Database,
  customers: CustomersRepo,
): PaymentMethodsRepo {
  const write = db.prepare(
    upsertById('payment_methods', [...DOC_COLUMNS, 'is_default', ...ROW_MARKS]),
  );
  const stored = db.prepare(
    'SELECT customer_id, updated_at, seen_pass FROM payment_methods WHERE id = ?',
  );
  const owned = ownerCheck(db);
  const isStale = staleCheck(db, 'payment_methods');
  const ofCustomer = db
    .prepare(
      `SELECT doc FROM payment_methods WHERE customer_id = ?
       ORDER BY is_default DESC, updated_at DESC, id`,
    )
    .pluck();
  const idsOfCustomer = db.prepare('SELECT id FROM payment_methods WHERE customer_id = ?').pluck();
  const count = db.prepare('SELECT count(*) FROM payment_methods').pluck();
  const deleteOne = db
    .prepare('DELETE FROM payment_methods WHERE id = ? RETURNING customer_id')
    .pluck();
  const sweep = unseenSweep(db, 'payment_methods');
  /** The owner's billing fields, processor and default method, from its default method now. */
  const followDefault = (customerIds: Iterable<number>, syncedAt: number) => {
    for (const customerId of customerIds) {
      const customer = customers.get(customerId);
      if (!customer) continue;
      const method =
        (ofCustomer.all(customerId) as string[])
          .map((doc) => JSON.parse(doc) as PaymentMethod)
          .find((m) => m.is_default === true) ?? null;
      const facts = {
        id: customerId,
        ...billingFromMethod(method),
        default_payment_method_id: method?.id ?? null,
        processor_type: method?.processor_name ?? null,
      };
      const next = mergeCustomer(customer, facts);
      if (JSON.stringify(next) !== JSON.stringify(customer))
        customers.upsert([facts], { syncedAt, fresh: true });
    }
  };

  const remove = (ids: readonly number[], syncedAt: number) => {
    const touched = new Set<number>();
    for (const id of ids) {
      const owner = deleteOne.get(id) as number | undefined;
      if (owner !== undefined) touched.add(owner);
    }
    followDefault(touched, syncedAt);
  };

  const upsert = (items: readonly PaymentMethod[], options: UpsertOptions) => {
    const report: PaymentMethodsReport = { written: 0, stale: 0, orphans: [] };
    const touched = new Set<number>();
    for (const method of owned(items, report.orphans)) {
      const previous = stored.get(method.id) as
        { customer_id: number; updated_at: string | null; seen_pass: number | null } | undefined;
      if (isStale(method.id, method.updated_at, previous, options)) {
        report.stale += 1;
        continue;
      }
      write.run({
        ...docRow(
          method,
          DOC_COLUMNS,
          options.syncedAt,
          options.seenPass ?? previous?.seen_pass ?? null,
        ),
        is_default: method.is_default === null ? null : method.is_default ? 1 : 0,
      });
      report.written += 1;
      touched.add(method.customer_id);
      if (previous && previous.customer_id !== method.customer_id)
        touched.add(previous.customer_id);
    }
    followDefault(touched, options.syncedAt);
    return report;
  };

  return {
    upsert,
    replaceOfCustomer(customerId, items, syncedAt) {
      const keep = new Set(items.map((m) => m.id));
      const gone = (idsOfCustomer.all(customerId) as number[]).filter((id) => !keep.has(id));
      remove(gone, syncedAt);
      upsert(items, { syncedAt, fresh: true });
      followDefault([customerId], syncedAt);
    },
    ofCustomer: (customerId) =>
      (ofCustomer.all(customerId) as string[]).map((doc) => JSON.parse(doc) as PaymentMethod),
    count: () => count.get() as number,
    sweepUnseen: (pass, now, limit = -1) => sweep(pass, limit, (ids) => remove(ids, now)),
  };
}
