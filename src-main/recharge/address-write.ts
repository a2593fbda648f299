// A write of one address in either API version: the store answers with the address as it is now.
import type { z } from 'zod';
import type { AddressFacts } from '../../src-shared/customers/model.ts';
import type { RechargeClient } from './client.ts';

export function addressWriter<S extends z.ZodType<{ address: unknown }>>(
  client: RechargeClient,
  schema: S,
  facts: (address: z.output<S>['address']) => AddressFacts,
) {
  return async (method: 'POST' | 'PUT', path: string, body: object, signal?: AbortSignal) => {
    const answer = await client.request({
      method,
      path,
      body,
      schema,
      scope: 'write_customer',
      signal,
    });
    return facts(answer.data.address);
  };
}
