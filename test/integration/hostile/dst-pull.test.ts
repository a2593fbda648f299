// "A sandbox as hostile as reality": the store's clock sits just before the autumn fall-back
// (2024-11-03, 06:00Z: 02:00 EDT becomes 01:00 EST) and changes are made in both readings of the
// repeated hour. The app's incremental pull (its real engine, over HTTP) must miss none of them:
// a change at 01:20 EST reads 30 minutes *before* one at 01:50 EDT that the app already saw.
import { afterEach, describe, expect, it } from 'vitest';
import type { TimestampStyle } from '../../../src-main/sandbox/index.ts';
import type { ApiVersion } from '../../../src-shared/recharge/versions.ts';
import { syncFixture, type SyncFixture } from '../../helpers/sync-fixture.ts';
import { pullOk, storeDiff } from './helpers.ts';

let fixture: SyncFixture | null = null;
afterEach(async () => {
  await fixture?.close();
  fixture = null;
});

const CASES: [ApiVersion, TimestampStyle][] = [
  ['2021-01', 'naive'],
  ['2021-11', 'offset'],
  ['2021-11', 'naive'],
];

/** A fixture whose store's clock stands at 01:30 EDT on the day the clocks go back. */
async function beforeFallBack(version: ApiVersion, customerTimestamps: TimestampStyle) {
  const f = await syncFixture({ version, customers: 200 });
  f.sandbox.admin.reset({ clock: '2024-11-03T05:30:00Z', frozenClock: true });
  f.sandbox.admin.setSwitches({ customerTimestamps });
  await pullOk(f.engine, true);
  expect(storeDiff(f.sandbox, f.store)).toEqual([]);
  const ids = [...f.sandbox.store.customerTable.rows.keys()].sort((x, y) => x - y);
  const withAddress = ids.filter((id) => f.sandbox.store.addressIdsOf(id).length > 0);
  return { f, ids, withAddress };
}

/** Sets the store's clock (frozen) and checks the wall reading it stands at. */
function at(f: SyncFixture, utc: string, eastern: string) {
  expect(f.sandbox.admin.setClock(utc, { frozen: true }).eastern).toBe(eastern);
}

/** Pulls, and checks the pull stayed incremental yet left the app's copy equal to the store. */
async function pullIncrementally(f: SyncFixture) {
  await pullOk(f.engine);
  expect(f.engine.lastSummary()).toMatchObject({ mode: 'incremental', reconciled: false });
  const lists = f.sandbox.admin.requests({ limit: 50 }).filter((r) => r.path === '/customers');
  expect(lists.at(-1)?.query['updated_at_min']).toBeDefined();
  expect(storeDiff(f.sandbox, f.store)).toEqual([]);
}

describe.each(CASES)(
  'an incremental pull across the fall-back hour (%s, customers %s)',
  (version, style) => {
    it('catches changes to other records made in either reading of the repeated hour', async () => {
      const { f, ids, withAddress } = await beforeFallBack(version, style);
      fixture = f;
      const [a = 0, b = 0, c = 0] = ids;
      const address = f.sandbox.store.addressIdsOf(withAddress[0] ?? 0)[0] ?? 0;
      const otherAddress = f.sandbox.store.addressIdsOf(withAddress[1] ?? 0)[0] ?? 0;

      at(f, '2024-11-03T05:50:00Z', '2024-11-03T01:50:00');
      expect(f.sandbox.admin.patchCustomer(a, { first_name: 'Daylight' }).ok).toBe(true);
      expect(f.sandbox.admin.patchAddress(address, { city: 'Daylight City' }).ok).toBe(true);
      await pullIncrementally(f);

      // 01:20 again, an hour of real time later: it reads earlier than anything the app has seen.
      at(f, '2024-11-03T06:20:00Z', '2024-11-03T01:20:00');
      expect(f.sandbox.admin.patchCustomer(b, { first_name: 'Standard' }).ok).toBe(true);
      expect(f.sandbox.admin.patchAddress(otherAddress, { city: 'Standard City' }).ok).toBe(true);
      await pullIncrementally(f);

      // After the repeated hour the readings are plain again.
      at(f, '2024-11-03T07:10:00Z', '2024-11-03T02:10:00');
      expect(f.sandbox.admin.patchCustomer(c, { first_name: 'After' }).ok).toBe(true);
      await pullIncrementally(f);
      expect(f.store.customers.get(b)?.first_name).toBe('Standard');
    });

    it('catches a record changed in the first reading and again in the second', async () => {
      const { f, ids, withAddress } = await beforeFallBack(version, style);
      fixture = f;
      const [a = 0] = ids;
      const address = f.sandbox.store.addressIdsOf(withAddress[0] ?? 0)[0] ?? 0;

      at(f, '2024-11-03T05:50:00Z', '2024-11-03T01:50:00');
      f.sandbox.admin.patchCustomer(a, { first_name: 'Daylight' });
      f.sandbox.admin.patchAddress(address, { city: 'Daylight City' });
      await pullOk(f.engine);
      expect(f.store.customers.get(a)?.first_name).toBe('Daylight');

      at(f, '2024-11-03T06:20:00Z', '2024-11-03T01:20:00');
      f.sandbox.admin.patchCustomer(a, { first_name: 'Standard' });
      f.sandbox.admin.patchAddress(address, { city: 'Standard City' });
      await pullIncrementally(f);
    });
  },
);
