/**
 * The built-in architectures: every model family's entrypoint table. The registry reads this list
 * (no import side effects), and the pretrained configs come from generated/pretrained-cfgs.ts.
 */
import type { ModelEntrypoint } from '../registry';
import { convnextEntrypoints } from './convnext';
import { deitEntrypoints } from './deit';
import { densenetEntrypoints } from './densenet';
import { efficientnetEntrypoints } from './efficientnet/efficientnet';
import { mobilenetv3Entrypoints } from './efficientnet/mobilenetv3';
import { regnetEntrypoints } from './regnet';
import { resnetEntrypoints } from './resnet';
import { torchvisionEntrypoints } from './torchvision';
import { visionTransformerEntrypoints } from './vision-transformer';

export const BUILTIN_ENTRYPOINTS: readonly ModelEntrypoint[] = [
  ...torchvisionEntrypoints,
  ...resnetEntrypoints,
  ...efficientnetEntrypoints,
  ...mobilenetv3Entrypoints,
  ...convnextEntrypoints,
  ...visionTransformerEntrypoints,
  ...deitEntrypoints,
  ...densenetEntrypoints,
  ...regnetEntrypoints,
];
