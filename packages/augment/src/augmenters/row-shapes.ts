import type { Batch } from '../augmentables/batch';
import type { ImageShape } from '../augmentables/shape';

/**
 * The image shape of each row (imgaug's `get_rowwise_shapes`): the image's own shape where the batch
 * has images, else the shape the row's first annotation lies on.
 */
export function rowShapes(batch: Batch): ImageShape[] {
  if (batch.images) return batch.images.map((image) => image.shape);
  for (const kind of ['heatmaps', 'segmentationMaps', 'keypoints', 'boundingBoxes', 'polygons'] as const) {
    const column = batch[kind];
    if (column) return column.map((row) => row.shape);
  }
  return [];
}
