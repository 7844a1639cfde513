/**
 * OpenCV's uint8 RGB ↔ YCrCb conversions (cv2.COLOR_RGB2YCrCb / COLOR_YCrCb2RGB), in its 14-bit
 * fixed-point integers, rounded half up; equal to OpenCV on every uint8 triple.
 */
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';
import { assertThreeChannelImage } from './uint8-image';

const SHIFT = 14;
const HALF = 1 << (SHIFT - 1);


/** (x + 2^13) >> 14 on int32 tensors. */
function descale(x: Tensor): Tensor {
  return x.add(HALF).div(1 << SHIFT, { roundingMode: 'floor' });
}

/**
 * A uint8 RGB image `[H, W, 3]` in YCrCb (Y, Cr, Cb; chroma centred on 128).
 *
 * @example
 * const ycrcb = rgbToYCrCb(image);
 */
export function rgbToYCrCb(image: Tensor): Tensor {
  assertThreeChannelImage(image, 'rgbToYCrCb');
  const [r, g, b] = image.to('int32').unbind(2) as [Tensor, Tensor, Tensor];
  const y = descale(r.mul(4899).add(g.mul(9617)).add(b.mul(1868)));
  const chromaOffset = 128 << SHIFT;
  const cr = descale(r.sub(y).mul(11682).add(chromaOffset));
  const cb = descale(b.sub(y).mul(9241).add(chromaOffset));
  return torch.stack([y, cr, cb], 2).clamp(0, 255).to('uint8');
}

/**
 * A uint8 YCrCb image back to RGB.
 *
 * @example
 * const rgb = yCrCbToRgb(rgbToYCrCb(image));   // image, up to rounding
 */
export function yCrCbToRgb(image: Tensor): Tensor {
  assertThreeChannelImage(image, 'yCrCbToRgb');
  const [y, cr0, cb0] = image.to('int32').unbind(2) as [Tensor, Tensor, Tensor];
  const cr = cr0.sub(128);
  const cb = cb0.sub(128);
  const r = y.add(descale(cr.mul(22987)));
  const g = y.add(descale(cr.mul(-11698).add(cb.mul(-5636))));
  const b = y.add(descale(cb.mul(29049)));
  return torch.stack([r, g, b], 2).clamp(0, 255).to('uint8');
}
