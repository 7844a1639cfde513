/**
 * @x/vision: torchvision for @x. `import * as vision from '@x/vision'`, or `torch.vision` from the
 * umbrella: `const { transforms, models, datasets } = torch.vision`.
 */
export * as io from './io/index';
export * as transforms from './transforms/index';
export * as datasets from './datasets/index';
export * as models from './models/index';
export * as ops from './ops/index';
export * as utils from './utils/index';
export { isRawImage, rawImageToTensor, tensorToRawImage } from './image';
export type { Image, RawImage } from './image';
