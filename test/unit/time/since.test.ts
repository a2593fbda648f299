// "No edit lost…", item 7: across the autumn clock change an incremental pull must not miss a
// change written in the repeated hour, and the answer to our own write is never taken as older.
import { afterEach, describe, expect, it } from 'vitest';
import { sinceFor } from '../../../src-main/sync/since.ts';
import { cacheAccessOn } from '../../../src-main/outbox/cache-access.ts';
import { customerFacts } from '../../../src-main/recharge/v2021-01.ts';
import { easternNaive, parseRechargeTimestamp } from '../../../src-shared/time/eastern.ts';
import { tempCache } from '../../helpers/cache.ts';
import { sampleCustomer } from '../../helpers/wire-samples.ts';

const caches: ReturnType<typeof tempCache>[] = [];
afterEach(() => caches.splice(0).forEach((c) => c.cleanup()));

describe('incremental pulls across the autumn clock change', () => {
  it('start early enough to catch a change written in the repeated hour', () => {
    // Newest change seen: 01:50 EDT on 2024-11-03. A change at 01:10 EST (40 minutes later)
    // reads "01:10:00", earlier than the mark as text.
    const mark = '2024-11-03T05:50:00Z';
    const since = sinceFor(mark, 300);
    const later = parseRechargeTimestamp('2024-11-03T01:10:00')!;
    const naiveMin = easternNaive(parseRechargeTimestamp(since)!);
    expect(naiveMin <= '2024-11-03T01:10:00').toBe(true);
    expect(later).toBeGreaterThan(0);
    // Away from a clock change the overlap is what was asked.
    expect(sinceFor('2024-07-01T12:00:00Z', 300)).toBe('2024-07-01T11:55:00Z');
  });

  it('stores the answer to our own write even when its naive time reads earlier', () => {
    const cache = tempCache();
    caches.push(cache);
    const store = cache.store;
    store.customers.upsert(
      [
        customerFacts(
          sampleCustomer({ billing_city: 'Before', updated_at: '2024-11-03T01:50:00' }),
        ),
      ],
      { syncedAt: 0 },
    );
    const access = cacheAccessOn(store, Date.now, () => []);
    // The store's answer to our PUT, made at 01:10 EST (after 01:50 EDT).
    access.saveWrite(40_000_001, {
      customer: customerFacts(
        sampleCustomer({ billing_city: 'Pushed', updated_at: '2024-11-03T01:10:00' }),
      ),
    });
    expect(store.customers.get(40_000_001)?.billing_city).toBe('Pushed');
    // A pull page of the same age is still refused: it may have raced a newer write.
    store.customers.upsert(
      [
        customerFacts(
          sampleCustomer({ billing_city: 'Stale page', updated_at: '2024-11-03T00:10:00' }),
        ),
      ],
      { syncedAt: 1 },
    );
    expect(store.customers.get(40_000_001)?.billing_city).toBe('Pushed');
  });

  it('takes a pull page from the repeated hour for newer when it may be, and not otherwise', () => {
    const cache = tempCache();
    caches.push(cache);
    const store = cache.store;
    const at = (city: string, updated: string) =>
      customerFacts(sampleCustomer({ billing_city: city, updated_at: updated }));
    store.customers.upsert([at('First reading', '2024-11-03T01:50:00')], { syncedAt: 0 });
    // 01:20 in the second reading (EST) reads as 01:20 EDT, 30 minutes "before" 01:50 EDT.
    store.customers.upsert([at('Second reading', '2024-11-03T01:20:00')], { syncedAt: 1 });
    expect(store.customers.get(40_000_001)?.billing_city).toBe('Second reading');
    // Outside the repeated hour an older page stays refused.
    store.customers.upsert([at('Old', '2024-11-02T23:00:00')], { syncedAt: 2 });
    expect(store.customers.get(40_000_001)?.billing_city).toBe('Second reading');
  });
});
