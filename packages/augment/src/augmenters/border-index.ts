/**
 * imgaug's names for what happens outside an image: numpy.pad's modes, which imgaug hands to OpenCV
 * as its border types (edge = BORDER_REPLICATE, symmetric = BORDER_REFLECT, reflect =
 * BORDER_REFLECT_101, wrap = BORDER_WRAP).
 */
export type BorderMode = 'constant' | 'edge' | 'symmetric' | 'reflect' | 'wrap';

export const BORDER_MODES: readonly BorderMode[] = ['constant', 'edge', 'symmetric', 'reflect', 'wrap'];

/** `mode` checked against BORDER_MODES, with `what` naming the option in the Error. */
export function checkBorderMode(mode: unknown, what: string): BorderMode {
  if (typeof mode !== 'string' || !(BORDER_MODES as readonly string[]).includes(mode)) {
    throw new Error(`${what}: expected one of ${BORDER_MODES.map((m) => `'${m}'`).join(', ')}, got ${JSON.stringify(mode)}`);
  }
  return mode as BorderMode;
}

/**
 * The index inside [0, length) that position p reads under `mode` (OpenCV's borderInterpolate), or
 * -1 for 'constant' outside: the caller uses the fill value there. Reflections repeat as often as
 * the position needs, as numpy.pad's and OpenCV's do.
 */
export function borderIndex(p: number, length: number, mode: BorderMode): number {
  if (p >= 0 && p < length) return p;
  switch (mode) {
    case 'constant':
      return -1;
    case 'edge':
      return p < 0 ? 0 : length - 1;
    case 'wrap':
      return ((p % length) + length) % length;
    case 'symmetric':
    case 'reflect': {
      if (length === 1) return 0;
      const delta = mode === 'reflect' ? 1 : 0;
      do {
        p = p < 0 ? -p - 1 + delta : length - 1 - (p - length) - delta;
      } while (p < 0 || p >= length);
      return p;
    }
  }
}
