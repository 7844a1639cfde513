/** torchvision.transforms.functional (`F`): the transforms as functions of the image and their parameters. */
export { getDimensions, getImageSize, getImageNumChannels } from './image-tensor';
export { toTensor, pilToTensor, convertImageDtype, normalize } from './conversion';
export type { NormalizeOptions } from './conversion';
export {
  resize, crop, centerCrop, resizedCrop, pad, hflip, vflip, fiveCrop, tenCrop, rotate, affine, perspective,
  computeResizedOutputSize, getInverseAffineMatrix, getPerspectiveCoeffs,
} from './geometry';
export type { Fill, PaddingMode, ResizeOptions, PadOptions, RotateOptions, AffineOptions, PerspectiveOptions } from './geometry';
export { InterpolationMode } from '../interpolation';
export {
  adjustBrightness, adjustContrast, adjustSaturation, adjustHue, adjustGamma, adjustSharpness, rgbToGrayscale, posterize, solarize,
  autocontrast, equalize, invert,
} from './color';
export { gaussianBlur } from './blur';
export { erase } from './erase';
