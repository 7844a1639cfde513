/** torchvision.utils.save_image: a grid of images written as an image file (PNG, JPEG, WebP…). */
import { extname } from 'node:path';
import type { Tensor } from '@x/tensor';
import { noGrad } from '@x/autograd';
import { writeBytes } from '../io/node-files';
import { sharpEncodeAny, type SaveFormat } from '../io/sharp-codec';
import { makeGrid, type MakeGridOptions } from './make-grid';

export interface SaveImageOptions extends MakeGridOptions {
  /** The file format; by default the path's extension says (as PIL's `Image.save`). */
  format?: SaveFormat;
}

const EXTENSIONS: Record<string, SaveFormat> = { '.png': 'png', '.jpg': 'jpeg', '.jpeg': 'jpeg', '.webp': 'webp', '.tif': 'tiff', '.tiff': 'tiff', '.gif': 'gif' };

/**
 * Writes `tensor` (anything `makeGrid` takes, values in [0, 1]) to `path` as torchvision does:
 * the grid scaled to 0–255, rounded, clamped, as 8-bit samples.
 *
 * @example
 * await utils.saveImage(batch, 'samples.png', { nrow: 4 });
 */
export async function saveImage(tensor: Tensor | readonly Tensor[], path: string, options: SaveImageOptions = {}): Promise<void> {
  const { format, ...gridOptions } = options;
  const fmt = format ?? EXTENSIONS[extname(path).toLowerCase()];
  if (fmt === undefined) {
    throw new Error(`saveImage: unknown file extension '${extname(path)}' in ${path}: give options.format (${[...new Set(Object.values(EXTENSIONS))].join(', ')})`);
  }
  const hwc = noGrad(() => {
    const grid = makeGrid(tensor, gridOptions);
    if (grid.dim() !== 3 || grid.shape[0]! > 4) throw new Error(`saveImage: an image has 1 to 4 channels, but the grid has shape [${grid.shape.join(', ')}]`);
    return grid.mul(255).add_(0.5).clamp_(0, 255).permute(1, 2, 0).to('uint8').contiguous();
  });
  const [height, width, channels] = hwc.shape as [number, number, 1 | 2 | 3 | 4];
  const bytes = await sharpEncodeAny({ data: hwc.numpy() as Uint8Array, width, height, channels }, fmt, path);
  await writeBytes(path, bytes, 'saveImage');
}
