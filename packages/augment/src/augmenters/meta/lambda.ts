/** imgaug's `iaa.Lambda`: user functions as an augmenter, one per kind of data. */
import type { Tensor } from '@x/tensor';
import { AUGMENTABLE_KINDS, type AugmentableKind, type Batch } from '../../augmentables/batch';
import { BoundingBoxesOnImage } from '../../augmentables/bounding-boxes';
import { HeatmapsOnImage } from '../../augmentables/heatmaps';
import { KeypointsOnImage } from '../../augmentables/keypoints';
import { PolygonsOnImage } from '../../augmentables/polygons';
import { SegmentationMapsOnImage } from '../../augmentables/segmaps';
import { withDeterministicState } from '../../random/global';
import type { RandomState } from '../../random/random-state';
import { parseArguments } from '../arguments';
import { Augmenter, type AugmenterOptions } from '../base';

/** A Lambda function: the column's rows, the random state to draw from, the enclosing augmenters. */
export type LambdaFunction<T> = (rows: T[], randomState: RandomState, parents: readonly Augmenter[]) => T[];

export interface LambdaOptions extends AugmenterOptions {
  funcImages?: LambdaFunction<Tensor> | null;
  funcHeatmaps?: LambdaFunction<HeatmapsOnImage> | null;
  funcSegmentationMaps?: LambdaFunction<SegmentationMapsOnImage> | null;
  funcKeypoints?: LambdaFunction<KeypointsOnImage> | null;
  /** 'keypoints' (default): the boxes' corners go through funcKeypoints. */
  funcBoundingBoxes?: LambdaFunction<BoundingBoxesOnImage> | 'keypoints' | null;
  /** 'keypoints' (default): the polygons' points go through funcKeypoints. */
  funcPolygons?: LambdaFunction<PolygonsOnImage> | 'keypoints' | null;
}

const FUNCTIONS = ['funcImages', 'funcHeatmaps', 'funcSegmentationMaps', 'funcKeypoints', 'funcBoundingBoxes', 'funcPolygons'] as const;

const RESULT_CLASSES: Partial<Record<AugmentableKind, Function>> = {
  heatmaps: HeatmapsOnImage,
  segmentationMaps: SegmentationMapsOnImage,
  keypoints: KeypointsOnImage,
  boundingBoxes: BoundingBoxesOnImage,
  polygons: PolygonsOnImage,
};

/**
 * Runs the given functions on each kind of data; a kind without a function stays as it is, except
 * boxes and polygons, which by default go through funcKeypoints as their corner points. With
 * several kinds in one call, every function sees the random state in the same position, so
 * functions drawing the same values move images and annotations alike.
 *
 * @example
 * new iaa.Lambda({ funcImages: (images) => images.map((img) => img.flip([0])) });
 */
export class Lambda extends Augmenter {
  readonly funcImages: LambdaFunction<Tensor> | null;
  readonly funcHeatmaps: LambdaFunction<HeatmapsOnImage> | null;
  readonly funcSegmentationMaps: LambdaFunction<SegmentationMapsOnImage> | null;
  readonly funcKeypoints: LambdaFunction<KeypointsOnImage> | null;
  readonly funcBoundingBoxes: LambdaFunction<BoundingBoxesOnImage> | 'keypoints' | null;
  readonly funcPolygons: LambdaFunction<PolygonsOnImage> | 'keypoints' | null;

  constructor(
    funcImages?: LambdaFunction<Tensor> | LambdaOptions | null,
    funcHeatmaps?: LambdaFunction<HeatmapsOnImage> | LambdaOptions | null,
    funcSegmentationMaps?: LambdaFunction<SegmentationMapsOnImage> | LambdaOptions | null,
    funcKeypoints?: LambdaFunction<KeypointsOnImage> | LambdaOptions | null,
    funcBoundingBoxes?: LambdaFunction<BoundingBoxesOnImage> | 'keypoints' | LambdaOptions | null,
    funcPolygons?: LambdaFunction<PolygonsOnImage> | 'keypoints' | LambdaOptions | null,
    options?: LambdaOptions,
  ) {
    const args = parseArguments('Lambda', [funcImages, funcHeatmaps, funcSegmentationMaps, funcKeypoints, funcBoundingBoxes, funcPolygons, options], FUNCTIONS);
    super(args);
    for (const k of FUNCTIONS) {
      const f = args[k];
      const viaKeypoints = (k === 'funcBoundingBoxes' || k === 'funcPolygons') && f === 'keypoints';
      if (f !== undefined && f !== null && typeof f !== 'function' && !viaKeypoints) {
        throw new Error(`Lambda: expected ${k} to be a function${k === 'funcBoundingBoxes' || k === 'funcPolygons' ? ", 'keypoints'" : ''} or null, got ${typeof f}`);
      }
    }
    this.funcImages = (args.funcImages ?? null) as LambdaFunction<Tensor> | null;
    this.funcHeatmaps = (args.funcHeatmaps ?? null) as LambdaFunction<HeatmapsOnImage> | null;
    this.funcSegmentationMaps = (args.funcSegmentationMaps ?? null) as LambdaFunction<SegmentationMapsOnImage> | null;
    this.funcKeypoints = (args.funcKeypoints ?? null) as LambdaFunction<KeypointsOnImage> | null;
    this.funcBoundingBoxes = (args.funcBoundingBoxes === undefined ? 'keypoints' : args.funcBoundingBoxes) as LambdaFunction<BoundingBoxesOnImage> | 'keypoints' | null;
    this.funcPolygons = (args.funcPolygons === undefined ? 'keypoints' : args.funcPolygons) as LambdaFunction<PolygonsOnImage> | 'keypoints' | null;
  }

  override get supportedKinds(): readonly AugmentableKind[] {
    return AUGMENTABLE_KINDS;
  }

  private checked<T>(kind: AugmentableKind, result: unknown, count: number): T[] {
    const cls = kind === 'images' ? null : RESULT_CLASSES[kind]!;
    if (!Array.isArray(result) || result.length !== count || (cls !== null && result.some((r) => !(r instanceof cls)))) {
      throw new Error(`Lambda: expected the function for ${kind} to return an array of ${count} ${cls === null ? 'image tensors' : cls.name}, got ${Array.isArray(result) ? `an array of ${result.length}` : typeof result}`);
    }
    return result as T[];
  }

  private viaKeypoints<T extends BoundingBoxesOnImage | PolygonsOnImage>(rows: T[], rs: RandomState, parents: readonly Augmenter[]): T[] {
    if (this.funcKeypoints === null) return rows;
    const moved = this.checked<KeypointsOnImage>('keypoints', this.funcKeypoints(rows.map((r) => r.toKeypointsOnImage()), rs, parents), rows.length);
    return rows.map((r, i) => r.invertToKeypointsOnImage_(moved[i]!) as T);
  }

  protected augmentBatch_(batch: Batch, randomState: RandomState, parents: readonly Augmenter[]): Batch {
    const kinds = batch.kinds;
    // With several kinds, each function starts from the same random state position (imgaug's deterministic context).
    const sameState = this.deterministic || kinds.length > 1;
    const run = <T>(kind: AugmentableKind, f: (rows: T[]) => T[]): void => {
      const rows = batch.column(kind) as T[] | null;
      if (rows === null) return;
      (batch as unknown as Record<string, unknown>)[kind] = withDeterministicState(randomState, sameState, () => f(rows));
    };
    const call = <T>(kind: AugmentableKind, fn: LambdaFunction<T> | null) => (rows: T[]): T[] => (fn === null ? rows : this.checked<T>(kind, fn(rows, randomState, parents), rows.length));
    run('images', call('images', this.funcImages));
    run('heatmaps', call('heatmaps', this.funcHeatmaps));
    run('segmentationMaps', call('segmentationMaps', this.funcSegmentationMaps));
    run('keypoints', call('keypoints', this.funcKeypoints));
    run<BoundingBoxesOnImage>('boundingBoxes', this.funcBoundingBoxes === 'keypoints' ? (rows) => this.viaKeypoints(rows, randomState, parents) : call('boundingBoxes', this.funcBoundingBoxes));
    run<PolygonsOnImage>('polygons', this.funcPolygons === 'keypoints' ? (rows) => this.viaKeypoints(rows, randomState, parents) : call('polygons', this.funcPolygons));
    if (kinds.length > 1 && !this.deterministic) randomState.advance();
    return batch;
  }
}
