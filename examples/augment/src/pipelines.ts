/**
 * The seed's imgaug pipelines, written as the seed writes them (iaa = torch.augment.augmenters):
 * tuples become [a, b] ranges, keyword arguments an options object.
 */
import * as torch from '@x/torch';

const iaa = torch.augment.augmenters;

/** aug_seq = iaa.Sequential([iaa.Affine(rotate=(-25,25)), iaa.AdditiveGaussianNoise(scale=(10,60)), iaa.Crop(percent=(0,0.2))]) */
export function seedSequence(): torch.augment.Augmenter {
  return new iaa.Sequential([new iaa.Affine({ rotate: [-25, 25] }), new iaa.AdditiveGaussianNoise({ scale: [10, 60] }), new iaa.Crop({ percent: [0, 0.2] })]);
}

/**
 * The seed's pipeline for images of different sizes, children in random order:
 * CropAndPad(percent=(-0.2, 0.2), pad_mode="edge"), AddToHueAndSaturation((-60, 60)),
 * ElasticTransformation(alpha=90, sigma=9) ("water-like"), Cutout().
 */
export function differentSizesSequence(): torch.augment.Augmenter {
  return new iaa.Sequential(
    [
      new iaa.CropAndPad({ percent: [-0.2, 0.2], padMode: 'edge' }),
      new iaa.AddToHueAndSaturation([-60, 60]),
      new iaa.ElasticTransformation({ alpha: 90, sigma: 9 }),
      new iaa.Cutout(),
    ],
    { randomOrder: true },
  );
}

/**
 * The seed's PyTorch integration pipeline: flips, a light blur and a brightness change. imgaug's
 * MultiplyBrightness picks one of six colour spaces per image by default; four of them (HLS, Lab,
 * Luv, YUV) are not in @x/augment yet, so this names the two that are.
 */
export function integrationSequence(): torch.augment.Augmenter {
  return new iaa.Sequential([
    new iaa.Fliplr({ p: 0.5 }),
    new iaa.Flipud({ p: 0.5 }),
    new iaa.GaussianBlur({ sigma: [0.0, 0.1] }),
    new iaa.MultiplyBrightness({ mul: [0.65, 1.35], toColorspace: iaa.choice(['YCrCb', 'HSV']) }),
  ]);
}
