import { describe, expect, it } from 'vitest';
import { paymentText, resultCells } from '../../src-renderer/lib/result-cells.ts';
import { row } from './fixtures.ts';

const text = (line: { segments: { text: string }[] } | undefined) =>
  line?.segments.map((s) => s.text).join('');
const marked = (line: { segments: { text: string; match: boolean }[] } | undefined) =>
  line?.segments.filter((s) => s.match).map((s) => s.text);

describe('resultCells', () => {
  it('marks the query in the name, email, place and id a row shows', () => {
    const cells = resultCells(row(4001, { first_name: 'Portia' }), 'port 400');
    expect(marked(cells.name[0])).toEqual(['Port', '400']);
    expect(marked(cells.billing_city[0])).toEqual(['Port']);
    expect(marked(cells.id[0])).toEqual(['400']);
    expect(text(cells.email[0])).toBe('c4001@example.com');
    expect(text(cells.billing_city[0])).toBe('Portland, Oregon');
  });

  it('adds a second name line saying which hidden field matched, its part marked', () => {
    const match = { field: 'billing_zip' as const, value: '97205', start: 2, end: 4 };
    const [name, note] = resultCells(row(1, { matched: match }), '20').name;
    expect(text(name)).toBe('Customer 1');
    expect(note?.testid).toBe('matched');
    expect(note?.segments).toEqual([
      { text: 'ZIP: 97', match: false },
      { text: '20', match: true },
      { text: '5', match: false },
    ]);
  });

  it('shows a dash, named for screen readers, where a row has no name or email', () => {
    const cells = resultCells(row(8, { first_name: null, last_name: ' ', email: null }), '');
    expect(text(cells.name[0])).toBe('—');
    expect(cells.name[0]?.label).toBe('No name');
    expect(text(cells.email[0])).toBe('—');
  });

  it('flags the values whose edits are not yet on ReCharge, and an invalid payment method', () => {
    const pending = row(2, {
      pending_fields: ['billing_province', 'payment_method'],
      has_valid_payment_method: false,
    });
    const cells = resultCells(pending, '');
    expect(cells.billing_city[0]?.pending).toBe(true);
    expect(cells.payment[0]?.pending).toBe(true);
    expect(cells.name[0]?.pending).toBe(false);
    expect(cells.payment[0]?.classes).toBe('text-error');
  });
});

describe('paymentText', () => {
  it('says valid with the processor, not valid with dunning, or the processor alone', () => {
    expect(paymentText(row(1))).toBe('Valid · Stripe');
    expect(paymentText(row(1, { has_valid_payment_method: false, in_dunning: true }))).toBe(
      'Not valid · dunning',
    );
    expect(paymentText(row(1, { has_valid_payment_method: null, processor_type: null }))).toBe('—');
  });
});
