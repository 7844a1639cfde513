/**
 * Moving every coordinate-based kind (keypoints, bounding boxes, polygons) with one keypoint
 * function, as imgaug's `_apply_to_cbaois_as_keypoints`: boxes go as their four corners and come
 * back as the smallest box around the moved corners; polygons go as their points.
 */
import type { Batch } from '../augmentables/batch';
import type { KeypointsOnImage } from '../augmentables/keypoints';
import type { ImageShape } from '../augmentables/shape';

/** Moves the keypoints of one row (image) `row`; may change them in place and return them. */
export type KeypointsFunction = (kpsoi: KeypointsOnImage, row: number) => KeypointsOnImage;

/** Applies `move` to the batch's keypoints, bounding boxes and polygons, row by row, in place. */
export function moveCoordinates(batch: Batch, move: KeypointsFunction): void {
  if (batch.keypoints) batch.keypoints = batch.keypoints.map((kpsoi, i) => move(kpsoi, i));
  if (batch.boundingBoxes) batch.boundingBoxes = batch.boundingBoxes.map((bbsoi, i) => bbsoi.invertToKeypointsOnImage_(move(bbsoi.toKeypointsOnImage(), i)));
  if (batch.polygons) batch.polygons = batch.polygons.map((psoi, i) => psoi.invertToKeypointsOnImage_(move(psoi.toKeypointsOnImage(), i)));
}

/** A function moving [x, y] points of an annotation on an image of shape `shape`. */
export type PointsTransform = (points: [number, number][], shape: ImageShape) => [number, number][];

/**
 * A KeypointsFunction from a function of the points: every row's coordinates moved by
 * `move(row)` and put on the shape `outputShape(row)` gives for their old one.
 */
export function movingPoints(move: (row: number) => PointsTransform, outputShape: (row: number, shape: ImageShape) => ImageShape): KeypointsFunction {
  return (kpsoi, row) => {
    const moved = move(row)(kpsoi.keypoints.map((k) => [k.x, k.y]), kpsoi.shape);
    kpsoi.keypoints.forEach((k, j) => ([k.x, k.y] = moved[j]!));
    kpsoi.shape = outputShape(row, kpsoi.shape);
    return kpsoi;
  };
}

/**
 * Points on an image of shape `from` projected onto one of shape `to` (imgaug's project_coords):
 * relative positions kept, computed in float32 as imgaug's coordinate arrays are.
 */
export function projectPoints(points: [number, number][], from: ImageShape, to: ImageShape): [number, number][] {
  if (from[0] === to[0] && from[1] === to[1]) return points;
  if ([from[0], from[1], to[0], to[1]].some((v) => !(v! > 0))) {
    throw new Error(`Expected shapes without zeros to project coordinates, got [${from.join(', ')}] and [${to.join(', ')}]`);
  }
  const f = Math.fround;
  return points.map(([x, y]) => [f(f(f(x) / from[1]!) * to[1]!), f(f(f(y) / from[0]!) * to[0]!)]);
}
