import { cubicWeights, cvRound, saturateShort } from '../opencv-rounding';

/** OpenCV's warps place a source position on a 1/32 pixel grid (INTER_BITS = 5). */
export const INTER_BITS = 5;
export const INTER_TAB_SIZE = 1 << INTER_BITS;
/** uint8 remap weights are fixed point with 15 fractional bits (INTER_REMAP_COEF_BITS). */
export const REMAP_COEF_BITS = 15;
const REMAP_COEF_SCALE = 1 << REMAP_COEF_BITS;

/** The weights of a kernel for each of the 32 × 32 sub-pixel positions: float and fixed point. */
export interface RemapTable {
  readonly ksize: number;
  /** [fy * 32 + fx][ky * ksize + kx], float32 values. */
  readonly float: Float32Array;
  /** The same in 15-bit fixed point, corrected so each position's weights sum to exactly 1 << 15. */
  readonly fixed: Int16Array;
}

function oneDimensional(order: 1 | 3, x: number): number[] {
  return order === 1 ? [Math.fround(1 - x), x] : cubicWeights(x);
}

/**
 * OpenCV's initInterTab2D: outer products of the 1-D weights, rounded to fixed point; where the
 * rounded weights miss the scale, the difference goes to the largest (or smallest) of the four
 * weights OpenCV inspects, so uint8 results match OpenCV's bit for bit.
 */
function buildTable(order: 1 | 3): RemapTable {
  const ksize = order === 1 ? 2 : 4;
  const area = ksize * ksize;
  const float = new Float32Array(INTER_TAB_SIZE * INTER_TAB_SIZE * area);
  const fixed = new Int16Array(float.length);
  const scale = Math.fround(1 / INTER_TAB_SIZE);
  const oneD = Array.from({ length: INTER_TAB_SIZE }, (_, i) => oneDimensional(order, Math.fround(i * scale)));
  for (let i = 0; i < INTER_TAB_SIZE; i++) {
    for (let j = 0; j < INTER_TAB_SIZE; j++) {
      const base = (i * INTER_TAB_SIZE + j) * area;
      let sum = 0;
      for (let k1 = 0; k1 < ksize; k1++) {
        for (let k2 = 0; k2 < ksize; k2++) {
          const v = Math.fround(oneD[i]![k1]! * oneD[j]![k2]!);
          float[base + k1 * ksize + k2] = v;
          const w = saturateShort(cvRound(Math.fround(v * REMAP_COEF_SCALE)));
          fixed[base + k1 * ksize + k2] = w;
          sum += w;
        }
      }
      if (sum !== REMAP_COEF_SCALE) {
        const diff = sum - REMAP_COEF_SCALE;
        const half = ksize >> 1;
        let minAt = half * ksize + half;
        let maxAt = minAt;
        for (let k1 = half; k1 < half + 2; k1++) {
          for (let k2 = half; k2 < half + 2; k2++) {
            const at = k1 * ksize + k2;
            if (fixed[base + at]! < fixed[base + minAt]!) minAt = at;
            else if (fixed[base + at]! > fixed[base + maxAt]!) maxAt = at;
          }
        }
        if (diff < 0) fixed[base + maxAt] = fixed[base + maxAt]! - diff;
        else fixed[base + minAt] = fixed[base + minAt]! - diff;
      }
    }
  }
  return { ksize, float, fixed };
}

const tables = new Map<1 | 3, RemapTable>();

/** The (cached) table for bilinear (order 1) or bicubic (order 3) interpolation. */
export function remapTable(order: 1 | 3): RemapTable {
  let table = tables.get(order);
  if (!table) {
    table = buildTable(order);
    tables.set(order, table);
  }
  return table;
}
