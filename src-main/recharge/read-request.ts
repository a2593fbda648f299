// A GET of either API version, asked with the read scope its path needs.
import type { z } from 'zod';
import type { RechargeClient } from './client.ts';

export function readRequest(client: RechargeClient) {
  return <S extends z.ZodType>(
    path: string,
    schema: S,
    query?: URLSearchParams,
    signal?: AbortSignal,
    list?: string,
  ) =>
    client.request({
      method: 'GET',
      path,
      schema,
      scope: path.startsWith('/payment_methods') ? 'read_payments' : 'read_customer',
      signal,
      ...(query ? { query } : {}),
      ...(list ? { list } : {}),
    });
}
