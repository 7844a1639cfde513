/**
 * The built-in architectures: every model family's entrypoint table. The registry reads this list
 * (no import side effects), and the pretrained configs come from generated/pretrained-cfgs.ts.
 */
import type { ModelEntrypoint } from '../registry';
import { convnextEntrypoints } from './convnext';
import { deitEntrypoints } from './deit';
import { torchvisionEntrypoints } from './torchvision';
import { visionTransformerEntrypoints } from './vision-transformer';

export const BUILTIN_ENTRYPOINTS: readonly ModelEntrypoint[] = [
  ...torchvisionEntrypoints,
  ...convnextEntrypoints,
  ...visionTransformerEntrypoints,
  ...deitEntrypoints,
];
