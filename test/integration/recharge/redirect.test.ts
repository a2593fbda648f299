// Security, second round, item 1: a store that passes the token check and then redirects the
// sync elsewhere must not hand the token to that other host.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createRechargeClient } from '../../../src-main/recharge/client.ts';
import { createStoreApi } from '../../../src-main/recharge/create-store-api.ts';
import { RechargeError } from '../../../src-main/recharge/errors.ts';
import { RateLimiter } from '../../../src-main/recharge/rate-limiter.ts';
import { checkToken } from '../../../src-main/vault/token-check.ts';

const TOKEN = 'sk_redirect_test_token_0123456789';
const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function listen(
  handler: Parameters<typeof createServer>[1],
): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('the API token never follows a redirect', () => {
  it.each(['2021-01', '2021-11'] as const)(
    'on %s: the check passes, the sync is refused, the other host sees nothing',
    async (version) => {
      const seenElsewhere: IncomingHttpHeaders[] = [];
      const elsewhere = await listen((request, response) => {
        seenElsewhere.push(request.headers);
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end('{"customers": [], "count": 0}');
      });
      const store = await listen((request, response) => {
        const path = new URL(request.url ?? '/', 'http://x').pathname;
        const checking = version === '2021-11' ? path === '/token_information' : seenPaths++ === 0;
        if (checking) {
          response.writeHead(200, { 'Content-Type': 'application/json' });
          response.end(
            version === '2021-11'
              ? JSON.stringify({ token_information: { scopes: ['read_customers'] } })
              : '{"customers": []}',
          );
          return;
        }
        redirected += 1;
        response.writeHead(307, { Location: `${elsewhere.url}${request.url}` });
        response.end();
      });
      let seenPaths = 0;
      let redirected = 0;

      const checked = await checkToken({
        baseUrl: store.url,
        version,
        token: TOKEN,
        writeScopes: [],
      });
      expect(checked.scopes).toContain('read_customer');

      const api = createStoreApi(
        createRechargeClient({
          baseUrl: store.url,
          token: TOKEN,
          apiVersion: version,
          limiter: new RateLimiter(),
          retry: { baseDelayMs: 1, maxDelayMs: 2 },
        }),
      );
      const error = await api.listCustomers({ limit: 250 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RechargeError);
      expect((error as RechargeError).kind).toBe('protocol');
      expect((error as RechargeError).message).toMatch(/redirect/);
      await api.getCustomer(1).catch(() => undefined);
      // The push: a PUT of the customer on 2021-01, a POST of a payment method on 2021-11.
      const pushed = await api
        .replacePaymentToken({ customer: { id: 1 }, paymentMethods: [] } as never, {
          processor: 'stripe',
          customerToken: 'cus_RedirectedToken1',
          paymentMethodToken: 'pm_RedirectedToken1',
        })
        .catch((e: unknown) => e);
      expect((pushed as RechargeError).kind).toBe('protocol');
      expect(seenElsewhere).toEqual([]);
      // Each call met one redirect and stopped there: none was retried.
      expect(redirected).toBeLessThanOrEqual(3);
    },
  );
});
