/** The image shape an annotation lies on: (H, W) or (H, W, C), as imgaug's `shape` tuples. */
import { Tensor } from '@x/tensor';

export type ImageShape = readonly number[];

/** A shape from what imgaug accepts: a shape array, or the image itself (its shape is taken). */
export function normalizeShape(shape: unknown, who: string): ImageShape {
  if (shape instanceof Tensor) return [...shape.shape];
  if (Array.isArray(shape) && (shape.length === 2 || shape.length === 3) && shape.every((d) => Number.isInteger(d) && d >= 0)) return [...shape];
  throw new Error(`${who}: expected shape to be the image's shape [H, W] or [H, W, C] (or the image tensor), got ${JSON.stringify(shape) ?? String(shape)}`);
}

export function shapeHeight(shape: ImageShape): number {
  return shape[0]!;
}

export function shapeWidth(shape: ImageShape): number {
  return shape[1]!;
}

/** How x and y scale from an image of shape `from` to one of shape `to`: [fx, fy] (imgaug's `on` projection). */
export function projectionFactors(from: ImageShape, to: ImageShape): [number, number] {
  return [to[1]! / from[1]!, to[0]! / from[0]!];
}
