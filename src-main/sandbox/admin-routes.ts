// HTTP face of the admin controls, under /__sandbox/. No token and no rate limit: the server
// listens on loopback only, and admin-guard.ts refuses any request a web page could have sent.
import { z } from 'zod';
import { NOT_FOUND, withBody, type AdminAnswer } from './admin-answer.ts';
import { handleAdminList } from './admin-lists.ts';
import { handleHostileAdmin } from './admin-routes-hostile.ts';
import type { AdminResult, SandboxAdmin } from './admin.ts';
import { pathId } from './api-types.ts';
import { parseJson } from './http-io.ts';
import { instantOf } from './sandbox-clock.ts';

export const ADMIN_PREFIX = '/__sandbox';

const ResetBody = z.strictObject({
  seed: z.number().int().optional(),
  customers: z.number().int().min(0).max(2_000_000).optional(),
  sparse: z.boolean().optional(),
  clock: z
    .union([z.number(), z.string()])
    .refine((value) => instantOf(value) !== null, 'epoch ms or ISO text with an offset (or Z)')
    .optional(),
  frozenClock: z.boolean().optional(),
});
const TokenBody = z.strictObject({
  scopes: z.array(z.string()),
  label: z.string().min(1).optional(),
  token: z.string().min(8).optional(),
});
const TimeScaleBody = z.strictObject({ timeScale: z.number().positive() });

function fromResult<T>(result: AdminResult<T>, key: string): AdminAnswer {
  return result.ok
    ? { status: 200, body: { [key]: result.value } }
    : { status: result.status, body: { errors: result.errors } };
}

export function handleAdmin(
  admin: SandboxAdmin,
  method: string,
  path: string,
  query: URLSearchParams,
  rawBody: string,
): AdminAnswer {
  let body: unknown = {};
  if (rawBody.trim() !== '') {
    const parsed = parseJson(rawBody);
    if (!parsed.ok)
      return { status: 400, body: { errors: `Malformed JSON body: ${parsed.message}` } };
    body = parsed.value;
  }
  const rest = path.slice(ADMIN_PREFIX.length).replace(/\/+$/, '');
  const [, resource = '', rawId, sub] = rest.split('/');
  const route = `${method} ${resource}${rawId === undefined ? '' : '/:id'}${sub === undefined ? '' : `/${sub}`}`;
  const id = pathId(rawId);
  const answer = handleHostileAdmin(admin, route, body) ?? handleAdminList(admin, route, body);
  if (answer) return answer;

  switch (route) {
    case 'GET state':
      return { status: 200, body: admin.state() };
    case 'POST reset':
      return withBody(ResetBody, body, (options) => {
        admin.reset(options);
        return { status: 200, body: admin.state() };
      });
    case 'POST customers/:id':
      return id === null ? NOT_FOUND : fromResult(admin.patchCustomer(id, body), 'customer');
    case 'DELETE customers/:id':
      return id !== null && admin.deleteCustomer(id) ? { status: 204 } : NOT_FOUND;
    case 'POST addresses/:id':
      return id === null ? NOT_FOUND : fromResult(admin.patchAddress(id, body), 'address');
    case 'DELETE addresses/:id':
      return id !== null && admin.deleteAddress(id) ? { status: 204 } : NOT_FOUND;
    case 'GET customers/:id/payment_methods': {
      const methods = id === null ? null : admin.paymentMethodsOf(id);
      return methods ? { status: 200, body: { payment_methods: methods } } : NOT_FOUND;
    }
    case 'POST customers/:id/payment_methods': {
      if (id === null) return NOT_FOUND;
      const answer = fromResult(admin.createPaymentMethod(id, body), 'payment_method');
      return answer.status === 200 ? { ...answer, status: 201 } : answer;
    }
    case 'POST payment_methods/:id':
      return id === null
        ? NOT_FOUND
        : fromResult(admin.patchPaymentMethod(id, body), 'payment_method');
    case 'DELETE payment_methods/:id':
      return id !== null && admin.deletePaymentMethod(id) ? { status: 204 } : NOT_FOUND;
    case 'GET requests': {
      const since = Number(query.get('since') ?? '0');
      const limit = query.get('limit');
      const options = limit === null ? { since } : { since, limit: Number(limit) };
      return { status: 200, body: { requests: admin.requests(options) } };
    }
    case 'DELETE requests':
      admin.clearRequests();
      return { status: 204 };
    case 'POST tokens':
      return withBody(TokenBody, body, (input) => {
        try {
          return { status: 201, body: admin.addToken(input) };
        } catch (error) {
          return { status: 422, body: { errors: { scopes: [(error as Error).message] } } };
        }
      });
    case 'PUT time-scale':
      return withBody(TimeScaleBody, body, ({ timeScale }) => {
        admin.setTimeScale(timeScale);
        return { status: 200, body: admin.state() };
      });
    default:
      return NOT_FOUND;
  }
}
