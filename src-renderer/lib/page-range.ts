/**
 * "26–50 of 3,000" under a table, numbers grouped as in the counts above it. `totalText` is the
 * total as shown elsewhere (a search's "10,000+" while only a lower bound is known).
 */
export function pageRangeText(
  page: number,
  pageSize: number,
  shown: number,
  total: number,
  totalText = total.toLocaleString(),
): string {
  if (total === 0) return '0 of 0';
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(total, first + shown - 1);
  return `${first.toLocaleString()}–${last.toLocaleString()} of ${totalText}`;
}
