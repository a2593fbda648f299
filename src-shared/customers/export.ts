// The CSV export of a search: asked with the search's text, filters and sort; written by main
// into a file, a chunk at a time, with progress events; the renderer never holds the rows.
import { z } from 'zod';
import { SearchInput } from './views.ts';

export const ExportInput = SearchInput.pick({ query: true, filters: true, sort: true }).strict();
export type ExportInput = z.input<typeof ExportInput>;

export const ExportResult = z.object({
  state: z.enum(['done', 'cancelled']),
  rows: z.number().int().nonnegative(),
  /** Where the file was saved (the app's save dialog); null in the browser harness. */
  path: z.string().nullable(),
  /** The browser harness: a one-time loopback address the renderer downloads the file from. */
  downloadUrl: z.string().nullable(),
});
export type ExportResult = z.infer<typeof ExportResult>;

export const ExportProgress = z.object({
  written: z.number().int().nonnegative(),
  /** Null until the search's total is counted. */
  total: z.number().int().nonnegative().nullable(),
});
export type ExportProgress = z.infer<typeof ExportProgress>;
