import { z } from 'zod';
import {
  CountInput,
  CountResult,
  CustomerDetail,
  SearchInput,
  SearchResult,
} from '../../customers/views.ts';
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
});
