/** A seeded pseudo-random source. `shared/` never calls Math.random(); callers pass one of these in. */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
}

/** An Rng whose position can be read and resumed, so a replay keyframe can hold it. */
export interface SeededRng extends Rng {
  /** The generator's whole state: `createRng(seed, state)` continues from exactly here. */
  state(): number;
}

/**
 * mulberry32: a tiny, fast, well-distributed 32-bit PRNG. Same seed, same sequence,
 * on every JavaScript engine.
 * @example const rng = createRng(42); rng.next(); // 0.6011...
 */
export function createRng(seed: number, resumeAt?: number): SeededRng {
  let a = (resumeAt ?? seed) >>> 0;
  return {
    state: () => a,
    next() {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/** An integer in [0, n). */
export const randomInt = (rng: Rng, n: number): number => Math.floor(rng.next() * n);
