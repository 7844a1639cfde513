// The benchmark's dataset: N deterministic 224×224 RGB uint8 images (HWC, imgaug's layout), each
// returned through the seed's augmentation pipeline. Plain JavaScript in a module of its own, so
// DataLoader worker threads import it as it is (they have no TypeScript loader).
import * as torch from '@x/torch';

const iaa = torch.augment.augmenters;

export const SIZE = 224;

/** Image i: colour ramps with a diagonal stripe pattern, the same bytes as bench/imgaug_peer.py makes. */
export function benchImage(i) {
  const y = torch.arange(SIZE).reshape([SIZE, 1]).expand([SIZE, SIZE]).float();
  const x = torch.arange(SIZE).reshape([1, SIZE]).expand([SIZE, SIZE]).float();
  const r = x.mul(255 / (SIZE - 1));
  const g = y.mul(255 / (SIZE - 1));
  const b = x.add(y).add(i * 7).remainder(64).mul(4);
  return torch.stack([r, g, b], 2).floor().to('uint8');
}

/** iaa.Sequential([iaa.Affine(rotate=(-25,25)), iaa.AdditiveGaussianNoise(scale=(10,60)), iaa.Crop(percent=(0,0.2))]) */
export function seedPipeline() {
  return new iaa.Sequential([new iaa.Affine({ rotate: [-25, 25] }), new iaa.AdditiveGaussianNoise({ scale: [10, 60] }), new iaa.Crop({ percent: [0, 0.2] })]);
}

/** `count` images, each augmented by the seed's pipeline when read. */
export class AugmentedImages {
  constructor(count) {
    this.count = count;
    this.images = Array.from({ length: count }, (_, i) => benchImage(i));
    this.aug = seedPipeline();
  }
  get length() {
    return this.count;
  }
  getItem(i) {
    return this.aug.augmentImage(this.images[i]);
  }
}
