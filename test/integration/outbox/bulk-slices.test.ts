// A bulk edit of many customers is planned and queued a slice at a time, so the main thread
// (windows, IPC) gets its turns meanwhile; nothing of it is lost or queued twice.
import { afterEach, describe, expect, it } from 'vitest';
import { BULK_SLICE } from '../../../src-main/outbox/edit-planner.ts';
import { createOutboxEnv, type OutboxEnv } from './env.ts';

let env: OutboxEnv;
afterEach(async () => {
  await env?.close();
});

/** Counts turns of the event loop until stopped. */
function turnCounter() {
  let turns = 0;
  let running = true;
  const tick = () =>
    setImmediate(() => {
      turns += 1;
      if (running) tick();
    });
  tick();
  return {
    stop: () => {
      running = false;
      return turns;
    },
  };
}

describe('a bulk edit larger than a slice', () => {
  it('lets the event loop turn while it is planned and queued, and queues each customer once', async () => {
    const customers = BULK_SLICE * 2 + 100;
    env = await createOutboxEnv({ customers });
    const ids = env.store.db.prepare('SELECT id FROM customers').pluck().all() as number[];
    const target = { kind: 'ids' as const, ids };
    const patch = { billing_company: 'Sliced Co' };

    const previewing = turnCounter();
    const preview = await env.service.bulkPreview(target, patch);
    expect(previewing.stop()).toBeGreaterThanOrEqual(2);
    expect(preview.count).toBe(customers);

    const confirming = turnCounter();
    const done = await env.service.bulkConfirm(target, patch, preview.count);
    // At least a turn between the planning slices and another between the queueing slices.
    expect(confirming.stop()).toBeGreaterThanOrEqual(4);
    expect(done.queued).toBe(customers);
    const rows = env.store.db
      .prepare('SELECT customer_id AS id, COUNT(*) AS n FROM outbox GROUP BY customer_id')
      .all() as { id: number; n: number }[];
    expect(rows).toHaveLength(customers);
    expect(rows.every((row) => row.n === 1)).toBe(true);

    // Asked again, the same edit changes nothing more: every customer already carries it.
    const again = await env.service.bulkPreview(target, patch);
    expect(again.count).toBe(0);
    expect(again.unchanged).toBe(customers);
  });
});
