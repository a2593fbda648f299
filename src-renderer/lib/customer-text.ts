// How customer facts read on screen. Real stores leave many fields out, so every helper has a
// fallback for null: a dash, never the word "null".

export const DASH = '—';

interface Named {
  id: number;
  first_name: string | null;
  last_name: string | null;
  email?: string | null;
}

/** "Ada Lovelace"; without names the email, then "Customer 101". */
export function customerName(c: Named): string {
  const names = [c.first_name, c.last_name]
    .map((part) => part?.trim() ?? '')
    .filter(Boolean)
    .join(' ');
  return names || c.email?.trim() || `Customer ${c.id}`;
}

/** Whether the customer has a name of their own (else the name shown is a stand-in). */
export function hasName(c: Named): boolean {
  return Boolean(c.first_name?.trim() || c.last_name?.trim());
}

export function orDash(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return DASH;
  const text = String(value).trim();
  return text === '' ? DASH : text;
}

export function yesNo(flag: boolean | null | undefined): string {
  if (flag === null || flag === undefined) return DASH;
  return flag ? 'Yes' : 'No';
}

/** "2 active of 3"; whichever half the store left out is dropped. */
export function subscriptionsText(active: number | null, total: number | null): string {
  if (active !== null && total !== null) return `${active} active of ${total}`;
  if (active !== null) return `${active} active`;
  if (total !== null) return `${total} in total`;
  return DASH;
}
