// token_information exists in 2021-11 only, so both adapters ask it the same way.
import { TokenInformation } from '../../src-shared/recharge/wire-common.ts';
import type { RechargeClient } from './client.ts';

export async function tokenInformation(
  client: RechargeClient,
  signal?: AbortSignal,
): Promise<{ name: string | null; scopes: string[] }> {
  const answer = await client.request({
    method: 'GET',
    path: '/token_information',
    schema: TokenInformation,
    scope: 'read_customer',
    version: '2021-11',
    signal,
  });
  const info = answer.data.token_information;
  return { name: info.name ?? null, scopes: info.scopes };
}
