import type { HeatmapsOnImage } from '../../augmentables/heatmaps';
import type { ImageShape } from '../../augmentables/shape';
import type { SegmentationMapsOnImage } from '../../augmentables/segmaps';
import { resizeImage, type ResizeInterpolation } from './resize-image';

/** Heatmaps resized as imgaug's HeatmapsOnImage.resize: bicubic unless told otherwise, clipped back into [0, 1]. */
export function resizeHeatmaps(heatmaps: HeatmapsOnImage, height: number, width: number, shape: ImageShape = heatmaps.shape, interpolation: ResizeInterpolation = 'cubic'): HeatmapsOnImage {
  const arr = resizeImage(heatmaps.arr0to1, height, width, interpolation).clamp(0, 1);
  return heatmaps.withArr0to1(arr, shape);
}

/** Segmentation maps resized as imgaug's SegmentationMapsOnImage.resize: nearest neighbour, class ids unchanged. */
export function resizeSegmentationMaps(segmaps: SegmentationMapsOnImage, height: number, width: number, shape: ImageShape = segmaps.shape): SegmentationMapsOnImage {
  const arr = resizeImage(segmaps.arr.to('float32'), height, width, 'nearest').to(segmaps.arr.dtype);
  return segmaps.withArr(arr, shape);
}
