// Test helpers: every object of a list in either version, and the documented keys of a schema.
import type { z } from 'zod';
import type { Sandbox } from '../../../src-main/sandbox/index.ts';
import type { ApiVersion } from '../../../src-shared/recharge/versions.ts';
import { call, linkCursor } from './http.ts';

export type Version = ApiVersion;
export type Json = Record<string, unknown>;

/** Every item of a list, page after page (Link header on 2021-01, next_cursor on 2021-11). */
export async function listAll(
  sandbox: Sandbox,
  version: Version,
  resource: 'customers' | 'addresses' | 'payment_methods',
  query = '',
): Promise<Json[]> {
  const items: Json[] = [];
  const get = (path: string) => call(sandbox.url, path, { token: sandbox.tokens.full, version });
  let response = await get(`/${resource}?limit=250${query}`);
  for (;;) {
    if (response.status !== 200)
      throw new Error(`${resource}: ${response.status} ${response.text}`);
    const body = response.json as Json;
    items.push(...(body[resource] as Json[]));
    const next =
      version === '2021-01'
        ? linkCursor(response.headers, 'next')
        : (body['next_cursor'] as string);
    if (!next) return items;
    const param = version === '2021-01' ? 'page_info' : 'cursor';
    response = await get(`/${resource}?${param}=${next}&limit=250`);
  }
}

/** The keys a loose zod object documents. */
export function documentedKeys(schema: z.ZodObject): string[] {
  return Object.keys(schema.shape);
}

/** Keys of an object that its schema does not document. */
export function undocumented(item: Json, schema: z.ZodObject, allowed: string[] = []): string[] {
  const known = new Set([...documentedKeys(schema), ...allowed]);
  return Object.keys(item).filter((key) => !known.has(key));
}
