/**
 * The point minimising the summed distance to `points` (Weiszfeld's iteration with Vardi and
 * Zhang's step for points it lands on), as imgaug's compute_geometric_median: starts at the mean,
 * stops when a step moves less than eps.
 */
export function geometricMedian(points: readonly (readonly [number, number])[], eps = 1e-5): [number, number] {
  if (points.length === 0) throw new Error('geometricMedian: expected at least one point, got none');
  let y: [number, number] = [points.reduce((a, p) => a + p[0], 0) / points.length, points.reduce((a, p) => a + p[1], 0) / points.length];
  for (;;) {
    let weightSum = 0;
    let tx = 0;
    let ty = 0;
    let zeros = 0;
    for (const [px, py] of points) {
      const d = Math.hypot(px - y[0], py - y[1]);
      if (d === 0) {
        zeros += 1;
        continue;
      }
      weightSum += 1 / d;
      tx += px / d;
      ty += py / d;
    }
    if (zeros === points.length) return y;
    const t: [number, number] = [tx / weightSum, ty / weightSum];
    let next: [number, number];
    if (zeros === 0) {
      next = t;
    } else {
      const r = Math.hypot((t[0] - y[0]) * weightSum, (t[1] - y[1]) * weightSum);
      const rinv = r === 0 ? 0 : zeros / r;
      const keep = Math.max(0, 1 - rinv);
      const stay = Math.min(1, rinv);
      next = [keep * t[0] + stay * y[0], keep * t[1] + stay * y[1]];
    }
    if (Math.hypot(y[0] - next[0], y[1] - next[1]) < eps) return next;
    y = next;
  }
}
