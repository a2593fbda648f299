import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles, importEdges, type ImportEdge } from '../../helpers/import-graph.ts';

const root = resolve(import.meta.dirname, '../../..');

const edge = (from: string, to: string): ImportEdge => ({ from, to, typeOnly: false });

/** The folder of src-main a file is in ('src-shared' for anything there). */
function layerOf(path: string): string {
  const parts = path.split('/');
  return parts[0] === 'src-main' && parts.length > 2 ? (parts[1] ?? path) : (parts[0] ?? path);
}

const describeCycles = (cycles: string[][]) => cycles.map((c) => c.join('\n  → ')).join('\n\n');

describe('import graph', () => {
  it('finds a loop and prints the path round it', () => {
    const cycles = importCycles([
      edge('a.ts', 'b.ts'),
      edge('b.ts', 'c.ts'),
      edge('c.ts', 'a.ts'),
      edge('c.ts', 'd.ts'),
      edge('e.ts', 'e.ts'),
    ]);
    expect(cycles).toEqual([
      ['a.ts', 'b.ts', 'c.ts', 'a.ts'],
      ['e.ts', 'e.ts'],
    ]);
    expect(
      importCycles([edge('a.ts', 'b.ts'), edge('a.ts', 'c.ts'), edge('b.ts', 'c.ts')]),
    ).toEqual([]);
  });

  it('reads the real tree, type-only imports marked', () => {
    const edges = importEdges(root, 'src-main');
    const of = (from: string) => edges.filter((e) => e.from === from);
    expect(of('src-main/index.ts').map((e) => e.to)).toContain('src-main/shell/app-shell.ts');
    expect(of('src-main/core/handlers.ts')).toContainEqual({
      from: 'src-main/core/handlers.ts',
      to: 'src-main/ipc/router.ts',
      typeOnly: true,
    });
  });

  it('has no import cycle between the files of src-main and src-shared, type imports included', () => {
    const cycles = importCycles([
      ...importEdges(root, 'src-main'),
      ...importEdges(root, 'src-shared'),
    ]);
    expect(cycles, `import cycles:\n${describeCycles(cycles)}`).toEqual([]);
  });

  it('has no cycle between the folders of src-main', () => {
    const folderEdges = importEdges(root, 'src-main')
      .map((e) => edge(layerOf(e.from), layerOf(e.to)))
      .filter((e) => e.from !== e.to);
    const cycles = importCycles(folderEdges);
    expect(cycles, `folder cycles:\n${describeCycles(cycles)}`).toEqual([]);
  });
});
