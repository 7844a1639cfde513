/**
 * The built-in architectures: every model family's entrypoint table. The registry reads this list
 * (no import side effects), and the pretrained configs come from generated/pretrained-cfgs.ts.
 */
import type { ModelEntrypoint } from '../registry';
import { resnetEntrypoints } from './resnet';
import { torchvisionEntrypoints } from './torchvision';

export const BUILTIN_ENTRYPOINTS: readonly ModelEntrypoint[] = [
  ...torchvisionEntrypoints,
  ...resnetEntrypoints,
];
