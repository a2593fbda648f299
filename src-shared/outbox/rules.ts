/** Values of the fields an edit touches; null is a cleared field. */
export type FieldValues = Record<string, string | null>;

/** The fields whose value the patch would actually change on this record. */
export function changedFields(current: FieldValues, patch: FieldValues): string[] {
  return Object.keys(patch).filter((field) => (current[field] ?? null) !== patch[field]);
}

export function pick(record: Record<string, unknown>, fields: readonly string[]): FieldValues {
  const out: FieldValues = {};
  for (const field of fields) {
    const value = record[field];
    out[field] = value === undefined || value === null ? null : String(value);
  }
  return out;
}

export interface ConflictCheck {
  /** Fields the server changed since the base and to something other than ours. */
  conflicting: string[];
  /** Fields the server already holds our value for: nothing left to send. */
  converged: string[];
}

/**
 * Conflict rule: a touched field conflicts only when the server moved away from the value
 * the edit was based on, and not to the value we want. Untouched fields never conflict.
 */
export function detectConflict(
  base: FieldValues,
  mine: FieldValues,
  server: FieldValues,
): ConflictCheck {
  const conflicting: string[] = [];
  const converged: string[] = [];
  for (const field of Object.keys(mine)) {
    const theirs = server[field] ?? null;
    if (theirs === mine[field]) converged.push(field);
    else if (theirs !== (base[field] ?? null)) conflicting.push(field);
  }
  return { conflicting, converged };
}

export type FieldChoice = 'mine' | 'theirs';

/**
 * Applies a person's decision to a conflicted edit: the fields to still send (re-based on the
 * server's current values) — or none, when every field goes to theirs.
 */
export function resolveConflict(
  mine: FieldValues,
  theirs: FieldValues,
  choice: FieldChoice | { fields: Record<string, FieldChoice> },
): { patch: FieldValues; base: FieldValues } {
  const patch: FieldValues = {};
  const base: FieldValues = {};
  for (const field of Object.keys(mine)) {
    const pickMine =
      typeof choice === 'string' ? choice === 'mine' : choice.fields[field] === 'mine';
    if (!pickMine) continue;
    patch[field] = mine[field] ?? null;
    base[field] = theirs[field] ?? null;
  }
  return { patch, base };
}

/** Overlays queued values on a cached record, oldest edit first, so the newest wins. */
export function overlay<T extends Record<string, unknown>>(
  record: T,
  pending: readonly FieldValues[],
): { record: T; pendingFields: string[] } {
  const out: Record<string, unknown> = { ...record };
  const fields = new Set<string>();
  for (const patch of pending) {
    for (const [field, value] of Object.entries(patch)) {
      out[field] = value;
      fields.add(field);
    }
  }
  return { record: out as T, pendingFields: [...fields].sort() };
}
