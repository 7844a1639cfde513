/**
 * Moving every coordinate-based kind (keypoints, bounding boxes, polygons) with one keypoint
 * function, as imgaug's `_apply_to_cbaois_as_keypoints`: boxes go as their four corners and come
 * back as the smallest box around the moved corners; polygons go as their points.
 */
import type { Batch } from '../augmentables/batch';
import type { KeypointsOnImage } from '../augmentables/keypoints';

/** Moves the keypoints of one row (image) `row`; may change them in place and return them. */
export type KeypointsFunction = (kpsoi: KeypointsOnImage, row: number) => KeypointsOnImage;

/** Applies `move` to the batch's keypoints, bounding boxes and polygons, row by row, in place. */
export function moveCoordinates(batch: Batch, move: KeypointsFunction): void {
  if (batch.keypoints) batch.keypoints = batch.keypoints.map((kpsoi, i) => move(kpsoi, i));
  if (batch.boundingBoxes) batch.boundingBoxes = batch.boundingBoxes.map((bbsoi, i) => bbsoi.invertToKeypointsOnImage_(move(bbsoi.toKeypointsOnImage(), i)));
  if (batch.polygons) batch.polygons = batch.polygons.map((psoi, i) => psoi.invertToKeypointsOnImage_(move(psoi.toKeypointsOnImage(), i)));
}
