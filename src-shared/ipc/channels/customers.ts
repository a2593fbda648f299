import { z } from 'zod';
import {
  CountInput,
  CountResult,
  CustomerDetail,
  SearchInput,
  SearchResult,
} from '../../customers/views.ts';
import { ExportInput, ExportResult } from '../../customers/export.ts';
import { defineChannels } from '../define.ts';

export const CustomerId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const customersChannels = defineChannels({
  'customers:search': { input: SearchInput, output: SearchResult, scope: 'read_customer' },
  /** The exact total of a search whose answer said "at least". */
  'customers:count': { input: CountInput, output: CountResult, scope: 'read_customer' },
  'customers:get': {
    input: z.object({ id: CustomerId }).strict(),
    output: CustomerDetail,
    scope: 'read_customer',
  },
  /** Writes every row of a search to a CSV file; progress comes as `customers:exportProgress`. */
  'customers:export': { input: ExportInput, output: ExportResult, scope: 'read_customer' },
  /** Stops the running export; its partial file is removed. False: none was running. */
  'customers:exportCancel': {
    input: z.undefined(),
    output: z.object({ cancelled: z.boolean() }),
    scope: 'read_customer',
  },
});
