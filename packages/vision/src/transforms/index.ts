/** torchvision.transforms: image transforms as modules, and `functional` (torchvision's `F`). */
export * as functional from './functional/index';
export { InterpolationMode } from './interpolation';
export { ColorJitter } from './color-jitter';
export type { ColorJitterOptions } from './color-jitter';
export { Grayscale, RandomGrayscale } from './grayscale';
export { GaussianBlur } from './gaussian-blur';
export { RandomErasing } from './random-erasing';
export type { RandomErasingOptions } from './random-erasing';
export { RandomInvert, RandomPosterize, RandomSolarize, RandomAdjustSharpness, RandomAutocontrast, RandomEqualize } from './random-color-ops';
export { AutoAugment, AutoAugmentPolicy, RandAugment, TrivialAugmentWide } from './autoaugment';
export type { RandAugmentOptions, TrivialAugmentWideOptions } from './autoaugment';
