/**
 * Images as augmenters take them: one image is a [H, W, C] or [H, W] (gray) tensor; several are an
 * NHWC tensor, an NHW tensor (gray, as imgaug reads a 3-dimensional array of images), or an array
 * of single images of different sizes. Inside augmentation every image is [H, W, C]; results come
 * back in the form given.
 */
import { stack, Tensor } from '@x/tensor';

/** One image or several, in any of the accepted forms. */
export type ImagesInput = Tensor | readonly Tensor[];

function describe(v: unknown): string {
  if (v instanceof Tensor) return `a ${v.dtype} tensor of shape [${v.shape.join(', ')}]`;
  if (Array.isArray(v)) return `an array of ${v.length}`;
  return v === null ? 'null' : typeof v;
}

/** A single image as [H, W, C], and how to give a result back in the input's rank. */
export function normalizeImage(image: unknown, who = 'image'): { row: Tensor; restore(out: Tensor): Tensor } {
  if (!(image instanceof Tensor) || (image.dim() !== 2 && image.dim() !== 3)) {
    throw new Error(`Expected ${who} to be a [H, W, C] or [H, W] image tensor, got ${describe(image)}`);
  }
  if (image.dim() === 3) return { row: image, restore: (out) => out };
  return { row: image.unsqueeze(-1), restore: (out) => (out.dim() === 3 && out.shape[2] === 1 ? out.squeeze(-1) : out) };
}

/** Several images as [H, W, C] rows, and how to give results back in the form given. */
export function normalizeImages(images: unknown, who = 'images'): { rows: Tensor[]; restore(out: Tensor[]): Tensor | Tensor[] } {
  if (images instanceof Tensor) {
    if (images.dim() !== 3 && images.dim() !== 4) {
      throw new Error(`Expected ${who} to be an NHWC (or NHW gray) batch tensor or an array of images, got ${describe(images)}`);
    }
    const gray = images.dim() === 3;
    const rows = images.unbind(0).map((r) => (gray ? r.unsqueeze(-1) : r));
    return {
      rows,
      restore(out) {
        const back = out.map((r) => (gray && r.shape[2] === 1 ? r.squeeze(-1) : r));
        const same = back.every((r) => r.shape.length === back[0]?.shape.length && r.shape.every((d, i) => d === back[0]!.shape[i]) && r.dtype === back[0]!.dtype);
        // Images that came out in different sizes cannot be one tensor: they come back as an array, as imgaug returns a list.
        return same && back.length > 0 ? stack(back) : same ? images : back;
      },
    };
  }
  if (Array.isArray(images)) {
    const single = images.map((img, i) => normalizeImage(img, `${who}[${i}]`));
    return { rows: single.map((s) => s.row), restore: (out) => out.map((r, i) => single[i]!.restore(r)) };
  }
  throw new Error(`Expected ${who} to be an NHWC (or NHW gray) batch tensor or an array of images, got ${describe(images)}`);
}
