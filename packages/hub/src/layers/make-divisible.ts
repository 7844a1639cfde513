/**
 * timm's make_divisible (layers/helpers.py): the multiple of `divisor` nearest v (at least
 * `minValue`), a step up when rounding down would lose more than 1 − roundLimit of v. Channel counts
 * of the mobile models come from it, so their shapes follow it exactly.
 */
export function makeDivisible(v: number, divisor = 8, minValue: number | null = null, roundLimit = 0.9): number {
  const min = minValue || divisor;
  let newV = Math.max(min, Math.floor(Math.trunc(v + divisor / 2) / divisor) * divisor);
  if (newV < roundLimit * v) newV += divisor;
  return newV;
}
