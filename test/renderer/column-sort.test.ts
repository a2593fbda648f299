import { describe, expect, it } from 'vitest';
import { BEST_MATCH, columnDirection, nextColumnSort } from '../../src-renderer/lib/column-sort.ts';

describe('column sort', () => {
  it('goes ascending, descending, then back to best match', () => {
    const first = nextColumnSort(BEST_MATCH, 'billing_city');
    expect(first).toEqual({ key: 'city', dir: 'asc' });
    const second = nextColumnSort(first, 'billing_city');
    expect(second).toEqual({ key: 'city', dir: 'desc' });
    expect(nextColumnSort(second, 'billing_city')).toEqual(BEST_MATCH);
  });

  it('starts another column ascending, whatever the current order', () => {
    expect(nextColumnSort({ key: 'name', dir: 'desc' }, 'id')).toEqual({ key: 'id', dir: 'asc' });
  });

  it('leaves the order alone for a column the search cannot sort by', () => {
    const sort = { key: 'email', dir: 'asc' } as const;
    expect(nextColumnSort(sort, 'payment')).toBe(sort);
  });

  it('says which column the current order is, and none for best match', () => {
    expect(columnDirection({ key: 'city', dir: 'desc' }, 'billing_city')).toBe('desc');
    expect(columnDirection({ key: 'city', dir: 'desc' }, 'name')).toBeNull();
    expect(columnDirection(BEST_MATCH, 'name')).toBeNull();
  });
});
