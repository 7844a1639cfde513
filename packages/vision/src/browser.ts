/**
 * @x/vision in browsers (the "browser" export condition): io through the platform's decoders
 * (createImageBitmap, OffscreenCanvas) instead of sharp, utils without saveImage, and no datasets
 * (they read folders and files). Nothing here imports sharp or node: modules.
 */
export * as io from './io/browser';
export * as transforms from './transforms/index';
export * as models from './models/index';
export * as ops from './ops/index';
export * as utils from './utils/browser';
export { isRawImage, rawImageToTensor, tensorToRawImage } from './image';
export type { Image, RawImage } from './image';
