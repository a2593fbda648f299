// Merging the id lists of a one- or two-character prefix (one per key index) in JS: SQL would
// sort every range to merge it, once for the total and again for the page.

const RADIX_BITS = 16;
const RADIX = 1 << RADIX_BITS;
// Below this many ids the radix sort's two 64K-entry tables cost more than a comparison sort.
const RADIX_MIN = 4096;

/**
 * Every id of the lists once, highest first. Ids that fit 32 bits (all of ReCharge's) are
 * radix-sorted: a typed array's own sort compares, 8 ms for the 100k ids of a one-letter query.
 */
export function distinctNewestFirst(lists: readonly (readonly number[])[]): Float64Array {
  let count = 0;
  let narrow = true;
  for (const list of lists) {
    count += list.length;
    for (let i = 0; i < list.length; i += 1) narrow &&= list[i]! >>> 0 === list[i];
  }
  const sorted = narrow ? new Uint32Array(count) : new Float64Array(count);
  let at = 0;
  for (const list of lists) {
    sorted.set(list, at);
    at += list.length;
  }
  if (narrow && count >= RADIX_MIN) radixSort(sorted as Uint32Array);
  else sorted.sort();
  const out = new Float64Array(count);
  let n = 0;
  for (let i = count - 1; i >= 0; i -= 1) {
    if (sorted[i] !== sorted[i + 1]) out[n++] = sorted[i]!;
  }
  return out.subarray(0, n);
}

/** Sorts in place, ascending: two passes of 16 bits. */
function radixSort(keys: Uint32Array): void {
  const buffers = [keys, new Uint32Array(keys.length)] as const;
  const starts = new Uint32Array(RADIX);
  for (let pass = 0; pass < 2; pass += 1) {
    const from = buffers[pass]!;
    const to = buffers[1 - pass]!;
    const shift = pass * RADIX_BITS;
    starts.fill(0);
    for (let i = 0; i < from.length; i += 1) starts[(from[i]! >>> shift) & (RADIX - 1)]! += 1;
    let total = 0;
    for (let digit = 0; digit < RADIX; digit += 1) {
      const n = starts[digit]!;
      starts[digit] = total;
      total += n;
    }
    for (let i = 0; i < from.length; i += 1) {
      const key = from[i]!;
      to[starts[(key >>> shift) & (RADIX - 1)]!++] = key;
    }
  }
}
