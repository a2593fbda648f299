import { describe, expect, it } from 'vitest';
import {
  easternNaive,
  parseRechargeTimestamp,
  toUtcInstant,
} from '../../../src-shared/time/eastern.ts';

const utc = (text: string) => toUtcInstant(text);

describe('US Eastern timestamps', () => {
  it('reads standard and daylight time, and the rules before 2007', () => {
    const instants = {
      '2021-01-20T10:15:02': '2021-01-20T15:15:02Z',
      '2021-07-20T10:15:02': '2021-07-20T14:15:02Z',
      // 2006: daylight time began on the first Sunday of April.
      '2006-03-20T12:00:00': '2006-03-20T17:00:00Z',
      '2006-04-03T12:00:00': '2006-04-03T16:00:00Z',
    };
    for (const [naive, instant] of Object.entries(instants)) expect(utc(naive)).toBe(instant);
  });

  // 2024-03-10 02:00 EST jumps to 03:00 EDT; 2024-11-03 01:00-01:59 happens
  // twice and the earlier (EDT) reading is taken.
  it.each([
    ['2024-03-10T01:59:59', '2024-03-10T06:59:59Z'],
    ['2024-03-10T03:00:00', '2024-03-10T07:00:00Z'],
    ['2024-11-03T00:59:59', '2024-11-03T04:59:59Z'],
    ['2024-11-03T01:30:00', '2024-11-03T05:30:00Z'],
    ['2024-11-03T02:00:00', '2024-11-03T07:00:00Z'],
  ])('handles the spring gap and the repeated autumn hour: %s', (naive, instant) => {
    expect(utc(naive)).toBe(instant);
  });

  it('takes offsets as written and refuses what is not a time', () => {
    const written = {
      '2024-11-03T01:30:00+00:00': '2024-11-03T01:30:00Z',
      '2024-11-03 01:30:00Z': '2024-11-03T01:30:00Z',
      '2024-11-03T01:30:00.999-04:00': '2024-11-03T05:30:00Z',
    };
    for (const [text, instant] of Object.entries(written)) expect(utc(text)).toBe(instant);
    for (const text of ['2021-02-30T00:00:00', 'yesterday'])
      expect(parseRechargeTimestamp(text)).toBeNull();
  });

  it('writes filter values back in naive Eastern time', () => {
    const at = (text: string) => parseRechargeTimestamp(text)!;
    expect(easternNaive(at('2021-07-20T14:15:02Z'))).toBe('2021-07-20T10:15:02');
    expect(easternNaive(at('2021-01-20T15:15:02Z'))).toBe('2021-01-20T10:15:02');
  });
});
