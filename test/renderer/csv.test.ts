import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../src-shared/csv.ts';

describe('CSV cells', () => {
  it('quotes cells holding commas, quotes or line breaks and doubles inner quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('Smith, Jr.')).toBe('"Smith, Jr."');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line1\nline2')).toBe('"line1\nline2"');
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"');
  });

  it('keeps spreadsheet formulas inert by prefixing = + - @ with a quote', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell('+SUM(A1:A9)')).toBe("'+SUM(A1:A9)");
    expect(csvCell('+1+cmd|calc')).toBe("'+1+cmd|calc");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('leaves an international phone number as typed', () => {
    expect(csvCell('+1 503 555 0100')).toBe('+1 503 555 0100');
    expect(csvCell('+1 (919) 312-0000')).toBe('+1 (919) 312-0000');
    expect(csvCell('+44 20.7946.0958')).toBe('+44 20.7946.0958');
  });

  it('writes empty cells for null and numbers as text', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(42)).toBe('42');
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
