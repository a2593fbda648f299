import { describe, expect, it } from 'vitest';
import {
  changedFields,
  detectConflict,
  overlay,
  pick,
  resolveConflict,
} from '../../../src-shared/outbox/rules.ts';

describe('conflict detection', () => {
  const base = { billing_city: 'Austin', billing_zip: '73301' };
  const mine = { billing_city: 'Dallas', billing_zip: '75201' };

  it('finds no conflict when the server still holds the base', () => {
    expect(detectConflict(base, mine, { ...base, first_name: 'Changed' })).toEqual({
      conflicting: [],
      converged: [],
    });
  });

  it('flags a touched field the server changed to another value', () => {
    expect(detectConflict(base, mine, { billing_city: 'Houston', billing_zip: '73301' })).toEqual({
      conflicting: ['billing_city'],
      converged: [],
    });
  });

  it('treats a server already holding our value as converged, not conflicting', () => {
    expect(detectConflict(base, mine, { billing_city: 'Dallas', billing_zip: '73301' })).toEqual({
      conflicting: [],
      converged: ['billing_city'],
    });
  });

  it('compares cleared fields as null', () => {
    expect(detectConflict({ billing_address2: null }, { billing_address2: 'Apt 1' }, {})).toEqual({
      conflicting: [],
      converged: [],
    });
    expect(
      detectConflict(
        { billing_address2: null },
        { billing_address2: 'Apt 1' },
        { billing_address2: 'Suite 9' },
      ).conflicting,
    ).toEqual(['billing_address2']);
  });
});

describe('conflict resolution', () => {
  const mine = { billing_city: 'Dallas', billing_zip: '75201' };
  const theirs = { billing_city: 'Houston', billing_zip: '77001' };

  it('keep mine re-bases every field on the server values', () => {
    expect(resolveConflict(mine, theirs, 'mine')).toEqual({ patch: mine, base: theirs });
  });

  it('take theirs leaves nothing to send', () => {
    expect(resolveConflict(mine, theirs, 'theirs')).toEqual({ patch: {}, base: {} });
  });

  it('per field sends only the fields kept as mine', () => {
    expect(
      resolveConflict(mine, theirs, { fields: { billing_city: 'mine', billing_zip: 'theirs' } }),
    ).toEqual({ patch: { billing_city: 'Dallas' }, base: { billing_city: 'Houston' } });
  });
});

describe('patch helpers', () => {
  it('lists only fields the patch changes', () => {
    expect(changedFields({ a: 'x', b: null }, { a: 'x', b: 'y', c: null })).toEqual(['b']);
  });

  it('picks fields as strings or null', () => {
    expect(pick({ a: 1, b: null, c: 'z' }, ['a', 'b', 'd'])).toEqual({ a: '1', b: null, d: null });
  });

  it('overlays pending edits oldest first and reports the pending fields', () => {
    const { record, pendingFields } = overlay(
      { id: 1, billing_city: 'Austin', first_name: 'Ann' },
      [{ billing_city: 'Dallas' }, { billing_city: 'Plano', first_name: 'Anne' }],
    );
    expect(record).toEqual({ id: 1, billing_city: 'Plano', first_name: 'Anne' });
    expect(pendingFields).toEqual(['billing_city', 'first_name']);
  });
});
