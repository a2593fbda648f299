import { z } from 'zod';
import {
  AuditEntry,
  BulkPreview,
  BulkPreviewInput,
  BulkUpdateInput,
  BulkUpdateResult,
  CreateAddressInput,
  CustomerId,
  EditIdsInput,
  EditReceipt,
  OutboxList,
  OutboxListInput,
  OutboxSummary,
  ResolveInput,
  UpdateAddressInput,
  UpdateBillingInput,
  UpdatePaymentTokenInput,
} from '../../outbox/edits.ts';
import { defineChannels } from '../define.ts';

export const editChannels = defineChannels({
  'customers:updateBilling': {
    input: UpdateBillingInput,
    output: EditReceipt,
    scope: 'write_customer',
  },
  'customers:updatePaymentToken': {
    input: UpdatePaymentTokenInput,
    output: EditReceipt,
    scope: 'write_payments',
  },
  'customers:bulkPreview': {
    input: BulkPreviewInput,
    output: BulkPreview,
    scope: 'write_customer',
  },
  'customers:bulkUpdate': {
    input: BulkUpdateInput,
    output: BulkUpdateResult,
    scope: 'write_customer',
  },
  'customers:history': {
    input: z.object({ customerId: CustomerId }).strict(),
    output: z.object({ entries: z.array(AuditEntry) }),
    scope: 'read_customer',
  },
  'addresses:create': { input: CreateAddressInput, output: EditReceipt, scope: 'write_customer' },
  'addresses:update': { input: UpdateAddressInput, output: EditReceipt, scope: 'write_customer' },
  'outbox:list': { input: OutboxListInput, output: OutboxList },
  'outbox:summary': { input: z.undefined(), output: OutboxSummary },
  'outbox:retry': { input: EditIdsInput, output: OutboxSummary, scope: 'write_customer' },
  'outbox:discard': { input: EditIdsInput, output: OutboxSummary },
  'outbox:resolve': { input: ResolveInput, output: EditReceipt, scope: 'write_customer' },
  'outbox:push': { input: z.undefined(), output: OutboxSummary, scope: 'write_customer' },
  'outbox:exportAudit': { input: z.undefined(), output: z.object({ csv: z.string() }) },
});
