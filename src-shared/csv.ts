// Shared by the renderer's exports and main's audit-log export.
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

/** RFC 4180 text (CRLF line ends) for the given rows and columns. */
export function toCsv<T>(columns: readonly CsvColumn<T>[], rows: Iterable<T>): string {
  const lines = [columns.map((c) => csvCell(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(c.value(row))).join(','));
  return lines.join('\r\n') + '\r\n';
}
