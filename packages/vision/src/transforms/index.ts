/** torchvision.transforms: image transforms as modules, and `functional` (torchvision's `F`). */
export * as functional from './functional/index';
export { InterpolationMode } from './interpolation';
export { Compose, Lambda, RandomApply, RandomChoice, RandomOrder } from './containers';
export type { Transform } from './containers';
export { ToTensor, PILToTensor, ConvertImageDtype, Normalize } from './conversion';
export {
  Resize, CenterCrop, Pad, RandomCrop, RandomResizedCrop, FiveCrop, TenCrop, RandomHorizontalFlip, RandomVerticalFlip, RandomRotation,
  RandomAffine, RandomPerspective,
} from './geometry';
export type {
  ResizeOptions, PadOptions, RandomCropOptions, RandomResizedCropOptions, RandomRotationOptions, RandomAffineOptions, RandomPerspectiveOptions,
} from './geometry';
export { ColorJitter } from './color-jitter';
export type { ColorJitterOptions } from './color-jitter';
export { Grayscale, RandomGrayscale } from './grayscale';
export { GaussianBlur } from './gaussian-blur';
export { RandomErasing } from './random-erasing';
export type { RandomErasingOptions } from './random-erasing';
export { RandomInvert, RandomPosterize, RandomSolarize, RandomAdjustSharpness, RandomAutocontrast, RandomEqualize } from './random-color-ops';
export { AutoAugment, AutoAugmentPolicy, RandAugment, TrivialAugmentWide } from './autoaugment';
export type { RandAugmentOptions, TrivialAugmentWideOptions } from './autoaugment';
