/**
 * @x/augment: imgaug 0.4 for @x. `import * as augment from '@x/augment'`, or `torch.augment` from the
 * umbrella: `const iaa = torch.augment.augmenters; const iap = torch.augment.parameters`.
 */
export * as augmenters from './augmenters/index';
export * as parameters from './parameters/index';
export { seed, RandomState, getGlobalRandomState, type RandomStateLike, type Size } from './random/index';
export {
  Keypoint,
  KeypointsOnImage,
  BoundingBox,
  BoundingBoxesOnImage,
  Polygon,
  PolygonsOnImage,
  SegmentationMapsOnImage,
  HeatmapsOnImage,
  Batch,
  AUGMENTABLE_KINDS,
  type AugmentableKind,
  type BatchColumns,
  type BoundingBoxInit,
  type HeatmapsOptions,
  type ImageShape,
  type ImagesInput,
} from './augmentables/index';
export { Augmenter, type AugmenterOptions, type AugmentInput, type AugmentOutput } from './augmenters/base';
export { reviveAugmentObject } from './worker-revive';
