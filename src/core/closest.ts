/** Longer than any NetBIOS name or alias anyone types (a pasted log line): only the lengths are compared. */
const LONG_NAME = 200;

/**
 * Edit distance for "did you mean" suggestions, case-insensitive because node names are. Swapping two
 * neighbouring letters counts as one edit (optimal string alignment), the commonest typo: "ws2003-rmt"
 * must suggest ws2003-rtm, not ws2003-rc1.
 */
function distance(a: string, b: string, atMost: number): number {
  if (a.length > LONG_NAME || b.length > LONG_NAME) return Math.abs(a.length - b.length);
  const x = a.toUpperCase();
  const y = b.toUpperCase();
  // No alignment beats the difference in length: skip the table when that alone is too far.
  if (Math.abs(x.length - y.length) > atMost) return atMost + 1;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= y.length; j++) {
      const substitution = previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1);
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d = Math.min(d, beforePrevious[j - 2]! + 1);
      current[j] = d;
      if (d < rowMinimum) rowMinimum = d;
    }
    // Every later row is at least this row's minimum, so stop once the whole row is past the best.
    if (rowMinimum > atMost) return atMost + 1;
    beforePrevious = previous;
    previous = current;
  }
  return previous[y.length]!;
}

/** The candidate nearest to `wanted`, or undefined when there are none. Ties keep the earlier candidate. */
export function closest(wanted: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(wanted, candidate, bestDistance === Infinity ? Number.MAX_SAFE_INTEGER : bestDistance - 1);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
