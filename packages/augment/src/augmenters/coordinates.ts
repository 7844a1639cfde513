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
