import { describe, expect, it } from 'vitest';
import {
  checkToken,
  isRechargeApiHost,
  normalizeBaseUrl,
  NO_SCOPES_MESSAGE,
  TOKEN_REFUSED_MESSAGE,
  type FetchLike,
} from '../../../src-main/vault/token-check.ts';
import { AppError } from '../../../src-shared/errors.ts';
import { appErrorOf } from '../../helpers/app-error.ts';

const TOKEN = 'sk_live_token_check_abcdef123456';

interface Seen {
  url: string;
  init: RequestInit;
}

function fakeFetch(answer: (url: string) => Response): { fetch: FetchLike; seen: Seen[] } {
  const seen: Seen[] = [];
  return {
    seen,
    fetch: async (url, init) => {
      seen.push({ url, init });
      return answer(url);
    },
  };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

type CheckRequest = Parameters<typeof checkToken>[0];

function tokenRequest(version: CheckRequest['version'], baseUrl = 'https://api.example.test') {
  return { baseUrl, version, token: TOKEN, writeScopes: [] } satisfies CheckRequest;
}

/** The AppError a check fails with. */
const refusal = (request: CheckRequest, deps: Parameters<typeof checkToken>[1]) =>
  appErrorOf(checkToken(request, deps));

describe('checkToken', () => {
  it('asks /token_information on 2021-11 with the auth headers and normalizes scopes', async () => {
    const { fetch, seen } = fakeFetch(() =>
      json(200, {
        token_information: { scopes: ['read_customers', 'write_payments', 'read_orders'] },
      }),
    );
    const result = await checkToken(tokenRequest('2021-11'), { fetch });
    expect(result).toEqual({ scopes: ['read_customer', 'write_payments'], claimed: [] });
    expect(seen[0]?.url).toBe('https://api.example.test/token_information');
    const headers = new Headers(seen[0]?.init.headers);
    expect(headers.get('X-Recharge-Access-Token')).toBe(TOKEN);
    expect(headers.get('X-Recharge-Version')).toBe('2021-11');
    expect(headers.get('Accept')).toBe('application/json');
    // A redirect must not carry the token elsewhere.
    expect(seen[0]?.init.redirect).toBe('manual');
    expect(seen[0]?.init.signal).toBeInstanceOf(AbortSignal);
  });

  it('on 2021-01 probes a read and keeps the ticked write scopes as claimed', async () => {
    const { fetch, seen } = fakeFetch(() => json(200, { customers: [] }));
    const result = await checkToken(
      {
        baseUrl: 'https://api.example.test',
        version: '2021-01',
        token: TOKEN,
        writeScopes: ['write_payments', 'write_customer'],
      },
      { fetch },
    );
    expect(seen[0]?.url).toBe('https://api.example.test/customers?limit=1');
    // 2021-01 keeps billing and the processor on the customer: reading customers reads them.
    expect(result).toEqual({
      scopes: ['read_customer', 'read_payments'],
      claimed: ['write_customer', 'write_payments'],
    });
  });

  it('maps 401 to the refused-token message, without the token in it', async () => {
    const { fetch } = fakeFetch(() => json(401, { error: 'bad authentication' }));
    const error = await refusal(tokenRequest('2021-01'), { fetch });
    expect(error.kind).toBe('auth');
    expect(error.message).toBe(TOKEN_REFUSED_MESSAGE);
  });

  it('refuses a token with none of the app’s scopes', async () => {
    const { fetch } = fakeFetch(() => json(403, { errors: 'no scope' }));
    const error = await refusal(tokenRequest('2021-01'), { fetch });
    expect(error.kind).toBe('forbidden');
    expect(error.message).toBe(NO_SCOPES_MESSAGE);
  });

  it('turns a refused connection into a network error', async () => {
    const fetch: FetchLike = async () => {
      throw new TypeError('fetch failed');
    };
    const error = await refusal(tokenRequest('2021-11', 'http://127.0.0.1:9'), { fetch });
    expect(error.kind).toBe('network');
    expect(error.message).toMatch(/Could not reach http:\/\/127\.0\.0\.1:9.*Nothing was saved/);
  });

  it('gives up after the timeout with a network error', async () => {
    const fetch: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) =>
        init.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
      );
    const error = await refusal(tokenRequest('2021-11', 'http://127.0.0.1:9'), {
      fetch,
      timeoutMs: 20,
    });
    expect(error.kind).toBe('network');
    expect(error.message).toMatch(/did not answer/);
  });

  it('rejects a body that is not token information', async () => {
    const { fetch } = fakeFetch(() => json(200, { hello: 'world' }));
    const error = await refusal(tokenRequest('2021-11'), { fetch });
    expect(error.kind).toBe('protocol');
  });

  it('maps an unsupported version, rate limiting and server errors', async () => {
    const cases: [number, AppError['kind']][] = [
      [426, 'protocol'],
      [429, 'rate_limited'],
      [503, 'server'],
      [302, 'protocol'],
    ];
    for (const [status, kind] of cases) {
      const { fetch } = fakeFetch(() => new Response(null, { status }));
      const error = await refusal(tokenRequest('2021-11'), { fetch });
      expect(error.kind, String(status)).toBe(kind);
    }
  });
});

describe('normalizeBaseUrl', () => {
  it('drops trailing slashes and keeps a path', () => {
    expect(normalizeBaseUrl('https://api.rechargeapps.com/')).toBe('https://api.rechargeapps.com');
    expect(normalizeBaseUrl('http://127.0.0.1:4010/api/')).toBe('http://127.0.0.1:4010/api');
  });

  it('refuses plain http to another computer, so the token never crosses a network in clear', () => {
    expect(() => normalizeBaseUrl('http://api.rechargeapps.com')).toThrow(AppError);
    expect(() => normalizeBaseUrl('ftp://127.0.0.1')).toThrow(AppError);
    expect(() => normalizeBaseUrl('https://user:pw@api.rechargeapps.com')).toThrow(AppError);
  });

  it('allows http only to a literal loopback address, not to names that may resolve elsewhere', () => {
    expect(normalizeBaseUrl('http://[::1]:4010')).toBe('http://[::1]:4010');
    for (const url of [
      'http://localhost:4010',
      'http://localhost.attacker.example',
      'http://127.0.0.1.nip.io',
      'http://LOCALHOST',
    ]) {
      expect(() => normalizeBaseUrl(url), url).toThrow(AppError);
    }
    expect(normalizeBaseUrl('https://localhost:4010')).toBe('https://localhost:4010');
  });

  it('tells ReCharge API hosts from others (those get a warning, not a refusal)', () => {
    expect(isRechargeApiHost('https://api.rechargeapps.com')).toBe(true);
    expect(isRechargeApiHost('https://api.stage.rechargeapps.com')).toBe(true);
    expect(isRechargeApiHost('https://rechargeapps.com.attacker.example')).toBe(false);
    expect(isRechargeApiHost('http://127.0.0.1:4010')).toBe(false);
  });
});
