// Decides how a search runs: which way its total is counted and which way its page is found.
// Pure: what it needs to know about the cache (how many hits, how many customers) is handed in.
import type { SearchQuery } from '../../../src-shared/customers/views.ts';
import { chooseWalk, planSearch, type Walk, type WalkInput } from '../search-query.ts';
import { conditionsOf, type Conditions, type TextPlan } from './conditions.ts';

export interface Planned {
  plan: TextPlan;
  conds: Conditions;
}

/** Null: the text can match nothing (punctuation only). */
export function planQuery(
  query: Pick<SearchQuery, 'query' | 'filters'>,
  indexedThrough: number | null,
): Planned | null {
  const plan = planSearch(query.query);
  if (plan.kind === 'none') return null;
  return { plan, conds: conditionsOf(plan, query.filters, indexedThrough) };
}

export interface Counted {
  total: number;
  /** Hits of the text alone, before filters. */
  textHits: number;
  /** False: `total` is a lower bound (counting stopped at the cap). */
  exact: boolean;
  /** What the walk's cost model takes for the hits when `total` is a lower bound. */
  estimatedHits?: number;
  /** Every customer, when counting them was needed already. */
  customers?: number;
}

/**
 * How a page is found. `byId`: the trigram index's own (id) order; `relevance`: exact matches
 * of the whole text, then the newest hits; `sorted`: by a sort key's index, or by sorting hits.
 */
export type PageKind = 'byId' | 'relevance' | 'sorted';

export function pageKind(planned: Planned, query: Pick<SearchQuery, 'sort'>): PageKind {
  if (query.sort.key === 'id' && planned.conds.ftsComplete) return 'byId';
  if (query.sort.key !== 'relevance' || planned.plan.kind === 'all') return 'sorted';
  return 'relevance';
}

/** A one- or two-character text alone: its key ranges are merged in JS for total and page. */
export const isBarePrefix = (planned: Planned): planned is Planned & { plan: { kind: 'prefix' } } =>
  planned.plan.kind === 'prefix' && planned.conds.others.length === 0;

/**
 * The first hits are listed before counting (relevance over the trigram index): when there are
 * few, they are all the hits, and the total, exact matches and page need no other pass.
 */
export const listsHead = (planned: Planned, query: Pick<SearchQuery, 'sort'>): boolean =>
  pageKind(planned, query) === 'relevance' && planned.conds.ftsComplete;

/**
 * One filter that an index counts (the flags' partial indexes hold only dunning customers and
 * those without a valid method). Other filters on listings count in the narrow flags table:
 * ~40 ms at 1M customers, where reading the wide rows takes 0.6 to 2 s.
 */
export const byOneIndex = (filters: SearchQuery['filters']): boolean => {
  const set = Object.values(filters).filter((value) => value !== undefined).length;
  return set === 1 && filters.dunning !== false && filters.validPaymentMethod !== true;
};

/** Filters alone on the hits of the text: checked in the narrow flags table, not the wide rows. */
export const onlyFilters = ({ plan, conds }: Planned): boolean =>
  (conds.ftsComplete || plan.kind === 'prefix') && conds.residuals === 0 && conds.others.length > 0;

/** A listing with filters alone (no text) counts in the flags table, unless one index does. */
export const flagsListing = ({ plan, conds }: Planned, filters: SearchQuery['filters']): boolean =>
  plan.kind === 'all' && conds.others.length > 0 && !byOneIndex(filters);

/** Sorted pages of the trigram index's hits may be walked (see `chooseWalk`). */
export const walkable = ({ plan, conds }: Planned, query: Pick<SearchQuery, 'sort'>): boolean =>
  plan.kind === 'fts' &&
  conds.ftsComplete &&
  query.sort.key !== 'relevance' &&
  query.sort.key !== 'id';

/** A listing with filters alone, sorted by a key other than the one the status index holds. */
export const filteredListing = (
  { plan, conds }: Planned,
  query: Pick<SearchQuery, 'sort'>,
): boolean =>
  plan.kind === 'all' &&
  conds.others.length > 0 &&
  query.sort.key !== 'relevance' &&
  query.sort.key !== 'updated_at';

/**
 * How a total is counted when neither a bare prefix nor the first hits gave it. `listing`: the
 * first `cap` customers of a listing with filters (a status alone counts through its index at
 * ~40 ms for ACTIVE at 1M, a flag's partial index lists few); `sampled`: the trigram index's
 * first hits, with the filters' share among them; `exact`: every hit.
 */
export type CountKind = 'listing' | 'sampled' | 'exact';

export function countKind(
  planned: Planned,
  query: Pick<SearchQuery, 'sort' | 'filters'>,
): CountKind {
  const { plan, conds } = planned;
  const statusAlone = byOneIndex(query.filters) && query.filters.status !== undefined;
  if (
    plan.kind === 'all' &&
    conds.others.length > 0 &&
    (flagsListing(planned, query.filters) || statusAlone)
  ) {
    return 'listing';
  }
  const sampled = conds.ftsComplete && conds.residuals === 0;
  // Without filters, a walk needs the text's hits exactly: one count of them.
  if (!sampled || (walkable(planned, query) && conds.others.length === 0)) return 'exact';
  return 'sampled';
}

/** A sampled count for a walk samples more hits: it needs the filters' share among them. */
export const samplesForWalk = (planned: Planned, query: Pick<SearchQuery, 'sort'>): boolean =>
  walkable(planned, query) && planned.conds.others.length > 0;

/**
 * A listing with filters alone, sorted by name, email, city or id: SQLite reads every customer
 * of a status through the status index and sorts them (3 s for ACTIVE by name at 1M customers).
 * Walking the sort key's index and checking each row reads `need / share` rows instead, cheaper
 * unless the filters leave very few customers (the partial indexes then list them directly).
 */
export function walksFilters(need: number, matching: number, customers: number): boolean {
  return matching > 0 && need * customers < matching * matching;
}

export function filtersWalked(
  planned: Planned,
  query: Pick<SearchQuery, 'sort' | 'pageSize'>,
  offset: number,
  counted: Counted,
  customers: () => number,
): boolean {
  return (
    filteredListing(planned, query) &&
    walksFilters(
      offset + query.pageSize,
      counted.estimatedHits ?? counted.total,
      counted.customers ?? customers(),
    )
  );
}

/** What each hit a walk meets is checked against: filters on its flags, short terms on its row. */
const checkOf = (conds: Conditions): WalkInput['check'] =>
  conds.residuals > 0 ? 'row' : conds.others.length > 0 ? 'flags' : 'none';

export interface ChosenWalk extends Walk {
  customers: number;
}

/** A walk of the sort key's index for a page of text hits, or null: sort the hits. */
export function walkFor(
  { plan, conds }: Planned,
  query: Pick<SearchQuery, 'pageSize'>,
  offset: number,
  counted: Counted,
  customers: () => number,
): ChosenWalk | null {
  if (plan.kind !== 'fts') return null;
  const input = {
    trigrams: plan.trigrams,
    need: offset + query.pageSize,
    hits: counted.estimatedHits ?? counted.total,
    textHits: counted.textHits,
    check: checkOf(conds),
  };
  // There are at least as many customers as hits, and more only make a walk longer: counting
  // them (a pass over an index, several ms when its pages are not cached) waits until a walk
  // could pay off.
  if (!chooseWalk({ ...input, customers: counted.textHits })) return null;
  const all = customers();
  const walk = chooseWalk({ ...input, customers: all });
  return walk ? { ...walk, customers: all } : null;
}
