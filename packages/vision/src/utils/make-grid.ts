/** torchvision.utils.make_grid: a batch of images tiled into one image, with padding between. */
import { cat, stack, Tensor } from '@x/tensor';
import { describe } from '../io/image-bytes';

export interface MakeGridOptions {
  /** Images per row (default 8). */
  nrow?: number;
  /** Pixels of padding around every image (default 2). */
  padding?: number;
  /** Shift the values into [0, 1] by the min and max of `valueRange`, or of the images (default false). */
  normalize?: boolean;
  /** [min, max] for `normalize`; by default the images' own. */
  valueRange?: readonly [number, number] | null;
  /** Normalize each image by its own min and max rather than the batch's (default false). */
  scaleEach?: boolean;
  /** The value of the padding (default 0). */
  padValue?: number;
}

function checkInput(input: Tensor | readonly Tensor[]): Tensor {
  if (input instanceof Tensor) return input;
  if (Array.isArray(input)) {
    input.forEach((t, i) => {
      if (!(t instanceof Tensor)) throw new TypeError(`makeGrid: tensor or list of tensors expected, got a list containing ${describe(t)} at index ${i}`);
    });
    if (input.length === 0) throw new Error('makeGrid: got an empty list of tensors');
    return stack(input as Tensor[], 0);
  }
  throw new TypeError(`makeGrid: tensor or list of tensors expected, got ${describe(input)}`);
}

/** Clamps `img` to [low, high] and maps that range onto [0, 1], in place. */
function normInPlace(img: Tensor, low: number, high: number): void {
  img.clamp_(low, high);
  img.sub_(low).div_(Math.max(high - low, 1e-5));
}

function normRange(t: Tensor, valueRange: readonly [number, number] | null | undefined): void {
  if (valueRange) normInPlace(t, valueRange[0], valueRange[1]);
  else normInPlace(t, Number(t.min().item()), Number(t.max().item()));
}

/**
 * The images of a [B, C, H, W] batch (or a list of [C, H, W] images, or one [C, H, W] or [H, W]
 * image) laid out `nrow` to a row: a [3 or C, H', W'] tensor of the input's dtype. One-channel
 * images become three-channel, as torchvision does.
 *
 * @example
 * const grid = utils.makeGrid(batch, { nrow: 4, normalize: true }); // [3, …, …]
 */
export function makeGrid(input: Tensor | readonly Tensor[], options: MakeGridOptions = {}): Tensor {
  const { nrow = 8, padding = 2, normalize = false, valueRange = null, scaleEach = false, padValue = 0 } = options;
  let t = checkInput(input);
  if (t.dim() === 2) t = t.unsqueeze(0);
  if (t.dim() === 3) {
    if (t.shape[0] === 1) t = cat([t, t, t], 0);
    t = t.unsqueeze(0);
  }
  if (t.dim() !== 4) throw new Error(`makeGrid: expected images of shape [B, C, H, W], [C, H, W] or [H, W], but got shape [${t.shape.join(', ')}]`);
  if (t.shape[1] === 1) t = cat([t, t, t], 1);
  if (normalize) {
    t = t.clone();
    if (valueRange != null && !(Array.isArray(valueRange) && valueRange.length === 2 && valueRange.every((v) => typeof v === 'number'))) {
      throw new TypeError('makeGrid: valueRange has to be a pair [min, max] if specified. min and max are numbers');
    }
    if (scaleEach) for (let i = 0; i < t.shape[0]!; i++) normRange(t.select(0, i), valueRange);
    else normRange(t, valueRange);
  }
  if (t.shape[0] === 1) return t.squeeze(0);
  const [nmaps, channels, h, w] = t.shape as [number, number, number, number];
  const xmaps = Math.min(nrow, nmaps);
  const ymaps = Math.ceil(nmaps / xmaps);
  const height = h + padding;
  const width = w + padding;
  const grid = t.newFull([channels, height * ymaps + padding, width * xmaps + padding], padValue);
  let k = 0;
  for (let y = 0; y < ymaps; y++) {
    for (let x = 0; x < xmaps && k < nmaps; x++, k++) {
      grid.narrow(1, y * height + padding, height - padding).narrow(2, x * width + padding, width - padding).copy_(t.select(0, k));
    }
  }
  return grid;
}
