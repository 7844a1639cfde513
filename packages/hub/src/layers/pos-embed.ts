/**
 * timm's resample_abs_pos_embed (layers/pos_embed.py): a ViT's learned position embeddings for one
 * grid of patches, interpolated to another grid (a checkpoint trained at another image size, or an
 * input of another size), the prefix tokens' embeddings (class, registers) kept as they are.
 */
import { cat, type Tensor } from '@x/tensor';
import * as nn from '@x/nn';

export interface ResampleAbsPosEmbedOptions {
  /** The grid the embeddings are for; default: a square one from their count. */
  oldSize?: readonly [number, number] | null;
  numPrefixTokens?: number;
  interpolation?: 'bicubic' | 'bilinear';
  antialias?: boolean;
}

/** [1, prefix + oldH·oldW, C] → [1, prefix + newH·newW, C]. */
export function resampleAbsPosEmbed(posemb: Tensor, newSize: readonly [number, number], { oldSize = null, numPrefixTokens = 1, interpolation = 'bicubic', antialias = true }: ResampleAbsPosEmbedOptions = {}): Tensor {
  if (posemb.dim() !== 3 || posemb.shape[0] !== 1) throw new Error(`resampleAbsPosEmbed: expected position embeddings [1, tokens, dim], got [${posemb.shape.join(', ')}]`);
  const numPosTokens = posemb.shape[1]!;
  const numNewTokens = newSize[0] * newSize[1] + numPrefixTokens;
  if (numNewTokens === numPosTokens && newSize[0] === newSize[1]) return posemb;
  const side = Math.floor(Math.sqrt(numPosTokens - numPrefixTokens));
  const [oldH, oldW] = oldSize ?? [side, side];
  if (oldH * oldW + numPrefixTokens !== numPosTokens) {
    throw new Error(`resampleAbsPosEmbed: ${numPosTokens} position embeddings are not ${numPrefixTokens} prefix tokens and a ${oldH}×${oldW} grid`);
  }
  const embedDim = posemb.shape[2]!;
  const prefix = numPrefixTokens ? posemb.narrow(1, 0, numPrefixTokens) : null;
  let grid = posemb.narrow(1, numPrefixTokens, oldH * oldW);
  const dtype = grid.dtype;
  grid = grid.float().reshape(1, oldH, oldW, -1).permute(0, 3, 1, 2);
  grid = nn.functional.interpolate(grid, { size: [...newSize], mode: interpolation, antialias });
  grid = grid.permute(0, 2, 3, 1).reshape(1, -1, embedDim).to(dtype);
  return prefix ? cat([prefix, grid], 1) : grid;
}
