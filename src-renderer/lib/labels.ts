import type { EditKind, EditState } from '../../src-shared/outbox/edits.ts';

export { FIELD_LABELS, fieldLabel } from '../../src-shared/outbox/field-labels.ts';

export const EDIT_KIND_LABELS: Record<EditKind, string> = {
  billing: 'Billing details',
  payment_token: 'Payment token',
  address_create: 'New address',
  address_update: 'Address change',
};

export const EDIT_STATE_LABELS: Record<EditState, string> = {
  pending: 'Pending',
  in_flight: 'Sending',
  done: 'Sent',
  failed: 'Failed',
  conflict: 'Conflict',
  discarded: 'Discarded',
};

export const EDIT_STATE_COLORS: Record<EditState, string> = {
  pending: 'info',
  in_flight: 'info',
  done: 'success',
  failed: 'error',
  conflict: 'warning',
  discarded: 'default',
};
