import { expect, test } from './ui-fixtures.ts';

// Regression: the demo profile's creation and createCore once both opened the store, and the
// orphaned session sent every first-sync request and every outbox write twice.
test('the demo store is opened once: its first full pull is sent once', async ({ desk }) => {
  // The first page of a full pull: no cursor and no updated_at_min.
  const firstSync = (await desk.demo.requests()).filter(
    (r) =>
      r.tokenLabel === 'full' &&
      r.method === 'GET' &&
      r.path === '/customers' &&
      JSON.stringify(r.query) === JSON.stringify({ limit: '250', sort_by: 'updated_at-asc' }),
  );
  expect(firstSync.length).toBeGreaterThan(0);
  expect(firstSync).toHaveLength(1);
});
