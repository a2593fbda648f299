// Why a result matched, when the list does not show it: the first field the list hides (phone,
// ZIP, company, ids, a delivery address's) that holds a term of the text no shown field holds.
// Pure: the planner's needles, the row and the customer's other fields are handed in.
import type { MatchField, SearchMatch } from '../../../src-shared/customers/views.ts';
import type { AddressSearchFields } from '../search-document.ts';
import type { SearchPlan } from '../search-query.ts';
import type { RowRecord } from './sql-text.ts';

/** What a text is looked for as: its terms, and the phone numbers it may be (digits only). */
export interface Needles {
  terms: string[];
  digits: string[];
}

/** What a row's list does not carry: fetched only for rows its own fields do not explain. */
export interface HiddenFields {
  billing_phone: string | null;
  addresses: readonly AddressSearchFields[];
}

const MARK = /\p{M}+/gu;

const ASCII = /^[ -~]*$/;

/** Lower case without accents, as the trigram index compares. */
export const foldText = (text: string): string =>
  ASCII.test(text) ? text.toLowerCase() : text.normalize('NFD').replace(MARK, '').toLowerCase();

/** The folded text with each of its chars' place in the original (for a match's offsets). */
function fold(text: string): { folded: string; origin: number[] } {
  let folded = '';
  const origin: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const plain = foldText(text[i]!);
    for (let j = 0; j < plain.length; j += 1) origin.push(i);
    folded += plain;
  }
  origin.push(text.length);
  return { folded, origin };
}

export function needlesOf(plan: SearchPlan): Needles | null {
  if (plan.kind === 'all' || plan.kind === 'none') return null;
  const terms = plan.exact.text.split(' ').map(foldText).filter(Boolean);
  return { terms, digits: plan.exact.digits };
}

type Span = [number, number];

function findTerm(value: string, term: string): Span | null {
  if (!foldText(value).includes(term)) return null;
  if (ASCII.test(value)) {
    const at = value.toLowerCase().indexOf(term);
    return [at, at + term.length];
  }
  const { folded, origin } = fold(value);
  const at = folded.indexOf(term);
  return [origin[at]!, origin[at + term.length - 1]! + 1];
}

/** Digits of a phone, wherever its punctuation puts them. */
function findDigits(value: string, digits: readonly string[]): Span | null {
  const places: number[] = [];
  let only = '';
  for (let i = 0; i < value.length; i += 1) {
    if (value[i]! >= '0' && value[i]! <= '9') {
      places.push(i);
      only += value[i];
    }
  }
  for (const needle of digits) {
    const at = only.indexOf(needle);
    if (at >= 0 && needle.length > 0) return [places[at]!, places[at + needle.length - 1]! + 1];
  }
  return null;
}

interface Candidate {
  field: MatchField;
  value: string | null;
  phone?: boolean;
}

function hiddenOf(row: RowRecord, hidden: HiddenFields | null): Candidate[] {
  const own: Candidate[] = [
    { field: 'phone', value: row.phone, phone: true },
    { field: 'billing_zip', value: row.billing_zip },
    { field: 'billing_company', value: row.billing_company },
    { field: 'external_customer_id', value: row.external_customer_id },
    { field: 'hash', value: row.hash },
  ];
  if (!hidden) return own;
  return [
    ...own,
    { field: 'billing_phone', value: hidden.billing_phone, phone: true },
    ...hidden.addresses.flatMap((a): Candidate[] => [
      { field: 'address_zip', value: a.zip },
      { field: 'address_phone', value: a.phone, phone: true },
      { field: 'address_name', value: [a.first_name, a.last_name].filter(Boolean).join(' ') },
      { field: 'address_city', value: a.city },
      { field: 'address_company', value: a.company },
    ]),
  ];
}

const shownOf = (row: RowRecord): string[] =>
  [
    `${row.first_name ?? ''} ${row.last_name ?? ''}`,
    row.email,
    row.billing_city,
    row.billing_province,
    row.billing_country,
    String(row.id),
  ].map((text) => foldText(text ?? ''));

/**
 * Null: the list's own columns show every term. `undefined`: a term is in none of the row's own
 * fields, so its addresses (`hidden`) must be looked at.
 */
export function whyMatched(
  row: RowRecord,
  needles: Needles,
  hidden: HiddenFields | null,
): SearchMatch | null | undefined {
  const shown = shownOf(row);
  const whole = needles.terms.join(' ');
  if (needles.digits.length > 0 && shown.some((text) => text.includes(whole))) return null;
  const unshown =
    needles.digits.length > 0
      ? [whole]
      : needles.terms.filter((t) => !shown.some((s) => s.includes(t)));
  if (unshown.length === 0) return null;
  for (const candidate of hiddenOf(row, hidden)) {
    if (!candidate.value) continue;
    for (const term of unshown) {
      const span =
        findTerm(candidate.value, term) ??
        (candidate.phone ? findDigits(candidate.value, needles.digits) : null);
      if (span)
        return { field: candidate.field, value: candidate.value, start: span[0], end: span[1] };
    }
  }
  return hidden ? null : undefined;
}

/** Each row's reason, in order; the customers' other fields are read only for rows that need them. */
export function matchesOf(
  rows: readonly RowRecord[],
  needles: Needles | null,
  hiddenOf: (ids: readonly number[]) => ReadonlyMap<number, HiddenFields>,
): (SearchMatch | null)[] {
  if (!needles) return rows.map(() => null);
  const first = rows.map((row) => whyMatched(row, needles, null));
  const unexplained = rows.filter((_, i) => first[i] === undefined).map((row) => row.id);
  if (unexplained.length === 0) return first.map((m) => m ?? null);
  const hidden = hiddenOf(unexplained);
  const none: HiddenFields = { billing_phone: null, addresses: [] };
  return rows.map((row, i) =>
    first[i] === undefined
      ? (whyMatched(row, needles, hidden.get(row.id) ?? none) ?? null)
      : first[i]!,
  );
}
