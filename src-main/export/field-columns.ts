// CSV columns that each show one field of a row, as the customer export and the audit log do.
import type { CsvColumn } from '../../src-shared/csv.ts';

/** A field as a cell: yes / no for a flag, a list space-separated; null stays an empty cell. */
export function fieldCell(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return Array.isArray(value) ? value.join(' ') : value;
}

/** One column per entry, header → the row's field, in the order given. */
export function fieldColumns<R>(
  fields: Readonly<Record<string, keyof R & string>>,
): CsvColumn<R>[] {
  return Object.entries(fields).map(([header, field]) => ({
    header,
    value: (row: R) => fieldCell(row[field]),
  }));
}
