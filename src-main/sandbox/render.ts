// Picks the version's renderer: one record, the wire shape the request's API version speaks.
import type * as w0101 from '../../src-shared/recharge/wire-2021-01.ts';
import type * as w2111 from '../../src-shared/recharge/wire-2021-11.ts';
import type { ApiVersion } from '../../src-shared/recharge/versions.ts';
import type { SbAddress, SbCustomer } from './model.ts';
import { address0101, customer0101 } from './render-2021-01.ts';
import { address2111, customer2111 } from './render-2021-11.ts';
import type { SandboxStore } from './store.ts';
import type { Row } from './table.ts';
import type { TimestampStyle } from './timestamps.ts';

export interface RenderContext {
  store: SandboxStore;
  customerTimestamps: TimestampStyle;
}

export function customerRenderer(
  context: RenderContext,
  version: ApiVersion,
): (row: Row<SbCustomer>) => w0101.Customer | w2111.Customer {
  if (version === '2021-11') return (row) => customer2111(row, context.customerTimestamps);
  return (row) => customer0101(row, context.store.defaultMethodOf(row.data.id)?.data);
}

export function addressRenderer(
  version: ApiVersion,
): (row: Row<SbAddress>) => w0101.Address | w2111.Address {
  return version === '2021-11' ? address2111 : address0101;
}
