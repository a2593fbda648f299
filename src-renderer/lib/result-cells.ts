import type { CustomerRow, MatchField, SearchMatch } from '../../src-shared/customers/views.ts';
import { customerName, DASH, hasName } from './customer-text.ts';
import { highlightSegments, type Segment } from './highlight.ts';
import { processorLabel } from './payment-methods.ts';

/**
 * One line of text in a result cell, already split into the parts the query marks: the table
 * renders every line with the same few elements, so a row costs no component per cell.
 */
export interface CellLine {
  segments: Segment[];
  /** Shown on hover: the whole value, which the cell may clip. */
  title?: string;
  /** The value has an edit not yet on ReCharge (underlined). */
  pending: boolean;
  classes: string;
  /** For screen readers where the text is a stand-in (a dash for no name). */
  label?: string;
  testid?: string;
}

/** A row's text cells by column key; `status` is left to the table (a chip). */
export type ResultCells = Record<'name' | 'email' | 'billing_city' | 'payment' | 'id', CellLine[]>;

const NAME_FIELDS = ['first_name', 'last_name'];
const PLACE_FIELDS = ['billing_city', 'billing_province', 'billing_country'];
const PAYMENT_FIELDS = ['payment_method'];

const MATCH_LABELS: Record<MatchField, string> = {
  phone: 'Phone',
  billing_phone: 'Billing phone',
  billing_zip: 'ZIP',
  billing_company: 'Company',
  external_customer_id: 'Shopify id',
  hash: 'Hash',
  address_name: 'Delivery name',
  address_phone: 'Delivery phone',
  address_city: 'Delivery city',
  address_zip: 'Delivery ZIP',
  address_company: 'Delivery company',
};

export function paymentText(row: CustomerRow): string {
  const processor = processorLabel(row.processor_type);
  if (row.has_valid_payment_method === null) return processor ?? DASH;
  if (!row.has_valid_payment_method) return row.in_dunning ? 'Not valid · dunning' : 'Not valid';
  return processor ? `Valid · ${processor}` : 'Valid';
}

export function locationText(row: CustomerRow): string {
  return [row.billing_city, row.billing_province ?? row.billing_country].filter(Boolean).join(', ');
}

/** "Phone: (919) 321-9193" with the part the search found marked. */
export function matchedSegments(match: SearchMatch): Segment[] {
  const { value, start, end } = match;
  return [
    { text: `${MATCH_LABELS[match.field]}: ${value.slice(0, start)}`, match: false },
    { text: value.slice(start, end), match: true },
    { text: value.slice(end), match: false },
  ].filter((s) => s.text !== '');
}

const pendingOf = (row: CustomerRow, fields: readonly string[]) =>
  row.pending_fields.some((f) => fields.includes(f));

const dash = (label?: string): CellLine => ({
  segments: [{ text: DASH, match: false }],
  pending: false,
  classes: 'text-medium-emphasis',
  label,
});

/** A value marked where the query matches it, clipped with its whole text on hover. */
function marked(text: string, query: string, pending = false, classes = ''): CellLine {
  return { segments: highlightSegments(text, query), title: text, pending, classes };
}

function nameLines(row: CustomerRow, query: string): CellLine[] {
  const name = hasName(row)
    ? marked(customerName(row), query, pendingOf(row, NAME_FIELDS), 'font-weight-medium')
    : dash('No name');
  if (!row.matched) return [name];
  const note = { segments: matchedSegments(row.matched), pending: false, testid: 'matched' };
  return [name, { ...note, classes: 'matched text-body-small text-medium-emphasis' }];
}

/** The text cells of a result row by column, each line split where the query matches. */
export function resultCells(row: CustomerRow, query: string): ResultCells {
  const payment = paymentText(row);
  return {
    name: nameLines(row, query),
    email: [row.email ? marked(row.email, query) : dash()],
    billing_city: [marked(locationText(row), query, pendingOf(row, PLACE_FIELDS))],
    payment: [
      {
        segments: [{ text: payment, match: false }],
        title: payment,
        pending: pendingOf(row, PAYMENT_FIELDS),
        classes: row.has_valid_payment_method === false ? 'text-error' : '',
      },
    ],
    id: [
      { ...marked(String(row.id), query, false, 'text-medium-emphasis numeric'), title: undefined },
    ],
  };
}
