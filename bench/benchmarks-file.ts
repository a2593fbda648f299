// BENCHMARKS.md, row by row: a bench that measures a few figures puts its rows in place and
// leaves every other row as it was.
import { readFileSync, writeFileSync } from 'node:fs';

export const BENCHMARKS_FILE = new URL('../BENCHMARKS.md', import.meta.url);

export interface PlacedLine {
  /** The line that starts with this is replaced... */
  prefix: string;
  line: string;
  /** ...or, if there is none, the new line goes after the one that starts with this. */
  after: string;
}

/** Replaces the line starting with `prefix`, or inserts `line` after the one starting with `after`. */
export function putLine(lines: string[], { prefix, line, after }: PlacedLine): void {
  const at = lines.findIndex((l) => l.startsWith(prefix));
  if (at >= 0) lines[at] = line;
  else lines.splice(lines.findIndex((l) => l.startsWith(after)) + 1, 0, line);
}

export function putLines(placed: readonly PlacedLine[]): void {
  const lines = readFileSync(BENCHMARKS_FILE, 'utf8').split('\n');
  for (const one of placed) putLine(lines, one);
  writeFileSync(BENCHMARKS_FILE, lines.join('\n'));
}
