/**
 * An insert that overwrites every column of the row with the same id; values are bound by name
 * (`@column`). Table and column names come from the repos' own constants, never from input.
 */
export function upsertById(table: string, columns: readonly string[]): string {
  const updates = columns.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`);
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})
     ON CONFLICT(id) DO UPDATE SET ${updates.join(', ')}`;
}
