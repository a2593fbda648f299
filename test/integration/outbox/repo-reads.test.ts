// The outbox reads a search page makes (which of its rows have edits waiting) and the outbox
// list: the same answers as before, from statements prepared once, however many ids they get.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboxRepo, type OutboxRepo } from '../../../src-main/outbox/outbox-repo.ts';
import { EDIT_STATES, type EditState } from '../../../src-shared/outbox/edits.ts';
import { tempCache } from '../../helpers/cache.ts';
import { addEditIn } from '../../helpers/outbox-edits.ts';

let cache: ReturnType<typeof tempCache>;
let repo: OutboxRepo;

/** Edit states by customer: customer n gets edits in states n % 6, then (n + 1) % 6. */
const CUSTOMERS = 60;
const stateOf = (n: number) => EDIT_STATES[n % EDIT_STATES.length]!;

beforeAll(() => {
  cache = tempCache();
  repo = createOutboxRepo(cache.store.db, () => Date.UTC(2026, 0, 1));
  for (let n = 1; n <= CUSTOMERS; n += 1) {
    for (const state of [stateOf(n), stateOf(n + 1)]) addEditIn(repo, n, state);
  }
});
afterAll(() => cache.cleanup());

const reference = (where: string, ...args: unknown[]) =>
  cache.store.db
    .prepare(`SELECT id FROM outbox WHERE ${where} ORDER BY id`)
    .pluck()
    .all(...args) as number[];

/** Counts the statements `fn` prepares. */
function prepares(fn: () => void): number {
  const db = cache.store.db;
  const prepare = db.prepare.bind(db);
  let count = 0;
  db.prepare = ((sql: string) => {
    count += 1;
    return prepare(sql);
  }) as typeof db.prepare;
  try {
    fn();
  } finally {
    Reflect.deleteProperty(db, 'prepare');
  }
  return count;
}

describe('outbox reads', () => {
  it('finds the shown edits (live but not failed) of any number of customers, oldest first', () => {
    const some = [3, 4, 5, 17, 17, 42, 999];
    expect(repo.shownFor(some).map((e) => e.id)).toEqual(
      reference(
        `customer_id IN (3, 4, 5, 17, 42, 999) AND state IN ('pending', 'in_flight', 'conflict')`,
      ),
    );
    expect(repo.shownFor([])).toEqual([]);
    // More ids than SQLite takes as separate parameters (32,766).
    const many = Array.from({ length: 40_000 }, (_, i) => i + 1);
    expect(repo.shownFor(many).map((e) => e.id)).toEqual(
      reference(`state IN ('pending', 'in_flight', 'conflict')`),
    );
  });

  it('lists edits by state, of one customer or all, a page at a time', () => {
    const states: EditState[] = ['pending', 'failed', 'conflict'];
    const inStates = reference(`state IN ('pending', 'failed', 'conflict')`);
    expect(repo.inState(states).map((e) => e.id)).toEqual(inStates);
    const page = repo.list({ states, limit: 7, offset: 5 });
    expect(page.total).toBe(inStates.length);
    expect(page.items.map((e) => e.id)).toEqual(inStates.slice(5, 12));
    const ofOne = reference(`state IN ('pending', 'failed', 'conflict') AND customer_id = 15`);
    expect(ofOne.length).toBeGreaterThan(0);
    const customer = repo.list({ states, customerId: 15, limit: 10, offset: 0 });
    expect(customer).toMatchObject({ total: ofOne.length });
    expect(customer.items.map((e) => e.id)).toEqual(ofOne);
    expect(repo.list({ states: ['done'], customerId: 15, limit: 10, offset: 1 }).items).toEqual([]);
  });

  it('prepares nothing per call, reads or durable writes', () => {
    const count = prepares(() => {
      const edit = repo.add({
        customerId: 7,
        addressId: null,
        kind: 'billing',
        patch: { billing_zip: '10001' },
        base: { billing_zip: null },
        baseUpdatedAt: null,
        batchId: null,
      });
      repo.change(edit.id, { state: 'discarded', event: 'test' });
      for (let i = 0; i < 200; i += 1) {
        repo.shownFor(Array.from({ length: 1 + (i % 100) }, (_, n) => n + i));
        repo.inState(i % 2 === 0 ? ['in_flight'] : ['pending', 'conflict']);
        repo.list({
          states: ['pending'],
          customerId: i % 3 === 0 ? i : undefined,
          limit: 5,
          offset: i,
        });
      }
    });
    expect(count).toBe(0);
  });
});
