/**
 * "Did you mean": the candidate nearest to a misspelt name by edit distance, case-insensitive because node
 * names are. Swapping two neighbouring letters counts as one edit (optimal string alignment), the commonest
 * typo: "ws2003-rmt" must suggest ws2003-rtm, not ws2003-rc1. Ties keep the earlier candidate.
 *
 * The work is bounded, so that a plan with thousands of aliases and thousands of misspellings is still checked
 * in linear time: each distinct name is worked out once; the candidates nearest in length are compared first,
 * and none whose difference in length alone is more than the best distance so far; and after MAX_COMPARED
 * comparisons without a sure answer there is no suggestion rather than a guess.
 */

/**
 * More names than a plan has of one kind (at most 64 nodes, a handful of aliases, actions or properties), so
 * that every ordinary plan gets the nearest name.
 */
export const MAX_COMPARED = 100;

/** Longer than any NetBIOS name or alias anyone types (a pasted log line): only the lengths are compared. */
const LONG_NAME = 200;

/** Suggestions among one list of names, each misspelt name worked out once. */
export class Suggestions {
  /** How many pairs of names have been compared: the work done, which the tests count. */
  compared = 0;
  private readonly upper: string[];
  /** The first candidate of each upper-case spelling: a name that differs only in case is found at once. */
  private readonly byUpper = new Map<string, number>();
  /** The candidates by the length of their upper-case spelling, each list in the candidates' order. */
  private readonly byLength = new Map<number, number[]>();
  /** The lengths in byLength, ascending. */
  private readonly lengths: number[];
  private readonly answers = new Map<string, string | undefined>();

  constructor(private readonly candidates: readonly string[]) {
    this.upper = candidates.map((c) => c.toUpperCase());
    this.upper.forEach((u, i) => {
      if (!this.byUpper.has(u)) this.byUpper.set(u, i);
      const same = this.byLength.get(u.length);
      if (same) same.push(i);
      else this.byLength.set(u.length, [i]);
    });
    this.lengths = [...this.byLength.keys()].sort((a, b) => a - b);
  }

  /** The candidate nearest to `wanted`, or undefined when there is none or no sure answer. */
  closest(wanted: string): string | undefined {
    if (this.answers.has(wanted)) return this.answers.get(wanted);
    const answer = this.nearest(wanted.toUpperCase());
    this.answers.set(wanted, answer);
    return answer;
  }

  private nearest(wanted: string): string | undefined {
    const same = this.byUpper.get(wanted);
    if (same !== undefined) return this.candidates[same];
    const lengths = this.lengths;
    // Walk outwards from the wanted length: `up` is the next length at least as long, `down` the next shorter.
    let up = firstAtLeast(lengths, wanted.length);
    let down = up - 1;
    let best = -1;
    let bestDistance = Infinity;
    let compared = 0;
    while (down >= 0 || up < lengths.length) {
      const takeUp = down < 0 || (up < lengths.length && lengths[up]! - wanted.length <= wanted.length - lengths[down]!);
      const length = takeUp ? lengths[up++]! : lengths[down--]!;
      // No name of this length, nor of any length further away, can be nearer than the best so far.
      if (Math.abs(length - wanted.length) > bestDistance) break;
      for (const i of this.byLength.get(length)!) {
        if (compared === MAX_COMPARED) return undefined;
        compared++;
        this.compared++;
        const d = distance(wanted, this.upper[i]!, bestDistance);
        if (d < bestDistance || (d === bestDistance && i < best)) {
          best = i;
          bestDistance = d;
        }
      }
    }
    return best < 0 ? undefined : this.candidates[best];
  }
}

/** The index of the first of the ascending `values` that is at least `value`, or their count. */
function firstAtLeast(values: readonly number[], value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (values[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The candidate nearest to `wanted`, for a list asked once (see Suggestions). */
export function closest(wanted: string, candidates: Iterable<string>): string | undefined {
  return new Suggestions([...candidates]).closest(wanted);
}

/**
 * The edit distance of two upper-case names, or more than `atMost` when it is larger (the exact value does
 * not matter then). Two rows of the table are kept; long names are compared by length only.
 */
function distance(x: string, y: string, atMost: number): number {
  if (x.length > LONG_NAME || y.length > LONG_NAME) return Math.abs(x.length - y.length);
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
    // Every later row is at least this row's minimum, so stop once the whole row is past the bound.
    if (rowMinimum > atMost) return atMost + 1;
    beforePrevious = previous;
    previous = current;
  }
  return previous[y.length]!;
}
