/** imgaug's `iaa`: the augmenters, and `choice` for explicit choice lists. */
export { Augmenter, type AugmenterOptions, type AugmentInput, type AugmentOutput } from './base';
export { parseArguments } from './arguments';
export { Fliplr, Flipud, type FlipOptions } from './flip';
export { choice } from '../parameters/choice';
export * from './meta/index';
export { Rot90, rot90Array, type Rot90Options } from './rot90';
export { moveCoordinates, type KeypointsFunction } from './coordinates';
export { ALL } from '../parameters/handle';
export { Affine, type AffineOptions } from './geometric/affine';
export { CropAndPad, Crop, Pad, type CropAndPadOptions, type CropOptions, type PadOptions } from './size/crop-and-pad';
export { Resize, type ResizeOptions } from './size/resize';
export { CropToFixedSize, CenterCropToFixedSize, PadToFixedSize, CenterPadToFixedSize, type CropToFixedSizeOptions, type PadToFixedSizeOptions } from './size/fixed-size';
export { ElasticTransformation, type ElasticTransformationOptions } from './geometric/elastic-transformation';
export { PerspectiveTransform, type PerspectiveTransformOptions } from './geometric/perspective-transform';
export {
  Add, AddElementwise, AdditiveGaussianNoise, AdditiveLaplaceNoise, AdditivePoissonNoise,
  type AddOptions, type AdditiveGaussianNoiseOptions, type AdditiveLaplaceNoiseOptions, type AdditivePoissonNoiseOptions,
} from './pixel/add';
export {
  Multiply, MultiplyElementwise, Dropout, CoarseDropout, type MultiplyOptions, type DropoutOptions, type CoarseDropoutOptions, type DropoutProbabilityArg,
} from './pixel/multiply';
export { Cutout, type CutoutAugmenterOptions, type PositionArg } from './pixel/cutout';
export { Invert, Solarize, type InvertAugmenterOptions } from './pixel/invert';
export {
  GammaContrast, SigmoidContrast, LinearContrast, LogContrast,
  type GammaContrastOptions, type SigmoidContrastOptions, type LinearContrastOptions, type LogContrastOptions,
} from './pixel/contrast';
export { Grayscale, type GrayscaleOptions } from './pixel/grayscale';
export { AddToHueAndSaturation, AddToHue, AddToSaturation, type AddToHueAndSaturationOptions, type AddToHueOptions } from './pixel/hue-saturation';
export { GaussianBlur, type GaussianBlurAugmenterOptions } from './pixel/gaussian-blur';
export { AverageBlur, type AverageBlurOptions } from './pixel/average-blur';
export { MedianBlur, type MedianBlurOptions } from './pixel/median-blur';
export {
  Sharpen, Emboss, EdgeDetect, DirectedEdgeDetect, type SharpenOptions, type EmbossOptions, type EdgeDetectOptions, type DirectedEdgeDetectOptions,
} from './pixel/convolve';
export { AllChannelsCLAHE, CLAHE, type AllChannelsClaheOptions, type ClaheOptions } from './pixel/clahe';
export { WithColorspace, type WithColorspaceOptions } from './pixel/with-colorspace';
export {
  WithBrightnessChannels, MultiplyAndAddToBrightness, MultiplyBrightness, AddToBrightness,
  type WithBrightnessChannelsOptions, type MultiplyAndAddToBrightnessOptions,
} from './pixel/brightness';
export {
  MultiplyHueAndSaturation, MultiplyHue, MultiplySaturation, RemoveSaturation, type MultiplyHueAndSaturationOptions, type MultiplyHueOptions,
} from './pixel/multiply-hue-saturation';
export {
  ReplaceElementwise, SaltAndPepper, ImpulseNoise, Salt, Pepper, CoarseSaltAndPepper, CoarseSalt, CoarsePepper,
  type ReplaceElementwiseOptions, type SaltAndPepperOptions, type CoarseSaltAndPepperOptions,
} from './pixel/replace-elementwise';
export { AllChannelsHistogramEqualization, HistogramEqualization, type HistogramEqualizationOptions } from './pixel/histogram-equalization';
