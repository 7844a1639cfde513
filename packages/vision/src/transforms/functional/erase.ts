/** Erasing a rectangle of an image tensor: torchvision's F.erase. */
import type { Tensor } from '@x/tensor';
import * as torch from '@x/tensor';
import { assertImageTensor } from './image-tensor';

/**
 * img with rows [i, i + h) and columns [j, j + w) set to v (a tensor broadcast over the rectangle,
 * e.g. one value per channel as [C, 1, 1]); with inplace, img itself is written. Tensors only, as
 * in torchvision.
 *
 * @example
 * F.erase(img, 10, 20, 30, 40, torch.tensor(0));
 */
export function erase(img: Tensor, i: number, j: number, h: number, w: number, v: Tensor, ...args: torch.Args<[inplace: boolean], { inplace?: boolean }>): Tensor {
  const { inplace } = torch.signature('erase(bool inplace=False)').parse<{ inplace: boolean }>(args);
  if (!(img instanceof torch.Tensor)) throw new TypeError(`img should be Tensor Image. Got ${torch.typeName(img)}`);
  assertImageTensor(img);
  const out = inplace ? img : img.clone();
  out.indexPut_(['...', `${i}:${i + h}`, `${j}:${j + w}`], v);
  return out;
}
