import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src-main/lib/logger.ts';
import { createOpenExternal, vetExternalUrl } from '../../../src-main/shell/open-external.ts';

describe('openExternal guard', () => {
  it('passes https links to ReCharge docs and help', () => {
    expect(vetExternalUrl('https://developer.rechargepayments.com/2021-11/customers')).toBe(
      'https://developer.rechargepayments.com/2021-11/customers',
    );
    expect(vetExternalUrl('https://support.rechargepayments.com/hc?q=a b')).toBe(
      'https://support.rechargepayments.com/hc?q=a%20b',
    );
  });

  it.each([
    'http://developer.rechargepayments.com/',
    'file:///etc/passwd',
    'smb://attacker/share',
    'javascript:alert(1)',
    'ms-msdt:/id PCWDiagnostic',
    'https://rechargepayments.com.evil.example/',
    'https://evil.example/?https://rechargepayments.com',
    'https://user:pw@developer.rechargepayments.com/',
    'https://developer.rechargepayments.com:8443/',
    'https://evilrechargepayments.com/',
    'not a url',
    'https://developer.rechargepayments.com/' + 'a'.repeat(3000),
  ])('refuses %s', (url) => {
    expect(vetExternalUrl(url)).toBeNull();
  });

  it('refuses non-strings', () => {
    expect(vetExternalUrl(undefined)).toBeNull();
    expect(vetExternalUrl({ href: 'https://rechargepayments.com/' })).toBeNull();
  });

  it('calls the injected shell only for vetted links and logs refusals', async () => {
    const opened: string[] = [];
    const lines: string[] = [];
    const open = createOpenExternal(
      { openExternal: async (u) => void opened.push(u) },
      createLogger((l) => lines.push(l)),
    );
    expect(await open('https://docs.rechargepayments.com/x')).toBe(true);
    expect(await open('file:///etc/passwd')).toBe(false);
    expect(opened).toEqual(['https://docs.rechargepayments.com/x']);
    expect(lines.join('\n')).toContain('refused to open an external link');
  });

  it('reports a shell failure as false instead of throwing', async () => {
    const open = createOpenExternal(
      {
        openExternal: async () => {
          throw new Error('no browser');
        },
      },
      createLogger(() => {}),
    );
    expect(await open('https://rechargepayments.com/')).toBe(false);
  });
});
