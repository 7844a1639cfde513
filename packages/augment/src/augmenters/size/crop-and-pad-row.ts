/**
 * Batch rows cropped and padded by fixed amounts, every kind of data alike: the step CropAndPad,
 * Crop, Pad and the fixed-size augmenters share once they have drawn their amounts.
 */
import type { Tensor } from '@x/tensor';
import type { Batch } from '../../augmentables/batch';
import type { ImageShape } from '../../augmentables/shape';
import type { BorderMode } from '../border-index';
import { moveCoordinates, movingPoints, projectPoints } from '../coordinates';
import { cvRound } from '../opencv-rounding';
import { cropAndPadImage, cropImage, cropWindow, padImage, preventZeroSizeCrop, type Sides } from './crop-and-pad-image';
import { resizeHeatmaps, resizeSegmentationMaps } from './resize-maps';

/** One row's crop and pad amounts (top, right, bottom, left), and how the image's new pixels are filled. */
export interface CropAndPadSample {
  crop: Sides;
  pad: Sides;
  padMode: BorderMode;
  padCval: number;
}

/**
 * Crops and pads each row by its sample: the image with the sample's fill, heatmaps and
 * segmentation maps with a constant 0 by the amounts projected onto their size, coordinates
 * shifted; keepSize resizes (and projects) everything back to the size it had.
 */
export function cropAndPadBatch(batch: Batch, samples: readonly CropAndPadSample[], keepSize: boolean): void {
  samples.forEach((sample, i) => {
    if (batch.images) batch.images[i] = cropAndPadImage(batch.images[i]!, sample.crop, sample.pad, sample.padMode, sample.padCval, keepSize);
    if (batch.heatmaps) {
      const hm = batch.heatmaps[i]!;
      const arr = cropAndPadMap(hm.arr0to1, hm.shape, sample);
      batch.heatmaps[i] = keepSize ? resizeHeatmaps(hm.withArr0to1(arr), hm.arr0to1.shape[0]!, hm.arr0to1.shape[1]!) : hm.withArr0to1(arr, shapeAfterCropAndPad(hm.shape, sample));
    }
    if (batch.segmentationMaps) {
      const sm = batch.segmentationMaps[i]!;
      const arr = cropAndPadMap(sm.arr, sm.shape, sample);
      batch.segmentationMaps[i] = keepSize ? resizeSegmentationMaps(sm.withArr(arr), sm.arr.shape[0]!, sm.arr.shape[1]!) : sm.withArr(arr, shapeAfterCropAndPad(sm.shape, sample));
    }
  });
  const shift = (sample: CropAndPadSample) => (points: [number, number][], shape: ImageShape): [number, number][] => {
    const { x1, y1 } = cropWindow(shape[0]!, shape[1]!, sample.crop);
    const dx = -x1 + sample.pad[3];
    const dy = -y1 + sample.pad[0];
    const moved = points.map(([x, y]) => [x + dx, y + dy] as [number, number]);
    return keepSize ? projectPoints(moved, shapeAfterCropAndPad(shape, sample), shape) : moved;
  };
  moveCoordinates(batch, movingPoints((row) => shift(samples[row]!), (row, shape) => (keepSize ? shape : shapeAfterCropAndPad(shape, samples[row]!))));
}

/** The shape after cropping and padding (imgaug's _compute_shape_after_crop_and_pad). */
export function shapeAfterCropAndPad(shape: ImageShape, sample: CropAndPadSample): ImageShape {
  const { x1, y1, x2, y2 } = cropWindow(shape[0]!, shape[1]!, sample.crop);
  return [y2 - y1 + sample.pad[0] + sample.pad[2], x2 - x1 + sample.pad[1] + sample.pad[3], ...shape.slice(2)];
}

/** A map array cropped and padded (constant 0) by the image's amounts projected onto the map's size (imgaug's _crop_and_pad_hms_or_segmaps_). */
function cropAndPadMap(arr: Tensor, imageShape: ImageShape, sample: CropAndPadSample): Tensor {
  const crop = preventZeroSizeCrop(arr.shape[0]!, arr.shape[1]!, projectSides(sample.crop, imageShape, arr.shape));
  const pad = projectSides(sample.pad, imageShape, arr.shape);
  return padImage(cropImage(arr, crop), pad, 'constant', 0);
}

/**
 * Amounts for an image projected onto a map of another size (imgaug's _project_size_changes): the
 * ±1e-4 keeps two equal odd amounts on a half-size map from both rounding up.
 */
function projectSides(sides: Sides, from: ImageShape, to: ImageShape): Sides {
  if (from[0] === to[0] && from[1] === to[1]) return sides;
  const [top, right, bottom, left] = sides;
  return [
    cvRound(to[0]! * (top / from[0]!) - 1e-4),
    cvRound(to[1]! * (right / from[1]!) + 1e-4),
    cvRound(to[0]! * (bottom / from[0]!) + 1e-4),
    cvRound(to[1]! * (left / from[1]!) - 1e-4),
  ];
}
