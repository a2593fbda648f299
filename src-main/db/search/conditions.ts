// What makes a customer a hit of a search: the text's condition, short terms checked on the row,
// and the filters, each a piece of SQL over `c` with its values as named parameters.
import type { SearchQuery } from '../../../src-shared/customers/views.ts';
import type { SearchPlan } from '../search-query.ts';
import type { Param } from './executor.ts';
import {
  BY_STATUS,
  FTS_HITS,
  PREFIX_UNION,
  RESIDUAL_ADDRESS_TEXT,
  RESIDUAL_TEXT,
  SCAN_ADDRESS_TEXT,
  SCAN_TEXT,
  TOP,
} from './sql-text.ts';

export type TextPlan = Exclude<SearchPlan, { kind: 'none' }>;

export interface Conditions {
  /** What makes a row a hit of the text (null: every row is). */
  hit: string | null;
  /** Residual short terms and filters, on `c`. */
  others: string[];
  /** How many of `others` are residual terms (they come first; the rest are filters). */
  residuals: number;
  params: Record<string, Param>;
  /** The trigram index answers the text alone (every customer is indexed). */
  ftsComplete: boolean;
}

// Parameter names follow the needle's position, so the text depends on how many there are only.
function containsAll(text: string, needles: readonly string[], params: Record<string, Param>) {
  return needles
    .map((needle) => {
      const name = `s${Object.keys(params).length}`;
      params[name] = needle;
      return `instr(${text}, @${name}) > 0`;
    })
    .join(' AND ');
}

/** `indexedThrough`: null when every customer is indexed, else the last one that is. */
export function conditionsOf(
  plan: TextPlan,
  filters: SearchQuery['filters'],
  indexedThrough: number | null,
): Conditions {
  const params: Record<string, Param> = {};
  const others: string[] = [];
  let hit: string | null = null;
  if (plan.kind === 'fts') {
    params['match'] = plan.match;
    hit = `c.id IN (${FTS_HITS})`;
    if (indexedThrough !== null) {
      params['indexedThrough'] = indexedThrough;
      const anyOf = (text: string) =>
        plan.scan.map((all) => `(${containsAll(text, all, params)})`).join(' OR ');
      hit = `(${hit} OR (c.id > @indexedThrough AND (${anyOf(SCAN_TEXT)} OR EXISTS (SELECT 1
        FROM addresses a WHERE a.customer_id = c.id AND (${anyOf(SCAN_ADDRESS_TEXT)})))))`;
    }
  } else if (plan.kind === 'prefix') {
    params['lo'] = plan.prefix;
    params['hi'] = plan.prefix + TOP;
    hit = `c.id IN (${PREFIX_UNION})`;
  }
  if (plan.kind !== 'all') {
    plan.residual.forEach((term, i) => {
      params[`r${i}`] = term;
      others.push(
        `(instr(${RESIDUAL_TEXT}, @r${i}) > 0 OR EXISTS (SELECT 1 FROM addresses a
          WHERE a.customer_id = c.id AND instr(${RESIDUAL_ADDRESS_TEXT}, @r${i}) > 0))`,
      );
    });
  }
  const residuals = others.length;
  const { status, validPaymentMethod, dunning } = filters;
  if (status !== undefined) {
    others.push(BY_STATUS);
    params['status'] = status;
  }
  if (validPaymentMethod !== undefined) {
    others.push('c.has_valid_payment_method = @valid');
    params['valid'] = validPaymentMethod ? 1 : 0;
  }
  if (dunning !== undefined) {
    others.push('c.in_dunning = @dunning');
    params['dunning'] = dunning ? 1 : 0;
  }
  return {
    hit,
    others,
    residuals,
    params,
    ftsComplete: plan.kind === 'fts' && indexedThrough === null,
  };
}
