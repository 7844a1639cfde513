/**
 * Philox 4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3"), the counter-based
 * generator every backend implements so a seed gives the same numbers on CPU and GPU.
 *
 * The stream: element i of a draw that starts at counter `offset` takes the block
 * philox(counter = [lo32(offset + i), hi32(offset + i), 0, 0], key = [seedLo, seedHi]) = [w0, w1, w2, w3]
 * and turns it into a value in float64 arithmetic, rounded once to the output dtype:
 * - uniform(a, b), float32 out: a + (w0 >>> 8) * 2^-24 * (b - a)
 * - uniform(a, b), float64 out: a + ((w0 >>> 5) * 2^26 + (w1 >>> 6)) * 2^-53 * (b - a)
 * - normal(mean, std): mean + std * sqrt(-2 ln u1) * cos(2π u2), u1 = (w0 + 1) * 2^-32, u2 = w1 * 2^-32
 * - randint(lo, hi), r = hi - lo: lo + (r <= 2^32 ? w0 % r : floor(u53 * r)), u53 as in float64 uniform
 * - bernoulli(p): 1 if K < ceil(p * 2^53) else 0, K = (w0 >>> 5) * 2^26 + (w1 >>> 6) the 53-bit draw
 *   (K * 2^-53 is the float64 uniform, so this is u53 < p, without float64 arithmetic on the device)
 */

const M0 = 0xd2511f53;
const M1 = 0xcd9e8d57;
const W0 = 0x9e3779b9;
const W1 = 0xbb67ae85;

function mulhi(a: number, b: number): number {
  const aLo = a & 0xffff;
  const aHi = a >>> 16;
  const bLo = b & 0xffff;
  const bHi = b >>> 16;
  const lolo = aLo * bLo;
  const hilo = aHi * bLo;
  const lohi = aLo * bHi;
  const mid = (lolo >>> 16) + (hilo & 0xffff) + (lohi & 0xffff);
  return (aHi * bHi + (hilo >>> 16) + (lohi >>> 16) + Math.floor(mid / 65536)) >>> 0;
}

/** Writes the block for counter (ctrLo, ctrHi, 0, 0) and key (k0, k1) into out[0..3]. */
export function philox4x32(ctrLo: number, ctrHi: number, k0: number, k1: number, out: Uint32Array): void {
  let c0 = ctrLo >>> 0;
  let c1 = ctrHi >>> 0;
  let c2 = 0;
  let c3 = 0;
  k0 >>>= 0;
  k1 >>>= 0;
  for (let round = 0; round < 10; round++) {
    const hi0 = mulhi(M0, c0);
    const lo0 = Math.imul(M0, c0) >>> 0;
    const hi1 = mulhi(M1, c2);
    const lo1 = Math.imul(M1, c2) >>> 0;
    c0 = (hi1 ^ c1 ^ k0) >>> 0;
    c1 = lo1;
    c2 = (hi0 ^ c3 ^ k1) >>> 0;
    c3 = lo0;
    k0 = (k0 + W0) >>> 0;
    k1 = (k1 + W1) >>> 0;
  }
  out[0] = c0;
  out[1] = c1;
  out[2] = c2;
  out[3] = c3;
}

const TWO32 = 4294967296;
const block = new Uint32Array(4);

/** The i-th value of a draw, per the stream definition above (float64, before rounding to the dtype). */
export function philoxValue(
  kind: 'uniform' | 'normal' | 'randint' | 'bernoulli',
  double: boolean,
  seedLo: number,
  seedHi: number,
  counter: number,
  a: number,
  b: number,
): number {
  philox4x32(counter % TWO32, Math.floor(counter / TWO32), seedLo, seedHi, block);
  const w0 = block[0]!;
  const w1 = block[1]!;
  switch (kind) {
    case 'uniform': {
      const u = double ? ((w0 >>> 5) * 67108864 + (w1 >>> 6)) * 2 ** -53 : (w0 >>> 8) * 2 ** -24;
      return a + u * (b - a);
    }
    case 'normal': {
      const u1 = (w0 + 1) * 2 ** -32;
      const u2 = w1 * 2 ** -32;
      return a + b * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
    case 'randint': {
      const r = b - a;
      if (r <= TWO32) return a + (w0 % r);
      return a + Math.floor(((w0 >>> 5) * 67108864 + (w1 >>> 6)) * 2 ** -53 * r);
    }
    case 'bernoulli':
      return (w0 >>> 5) * 67108864 + (w1 >>> 6) < Math.ceil(a * 2 ** 53) ? 1 : 0;
  }
}
