/**
 * The built-in architectures: every model family's entrypoint table. The registry reads this list
 * (no import side effects), and the pretrained configs come from generated/pretrained-cfgs.ts.
 */
import type { ModelEntrypoint } from '../registry';
import { torchvisionEntrypoints } from './torchvision';
import { efficientnetEntrypoints } from './efficientnet/efficientnet';
import { mobilenetv3Entrypoints } from './efficientnet/mobilenetv3';

export const BUILTIN_ENTRYPOINTS: readonly ModelEntrypoint[] = [
  ...torchvisionEntrypoints,
  ...efficientnetEntrypoints,
  ...mobilenetv3Entrypoints,
];
