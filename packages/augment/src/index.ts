/**
 * @x/augment: imgaug 0.4 for @x. `import * as augment from '@x/augment'`, or `torch.augment` from the
 * umbrella: `const iaa = torch.augment.augmenters; const iap = torch.augment.parameters`.
 */
export {};
