import { describe, expect, it } from 'vitest';
import { createLogger, redact } from '../../../src-main/lib/logger.ts';

describe('logger redaction', () => {
  it('never writes processor tokens, secret-named fields or known secrets', () => {
    const lines: string[] = [];
    const logger = createLogger((l) => lines.push(l), { secrets: () => ['sk-live-abcdef123456'] });
    logger.info('saving cus_IV0hD7FtykKe1a for customer 5', {
      accessToken: 'plain-value',
      nested: { note: 'header was sk-live-abcdef123456', list: ['tok_visa123'] },
      error: new Error('token cus_ABCDEF refused'),
    });
    const out = lines.join('\n');
    for (const secret of [
      'IV0hD7FtykKe1a',
      'plain-value',
      'sk-live-abcdef123456',
      'visa123',
      'ABCDEF',
    ]) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('customer 5');
  });

  it('redacts the Stripe payment-method and card tokens a 2021-11 push carries', () => {
    const text = redact(
      "No such PaymentMethod: 'pm_1NqHvb2eZvKYlo2C'; card_1Abc2Def3Ghi; src_9Zy8Xw7V",
    ) as string;
    for (const secret of ['1NqHvb2eZvKYlo2C', '1Abc2Def3Ghi', '9Zy8Xw7V']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('pm_[redacted]');
  });

  it('keeps ordinary values intact', () => {
    expect(redact({ city: 'Los Angeles', zip: '90404', count: 3 })).toEqual({
      city: 'Los Angeles',
      zip: '90404',
      count: 3,
    });
  });
});
