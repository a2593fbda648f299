// A table seen through a renderer: what `sandbox.store.customers` and `.addresses` have always
// been for tests (rows keyed by id, `.data` in the 2021-01 shape, `.size`), now rendered on read.
import type { Table } from './table.ts';

export interface RenderedRows<W> {
  readonly size: number;
  keys(): IterableIterator<number>;
  values(): IterableIterator<{ data: W }>;
  entries(): IterableIterator<[number, { data: W }]>;
  get(id: number): { data: W } | undefined;
  has(id: number): boolean;
  [Symbol.iterator](): IterableIterator<[number, { data: W }]>;
}

export class RenderedView<W> implements Iterable<W> {
  readonly rows: RenderedRows<W>;
  private readonly table: Table<{ id: number }>;
  private readonly render: (id: number) => W | undefined;

  constructor(table: Table<{ id: number }>, render: (id: number) => W | undefined) {
    this.table = table;
    this.render = render;
    function* entries(): IterableIterator<[number, { data: W }]> {
      for (const id of table.rows.keys()) {
        const data = render(id);
        if (data !== undefined) yield [id, { data }];
      }
    }
    this.rows = {
      get size() {
        return table.size;
      },
      keys: () => table.rows.keys(),
      *values() {
        for (const [, row] of entries()) yield row;
      },
      entries,
      get: (id) => {
        const data = render(id);
        return data === undefined ? undefined : { data };
      },
      has: (id) => table.rows.has(id),
      [Symbol.iterator]: entries,
    };
  }

  get size(): number {
    return this.table.size;
  }

  get(id: number): W | undefined {
    return this.render(id);
  }

  *[Symbol.iterator](): IterableIterator<W> {
    for (const [, row] of this.rows.entries()) yield row.data;
  }
}
