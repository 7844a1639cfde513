/** OpenCV's cvRound (lrint) of a double: to the nearest integer, halves to even. */
export function cvRound(v: number): number {
  const r = Math.round(v);
  return Math.abs(v % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
