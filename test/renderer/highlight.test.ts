import { describe, expect, it } from 'vitest';
import { highlightSegments } from '../../src-renderer/lib/highlight.ts';

describe('highlightSegments', () => {
  it('marks every occurrence of each term, case-insensitively', () => {
    expect(highlightSegments('Ada Lovelace', 'love')).toEqual([
      { text: 'Ada ', match: false },
      { text: 'Love', match: true },
      { text: 'lace', match: false },
    ]);
    expect(highlightSegments('aXa', 'a')).toEqual([
      { text: 'a', match: true },
      { text: 'X', match: false },
      { text: 'a', match: true },
    ]);
  });

  it('merges overlapping terms and leaves text without a query whole', () => {
    expect(highlightSegments('portland', 'port land')).toEqual([{ text: 'portland', match: true }]);
    expect(highlightSegments('Ada', '  ')).toEqual([{ text: 'Ada', match: false }]);
    expect(highlightSegments('', 'x')).toEqual([]);
  });

  it('keeps markup in user text as text segments', () => {
    const segments = highlightSegments('<img src=x onerror=alert(1)>', 'img');
    expect(segments.map((s) => s.text).join('')).toBe('<img src=x onerror=alert(1)>');
    expect(segments[1]).toEqual({ text: 'img', match: true });
  });
});
