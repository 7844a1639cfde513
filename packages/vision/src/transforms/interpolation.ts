/** torchvision's InterpolationMode: the resampling filters, named by the strings torchvision uses as their values. */
export const InterpolationMode = {
  NEAREST: 'nearest',
  BILINEAR: 'bilinear',
  BICUBIC: 'bicubic',
  BOX: 'box',
  HAMMING: 'hamming',
  LANCZOS: 'lanczos',
} as const;

export type InterpolationMode = (typeof InterpolationMode)[keyof typeof InterpolationMode];

const MODES: readonly string[] = Object.values(InterpolationMode);

/** The mode itself, or an Error naming the modes there are. */
export function checkInterpolation(mode: unknown): InterpolationMode {
  if (typeof mode !== 'string' || !MODES.includes(mode)) {
    throw new TypeError(`Argument interpolation should be a InterpolationMode (one of ${MODES.map((m) => `'${m}'`).join(', ')}), but got ${String(mode)}`);
  }
  return mode as InterpolationMode;
}
