// Page and cursor parameters of list requests. Cursors are opaque to clients: base64url JSON of
// the sort, the filters and the (sort key, id) of the row to continue from, so a cursor walk is a
// keyset walk and stays exact while rows are inserted or updated elsewhere in the list.
import { z } from 'zod';
import type { ApiVersion } from '../../src-shared/recharge/versions.ts';
import { SORT_ORDERS, type QueryStart, type SortBy } from './table.ts';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 250;
export const MAX_PAGE = 100;

export const RESOURCES = ['customers', 'addresses', 'payment_methods'] as const;
export type Resource = (typeof RESOURCES)[number];
export type FieldErrors = Record<string, string[]>;

const CursorPayload = z.object({
  r: z.enum(RESOURCES),
  s: z.enum(SORT_ORDERS),
  f: z.record(z.string(), z.string()),
  k: z.number(),
  i: z.number().int(),
  d: z.enum(['next', 'prev']),
});
export type CursorPayload = z.infer<typeof CursorPayload>;

export function encodeCursor(payload: CursorPayload): string {
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

export function decodeCursor(text: string): CursorPayload | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    const result = CursorPayload.safeParse(parsed);
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}

export interface ListRequest {
  sortBy: SortBy;
  limit: number;
  start: QueryStart;
  /** Raw values of the filter parameters, carried inside cursors. */
  filterParams: Record<string, string>;
  /** Page number in page mode, null when following a cursor. */
  page: number | null;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

const INTEGER = /^\d+$/;

function parseLimit(raw: string | null, errors: FieldErrors): number {
  if (raw === null) return DEFAULT_LIMIT;
  const limit = INTEGER.test(raw) ? Number(raw) : Number.NaN;
  if (!(limit >= 1 && limit <= MAX_LIMIT)) {
    errors['limit'] = [`Must be an integer between 1 and ${MAX_LIMIT}.`];
  }
  return limit;
}

/** The cursor parameter of a version: 2021-01 `page_info` (from `Link`), 2021-11 `cursor`. */
export const cursorParamOf = (version: ApiVersion): string =>
  version === '2021-11' ? 'cursor' : 'page_info';

/**
 * Reads `limit`, `sort_by`, the version's cursor parameter and (2021-01) `page`. `filterNames` are
 * the parameters kept for the cursor; anything else is ignored outside a cursor, as the API does.
 */
export function parseListRequest(
  resource: Resource,
  params: URLSearchParams,
  filterNames: readonly string[],
  version: ApiVersion = '2021-01',
): Parsed<ListRequest> {
  const errors: FieldErrors = {};
  const cursorParam = params.has(cursorParamOf(version)) ? cursorParamOf(version) : null;
  const limit = parseLimit(params.get('limit'), errors);

  if (cursorParam !== null) {
    const extras = [...new Set(params.keys())].filter(
      (key) => key !== cursorParam && key !== 'limit',
    );
    if (extras.length > 0) {
      errors[cursorParam] = [
        `A ${cursorParam} request may only add limit; remove: ${extras.join(', ')}.`,
      ];
    }
    const cursor = decodeCursor(params.get(cursorParam) ?? '');
    if (!cursor || cursor.r !== resource) errors[cursorParam] ??= [`Invalid ${cursorParam}.`];
    if (Object.keys(errors).length > 0 || !cursor) return { ok: false, errors };
    return {
      ok: true,
      value: {
        sortBy: cursor.s,
        limit,
        start: { kind: cursor.d === 'next' ? 'after' : 'before', key: cursor.k, id: cursor.i },
        filterParams: cursor.f,
        page: null,
      },
    };
  }

  const rawSort = params.get('sort_by') ?? 'id-desc';
  const sortBy = (SORT_ORDERS as readonly string[]).includes(rawSort) ? (rawSort as SortBy) : null;
  if (!sortBy) errors['sort_by'] = [`Must be one of: ${SORT_ORDERS.join(', ')}.`];
  // 2021-11 has no page numbers: only the first page and cursors from there.
  const rawPage = version === '2021-11' ? '1' : (params.get('page') ?? '1');
  const page = INTEGER.test(rawPage) ? Number(rawPage) : Number.NaN;
  if (!(page >= 1)) errors['page'] = ['Must be an integer of at least 1.'];
  else if (page > MAX_PAGE) {
    errors['page'] = [
      `Page mode stops at page ${MAX_PAGE}; follow the page_info cursor from the Link header instead.`,
    ];
  }
  if (Object.keys(errors).length > 0 || !sortBy) return { ok: false, errors };
  const filterParams: Record<string, string> = {};
  for (const name of filterNames) {
    const value = params.get(name);
    if (value !== null) filterParams[name] = value;
  }
  return {
    ok: true,
    value: {
      sortBy,
      limit,
      start: { kind: 'page', offset: (page - 1) * limit },
      filterParams,
      page,
    },
  };
}
