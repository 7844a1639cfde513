/**
 * torchvision's _make_divisible (from TensorFlow's MobileNet): the channel count nearest v that is a
 * multiple of `divisor` (at least `minValue`), rounded up a step when rounding down would lose more
 * than 10%. The mobile models size every layer with it, so their shapes follow it exactly.
 */
export function makeDivisible(v: number, divisor: number, minValue: number | null = null): number {
  const min = minValue ?? divisor;
  let newV = Math.max(min, Math.floor(Math.trunc(v + divisor / 2) / divisor) * divisor);
  if (newV < 0.9 * v) newV += divisor;
  return newV;
}
