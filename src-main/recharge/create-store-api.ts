// Picks the adapter for the client's API version.
import type { RechargeClient } from './client.ts';
import type { StoreApi } from './store-api.ts';
import { createStoreApi2021_01 } from './v2021-01.ts';
import { createStoreApi2021_11 } from './v2021-11.ts';

export function createStoreApi(client: RechargeClient): StoreApi {
  return client.apiVersion === '2021-11'
    ? createStoreApi2021_11(client)
    : createStoreApi2021_01(client);
}
