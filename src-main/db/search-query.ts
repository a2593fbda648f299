// Turns what a person typed into a search plan. User text never reaches FTS5 as syntax: every
// term becomes a quoted phrase. Terms under three characters cannot use the trigram index, so
// they become an indexed prefix lookup (when alone) or a filter on the FTS hits (beside others).
import { AppError } from '../../src-shared/errors.ts';
import { SEARCH_QUERY_MAX } from '../../src-shared/customers/views.ts';

export interface ExactProbe {
  /** The query as a whole number, when it is one (a ReCharge id). */
  id: number | null;
  text: string;
  lower: string;
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
  };

  if (PHONE_LIKE.test(text)) {
    const digits = text.replace(/\D+/g, '');
    if (digits.length >= TRIGRAM) {
      // Phone numbers are indexed as digits only; ids, zips and the like keep their punctuation.
      const alternatives = phoneAlternatives(text, digits);
      const phones = alternatives.map((d) => `phone : ${quotePhrase(d)}`);
      const match =
        digits === text ? quotePhrase(digits) : [...phones, quotePhrase(text)].join(' OR ');
      const scan = [...alternatives, exact.lower].map((needle) => [needle]);
      return { kind: 'fts', match, residual: [], exact, scan };
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
    };
  }
  const [prefix = '', ...residual] = [...short].sort((a, b) => b.length - a.length);
  return { kind: 'prefix', prefix, residual, exact };
}
