import { describe, expect, it } from 'vitest';
import { mapInSlices } from '../../../src-main/lib/map-in-slices.ts';

describe('mapInSlices', () => {
  it('maps every item in order', async () => {
    const items = Array.from({ length: 123 }, (_, i) => i);
    expect(await mapInSlices(items, (n) => n * 2, 50)).toEqual(items.map((n) => n * 2));
    expect(await mapInSlices([], (n: number) => n)).toEqual([]);
  });

  it('lets other work run between slices, not inside one', async () => {
    const seen: string[] = [];
    let turns = 0;
    const tick = () =>
      setImmediate(() => {
        turns += 1;
        if (turns < 10) tick();
      });
    tick();
    await mapInSlices(
      Array.from({ length: 6 }, (_, i) => i),
      (n) => seen.push(`${n}@${turns}`),
      2,
    );
    // Items of one slice share a turn; each next slice starts after another turn ran.
    const turnOf = seen.map((s) => Number(s.split('@')[1]));
    expect(turnOf[0]).toBe(turnOf[1]);
    expect(turnOf[2]).toBeGreaterThan(turnOf[1]!);
    expect(turnOf[4]).toBeGreaterThan(turnOf[3]!);
  });
});
