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
