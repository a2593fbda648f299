// Counts a search's hits the way the planner chose, exactly up to a cap (`EXACT_TOTAL_UP_TO`:
// past it a search answers "at least", and `count` gives the exact figure when asked).
import type { SearchQuery } from '../../../src-shared/customers/views.ts';
import { countSql, listingCountSql, sampledCountSql, textCountSql } from './count-sql.ts';
import type { Executor } from './executor.ts';
import type { Lookups } from './lookups.ts';
import {
  countKind,
  filteredListing,
  samplesForWalk,
  type Counted,
  type Planned,
} from './planner.ts';
import { EXACT_SCAN_MAX } from './sql-text.ts';

export interface Counter {
  /** Every hit, however many. */
  exactly(planned: Planned, query: Pick<SearchQuery, 'filters'>): Counted;
  /** The total, exact up to the cap (past it, at least the cap). */
  upTo(planned: Planned, query: SearchQuery): Counted;
}

export function createCounter(exec: Executor, lookups: Lookups, cap: number): Counter {
  const exactly = (planned: Planned, query: Pick<SearchQuery, 'filters'>): Counted => {
    const [total, textHits] = exec.first(countSql(planned, query.filters)) as number[];
    return { total: total!, textHits: textHits ?? total!, exact: true };
  };

  /**
   * Through the trigram index's first hits only. A sorted page of them is walked by a cost model
   * that needs the text's hits exactly (cheap for one trigram, and the whole of today's cost
   * otherwise) and the filters' share, taken from the sample. Filters that pass few of the
   * sample are counted exactly: a page of them may be rare.
   */
  const sampled = (planned: Planned, query: SearchQuery): Counted => {
    const forWalk = samplesForWalk(planned, query);
    // A walk would count the text's hits on top of the sample: up to twice the cap, one exact
    // pass over them costs no more ("son" + ACTIVE at 100k customers: 10.8k hits).
    const limit = forWalk ? 2 * cap : cap;
    const [passing, seen] = exec.first(sampledCountSql(planned, limit + 1)) as [number, number];
    if (seen <= limit) return { total: passing, textHits: seen, exact: true };
    if (passing <= EXACT_SCAN_MAX) return exactly(planned, query);
    const total = Math.min(passing, cap);
    if (!forWalk) return { total, textHits: seen, exact: false };
    const [textHits] = exec.first(textCountSql(planned)) as [number];
    const estimatedHits = Math.max(total, Math.round((textHits * passing) / seen));
    return { total, textHits, exact: false, estimatedHits };
  };

  /**
   * A listing with filters alone ("ACTIVE": 500k at 1M customers, 40 ms to count): past the cap,
   * a listing sorted by a key is walked or sorted by how many pass, estimated from their share
   * among the customers the capped count went through.
   */
  const listing = (planned: Planned, query: SearchQuery): Counted => {
    const [passing, lastId] = exec.first(listingCountSql(planned, cap + 1)) as [
      number,
      number | null,
    ];
    if (passing <= cap) return { total: passing, textHits: passing, exact: true };
    const counted = { total: cap, textHits: cap, exact: false };
    if (!filteredListing(planned, query)) return counted;
    const share = passing / lookups.flagsThrough(lastId);
    const customers = lookups.customers();
    return { ...counted, estimatedHits: Math.max(cap, Math.round(share * customers)), customers };
  };

  return {
    exactly,
    upTo(planned, query) {
      const kind = countKind(planned, query);
      if (kind === 'listing') return listing(planned, query);
      if (kind === 'sampled') return sampled(planned, query);
      return exactly(planned, query);
    },
  };
}
