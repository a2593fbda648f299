// One page of a pull, alike in both API versions but for the cursor's name and the list's key.
import type { z } from 'zod';
import { mapInSlices } from '../lib/map-in-slices.ts';
import { listParams, type CursorParam } from './list-params.ts';
import type { readRequest } from './read-request.ts';
import type { ListQuery, Page } from './store-api.ts';

type ItemOf<A> = A extends readonly (infer I)[] ? I : never;

/**
 * Lists that page by `cursorParam`: the items under `key` checked and mapped onto the domain a
 * slice at a time, and the next cursor.
 */
export function pageLister(get: ReturnType<typeof readRequest>, cursorParam: CursorParam) {
  return <S extends z.ZodObject, K extends keyof z.output<S> & string, T>(
      path: string,
      schema: S,
      key: K,
      map: (item: ItemOf<z.output<S>[K]>) => T,
    ) =>
    async (query: ListQuery, signal?: AbortSignal): Promise<Page<T>> => {
      const answer = await get(path, schema, listParams(query, cursorParam), signal, key);
      const items = answer.data[key] as ItemOf<z.output<S>[K]>[];
      return { items: await mapInSlices(items, map), next: answer.next };
    };
}
