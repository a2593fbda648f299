// The customer export's columns: what the list shows, plus the street address it leaves out.
import type { CsvColumn } from '../../src-shared/csv.ts';
import type { ExportRow } from '../db/search/export-pages.ts';
import { fieldColumns } from './field-columns.ts';

/** Header → field; flags show as yes / no, the pending fields space-separated. */
export const CUSTOMER_EXPORT_COLUMNS: readonly CsvColumn<ExportRow>[] = fieldColumns<ExportRow>({
  'ReCharge id': 'id',
  'First name': 'first_name',
  'Last name': 'last_name',
  Email: 'email',
  Phone: 'phone',
  Status: 'status',
  'Valid payment method': 'has_valid_payment_method',
  'In dunning': 'in_dunning',
  Processor: 'processor_type',
  Company: 'billing_company',
  'Address 1': 'billing_address1',
  'Address 2': 'billing_address2',
  City: 'billing_city',
  'State / province': 'billing_province',
  ZIP: 'billing_zip',
  Country: 'billing_country',
  'Billing phone': 'billing_phone',
  'External id': 'external_customer_id',
  Updated: 'updated_at',
  'Pending fields': 'pending_fields',
});

/** Without `status`, the Status column is left out (API 2021-11 customers have none). */
export const customerExportColumns = (options: { status: boolean }) =>
  options.status
    ? CUSTOMER_EXPORT_COLUMNS
    : CUSTOMER_EXPORT_COLUMNS.filter((c) => c.header !== 'Status');
