import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../src-shared/csv.ts';

describe('CSV cells', () => {
  // A cell is written bare unless it holds a comma, quote or line break, or
  // starts a spreadsheet formula; a phone number starting with + is not one.
  const CELLS: [string | number | null | undefined, string][] = [
    ['plain', 'plain'],
    ['Smith, Jr.', '"Smith, Jr."'],
    ['say "hi"', '"say ""hi"""'],
    ['line1\nline2', '"line1\nline2"'],
    ['cr\rhere', '"cr\rhere"'],
    ['=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'],
    ['+SUM(A1:A9)', "'+SUM(A1:A9)"],
    ['+1+cmd|calc', "'+1+cmd|calc"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['a=b', 'a=b'],
    ['+1 503 555 0100', '+1 503 555 0100'],
    ['+1 (919) 312-0000', '+1 (919) 312-0000'],
    ['+44 20.7946.0958', '+44 20.7946.0958'],
    [null, ''],
    [undefined, ''],
    [42, '42'],
  ];

  it.each(CELLS)('writes %j as %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('joins rows with CRLF under a header line', () => {
    const csv = toCsv(
      [
        { header: 'name', value: (r: { n: string }) => r.n },
        { header: 'len', value: (r: { n: string }) => r.n.length },
      ],
      [{ n: 'a,b' }, { n: 'c' }],
    );
    expect(csv).toBe('name,len\r\n"a,b",3\r\nc,1\r\n');
  });
});
