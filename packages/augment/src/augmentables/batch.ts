/**
 * The batch an augmenter works on: one column per kind of data (images, heatmaps, segmentation maps,
 * keypoints, bounding boxes, polygons), each an array with one entry per row (image), or null when
 * absent. imgaug's `_BatchInAugmentation`.
 */
import type { Tensor } from '@x/tensor';
import type { BoundingBoxesOnImage } from './bounding-boxes';
import type { HeatmapsOnImage } from './heatmaps';
import type { KeypointsOnImage } from './keypoints';
import type { PolygonsOnImage } from './polygons';
import type { SegmentationMapsOnImage } from './segmaps';

export type AugmentableKind = 'images' | 'heatmaps' | 'segmentationMaps' | 'keypoints' | 'boundingBoxes' | 'polygons';

/** Every kind, in the order augmenters see them. */
export const AUGMENTABLE_KINDS: readonly AugmentableKind[] = ['images', 'heatmaps', 'segmentationMaps', 'keypoints', 'boundingBoxes', 'polygons'];

export interface BatchColumns {
  images?: Tensor[] | null;
  heatmaps?: HeatmapsOnImage[] | null;
  segmentationMaps?: SegmentationMapsOnImage[] | null;
  keypoints?: KeypointsOnImage[] | null;
  boundingBoxes?: BoundingBoxesOnImage[] | null;
  polygons?: PolygonsOnImage[] | null;
}

type Row<K extends AugmentableKind> = NonNullable<BatchColumns[K]>[number];

export class Batch {
  images: Tensor[] | null;
  heatmaps: HeatmapsOnImage[] | null;
  segmentationMaps: SegmentationMapsOnImage[] | null;
  keypoints: KeypointsOnImage[] | null;
  boundingBoxes: BoundingBoxesOnImage[] | null;
  polygons: PolygonsOnImage[] | null;

  constructor(columns: BatchColumns) {
    this.images = columns.images ?? null;
    this.heatmaps = columns.heatmaps ?? null;
    this.segmentationMaps = columns.segmentationMaps ?? null;
    this.keypoints = columns.keypoints ?? null;
    this.boundingBoxes = columns.boundingBoxes ?? null;
    this.polygons = columns.polygons ?? null;
    const lengths = this.kinds.map((k) => [k, this.column(k)!.length] as const);
    if (lengths.some(([, n]) => n !== lengths[0]![1])) {
      throw new Error(`Expected every kind of data in a batch to have one entry per image, got ${lengths.map(([k, n]) => `${n} ${k}`).join(', ')}`);
    }
  }

  /** The kinds present (non-null columns). */
  get kinds(): AugmentableKind[] {
    return AUGMENTABLE_KINDS.filter((k) => this[k] !== null);
  }

  column<K extends AugmentableKind>(kind: K): Row<K>[] | null {
    return this[kind] as Row<K>[] | null;
  }

  /** How many rows (images) the batch has. */
  get nbRows(): number {
    const k = this.kinds[0];
    return k === undefined ? 0 : this.column(k)!.length;
  }

  get empty(): boolean {
    return this.nbRows === 0;
  }

  /** The rows at `indices`, as a new batch sharing the row objects (imgaug's `subselect_rows_by_indices`). */
  subselectRows(indices: readonly number[]): Batch {
    const cols: BatchColumns = {};
    for (const k of this.kinds) (cols as Record<string, unknown>)[k] = indices.map((i) => this.column(k)![i]);
    return new Batch(cols);
  }

  /** Puts the rows of `sub` (taken by subselectRows(indices)) back at `indices`, in place. */
  invertSubselectRows_(indices: readonly number[], sub: Batch): this {
    for (const k of this.kinds) {
      const col = this.column(k)!;
      const from = sub.column(k);
      if (from === null) throw new Error(`invertSubselectRows_: the sub-batch lost its ${k}`);
      indices.forEach((i, j) => (col[i] = from[j]!));
    }
    return this;
  }

  /** A copy whose columns and annotation objects are new (image tensors are shared: augmenters never write into them). */
  deepcopy(): Batch {
    return new Batch({
      images: this.images && [...this.images],
      heatmaps: this.heatmaps && this.heatmaps.map((h) => h.deepcopy()),
      segmentationMaps: this.segmentationMaps && this.segmentationMaps.map((s) => s.deepcopy()),
      keypoints: this.keypoints && this.keypoints.map((k) => k.deepcopy()),
      boundingBoxes: this.boundingBoxes && this.boundingBoxes.map((b) => b.deepcopy()),
      polygons: this.polygons && this.polygons.map((p) => p.deepcopy()),
    });
  }
}
