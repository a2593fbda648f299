import type { EditView } from '../../src-shared/outbox/edits.ts';
import { EDIT_STATE_COLORS, EDIT_STATE_LABELS, fieldLabel } from './labels.ts';
import { formatClock } from './time.ts';

/** How an outbox edit's state reads: a short label, and a line on why (or what comes next). */
export interface EditStatus {
  label: string;
  color: string;
  /** Why it waits or failed; null when there is nothing to add. */
  detail: string | null;
  /** error: a failure the merchant must act on; warning: a choice to make; else just news. */
  tone: 'error' | 'warning' | 'muted';
}

/** The fields ReCharge changed since the edit was made: the ones that make it a conflict. */
export function changedOnStore(edit: Pick<EditView, 'fields' | 'base' | 'theirs'>): string[] {
  const value = (v: string | null | undefined) => v ?? '';
  return edit.fields.filter((f) => value(edit.theirs?.[f]) !== value(edit.base[f]));
}

export function editStatus(edit: EditView, now: number): EditStatus {
  const error = edit.lastError;
  switch (edit.state) {
    case 'pending': {
      const next = edit.nextAttemptAt ? Date.parse(edit.nextAttemptAt) : Number.NaN;
      // A failure that may pass (a 503, a dropped line): the edit is tried again on its own.
      if (error && next > now) {
        return {
          label: 'Will retry',
          color: 'info',
          detail: `Will retry at ${formatClock(edit.nextAttemptAt)} · ${error.message}`,
          tone: 'muted',
        };
      }
      if (error) {
        const held = error.kind === 'auth' || error.kind === 'forbidden';
        return {
          label: held ? 'On hold' : 'Retrying',
          color: held ? 'warning' : 'info',
          detail: error.message,
          tone: held ? 'warning' : 'muted',
        };
      }
      return { label: EDIT_STATE_LABELS.pending, color: 'info', detail: null, tone: 'muted' };
    }
    case 'in_flight':
      return {
        label: EDIT_STATE_LABELS.in_flight,
        color: 'info',
        detail: error ? `Trying again · last try: ${error.message}` : null,
        tone: 'muted',
      };
    case 'conflict': {
      const fields = changedOnStore(edit);
      return {
        label: EDIT_STATE_LABELS.conflict,
        color: 'warning',
        detail:
          fields.length > 0
            ? `Changed on ReCharge meanwhile: ${fields.map(fieldLabel).join(', ')}`
            : 'Changed on ReCharge meanwhile',
        tone: 'warning',
      };
    }
    case 'failed':
      return {
        label: EDIT_STATE_LABELS.failed,
        color: 'error',
        detail: error?.message ?? null,
        tone: 'error',
      };
    default:
      return {
        label: EDIT_STATE_LABELS[edit.state],
        color: EDIT_STATE_COLORS[edit.state],
        detail: null,
        tone: 'muted',
      };
  }
}
