import { describe, expect, it } from 'vitest';
import type { RowRecord } from '../../../src-main/db/search/sql-text.ts';
import { whyMatched } from '../../../src-main/db/search/why-matched.ts';

const ROW: RowRecord = {
  id: 42,
  hash: 'abc123',
  email: 'ana@example.com',
  first_name: 'Ana',
  last_name: 'Lima',
  phone: '+33 1 42 68 53 00',
  external_customer_id: null,
  status: null,
  has_valid_payment_method: null,
  in_dunning: null,
  processor_type: null,
  billing_company: 'Société Générale',
  billing_city: 'Paris',
  billing_province: null,
  billing_zip: '75008',
  billing_country: 'France',
  updated_at: null,
};
const none = { billing_phone: null, addresses: [] };

describe('why a row matched', () => {
  it('finds an unaccented term in an accented hidden field, offsets in the original text', () => {
    const match = whyMatched(ROW, { terms: ['societe'], digits: [] }, none);
    expect(match).toMatchObject({ field: 'billing_company', start: 0, end: 7 });
    expect(match!.value.slice(match!.start, match!.end)).toBe('Société');
  });

  it('asks for the addresses only when the row itself does not explain the match', () => {
    expect(whyMatched(ROW, { terms: ['paris'], digits: [] }, null)).toBeNull();
    expect(whyMatched(ROW, { terms: ['nowhere'], digits: [] }, null)).toBeUndefined();
    const address = {
      first_name: 'Zoë',
      last_name: 'Nowhere',
      phone: null,
      city: 'Lyon',
      zip: '69001',
      company: null,
    };
    expect(
      whyMatched(
        ROW,
        { terms: ['nowhere'], digits: [] },
        { billing_phone: null, addresses: [address] },
      ),
    ).toMatchObject({ field: 'address_name', value: 'Zoë Nowhere', start: 4, end: 11 });
  });

  it('maps phone digits onto the formatted number', () => {
    const match = whyMatched(ROW, { terms: ['426853'], digits: ['426853'] }, none);
    expect(match).toMatchObject({ field: 'phone' });
    expect(match!.value.slice(match!.start, match!.end)).toBe('42 68 53');
  });
});
