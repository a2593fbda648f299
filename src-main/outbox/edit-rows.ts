import type { ErrorShape } from '../../src-shared/errors.ts';
import type { AuditEntry, EditKind, EditState } from '../../src-shared/outbox/edits.ts';
import type { FieldValues } from '../../src-shared/outbox/rules.ts';

export interface EditRow {
  id: number;
  customerId: number;
  addressId: number | null;
  kind: EditKind;
  state: EditState;
  /** Values to send; a payment token is stored encrypted, only while the edit is live. */
  patch: FieldValues;
  base: FieldValues;
  baseUpdatedAt: string | null;
  theirs: FieldValues | null;
  attempts: number;
  lastError: ErrorShape | null;
  batchId: string | null;
  ambiguous: boolean;
  nextAttemptAt: number;
  createdAt: string;
  updatedAt: string;
}

export interface NewEdit {
  customerId: number;
  addressId: number | null;
  kind: EditKind;
  patch: FieldValues;
  base: FieldValues;
  baseUpdatedAt: string | null;
  batchId: string | null;
}

export interface EditChange {
  state: EditState;
  patch?: FieldValues;
  base?: FieldValues;
  baseUpdatedAt?: string | null;
  theirs?: FieldValues | null;
  lastError?: ErrorShape | null;
  addressId?: number | null;
  ambiguous?: boolean;
  nextAttemptAt?: number;
  countAttempt?: boolean;
  /** What the audit log says about this change. */
  event: string;
  message?: string | null;
}

export interface Raw {
  id: number;
  customer_id: number;
  address_id: number | null;
  kind: EditKind;
  state: EditState;
  patch: string;
  base: string;
  base_updated_at: string | null;
  theirs: string | null;
  attempts: number;
  last_error: string | null;
  batch_id: string | null;
  ambiguous: number;
  next_attempt_at: number;
  created_at: string;
  updated_at: string;
}

export interface AuditRaw {
  id: number;
  edit_id: number;
  customer_id: number;
  kind: EditKind;
  event: string;
  state: EditState;
  fields: string;
  message: string | null;
  at: string;
}

export function auditFromRaw(r: AuditRaw): AuditEntry {
  return {
    id: r.id,
    editId: r.edit_id,
    customerId: r.customer_id,
    kind: r.kind,
    event: r.event,
    state: r.state,
    fields: JSON.parse(r.fields) as string[],
    message: r.message,
    at: r.at,
  };
}

export const jsonOrNull = (value: unknown): string | null =>
  value === null ? null : JSON.stringify(value);

export function fromRaw(raw: Raw): EditRow {
  return {
    id: raw.id,
    customerId: raw.customer_id,
    addressId: raw.address_id,
    kind: raw.kind,
    state: raw.state,
    patch: JSON.parse(raw.patch) as FieldValues,
    base: JSON.parse(raw.base) as FieldValues,
    baseUpdatedAt: raw.base_updated_at,
    theirs: raw.theirs === null ? null : (JSON.parse(raw.theirs) as FieldValues),
    attempts: raw.attempts,
    lastError: raw.last_error === null ? null : (JSON.parse(raw.last_error) as ErrorShape),
    batchId: raw.batch_id,
    ambiguous: raw.ambiguous === 1,
    nextAttemptAt: raw.next_attempt_at,
    createdAt: raw.created_at,
    updatedAt: raw.updated_at,
  };
}
