import { z } from 'zod';
import { CUSTOMER_IDENTITY, fieldsOf } from './field-groups.ts';
import { Address, BILLING_PLACE, Customer, CustomerStatus, PaymentMethod } from './model.ts';

/** What the renderer may see of a customer: the domain model, which holds no secrets. */
export const CustomerView = Customer;
export type CustomerView = z.infer<typeof CustomerView>;

export const AddressView = Address;
export type AddressView = z.infer<typeof AddressView>;

export const PaymentMethodView = PaymentMethod;
export type PaymentMethodView = z.infer<typeof PaymentMethodView>;

/** The billing fields a result row shows: where the customer is. */
export const ROW_BILLING_FIELDS = [...BILLING_PLACE, 'billing_country'] as const;

/** The customer's fields a result row shows. */
export const ROW_FIELDS = [
  'id',
  ...CUSTOMER_IDENTITY,
  'external_customer_id',
  'status',
  'has_valid_payment_method',
  'in_dunning',
  'processor_type',
  ...ROW_BILLING_FIELDS,
  'updated_at',
] as const;

/** Fields a search matches that the result list does not show: a row says which one matched. */
export const MATCH_FIELDS = [
  'phone',
  'billing_phone',
  'billing_zip',
  'billing_company',
  'external_customer_id',
  'hash',
  'address_name',
  'address_phone',
  'address_city',
  'address_zip',
  'address_company',
] as const;
export type MatchField = (typeof MATCH_FIELDS)[number];

/** Why a row matched: the field's value and where in it (UTF-16 offsets, end excluded). */
export const SearchMatch = z.object({
  field: z.enum(MATCH_FIELDS),
  value: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type SearchMatch = z.infer<typeof SearchMatch>;

/** One line of search results: light enough that a page of them costs nothing. */
export const CustomerRow = Customer.pick(fieldsOf(ROW_FIELDS, true)).extend({
  /** Fields with an edit queued but not yet on the server. */
  pending_fields: z.array(z.string()),
  /** Null when the text matched what the list shows (name, email, place, id), or no text. */
  matched: SearchMatch.nullable(),
});
export type CustomerRow = z.infer<typeof CustomerRow>;

export const SearchFilters = z
  .object({
    status: CustomerStatus.optional(),
    validPaymentMethod: z.boolean().optional(),
    dunning: z.boolean().optional(),
  })
  .strict();
export type SearchFilters = z.infer<typeof SearchFilters>;

export const SORT_KEYS = ['relevance', 'name', 'email', 'id', 'updated_at', 'city'] as const;
export const SearchSort = z
  .object({ key: z.enum(SORT_KEYS), dir: z.enum(['asc', 'desc']) })
  .strict();
export type SearchSort = z.infer<typeof SearchSort>;

export const SEARCH_QUERY_MAX = 256;

/**
 * Where the next page starts: the last row's sort key and id, as the answer gave them. The key
 * is that row's value of the sort column (null where it has none); by relevance, 0 while the
 * exact matches last, 1 past them; by id, null.
 */
export const SearchCursor = z
  .object({
    key: z.union([z.string().max(1024), z.number()]).nullable(),
    id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  })
  .strict();
export type SearchCursor = z.infer<typeof SearchCursor>;

export const SearchInput = z
  .object({
    query: z
      .string()
      .max(SEARCH_QUERY_MAX, `Search text is limited to ${SEARCH_QUERY_MAX} characters.`),
    filters: SearchFilters.default({}),
    sort: SearchSort.default({ key: 'relevance', dir: 'desc' }),
    /** Numbers the page for the answer; without `after`, also finds it (by offset). */
    page: z.number().int().min(1).max(1_000_000).default(1),
    pageSize: z.number().int().min(1).max(100).default(25),
    /** The page after this row (the previous answer's `next`), whatever changed since. */
    after: SearchCursor.optional(),
  })
  .strict();
export type SearchInput = z.input<typeof SearchInput>;
export type SearchQuery = z.output<typeof SearchInput>;

export const SearchResult = z.object({
  items: z.array(CustomerRow),
  total: z.number().int().nonnegative(),
  /** False: there are at least `total` (counting stopped); `customers:count` gives the figure. */
  totalExact: z.boolean(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Pass as `after` for the page after this one; null when this is the last. */
  next: SearchCursor.nullable(),
  tookMs: z.number(),
});
export type SearchResult = z.infer<typeof SearchResult>;

export const CountInput = z
  .object({ query: SearchInput.shape.query, filters: SearchFilters.default({}) })
  .strict();
export type CountInput = z.input<typeof CountInput>;

export const CountResult = z.object({ total: z.number().int().nonnegative() });
export type CountResult = z.infer<typeof CountResult>;

export const CustomerDetail = z.object({
  customer: CustomerView,
  addresses: z.array(AddressView),
  /** Default first; empty where the store's version has no payment methods (2021-01). */
  payment_methods: z.array(PaymentMethodView),
  pending_fields: z.array(z.string()),
});
export type CustomerDetail = z.infer<typeof CustomerDetail>;
