import { describe, expect, it } from 'vitest';
import {
  easternNaive,
  parseRechargeTimestamp,
  toUtcInstant,
} from '../../../src-shared/time/eastern.ts';

const utc = (text: string) => toUtcInstant(text);

describe('US Eastern timestamps', () => {
  it('reads standard and daylight time, and the rules before 2007', () => {
    expect(utc('2021-01-20T10:15:02')).toBe('2021-01-20T15:15:02Z');
    expect(utc('2021-07-20T10:15:02')).toBe('2021-07-20T14:15:02Z');
    // 2006: daylight time began on the first Sunday of April.
    expect(utc('2006-03-20T12:00:00')).toBe('2006-03-20T17:00:00Z');
    expect(utc('2006-04-03T12:00:00')).toBe('2006-04-03T16:00:00Z');
  });

  it('handles the spring gap and the repeated autumn hour without going backwards', () => {
    // 2024-03-10 02:00 EST jumps to 03:00 EDT.
    expect(utc('2024-03-10T01:59:59')).toBe('2024-03-10T06:59:59Z');
    expect(utc('2024-03-10T03:00:00')).toBe('2024-03-10T07:00:00Z');
    // 2024-11-03 01:00-01:59 happens twice; the earlier (EDT) reading is taken.
    expect(utc('2024-11-03T00:59:59')).toBe('2024-11-03T04:59:59Z');
    expect(utc('2024-11-03T01:30:00')).toBe('2024-11-03T05:30:00Z');
    expect(utc('2024-11-03T02:00:00')).toBe('2024-11-03T07:00:00Z');
  });

  it('takes offsets as written and refuses what is not a time', () => {
    expect(utc('2024-11-03T01:30:00+00:00')).toBe('2024-11-03T01:30:00Z');
    expect(utc('2024-11-03 01:30:00Z')).toBe('2024-11-03T01:30:00Z');
    expect(utc('2024-11-03T01:30:00.999-04:00')).toBe('2024-11-03T05:30:00Z');
    expect(parseRechargeTimestamp('2021-02-30T00:00:00')).toBeNull();
    expect(parseRechargeTimestamp('yesterday')).toBeNull();
  });

  it('writes filter values back in naive Eastern time', () => {
    const at = (text: string) => parseRechargeTimestamp(text)!;
    expect(easternNaive(at('2021-07-20T14:15:02Z'))).toBe('2021-07-20T10:15:02');
    expect(easternNaive(at('2021-01-20T15:15:02Z'))).toBe('2021-01-20T10:15:02');
  });
});
