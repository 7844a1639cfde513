/**
 * Moving a row's coordinate-based annotations (keypoints, bounding boxes, polygons) by a function of
 * their points, as imgaug's geometric augmenters do: boxes go through their four corners and become
 * the smallest box around the moved corners; every annotation takes the new image shape.
 */
import type { Batch } from '../augmentables/batch';
import type { ImageShape } from '../augmentables/shape';

/** A function moving [x, y] points of an annotation on an image of shape `shape`. */
export type PointsTransform = (points: [number, number][], shape: ImageShape) => [number, number][];

/** Applies `move` to row i's keypoints, boxes and polygons; `outputShape` gives each one's new shape from its old. */
export function moveCoordinateRow(batch: Batch, i: number, move: PointsTransform, outputShape: (shape: ImageShape) => ImageShape): void {
  const keypoints = batch.keypoints?.[i];
  if (keypoints) {
    const moved = move(keypoints.keypoints.map((k) => [k.x, k.y]), keypoints.shape);
    keypoints.keypoints.forEach((k, j) => ([k.x, k.y] = moved[j]!));
    keypoints.shape = outputShape(keypoints.shape);
  }
  const boxes = batch.boundingBoxes?.[i];
  if (boxes) {
    const corners = boxes.toKeypointsOnImage();
    const moved = move(corners.keypoints.map((k) => [k.x, k.y]), boxes.shape);
    corners.keypoints.forEach((k, j) => ([k.x, k.y] = moved[j]!));
    corners.shape = outputShape(boxes.shape);
    boxes.invertToKeypointsOnImage_(corners);
  }
  const polygons = batch.polygons?.[i];
  if (polygons) {
    polygons.polygons = polygons.polygons.map((poly) => poly.copy(move(poly.exterior.map(([x, y]) => [x, y]), polygons.shape)));
    polygons.shape = outputShape(polygons.shape);
  }
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
