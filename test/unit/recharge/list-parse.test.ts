// A list body checked a slice of items at a time: the same answer as the schema's own parse,
// the failing item named by its place, and the event loop given turns on the way.
import { describe, expect, it } from 'vitest';
import { parseList } from '../../../src-main/recharge/list-parse.ts';
import * as wire from '../../../src-shared/recharge/wire-2021-11.ts';

const customers = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: i + 1, email: `c${i}@example.com`, extra: i }));

describe('parseList', () => {
  it('answers what the list schema answers, unknown fields and cursors included', async () => {
    const body = { customers: customers(120), next_cursor: 'abc', previous_cursor: null, x: 1 };
    const parsed = await parseList(wire.CustomerList, 'customers', body);
    expect(parsed).toEqual({ success: true, data: wire.CustomerList.parse(body) });
  });

  it('names the first item that does not fit by its place in the list', async () => {
    const list = customers(120);
    list[101] = { ...list[101]!, id: '102' as unknown as number };
    const parsed = await parseList(wire.CustomerList, 'customers', { customers: list });
    expect(parsed.success).toBe(false);
    expect(parsed.success ? null : parsed.issue?.path).toEqual(['customers', 101, 'id']);
  });

  it('refuses an envelope whose list is not one, or whose cursor has the wrong type', async () => {
    for (const body of [{ customers: 'nope' }, { customers: [], next_cursor: 5 }]) {
      const parsed = await parseList(wire.CustomerList, 'customers', body);
      expect(parsed.success).toBe(false);
    }
  });

  it('gives the event loop a turn between slices of a long page', async () => {
    const order: string[] = [];
    setImmediate(() => order.push('other work'));
    await parseList(wire.CustomerList, 'customers', { customers: customers(250) });
    order.push('parsed');
    expect(order).toEqual(['other work', 'parsed']);
  });
});
