import { describe, expect, it } from 'vitest';
import { parseLinkHeader } from '../../../src-main/recharge/link-header.ts';

describe('Link header', () => {
  it('finds next and previous page_info cursors', () => {
    const header =
      '<https://api.rechargeapps.com/customers?limit=250&page_info=prevTok>; rel="previous", ' +
      '<https://api.rechargeapps.com/customers?limit=250&page_info=eyJr_-9>; rel="next"';
    const links = parseLinkHeader(header);
    expect(links.next?.pageInfo).toBe('eyJr_-9');
    expect(links.previous?.pageInfo).toBe('prevTok');
  });

  it('handles a single link, unquoted rel, and odd spacing', () => {
    expect(parseLinkHeader('<http://127.0.0.1/a?page_info=n1>;rel=next').next?.pageInfo).toBe('n1');
    expect(parseLinkHeader(' <http://127.0.0.1/a?cursor=c2> ;  rel="next"').next?.pageInfo).toBe(
      'c2',
    );
    expect(parseLinkHeader('<http://127.0.0.1/a?page_info=p>; rel="prev"').previous?.pageInfo).toBe(
      'p',
    );
  });

  it('returns no links for an empty, absent or garbled header', () => {
    for (const header of ['', null, undefined, 'garbage', '<>; rel="next"']) {
      expect(parseLinkHeader(header)).toEqual({ next: null, previous: null });
    }
  });

  it('does not take a previous link for the next one', () => {
    const links = parseLinkHeader('<http://127.0.0.1/a?page_info=p>; rel="previous"');
    expect(links.next).toBeNull();
  });
});
