import { describe, expect, it } from 'vitest';
import { errorFromResponse, networkError } from '../../../src-main/recharge/errors.ts';
import { AppError } from '../../../src-shared/errors.ts';

const reply = (status: number, body: unknown, scope?: 'write_payments') =>
  errorFromResponse({
    status,
    bodyText: typeof body === 'string' ? body : JSON.stringify(body),
    retryAfterMs: null,
    requestId: 'req-1',
    scope,
  });

describe('ReCharge error kinds', () => {
  it('maps each status to a kind with a message a merchant can read', () => {
    const cases: [number, string, RegExp][] = [
      [401, 'auth', /^The store refused the API token\.$/],
      [403, 'forbidden', /permission/],
      [404, 'not_found', /no longer exists/],
      [409, 'conflict', /changed meanwhile/],
      [422, 'validation', /rejected/],
      [429, 'rate_limited', /limiting requests/],
      [500, 'server', /HTTP 500/],
      [503, 'server', /HTTP 503/],
      [426, 'protocol', /HTTP 426/],
    ];
    for (const [status, kind, message] of cases) {
      const error = reply(status, { errors: 'whatever' });
      expect(error).toBeInstanceOf(AppError);
      expect(error.kind).toBe(kind);
      expect(error.status).toBe(status);
      expect(error.message).toMatch(message);
      expect(error.requestId).toBe('req-1');
    }
  });

  it('names the missing scope on a 403', () => {
    const error = reply(403, { errors: 'forbidden' }, 'write_payments');
    expect(error.scope).toBe('write_payments');
    expect(error.message).toContain('Update payment tokens');
    expect(error.toShape()).toMatchObject({ kind: 'forbidden', scope: 'write_payments' });
  });

  it('reads every error body shape into field errors', () => {
    const lists = reply(422, { errors: { first_name: ['Shorter than minimum length 1.'] } });
    expect(lists.fieldErrors).toEqual({ first_name: ['Shorter than minimum length 1.'] });
    expect(lists.message).toContain('first_name: Shorter than minimum length 1.');

    const strings = reply(422, { errors: { email: 'email already exists on store' } });
    expect(strings.fieldErrors).toEqual({ email: ['email already exists on store'] });

    const schema = reply(422, { errors: { _schema: ['Body must be an object.'] } });
    expect(schema.fieldErrors).toEqual({ _schema: ['Body must be an object.'] });
    expect(schema.message).toContain('Body must be an object.');

    const message = reply(422, { errors: 'Invalid address' });
    expect(message.fieldErrors).toBeUndefined();
    expect(message.message).toContain('Invalid address');

    const single = reply(400, { error: 'bad json' });
    expect(single.kind).toBe('validation');
    expect(single.message).toContain('bad json');
  });

  it('survives bodies that are empty, HTML or cut short', () => {
    for (const body of ['', '<html>502</html>', '{"errors": {"a"']) {
      const error = reply(502, body);
      expect(error.kind).toBe('server');
      expect(error.message.length).toBeGreaterThan(10);
    }
    expect(reply(422, '').message).toContain('rejected');
  });

  it('tells a timeout from an unreachable store', () => {
    expect(networkError(new Error('x'), true).message).toMatch(/did not answer in time/);
    expect(networkError(new Error('x'), false).message).toMatch(/Could not reach the store/);
    expect(networkError(new Error('x'), false).status).toBeNull();
  });
});
