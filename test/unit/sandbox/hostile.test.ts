// The hostile switches' parts on their own: the store's clock, same-second writes, the schedule of
// remote changes, dropped cursors and revoked tokens.
import { describe, expect, it } from 'vitest';
import { TokenRegistry } from '../../../src-main/sandbox/auth.ts';
import { FaultPlan } from '../../../src-main/sandbox/faults.ts';
import { withoutNextPage } from '../../../src-main/sandbox/list-response.ts';
import { instantOf, SandboxClock } from '../../../src-main/sandbox/sandbox-clock.ts';
import { Schedule } from '../../../src-main/sandbox/schedule.ts';
import { WriteClock } from '../../../src-main/sandbox/write-clock.ts';

const FALL_BACK = Date.parse('2024-11-03T06:00:00Z'); // 02:00 EDT → 01:00 EST

describe('SandboxClock', () => {
  it('jumps to an instant and ticks on from there with the injected clock', () => {
    let base = 1_000_000;
    const clock = new SandboxClock(() => base);
    expect(clock.now()).toBe(1_000_000);
    clock.set(FALL_BACK - 20 * 60_000);
    base += 1500;
    expect(clock.now()).toBe(FALL_BACK - 20 * 60_000 + 1500);
    expect(clock.reading()).toMatchObject({
      utc: '2024-11-03T05:40:01+00:00',
      eastern: '2024-11-03T01:40:01',
      frozen: false,
    });
    clock.follow();
    expect(clock.now()).toBe(base);
  });

  it('stands still when frozen and moves only when told', () => {
    let base = 5_000;
    const clock = new SandboxClock(() => base);
    clock.set(FALL_BACK + 10 * 60_000, true);
    base += 60_000;
    expect(clock.now()).toBe(FALL_BACK + 10 * 60_000);
    // Ten minutes after the change: the same wall reading as twenty minutes before it, an hour on.
    expect(clock.reading().eastern).toBe('2024-11-03T01:10:00');
    clock.advance(3_600_000);
    expect(clock.reading()).toMatchObject({ eastern: '2024-11-03T02:10:00', frozen: true });
  });

  it('reads instants as epoch ms or ISO text with an offset, never naive text', () => {
    expect(instantOf(FALL_BACK)).toBe(FALL_BACK);
    expect(instantOf('2024-11-03T06:00:00Z')).toBe(FALL_BACK);
    expect(instantOf('2024-11-03T01:00:00-05:00')).toBe(FALL_BACK);
    expect(instantOf('2024-11-03T01:00:00')).toBeNull();
    expect(instantOf('soon')).toBeNull();
    expect(instantOf(Number.NaN)).toBeNull();
  });
});

describe('WriteClock with same-second updates', () => {
  it('gives a row written twice in one second that second both times', () => {
    const now = Date.UTC(2026, 0, 1);
    const clock = new WriteClock(() => now);
    clock.sameSecondUpdates = true;
    const first = clock.issue();
    const second = clock.issue(first.second);
    expect(second.second).toBe(first.second);
    expect(second.rev).toBeGreaterThan(first.rev);
    clock.sameSecondUpdates = false;
    expect(clock.issue(second.second).second).toBe(first.second + 1);
    expect(clock.lastIssued()).toBe(first.second + 1);
  });
});

describe('Schedule', () => {
  const request = (seq: number, method: string, path: string, query = '') => ({
    seq,
    method,
    path,
    query: new URLSearchParams(query),
  });

  it('fires once, on the nth matching request, counting only matching ones', () => {
    const schedule = new Schedule();
    schedule.add({
      when: { method: 'PUT', pathPrefix: '/customers/', nth: 2 },
      action: { kind: 'deleteCustomer', id: 4 },
    });
    expect(schedule.arrive(request(1, 'PUT', '/customers/1'))).toEqual([]);
    expect(schedule.arrive(request(2, 'GET', '/customers/1'))).toEqual([]);
    expect(schedule.arrive(request(3, 'PUT', '/addresses/1'))).toEqual([]);
    const due = schedule.arrive(request(4, 'put', '/customers/2'));
    expect(due.map((change) => change.actions)).toEqual([[{ kind: 'deleteCustomer', id: 4 }]]);
    expect(schedule.arrive(request(5, 'PUT', '/customers/3'))).toEqual([]);
    expect(schedule.list()[0]).toMatchObject({ seen: 2, firedOn: 4 });
  });

  it('matches an exact path and query parameters (page 2 of a walk)', () => {
    const schedule = new Schedule();
    schedule.add({
      when: { path: '/customers', query: { page_info: '' } },
      action: [
        { kind: 'deleteCustomer', id: 1 },
        { kind: 'deleteCustomer', id: 2 },
      ],
      label: 'mid-walk',
    });
    expect(schedule.arrive(request(1, 'GET', '/customers', 'limit=5'))).toEqual([]);
    expect(schedule.arrive(request(2, 'GET', '/customers/count', 'page_info=x'))).toEqual([]);
    const [due] = schedule.arrive(request(3, 'GET', '/customers', 'page_info=abc&limit=5'));
    expect(due).toMatchObject({ label: 'mid-walk', firedOn: 3 });
    expect(due?.actions).toHaveLength(2);
    schedule.clear();
    expect(schedule.list()).toEqual([]);
  });

  it('refuses an unknown action or a bad nth', () => {
    const schedule = new Schedule();
    expect(() => schedule.add({ when: {}, action: { kind: 'explode', id: 1 } as never })).toThrow();
    expect(() =>
      schedule.add({ when: { nth: 0 }, action: { kind: 'deleteCustomer', id: 1 } }),
    ).toThrow();
  });
});

describe('dropped cursors', () => {
  it('a drop_cursor rule fires on GETs only and goes along with other faults', () => {
    const plan = new FaultPlan();
    plan.add({ kind: 'drop_cursor', pathPrefix: '/customers', requests: [2] });
    plan.add({ kind: 'delay', delayMs: 5 });
    expect(plan.decide('GET', '/customers').dropCursor).toBe(false);
    expect(plan.decide('PUT', '/customers/1').dropCursor).toBe(false);
    const second = plan.decide('GET', '/customers');
    expect(second).toMatchObject({ dropCursor: true, delayMs: 5, action: null });
  });

  it('strips the Link header (2021-01) and nulls next_cursor (2021-11)', () => {
    const link = '<http://x/customers?page_info=a>; rel="next"';
    const v2021_01 = withoutNextPage({ body: { customers: [] }, headers: { Link: link, A: '1' } });
    expect(v2021_01).toEqual({
      answer: { body: { customers: [] }, headers: { A: '1' } },
      dropped: true,
    });
    const v2021_11 = withoutNextPage({
      body: { next_cursor: 'n', previous_cursor: 'p', customers: [] },
      headers: {},
    });
    expect(v2021_11.answer.body).toEqual({
      next_cursor: null,
      previous_cursor: 'p',
      customers: [],
    });
    expect(v2021_11.dropped).toBe(true);
    const last = withoutNextPage({ body: { customers: [] }, headers: { Link: '' } });
    expect(last.dropped).toBe(false);
    const single = { body: { customer: { id: 1 } }, headers: {} };
    expect(withoutNextPage(single).answer).toBe(single);
  });
});

describe('revoked tokens', () => {
  it('are found by value or label and can be restored', () => {
    const tokens = new TokenRegistry();
    const added = tokens.add({ scopes: ['read_customers'], label: 'ro', token: 'sbx_secret_1' });
    expect(added.revoked).toBe(false);
    expect(tokens.setRevoked('ro', true)?.token).toBe('sbx_secret_1');
    expect(tokens.lookup('sbx_secret_1')?.revoked).toBe(true);
    expect(tokens.setRevoked('sbx_secret_1', false)?.revoked).toBe(false);
    expect(tokens.setRevoked('nobody', true)).toBeUndefined();
  });
});
