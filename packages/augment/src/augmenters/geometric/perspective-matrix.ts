/** Projective (perspective) 3 × 3 matrices, row-major, as OpenCV's getPerspectiveTransform and perspectiveTransform. */
import type { Matrix3 } from './affine-matrix';

/** Solves A x = b (n × n, row-major) by Gaussian elimination with partial pivoting; throws for a singular A. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    if (Math.abs(m[pivot]![col]!) < 1e-12) throw new Error('getPerspectiveTransform: the four source points are degenerate (three on a line)');
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    for (let r = col + 1; r < n; r++) {
      const factor = m[r]![col]! / m[col]![col]!;
      for (let c = col; c <= n; c++) m[r]![c]! -= factor * m[col]![c]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let sum = m[r]![n]!;
    for (let c = r + 1; c < n; c++) sum -= m[r]![c]! * x[c]!;
    x[r] = sum / m[r]![r]!;
  }
  return x;
}

/**
 * The perspective matrix taking four source points to four destination points (OpenCV's
 * getPerspectiveTransform: the 8 unknowns with the bottom-right entry fixed at 1).
 */
export function perspectiveTransformMatrix(src: readonly (readonly [number, number])[], dst: readonly (readonly [number, number])[]): Matrix3 {
  if (src.length !== 4 || dst.length !== 4) throw new Error(`getPerspectiveTransform: expected 4 source and 4 destination points, got ${src.length} and ${dst.length}`);
  const a: number[][] = [];
  const b: number[] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = src[i]!;
    const [u, v] = dst[i]!;
    a.push([x, y, 1, 0, 0, 0, -x * u, -y * u]);
    b.push(u);
    a.push([0, 0, 0, x, y, 1, -x * v, -y * v]);
    b.push(v);
  }
  return [...solve(a, b), 1];
}

/** The inverse of a 3 × 3 matrix (zeros for a singular one, as OpenCV's warps use it). */
export function invert3(m: Matrix3): Matrix3 {
  const [a, b, c, d, e, f, g, h, i] = m as [number, number, number, number, number, number, number, number, number];
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  if (det === 0) return new Array<number>(9).fill(0);
  const s = 1 / det;
  return [A * s, -(b * i - c * h) * s, (b * f - c * e) * s, B * s, (a * i - c * g) * s, -(a * f - c * d) * s, C * s, -(a * h - b * g) * s, (a * e - b * d) * s];
}

/** Points through a perspective matrix in float32 in and out (OpenCV's perspectiveTransform on float32 points): 0 where w vanishes. */
export function perspectivePoints(m: Matrix3, points: readonly (readonly [number, number])[]): [number, number][] {
  const f = Math.fround;
  return points.map(([px, py]) => {
    const [x, y] = [f(px), f(py)];
    const w = m[6]! * x + m[7]! * y + m[8]!;
    if (!(Math.abs(w) > 1.1920928955078125e-7)) return [0, 0];
    const iw = 1 / w;
    return [f((m[0]! * x + m[1]! * y + m[2]!) * iw), f((m[3]! * x + m[4]! * y + m[5]!) * iw)];
  });
}
