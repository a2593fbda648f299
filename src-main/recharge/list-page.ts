// One page of a pull, alike in both API versions but for the cursor's name and the list's key.
import type { z } from 'zod';
import { mapInSlices } from '../lib/map-in-slices.ts';
import { listParams, type CursorParam } from './list-params.ts';
import type { readRequest } from './read-request.ts';
import type { ListQuery, Page } from './store-api.ts';

/** Lists that page by `cursorParam`: a list's items mapped onto the domain, and the next cursor. */
export function pageLister(get: ReturnType<typeof readRequest>, cursorParam: CursorParam) {
  return <S extends z.ZodType, W, T>(
      path: string,
      schema: S,
      itemsOf: (data: z.output<S>) => W[],
      map: (item: W) => T,
    ) =>
    async (query: ListQuery, signal?: AbortSignal): Promise<Page<T>> => {
      const answer = await get(path, schema, listParams(query, cursorParam), signal);
      return { items: await mapInSlices(itemsOf(answer.data), map), next: answer.next };
    };
}
