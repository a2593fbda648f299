import { isRechargeError } from '../recharge/errors.ts';
import type { CustomerState } from '../recharge/store-api.ts';
import type { EditRow } from './edit-rows.ts';
import type { PushContext } from './push-context.ts';

const READ_BATCH = 10;
/** How far past unsendable edits (scope held back) one drain looks for sendable ones. */
const LOOKAHEAD = 500;

/** Picks the next edits to send and re-reads their customers from the store just before. */
export function createReReader(ctx: PushContext) {
  const { repo, cache, api, logger } = ctx.deps;
  const readBatch = ctx.deps.readBatch ?? READ_BATCH;

  /** The customers of a batch as the store has them now; those it left out are asked for. */
  const freshCustomers = async (ids: number[]): Promise<Map<number, CustomerState>> => {
    const states = await api.customersNow(ids, ctx.signal());
    const byId = new Map(states.map((state) => [state.customer.id, state]));
    for (const id of ids) {
      if (byId.has(id)) continue;
      try {
        byId.set(id, await api.getCustomer(id, ctx.signal()));
      } catch (error) {
        if (!isRechargeError(error) || error.kind !== 'not_found') throw error;
      }
    }
    try {
      await cache.saveCustomerStates([...byId.values()]);
    } catch (error) {
      logger.warn('the cache could not store re-read customers', { error });
    }
    return byId;
  };

  /**
   * The next edits that can go now: ready, not held back for a missing scope, and not tried
   * already in this drain (one that failed waits for its backoff and the next drain).
   */
  const nextBatch = (tried: Set<number>): EditRow[] => {
    const batch: EditRow[] = [];
    let after = 0;
    for (let seen = 0; batch.length < readBatch && seen < LOOKAHEAD;) {
      const page = repo.ready(readBatch * 2, after);
      if (page.length === 0) break;
      for (const edit of page) {
        if (!ctx.pauses.held(edit, api.traits) && !tried.has(edit.id) && batch.length < readBatch)
          batch.push(edit);
      }
      seen += page.length;
      after = page.at(-1)!.id;
    }
    return batch;
  };

  return { freshCustomers, nextBatch };
}
