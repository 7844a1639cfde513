/** torchvision.io.ImageReadMode: which channels a decoded image gets. */
export const ImageReadMode = {
  /** As stored in the file. */
  UNCHANGED: 0,
  /** One channel. */
  GRAY: 1,
  /** Gray and alpha. */
  GRAY_ALPHA: 2,
  /** Three channels. */
  RGB: 3,
  /** Three channels and alpha. */
  RGB_ALPHA: 4,
} as const;

export type ImageReadMode = (typeof ImageReadMode)[keyof typeof ImageReadMode];

const NAMES = Object.keys(ImageReadMode) as (keyof typeof ImageReadMode)[];

/** The mode's name (`ImageReadMode.RGB` → 'RGB'), or an error naming the modes there are. */
export function readModeName(mode: unknown): keyof typeof ImageReadMode {
  const name = typeof mode === 'string' ? NAMES.find((n) => n === mode) : NAMES.find((n) => ImageReadMode[n] === mode);
  if (name === undefined) {
    throw new Error(`expected an ImageReadMode (${NAMES.map((n) => `${n} = ${ImageReadMode[n]}`).join(', ')}), but got ${String(mode)}`);
  }
  return name;
}
