import { describe, expect, it } from 'vitest';
import { maskToken } from '../../src-shared/recharge/payment-tokens.ts';
import { editStatus } from '../../src-renderer/lib/edit-status.ts';
import { historyRows, outcomeText } from '../../src-renderer/lib/history.ts';
import { formatClock, formatFull, whenText } from '../../src-renderer/lib/time.ts';
import type { AuditEntry } from '../../src-shared/outbox/edits.ts';
import { edit } from './fixtures.ts';

/** A local time today (the text is local time, whatever zone the tests run in). */
function today(hours: number, minutes = 0): Date {
  const d = new Date();
  d.setHours(hours, minutes, 0, 0);
  return d;
}

describe('times', () => {
  it('reads recent events relatively and older ones by their date', () => {
    const now = today(15, 30).getTime();
    const ago = (ms: number) => new Date(now - ms).toISOString();
    expect(whenText(ago(10_000), now)).toBe('just now');
    expect(whenText(ago(60_000), now)).toBe('1 minute ago');
    expect(whenText(ago(12 * 60_000), now)).toBe('12 minutes ago');
    expect(whenText(ago(3 * 3_600_000), now)).toBe('3 hours ago');
    expect(whenText(today(2, 5).toISOString(), now)).toBe('today at 02:05');
    const yesterday = today(17, 40);
    yesterday.setDate(yesterday.getDate() - 1);
    expect(whenText(yesterday.toISOString(), now)).toBe('yesterday at 17:40');
    // Nothing like "2,161 days ago": an old date is a date.
    expect(whenText('2020-08-17T10:00:00Z', now)).toMatch(/^Aug 1[67], 2020$/);
    expect(whenText(null, now)).toBe('never');
  });

  it('gives the full local timestamp of a UTC instant for hovers', () => {
    const at = '2021-01-20T15:15:02Z';
    const local = new Date(at);
    const full = formatFull(at);
    expect(full).toContain('2021');
    expect(full).toContain(
      `${String(local.getHours()).padStart(2, '0')}:${String(local.getMinutes()).padStart(2, '0')}:02`,
    );
  });

  it('reads future instants as "in N minutes", then as a clock time', () => {
    const now = today(9, 0).getTime();
    expect(whenText(new Date(now + 3 * 60_000).toISOString(), now)).toBe('in 3 minutes');
    expect(whenText(today(14, 5).toISOString(), now)).toBe('at 14:05');
    expect(formatClock(today(14, 5).toISOString())).toBe('14:05');
  });
});

describe('outbox states', () => {
  const HTTP_503 = { kind: 'server' as const, message: 'ReCharge answered HTTP 503.' };

  it('shows a 503 that will be retried as the time of the next try, not as an error', () => {
    const now = today(14, 0).getTime();
    const status = editStatus(
      edit({ state: 'pending', lastError: HTTP_503, nextAttemptAt: today(14, 5).toISOString() }),
      now,
    );
    expect(status.label).toBe('Will retry');
    expect(status.tone).toBe('muted');
    expect(status.detail).toBe('Will retry at 14:05 · ReCharge answered HTTP 503.');
  });

  it('says what a conflict is about, whatever failed before it', () => {
    const status = editStatus(
      edit({
        state: 'conflict',
        lastError: HTTP_503,
        fields: ['billing_city', 'billing_address1'],
        base: { billing_city: 'Portland', billing_address1: '1 Main' },
        theirs: { billing_city: 'Salem', billing_address1: '1 Main' },
      }),
      Date.now(),
    );
    expect(status.detail).toBe('Changed on ReCharge meanwhile: City');
    expect(status.detail).not.toContain('503');
    expect(status.tone).toBe('warning');
  });

  it('keeps a refusal red', () => {
    const status = editStatus(
      edit({ state: 'failed', lastError: { kind: 'validation', message: 'Zip is invalid.' } }),
      Date.now(),
    );
    expect(status).toMatchObject({ label: 'Failed', tone: 'error', detail: 'Zip is invalid.' });
  });
});

describe('edit history', () => {
  const entry = (overrides: Partial<AuditEntry>): AuditEntry => ({
    id: 1,
    editId: 7,
    customerId: 101,
    kind: 'billing',
    event: 'queued',
    state: 'pending',
    fields: ['billing_city'],
    message: null,
    at: '2024-05-01T10:00:00Z',
    before: { billing_city: 'Portland' },
    after: { billing_city: 'Salem' },
    ...overrides,
  });

  it('folds the events of an edit into one row with old → new values and the outcome', () => {
    const rows = historyRows([
      entry({ id: 3, event: 'pushed', state: 'done', at: '2024-05-01T10:00:02Z' }),
      entry({ id: 2, event: 'sending', state: 'in_flight', at: '2024-05-01T10:00:01Z' }),
      entry({ id: 1 }),
      entry({
        id: 4,
        editId: 8,
        kind: 'payment_token',
        fields: ['stripe_customer_token'],
        before: { processor_type: 'stripe' },
        after: { stripe_customer_token: 'cus_…X8a' },
        at: '2024-05-02T09:00:00Z',
      }),
    ]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      editId: 8,
      changes: [{ field: 'stripe_customer_token', before: null, after: 'cus_…X8a' }],
    });
    expect(rows[1]).toMatchObject({
      editId: 7,
      queuedAt: '2024-05-01T10:00:00Z',
      at: '2024-05-01T10:00:02Z',
      state: 'done',
      changes: [{ field: 'billing_city', before: 'Portland', after: 'Salem' }],
    });
    expect(outcomeText(rows[1]!)).toBe('Sent to ReCharge');
  });

  it('lists only the fields a new address sets', () => {
    const [row] = historyRows([
      entry({
        kind: 'address_create',
        fields: ['first_name', 'company', 'city'],
        before: {},
        after: { first_name: 'Ada', company: null, city: 'Salem' },
      }),
    ]);
    expect(row?.changes.map((c) => c.field)).toEqual(['first_name', 'city']);
  });
});

describe('token hints', () => {
  it('keeps a tail of a short token, never more than half of it', () => {
    const tokens = ['cus_IV0hD7FtykKe1a', 'cus_AB77Fx', 'cus_AB7Fx', 'tok_1', 'short'];
    expect(tokens.map(maskToken)).toEqual(['cus_…e1a', 'cus_…7Fx', 'cus_…Fx', 'tok_…', '…']);
  });
});
