/**
 * Inception v3's and GoogLeNet's `transformInput`: their ported weights expect inputs scaled to
 * [-1, 1], so an input normalised with ImageNet's mean and std is mapped back to that range.
 */
import { cat, type Tensor } from '@x/tensor';

const MEAN = [0.485, 0.456, 0.406];
const STD = [0.229, 0.224, 0.225];

export function imagenetToUnitRange(x: Tensor): Tensor {
  if (x.dim() !== 4 || x.shape[1]! < 3) throw new Error(`transformInput expects a batch of RGB images [N, 3, H, W], got shape [${x.shape.join(', ')}]`);
  const channels = [0, 1, 2].map((c) => x.select(1, c).unsqueeze(1).mul(STD[c]! / 0.5).add((MEAN[c]! - 0.5) / 0.5));
  return cat(channels, 1);
}
