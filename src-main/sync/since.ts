// Where an incremental pull starts: the newest change seen, minus an overlap. The store compares
// `updated_at_min` as naive US-Eastern text, and the autumn clock change repeats an hour of it:
// near a change the overlap grows by that hour, so nothing written in the repeated hour is missed.
import { easternOffsetAt, formatUtc, instantSeconds } from '../../src-shared/time/eastern.ts';

const HOUR = 3600;

export function sinceFor(mark: string, overlapSeconds: number): string {
  const at = instantSeconds(mark);
  if (at === null) return mark;
  let since = at - overlapSeconds;
  if (easternOffsetAt(since - 2 * HOUR) !== easternOffsetAt(since + 3 * HOUR)) since -= HOUR;
  return formatUtc(since);
}
