/**
 * OpenCV's cvRound: to the nearest integer, halves to even (the x86 rounding mode lrint uses), so a
 * position or weight that lands on .5 rounds as imgaug's OpenCV calls round it.
 */
export function cvRound(v: number): number {
  const floor = Math.floor(v);
  const diff = v - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** OpenCV's saturate_cast to int16. */
export function saturateShort(v: number): number {
  return v < -32768 ? -32768 : v > 32767 ? 32767 : v;
}

/** OpenCV's saturate_cast to uint8 of an integer. */
export function saturateUint8(v: number): number {
  return v < 0 ? 0 : v > 255 ? 255 : v;
}

/**
 * Catmull-Rom-like cubic weights with a = -0.75 for a sample at fraction x of the way between taps
 * 1 and 2, in float32 arithmetic as OpenCV's interpolateCubic computes them.
 */
export function cubicWeights(x: number): [number, number, number, number] {
  const f = Math.fround;
  const A = -0.75;
  const x1 = f(x + 1);
  const w0 = f(f(f(f(f(f(A * x1) - f(5 * A)) * x1) + f(8 * A)) * x1) - f(4 * A));
  const w1 = f(f(f(f(f(f(A + 2) * x) - f(A + 3)) * x) * x) + 1);
  const ix = f(1 - x);
  const w2 = f(f(f(f(f(f(A + 2) * ix) - f(A + 3)) * ix) * ix) + 1);
  const w3 = f(f(f(1 - w0) - w1) - w2);
  return [w0, w1, w2, w3];
}
