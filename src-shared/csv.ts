// Shared by main's customer export, its audit-log export and the renderer's downloads.
// Spreadsheet apps run cells starting with these as formulas; a leading quote keeps them text.
const FORMULA_START = /^[=+\-@\t\r]/;
// An international phone number ("+1 (919) 312-0000") starts with "+" too, but holds nothing a
// spreadsheet could run: it stays as typed.
const PHONE = /^\+[\d\s().-]+$/;

/** One CSV cell: formula-guarded, quoted when it holds a quote, comma or line break. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'string' ? value : String(value);
  if (FORMULA_START.test(text) && !PHONE.test(text)) text = `'${text}`;
  if (/[",\r\n]/.test(text)) text = `"${text.replaceAll('"', '""')}"`;
  return text;
}

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => unknown;
}

/** The header line, CRLF-terminated. */
export const csvHeader = <T>(columns: readonly CsvColumn<T>[]): string =>
  columns.map((c) => csvCell(c.header)).join(',') + '\r\n';

/** One CRLF-terminated line per row: a chunk of a file written a piece at a time. */
export function csvLines<T>(columns: readonly CsvColumn<T>[], rows: Iterable<T>): string {
  let out = '';
  for (const row of rows) out += columns.map((c) => csvCell(c.value(row))).join(',') + '\r\n';
  return out;
}

/** RFC 4180 text (CRLF line ends) for the given rows and columns. */
export function toCsv<T>(columns: readonly CsvColumn<T>[], rows: Iterable<T>): string {
  return csvHeader(columns) + csvLines(columns, rows);
}
