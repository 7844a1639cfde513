export { Keypoint, KeypointsOnImage } from './keypoints';
export { BoundingBox, BoundingBoxesOnImage, type BoundingBoxInit } from './bounding-boxes';
export { Polygon, PolygonsOnImage } from './polygons';
export { SegmentationMapsOnImage } from './segmaps';
export { HeatmapsOnImage, type HeatmapsOptions } from './heatmaps';
export { normalizeImage, normalizeImages, type ImagesInput } from './images';
export { normalizeShape, type ImageShape } from './shape';
export { AUGMENTABLE_KINDS, Batch, type AugmentableKind, type BatchColumns } from './batch';
