/**
 * mulberry32: a small, fast, deterministic random number generator in [0, 1). The benchmark's plans, the
 * fuzz layouts and the differential checks' mutations all draw from it, so a seed names the same inputs
 * on every machine.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
