/** torchvision.transforms: image transforms as modules, and `functional` (torchvision's `F`). */
export * as functional from './functional/index';
export { InterpolationMode } from './interpolation';
