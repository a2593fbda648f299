export interface Segment {
  text: string;
  match: boolean;
}

/** Splits text into plain and matching parts for each search term, case-insensitively. */
export function highlightSegments(text: string, query: string): Segment[] {
  const terms = query
    .toLowerCase()
    .split(/\s+/)
    .filter((t) => t.length > 0);
  if (!text || terms.length === 0) return text ? [{ text, match: false }] : [];
  const lower = text.toLowerCase();
  const marks = new Array<boolean>(text.length).fill(false);
  for (const term of terms) {
    let from = lower.indexOf(term);
    while (from !== -1) {
      marks.fill(true, from, from + term.length);
      from = lower.indexOf(term, from + term.length);
    }
  }
  const segments: Segment[] = [];
  let start = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i === text.length || marks[i] !== marks[start]) {
      segments.push({ text: text.slice(start, i), match: marks[start] === true });
      start = i;
    }
  }
  return segments;
}
