/**
 * timm's DeiT entrypoints (models/deit.py): the non-distilled DeiT models are timm's
 * VisionTransformer, their checkpoints filtered with the layer-scale renaming of DeiT-3.
 */
import type { ModelEntrypoint } from '../registry';
import { vitEntrypoint } from './vision-transformer';

export const deitEntrypoints: readonly ModelEntrypoint[] = [
  vitEntrypoint('deit_tiny_patch16_224', 'deit', { patchSize: 16, embedDim: 192, depth: 12, numHeads: 3 }, { adaptLayerScale: true }),
];
