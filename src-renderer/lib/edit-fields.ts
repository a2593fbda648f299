import type { EditView } from '../../src-shared/outbox/edits.ts';

/**
 * The fields an edit is about, as a merchant lists them: a new address names those it sets, not
 * the empty ones it carries.
 */
export function shownFields(edit: Pick<EditView, 'kind' | 'fields' | 'mine'>): string[] {
  if (edit.kind !== 'address_create') return edit.fields;
  return edit.fields.filter((field) => (edit.mine[field] ?? '').trim() !== '');
}
