// The customer export's columns: what the list shows, plus the street address it leaves out.
import type { CsvColumn } from '../../src-shared/csv.ts';
import type { ExportRow } from '../db/search/export-pages.ts';

/** yes / no, and an empty cell where the store did not say. */
const yesNoCell = (flag: boolean | null) => (flag === null ? null : flag ? 'yes' : 'no');

export const CUSTOMER_EXPORT_COLUMNS: readonly CsvColumn<ExportRow>[] = [
  { header: 'ReCharge id', value: (r) => r.id },
  { header: 'First name', value: (r) => r.first_name },
  { header: 'Last name', value: (r) => r.last_name },
  { header: 'Email', value: (r) => r.email },
  { header: 'Phone', value: (r) => r.phone },
  { header: 'Status', value: (r) => r.status },
  { header: 'Valid payment method', value: (r) => yesNoCell(r.has_valid_payment_method) },
  { header: 'In dunning', value: (r) => yesNoCell(r.in_dunning) },
  { header: 'Processor', value: (r) => r.processor_type },
  { header: 'Company', value: (r) => r.billing_company },
  { header: 'Address 1', value: (r) => r.billing_address1 },
  { header: 'Address 2', value: (r) => r.billing_address2 },
  { header: 'City', value: (r) => r.billing_city },
  { header: 'State / province', value: (r) => r.billing_province },
  { header: 'ZIP', value: (r) => r.billing_zip },
  { header: 'Country', value: (r) => r.billing_country },
  { header: 'Billing phone', value: (r) => r.billing_phone },
  { header: 'External id', value: (r) => r.external_customer_id },
  { header: 'Updated', value: (r) => r.updated_at },
  { header: 'Pending fields', value: (r) => r.pending_fields.join(' ') },
];

/** Without `status`, the Status column is left out (API 2021-11 customers have none). */
export const customerExportColumns = (options: { status: boolean }) =>
  options.status
    ? CUSTOMER_EXPORT_COLUMNS
    : CUSTOMER_EXPORT_COLUMNS.filter((c) => c.header !== 'Status');
