// Turns what a person typed into a search plan. User text never reaches FTS5 as syntax: every
// term becomes a quoted phrase. Terms under three characters cannot use the trigram index, so
// they become an indexed prefix lookup (when alone) or a filter on the FTS hits (beside others).
// Also picks how a page of hits in a sort key's order is found, from how many hits there are.
import { AppError } from '../../src-shared/errors.ts';
import { SEARCH_QUERY_MAX } from '../../src-shared/customers/views.ts';
import { digitsOf } from './phone-digits.ts';

export interface ExactProbe {
  /** The query as a whole number, when it is one (a ReCharge id). */
  id: number | null;
  text: string;
  lower: string;
  /** The phone numbers the text may be (digits only, with and without a country code). */
  digits: string[];
}

export type SearchPlan =
  | { kind: 'all' }
  | { kind: 'none' }
  | {
      kind: 'fts';
      match: string;
      residual: string[];
      exact: ExactProbe;
      /** The same match as plain substrings (any inner list, all of it), for unindexed rows. */
      scan: string[][];
      /** How many trigrams the match looks up: what checking one row against it costs. */
      trigrams: number;
    }
  | { kind: 'prefix'; prefix: string; residual: string[]; exact: ExactProbe };

const PHONE_LIKE = /^[\d\s()+.\-/]+$/;
const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;
const TRIGRAM = 3;

/** `+1 310 384 3698` is stored as `3103843698` when entered without the country code. */
function phoneAlternatives(text: string, digits: string): string[] {
  const out = [digits];
  const international = text.startsWith('+') || (digits.length === 11 && digits.startsWith('1'));
  if (international) {
    for (let drop = 1; drop <= 3 && digits.length - drop >= 7; drop += 1)
      out.push(digits.slice(drop));
  }
  return out;
}

export const quotePhrase = (text: string): string => `"${text.replace(/"/g, '""')}"`;

const trigramsOf = (phrases: readonly string[]): number =>
  phrases.reduce((sum, phrase) => sum + Math.max(1, [...phrase].length - (TRIGRAM - 1)), 0);

export function planSearch(query: string): SearchPlan {
  if (query.length > SEARCH_QUERY_MAX) {
    throw new AppError('validation', `Search text is limited to ${SEARCH_QUERY_MAX} characters.`, {
      fieldErrors: { query: [`Search text is limited to ${SEARCH_QUERY_MAX} characters.`] },
    });
  }
  const text = query.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (text === '') return { kind: 'all' };
  const exact: ExactProbe = {
    id: /^\d{1,15}$/.test(text) ? Number(text) : null,
    text,
    lower: text.toLowerCase(),
    digits: [],
  };

  if (PHONE_LIKE.test(text)) {
    const digits = digitsOf(text);
    if (digits.length >= TRIGRAM) {
      // Phone numbers are indexed as digits only; ids, zips and the like keep their punctuation.
      const alternatives = phoneAlternatives(text, digits);
      exact.digits = alternatives;
      const phones = alternatives.map((d) => `phone : ${quotePhrase(d)}`);
      const match =
        digits === text ? quotePhrase(digits) : [...phones, quotePhrase(text)].join(' OR ');
      const scan = [...alternatives, exact.lower].map((needle) => [needle]);
      const trigrams = trigramsOf(digits === text ? [digits] : [...alternatives, text]);
      return { kind: 'fts', match, residual: [], exact, scan, trigrams };
    }
  }

  const terms = text.split(' ').filter((term) => HAS_WORD_CHAR.test(term));
  if (terms.length === 0) return { kind: 'none' };
  const long = terms.filter((term) => [...term].length >= TRIGRAM);
  const short = terms.filter((term) => [...term].length < TRIGRAM).map((t) => t.toLowerCase());
  if (long.length > 0) {
    return {
      kind: 'fts',
      match: long.map(quotePhrase).join(' AND '),
      residual: short,
      exact,
      scan: [long.map((term) => term.toLowerCase())],
      trigrams: trigramsOf(long),
    };
  }
  const [prefix = '', ...residual] = [...short].sort((a, b) => b.length - a.length);
  return { kind: 'prefix', prefix, residual, exact };
}

// What each way to a sorted page of text hits costs, in µs per unit (measured at 1M customers;
// only the ratios matter): reading one hit's row (to sort it, or to check short terms on it);
// looking up its flags (to check filters); listing one hit for a walk to test entries against,
// and testing one index entry against that list; testing one index entry against the trigram
// index itself, plus per trigram of the match.
const ROW_US = 1;
const FLAGS_US = 0.2;
const LISTED_US = 0.1;
const STEP_US = 0.15;
const PROBE_US = 2;
const TRIGRAM_US = 5;

export interface Walk {
  /** `probe`: each entry is looked up in the trigram index; `list`: in the hits, listed first. */
  test: 'probe' | 'list';
  /** Index entries walked at most: past them the hits are sorted after all. */
  budget: number;
}

export interface WalkInput {
  trigrams: number;
  /** Hits the page needs: its offset and its size. */
  need: number;
  /** Hits that pass the filters and short terms too. */
  hits: number;
  /** Hits of the text alone: sorting reads each one's row. */
  textHits: number;
  customers: number;
  /** What each hit the walk meets is checked against: its flags (filters) or row (short terms). */
  check: 'none' | 'flags' | 'row';
}

/**
 * Sorting every hit reads every hit's row: 420 ms for "gmail" (250k hits) at 1M customers. When
 * hits are common, walking the sort key's index from its start meets a page's worth of them
 * within a few hundred entries. Hits bunch up in real orders ("ville" sorted by city), so a walk
 * may not meet them early: it is tried only when it can go on to three times the entries
 * expected for evenly spread hits while costing at most half of sorting, even if every entry it
 * met were a hit; its budget is that much, and past it the hits are sorted after all ("smith"
 * sorted by name: 8.5 ms instead of 5.5 ms at worst). Null: sort them.
 */
export function chooseWalk(input: WalkInput): Walk | null {
  const { trigrams, need, hits, textHits, customers, check } = input;
  if (hits <= 0 || need <= 0) return null;
  const expected = (need * customers) / hits;
  const checkUs = check === 'row' ? ROW_US : check === 'flags' ? FLAGS_US : 0;
  const meets = (textHits / customers) * checkUs;
  const sortAll = textHits * ROW_US;
  const ways = [
    { test: 'probe' as const, fixed: 0, step: PROBE_US + TRIGRAM_US * trigrams },
    { test: 'list' as const, fixed: textHits * LISTED_US, step: STEP_US },
  ].map(({ test, fixed, step }) => ({
    test,
    cost: fixed + expected * (step + meets),
    budget: Math.floor((sortAll / 2 - fixed) / (step + checkUs)),
  }));
  const [best] = ways
    .filter((way) => way.budget >= 3 * expected + 64)
    .sort((a, b) => a.cost - b.cost);
  return best ? { test: best.test, budget: best.budget } : null;
}
