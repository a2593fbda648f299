import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../src-main/sandbox/index.ts';
import {
  checkToken,
  NO_SCOPES_MESSAGE,
  TOKEN_REFUSED_MESSAGE,
} from '../../../src-main/vault/token-check.ts';
import { appErrorOf } from '../../helpers/app-error.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 42, customers: 30 });
});
afterAll(() => sandbox.close());

describe('token check against the sandbox over HTTP', () => {
  it('reads all scopes of the full token from /token_information on 2021-11', async () => {
    const result = await checkToken({
      baseUrl: sandbox.url,
      version: '2021-11',
      token: sandbox.tokens.full,
      writeScopes: [],
    });
    expect(result).toEqual({
      scopes: ['read_customer', 'write_customer', 'read_payments', 'write_payments'],
      claimed: [],
    });
  });

  it('gives a read-only token only the read scopes, on either version', async () => {
    for (const version of ['2021-01', '2021-11'] as const) {
      const result = await checkToken({
        baseUrl: sandbox.url,
        version,
        token: sandbox.tokens.readOnly,
        writeScopes: [],
      });
      expect(result, version).toEqual({ scopes: ['read_customer', 'read_payments'], claimed: [] });
    }
  });

  it('says the store refused the token on a 401', async () => {
    for (const version of ['2021-01', '2021-11'] as const) {
      const error = await appErrorOf(
        checkToken({ baseUrl: sandbox.url, version, token: 'not-a-real-token', writeScopes: [] }),
      );
      expect(error.kind, version).toBe('auth');
      expect(error.message).toBe(TOKEN_REFUSED_MESSAGE);
    }
  });

  it('on a 403 for the read probe: no read scope; refused when nothing else was ticked', async () => {
    const writeOnly = sandbox.admin.addToken({ scopes: ['write_customers'] }).token;
    const error = await appErrorOf(
      checkToken({ baseUrl: sandbox.url, version: '2021-01', token: writeOnly, writeScopes: [] }),
    );
    expect(error.kind).toBe('forbidden');
    expect(error.message).toBe(NO_SCOPES_MESSAGE);

    const ticked = await checkToken({
      baseUrl: sandbox.url,
      version: '2021-01',
      token: writeOnly,
      writeScopes: ['write_customer'],
    });
    expect(ticked).toEqual({ scopes: [], claimed: ['write_customer'] });
  });

  it('fails with a network error when nothing listens, and says nothing was saved', async () => {
    const closed = await startSandbox({ customers: 1 });
    await closed.close();
    const error = await appErrorOf(
      checkToken({
        baseUrl: closed.url,
        version: '2021-11',
        token: closed.tokens.full,
        writeScopes: [],
      }),
    );
    expect(error.kind).toBe('network');
    expect(error.message).not.toContain(closed.tokens.full);
  });
});
