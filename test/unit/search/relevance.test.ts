import { describe, expect, it } from 'vitest';
import { SearchInput } from '../../../src-shared/customers/views.ts';
import { generatedCacheForFile } from './generated-cache.ts';
import { sampleAddress, sampleCustomer } from '../../helpers/wire-samples.ts';

// The reported case: five newer customers whose phones hold "19193" outranked the customer whose
// billing ZIP is exactly "19193".
const ZIP_OWNER = sampleCustomer({
  id: 8_000_001,
  hash: 'zipownerhash0001',
  email: 'zip.owner@example.com',
  phone: null,
  billing_zip: '19193',
  billing_city: 'Philadelphia',
});
const PHONE_PARTIALS = [2, 3, 4, 5, 6].map((n) =>
  sampleCustomer({
    id: 8_000_000 + n * 10,
    hash: `phonepartial000${n}`,
    email: `partial${n}@example.com`,
    phone: `(919) 3${n}1-9193`,
    billing_zip: '27601',
    billing_city: 'Raleigh',
  }),
);
const DELIVERY_ZIP = sampleCustomer({
  id: 8_000_002,
  hash: 'deliveryzip00002',
  email: 'delivery@example.com',
  phone: null,
  billing_zip: '10001',
  billing_city: 'New York',
});
const PHONE_OWNER = sampleCustomer({
  id: 8_000_003,
  hash: 'phoneowner000003',
  email: 'phone.owner@example.com',
  phone: '(919) 319-1930',
  billing_zip: '30301',
  billing_city: 'Atlanta',
});

// A newer customer whose number has the whole of PHONE_OWNER's in it, and an extension.
const PHONE_LONGER = sampleCustomer({
  id: 8_000_090,
  hash: 'phonelonger00090',
  email: 'phone.longer@example.com',
  phone: '919-319-1930 x5',
  billing_zip: '30302',
  billing_city: 'Atlanta',
});

const ids = (query: string) =>
  cached.store.search
    .search(SearchInput.parse({ query, pageSize: 100 }))
    .items.map((row) => row.id);

const cached = generatedCacheForFile(
  5,
  500,
  [ZIP_OWNER, ...PHONE_PARTIALS, DELIVERY_ZIP, PHONE_OWNER, PHONE_LONGER],
  [sampleAddress({ id: 96_000_001, customer_id: DELIVERY_ZIP.id, zip: '19193-4410' })],
);

describe('exact matches rank before partial ones', () => {
  it('puts the customer whose billing ZIP is the text first, before phone-digit matches', () => {
    const found = ids('19193');
    expect(found).toEqual(expect.arrayContaining(PHONE_PARTIALS.map((c) => c.id)));
    const firstPartial = Math.min(...PHONE_PARTIALS.map((c) => found.indexOf(c.id)));
    expect(found.indexOf(ZIP_OWNER.id)).toBeLessThan(firstPartial);
    expect(found.indexOf(ZIP_OWNER.id)).toBeLessThan(2);
  });

  it('counts a delivery address ZIP (ZIP+4 included) as exact', () => {
    const found = ids('19193');
    expect(found.slice(0, 2)).toEqual([ZIP_OWNER.id, DELIVERY_ZIP.id].sort((a, b) => b - a));
  });

  it('puts a whole phone number, in any formatting, before numbers that contain part of it', () => {
    for (const query of ['9193191930', '(919) 319-1930', '+1 919 319 1930']) {
      const found = ids(query);
      expect(found, query).toContain(PHONE_LONGER.id);
      expect(found[0], query).toBe(PHONE_OWNER.id);
    }
  });

  it('puts the customer whose hash is the text first', () => {
    expect(ids('phonepartial0004')[0]).toBe(PHONE_PARTIALS[2]!.id);
  });

  it('keeps the newest-first order after the exact matches', () => {
    const found = ids('19193');
    const rest = found.filter((id) => id !== ZIP_OWNER.id && id !== DELIVERY_ZIP.id);
    expect(rest).toEqual([...rest].sort((a, b) => b - a));
  });
});

describe('a row says why it matched when the list does not show it', () => {
  const rowOf = (query: string, id: number) =>
    cached.store.search
      .search(SearchInput.parse({ query, pageSize: 100 }))
      .items.find((row) => row.id === id);

  it('names the phone, billing ZIP or delivery ZIP and where the text is in it', () => {
    const partial = rowOf('19193', PHONE_PARTIALS[0]!.id);
    expect(partial?.matched).toEqual({
      field: 'phone',
      value: '(919) 321-9193',
      start: 8,
      end: 14,
    });
    expect(rowOf('19193', ZIP_OWNER.id)?.matched).toEqual({
      field: 'billing_zip',
      value: '19193',
      start: 0,
      end: 5,
    });
    expect(rowOf('19193', DELIVERY_ZIP.id)?.matched).toEqual({
      field: 'address_zip',
      value: '19193-4410',
      start: 0,
      end: 5,
    });
  });

  it('maps phone digits back onto the formatted number', () => {
    const row = rowOf('3191930', PHONE_OWNER.id);
    expect(row?.matched).toMatchObject({ field: 'phone', value: '(919) 319-1930' });
    const { value, start, end } = row!.matched!;
    expect(value.slice(start, end)).toBe('319-1930');
  });

  it('says nothing when the name, email, city or id shows the text', () => {
    expect(rowOf('Philadelphia', ZIP_OWNER.id)?.matched).toBeNull();
    expect(rowOf('zip.owner', ZIP_OWNER.id)?.matched).toBeNull();
    expect(rowOf(String(ZIP_OWNER.id), ZIP_OWNER.id)?.matched).toBeNull();
  });

  it('names the hidden field of the one term the shown ones lack', () => {
    expect(rowOf('philadelphia 19193', ZIP_OWNER.id)?.matched).toMatchObject({
      field: 'billing_zip',
    });
    expect(rowOf('zipownerhash0001', ZIP_OWNER.id)?.matched).toMatchObject({ field: 'hash' });
  });
});
