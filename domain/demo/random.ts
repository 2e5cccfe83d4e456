/**
 * Deterministic randomness for demo data. Every value is a pure function of (seed, stream,
 * index), so each subgraph's seeder can derive the same person or enterprise on its own
 * without reading another department's database: same seed, same city.
 */
function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A small PRNG (xorshift-style over a mixed state) positioned at one (stream, index). */
export class Rng {
  private state: number;

  constructor(seed: number, stream: string, index: number) {
    this.state = mix32(mix32(seed ^ hashString(stream)) ^ mix32(index + 0x9e3779b9)) || 1;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = mix32(this.state + 0x6d2b79f5);
    return this.state / 4294967296;
  }

  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }

  between(min: number, maxInclusive: number): number {
    return min + this.int(maxInclusive - min + 1);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Picks by weight: `[[value, weight], ...]`. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [v, w] of items) {
      r -= w;
      if (r < 0) return v;
    }
    return items[items.length - 1][0];
  }
}

/**
 * A bijection on [0, modulus): index i maps to a distinct slot, so identifiers built from the
 * slot are unique without a lookup table. `multiplier` must be coprime with `modulus`.
 */
export function scramble(i: number, modulus: number, multiplier: number, offset: number): number {
  return Number((BigInt(i) * BigInt(multiplier) + BigInt(offset)) % BigInt(modulus));
}

/**
 * A keyed, non-linear bijection on [0, modulus): a four-round Feistel network over the smallest
 * even power of two that covers the range, walking the cycle until the value falls inside it.
 * Unlike `scramble`, neighbouring indices land on unrelated slots, so consecutive people do
 * not share a birth-date offset.
 */
export function permute(i: number, modulus: number, key: number): number {
  let bits = Math.ceil(Math.log2(Math.max(modulus, 2)));
  if (bits % 2) bits++;
  const half = bits / 2;
  const mask = (1 << half) - 1;
  let x = i;
  do {
    let left = x >>> half;
    let right = x & mask;
    for (let round = 0; round < 4; round++) {
      const f = mix32(right ^ mix32(key + round * 0x9e3779b9)) & mask;
      [left, right] = [right, left ^ f];
    }
    x = ((left << half) | right) >>> 0;
  } while (x >= modulus);
  return x;
}
