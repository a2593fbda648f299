import type { AuditEntry, EditKind, EditState } from '../../src-shared/outbox/edits.ts';

/** One field of an edit: the value it had and the one the edit sets (tokens masked). */
export interface HistoryChange {
  field: string;
  before: string | null;
  after: string | null;
}

/** One edit in a customer's history: what it changed and what became of it. */
export interface HistoryRow {
  editId: number;
  kind: EditKind;
  changes: HistoryChange[];
  /** When the edit was made. */
  queuedAt: string;
  /** Its latest event: the outcome so far. */
  state: EditState;
  event: string;
  message: string | null;
  at: string;
}

const blank = (value: string | null | undefined) =>
  value === null || value === undefined || value.trim() === '';

function changesOf(entry: AuditEntry, kind: EditKind): HistoryChange[] {
  const after = entry.after;
  const before = entry.before ?? {};
  if (!after) return entry.fields.map((field) => ({ field, before: null, after: null }));
  // A new address lists the fields it sets, not the ones left empty.
  const fields = Object.keys(after).filter((f) => kind !== 'address_create' || !blank(after[f]));
  return fields.map((field) => ({
    field,
    before: before[field] ?? null,
    after: after[field] ?? null,
  }));
}

/**
 * The audit log (newest first, several events per edit) folded to one row per edit, newest
 * edit first: its values from the edit itself, its outcome from its latest event.
 */
export function historyRows(entries: readonly AuditEntry[]): HistoryRow[] {
  const byEdit = new Map<number, AuditEntry[]>();
  for (const entry of entries)
    byEdit.set(entry.editId, [...(byEdit.get(entry.editId) ?? []), entry]);
  const rows: HistoryRow[] = [];
  for (const [editId, events] of byEdit) {
    const ordered = [...events].sort((a, b) => a.at.localeCompare(b.at) || a.id - b.id);
    const first = ordered[0]!;
    const latest = ordered[ordered.length - 1]!;
    const withValues = ordered.findLast((e) => e.after !== undefined) ?? latest;
    rows.push({
      editId,
      kind: latest.kind,
      changes: changesOf(withValues, latest.kind),
      queuedAt: first.at,
      state: latest.state,
      event: latest.event,
      message: latest.message,
      at: latest.at,
    });
  }
  return rows.sort((a, b) => b.queuedAt.localeCompare(a.queuedAt) || b.editId - a.editId);
}

/** What became of an edit, in a merchant's words. */
export function outcomeText(row: Pick<HistoryRow, 'state' | 'event' | 'message'>): string {
  switch (row.state) {
    case 'done':
      return row.message === 'already on the store' ? 'Already on ReCharge' : 'Sent to ReCharge';
    case 'in_flight':
      return 'Sending';
    case 'pending':
      if (row.event === 'will retry') return 'Will be tried again';
      if (row.event === 'queue paused' || row.event === 'held: scope missing') return 'On hold';
      return 'Waiting to be sent';
    case 'conflict':
      return 'Conflict: choose in the outbox';
    case 'failed':
      return 'Refused by ReCharge';
    case 'discarded':
      return row.event === 'resolved: took theirs' ? 'Kept ReCharge’s values' : 'Discarded';
  }
}
