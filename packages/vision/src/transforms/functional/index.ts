/** torchvision.transforms.functional (`F`): the functional form of each transform. */
export {
  adjustBrightness, adjustContrast, adjustSaturation, adjustHue, adjustGamma, adjustSharpness, rgbToGrayscale, posterize, solarize,
  autocontrast, equalize, invert,
} from './color';
export { gaussianBlur } from './blur';
export { erase } from './erase';
