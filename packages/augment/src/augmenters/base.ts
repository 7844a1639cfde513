/**
 * imgaug's Augmenter: the base of every augmenter. A subclass implements `augmentBatch_` (imgaug's
 * `_augment_batch_`): it gets a Batch with one column per kind of data, and changes the rows in
 * place, drawing every random value from the random state it is given, once per row, so the image
 * and its annotations move together. An augmenter names the kinds it handles in `supportedKinds`;
 * asked to augment another kind it refuses with an Error, so a geometric augmenter never silently
 * leaves keypoints where they were.
 */
import { Tensor } from '@x/tensor';
import { isRawImage, rawImageToTensor, tensorToRawImage, type RawImage } from '@x/vision';
import { Batch, type AugmentableKind } from '../augmentables/batch';
import { BoundingBox, BoundingBoxesOnImage } from '../augmentables/bounding-boxes';
import { HeatmapsOnImage } from '../augmentables/heatmaps';
import { normalizeImage, normalizeImages, type ImagesInput } from '../augmentables/images';
import { Keypoint, KeypointsOnImage } from '../augmentables/keypoints';
import { Polygon, PolygonsOnImage } from '../augmentables/polygons';
import { SegmentationMapsOnImage } from '../augmentables/segmaps';
import { getGlobalRandomState, withDeterministicState } from '../random/global';
import { RandomState } from '../random/random-state';
import { workerSourceOf } from '../worker-source';

export interface AugmenterOptions {
  /** A seed (or a RandomState) for this augmenter's own stream; without one it draws from the global state (`seed(n)`). */
  seed?: number | bigint | RandomState | null;
  /** A name to find the augmenter by (default `Unnamed<ClassName>`). */
  name?: string | null;
  /** Whether every call repeats the same random values (prefer `toDeterministic()`). */
  deterministic?: boolean;
}

/** What augment() takes: one image (and its annotations) or several (and one annotation object per image). */
export interface AugmentInput {
  image?: Tensor;
  images?: ImagesInput;
  heatmaps?: HeatmapsOnImage | readonly HeatmapsOnImage[];
  segmentationMaps?: SegmentationMapsOnImage | readonly SegmentationMapsOnImage[];
  keypoints?: KeypointsOnImage | readonly KeypointsOnImage[] | readonly Keypoint[];
  boundingBoxes?: BoundingBoxesOnImage | readonly BoundingBoxesOnImage[] | readonly BoundingBox[];
  polygons?: PolygonsOnImage | readonly PolygonsOnImage[] | readonly Polygon[];
}

/** What augment() gives back: the same fields, augmented, in the forms given. */
export interface AugmentOutput {
  image?: Tensor;
  images?: Tensor | Tensor[];
  heatmaps?: HeatmapsOnImage | HeatmapsOnImage[];
  segmentationMaps?: SegmentationMapsOnImage | SegmentationMapsOnImage[];
  keypoints?: KeypointsOnImage | KeypointsOnImage[] | Keypoint[];
  boundingBoxes?: BoundingBoxesOnImage | BoundingBoxesOnImage[] | BoundingBox[];
  polygons?: PolygonsOnImage | PolygonsOnImage[] | Polygon[];
}

const ANNOTATION_CLASSES = {
  heatmaps: HeatmapsOnImage,
  segmentationMaps: SegmentationMapsOnImage,
  keypoints: KeypointsOnImage,
  boundingBoxes: BoundingBoxesOnImage,
  polygons: PolygonsOnImage,
} as const;

type AnnotationKind = keyof typeof ANNOTATION_CLASSES;

const ITEM_CLASSES = { keypoints: Keypoint, boundingBoxes: BoundingBox, polygons: Polygon } as const;

function itemsOnImage(kind: 'keypoints' | 'boundingBoxes' | 'polygons', items: readonly unknown[], shape: readonly number[]): KeypointsOnImage | BoundingBoxesOnImage | PolygonsOnImage {
  if (kind === 'keypoints') return new KeypointsOnImage(items as Keypoint[], { shape });
  if (kind === 'boundingBoxes') return new BoundingBoxesOnImage(items as BoundingBox[], { shape });
  return new PolygonsOnImage(items as Polygon[], { shape });
}

export abstract class Augmenter {
  name: string;
  deterministic: boolean;
  /**
   * This augmenter's own random state, or null to draw from the global one. Null rather than the
   * global object itself, so that an augmenter sent to a DataLoader worker draws from that worker's
   * global state (which `seed(n)` in a workerInitFn reseeds), as imgaug's augmenters do in a process.
   */
  private ownRandomState: RandomState | null;

  constructor(options: AugmenterOptions = {}) {
    const { seed = null, name = null, deterministic = false } = options;
    if (typeof deterministic !== 'boolean') throw new Error(`${this.constructor.name}: expected deterministic to be a boolean, got ${String(deterministic)}`);
    this.name = name ?? `Unnamed${this.constructor.name}`;
    this.deterministic = deterministic;
    if (seed instanceof RandomState) this.ownRandomState = seed;
    else if (seed !== null) this.ownRandomState = new RandomState(seed);
    // A deterministic augmenter must not share the global state: its restores would rewind everyone's draws.
    else this.ownRandomState = deterministic ? getGlobalRandomState().derive() : null;
  }

  /** The random state this augmenter draws from: its own, or the global one (`seed(n)`). */
  get randomState(): RandomState {
    return this.ownRandomState ?? getGlobalRandomState();
  }

  set randomState(randomState: RandomState) {
    this.ownRandomState = randomState === getGlobalRandomState() ? null : randomState;
  }

  /** The kinds of data this augmenter handles; others are refused. Images only, unless a subclass says more. */
  get supportedKinds(): readonly AugmentableKind[] {
    return ['images'];
  }

  /**
   * Augments the batch's rows in place and returns it (imgaug's `_augment_batch_`). Every random
   * value comes from `randomState`; `parents` are the meta augmenters this one runs inside.
   */
  protected abstract augmentBatch_(batch: Batch, randomState: RandomState, parents: readonly Augmenter[]): Batch;

  /**
   * Augments a batch, in place (imgaug's `augment_batch_`): the entry meta augmenters call on their
   * children. In deterministic mode the random state is restored afterwards, so every call repeats.
   */
  augmentBatch(batch: Batch, parents: readonly Augmenter[] = []): Batch {
    const unsupported = batch.kinds.filter((k) => !this.supportedKinds.includes(k));
    if (unsupported.length > 0) {
      throw new Error(`${this.constructor.name} (${this.name}) cannot augment ${unsupported.join(', ')}: it handles ${this.supportedKinds.join(', ')}`);
    }
    if (batch.empty) return batch;
    return withDeterministicState(this.randomState, this.deterministic, () => this.augmentBatch_(batch, this.randomState, parents));
  }

  /**
   * One image, [H, W, C] or [H, W] (imgaug's `augment_image`).
   *
   * @example
   * const flipped = new iaa.Fliplr(1).augmentImage(img);
   */
  augmentImage(image: Tensor): Tensor {
    const { row, restore } = normalizeImage(image);
    return restore(this.augmentBatch(new Batch({ images: [row] })).images![0]!);
  }

  /**
   * Several images: an NHWC (or NHW) tensor, or an array of images of different sizes; the result
   * has the form given (imgaug's `augment_images`).
   */
  augmentImages(images: ImagesInput): Tensor | Tensor[] {
    const { rows, restore } = normalizeImages(images);
    return restore(this.augmentBatch(new Batch({ images: rows })).images!);
  }

  /**
   * One image, as a step of `vision.transforms.Compose` gets it (augmentImage): a HWC tensor, or a
   * RawImage (what decoders and vision's datasets give, in the place of PIL's and numpy's images),
   * returned as the same kind so `ToTensor` can follow.
   */
  forward<T extends Tensor | RawImage>(image: T): T {
    if (!isRawImage(image)) return this.augmentImage(image as Tensor) as T;
    // The CHW round trip through vision's converters keeps one definition of the RawImage layout.
    const out = this.augmentImage(rawImageToTensor(image).permute(1, 2, 0));
    return tensorToRawImage(out.dim() === 2 ? out.unsqueeze(0) : out.permute(2, 0, 1)) as T;
  }

  augmentKeypoints(keypoints: KeypointsOnImage): KeypointsOnImage;
  augmentKeypoints(keypoints: readonly KeypointsOnImage[]): KeypointsOnImage[];
  augmentKeypoints(keypoints: KeypointsOnImage | readonly KeypointsOnImage[]): KeypointsOnImage | KeypointsOnImage[] {
    return this.augmentAnnotations('keypoints', keypoints) as KeypointsOnImage | KeypointsOnImage[];
  }

  augmentBoundingBoxes(boxes: BoundingBoxesOnImage): BoundingBoxesOnImage;
  augmentBoundingBoxes(boxes: readonly BoundingBoxesOnImage[]): BoundingBoxesOnImage[];
  augmentBoundingBoxes(boxes: BoundingBoxesOnImage | readonly BoundingBoxesOnImage[]): BoundingBoxesOnImage | BoundingBoxesOnImage[] {
    return this.augmentAnnotations('boundingBoxes', boxes) as BoundingBoxesOnImage | BoundingBoxesOnImage[];
  }

  augmentPolygons(polygons: PolygonsOnImage): PolygonsOnImage;
  augmentPolygons(polygons: readonly PolygonsOnImage[]): PolygonsOnImage[];
  augmentPolygons(polygons: PolygonsOnImage | readonly PolygonsOnImage[]): PolygonsOnImage | PolygonsOnImage[] {
    return this.augmentAnnotations('polygons', polygons) as PolygonsOnImage | PolygonsOnImage[];
  }

  augmentSegmentationMaps(segmaps: SegmentationMapsOnImage): SegmentationMapsOnImage;
  augmentSegmentationMaps(segmaps: readonly SegmentationMapsOnImage[]): SegmentationMapsOnImage[];
  augmentSegmentationMaps(segmaps: SegmentationMapsOnImage | readonly SegmentationMapsOnImage[]): SegmentationMapsOnImage | SegmentationMapsOnImage[] {
    return this.augmentAnnotations('segmentationMaps', segmaps) as SegmentationMapsOnImage | SegmentationMapsOnImage[];
  }

  augmentHeatmaps(heatmaps: HeatmapsOnImage): HeatmapsOnImage;
  augmentHeatmaps(heatmaps: readonly HeatmapsOnImage[]): HeatmapsOnImage[];
  augmentHeatmaps(heatmaps: HeatmapsOnImage | readonly HeatmapsOnImage[]): HeatmapsOnImage | HeatmapsOnImage[] {
    return this.augmentAnnotations('heatmaps', heatmaps) as HeatmapsOnImage | HeatmapsOnImage[];
  }

  private augmentAnnotations(kind: AnnotationKind, value: unknown): unknown {
    const cls = ANNOTATION_CLASSES[kind];
    const single = value instanceof cls;
    const rows = single ? [value] : value;
    if (!Array.isArray(rows) || rows.some((r) => !(r instanceof cls))) {
      throw new Error(`Expected ${kind} as a ${cls.name} or an array of ${cls.name} (one per image), got ${describe(value)}`);
    }
    const out = this.augmentBatch(new Batch({ [kind]: rows.map((r: { deepcopy(): unknown }) => r.deepcopy()) })).column(kind)!;
    return single ? out[0] : out;
  }

  /**
   * Images and their annotations together, every kind moved alike (imgaug's `augment`): give `image`
   * with one annotation object per kind (or plain arrays of Keypoint, BoundingBox, Polygon, on that
   * image), or `images` with one annotation object per image. Returns the same fields, in the forms given.
   *
   * @example
   * const { image, boundingBoxes } = aug.augment({ image: img, boundingBoxes: bbsoi });
   */
  augment(input: AugmentInput): AugmentOutput {
    if (typeof input !== 'object' || input === null) throw new Error(`augment: expected an object with image or images and annotations, got ${describe(input)}`);
    const known = ['image', 'images', 'heatmaps', 'segmentationMaps', 'keypoints', 'boundingBoxes', 'polygons'];
    for (const k of Object.keys(input)) {
      if (!known.includes(k)) throw new Error(`augment: unknown field '${k}'; it takes ${known.join(', ')}`);
    }
    if (input.image !== undefined && input.images !== undefined) throw new Error('augment: give image or images, not both');
    const singleImage = input.image !== undefined;
    const columns: Record<string, unknown[]> = {};
    const restorers: Record<string, (rows: unknown[]) => unknown> = {};
    let imageShapes: (readonly number[])[] | null = null;
    if (singleImage) {
      const { row, restore } = normalizeImage(input.image, 'image');
      columns.images = [row];
      restorers.images = (rows) => restore(rows[0] as Tensor);
      imageShapes = [row.shape];
    } else if (input.images !== undefined) {
      const { rows, restore } = normalizeImages(input.images, 'images');
      columns.images = rows;
      restorers.images = (r) => restore(r as Tensor[]);
      imageShapes = rows.map((r) => r.shape);
    }
    for (const kind of Object.keys(ANNOTATION_CLASSES) as AnnotationKind[]) {
      const value = input[kind];
      if (value === undefined) continue;
      const cls = ANNOTATION_CLASSES[kind];
      if (value instanceof cls) {
        if (!singleImage && input.images !== undefined) throw new Error(`augment: with images, expected ${kind} as an array of ${cls.name}, one per image`);
        columns[kind] = [(value as { deepcopy(): unknown }).deepcopy()];
        restorers[kind] = (rows) => rows[0];
        continue;
      }
      const itemClass = (ITEM_CLASSES as Record<string, Function>)[kind];
      if (Array.isArray(value) && itemClass !== undefined && value.every((v) => v instanceof itemClass) && (value.length > 0 || singleImage)) {
        if (!singleImage || imageShapes === null) throw new Error(`augment: a plain array of ${itemClass.name} needs the image it lies on (image); with images give one ${cls.name} per image`);
        columns[kind] = [itemsOnImage(kind as 'keypoints', value, imageShapes[0]!)];
        restorers[kind] = (rows) => (rows[0] as { keypoints?: unknown; boundingBoxes?: unknown; polygons?: unknown })[kind as 'keypoints'];
        continue;
      }
      if (!Array.isArray(value) || value.some((v) => !(v instanceof cls))) {
        throw new Error(`augment: expected ${kind} as a ${cls.name} or an array of ${cls.name} (one per image), got ${describe(value)}`);
      }
      columns[kind] = value.map((v: { deepcopy(): unknown }) => v.deepcopy());
      restorers[kind] = (rows) => rows;
    }
    if (Object.keys(columns).length === 0) throw new Error('augment: nothing to augment: give image or images, or annotations');
    const out = this.augmentBatch(new Batch(columns));
    const result: Record<string, unknown> = {};
    for (const kind of Object.keys(columns)) result[kind === 'images' && singleImage ? 'image' : kind] = restorers[kind]!(out.column(kind as AugmentableKind)!);
    return result as AugmentOutput;
  }

  /** A shallow copy: same parameters, same random state object. */
  copy(): this {
    return Object.assign(Object.create(Object.getPrototypeOf(this) as object) as this, this);
  }

  /** The augmenters inside this one (meta augmenters), as lists; none for others. */
  getChildrenLists(): Augmenter[][] {
    return [];
  }

  /**
   * A copy that repeats the same random values on every call, so images and annotations augmented
   * in separate calls move alike (imgaug's `to_deterministic`). Its random state is derived from
   * this one's, so this augmenter moves on and the next toDeterministic() gives other values.
   *
   * @example
   * const det = aug.toDeterministic();
   * det.augmentImage(img); det.augmentKeypoints(kpsoi); // same transformation
   */
  toDeterministic(): this;
  toDeterministic(n: number): this[];
  toDeterministic(n?: number): this | this[] {
    if (n === undefined) return this.toDeterministicOne();
    return Array.from({ length: n }, () => this.toDeterministicOne());
  }

  /** One deterministic copy; meta augmenters override it to make their children deterministic too. */
  protected toDeterministicOne(): this {
    const aug = this.copy();
    aug.randomState = this.randomState.derive();
    aug.deterministic = true;
    return aug;
  }

  /**
   * Reseeds this augmenter and its children in place (imgaug's `seed_`): from `entropy`, or
   * unpredictably without; children get states derived from it. Deterministic augmenters keep theirs
   * unless `deterministicToo`.
   */
  seed_(entropy?: number | bigint | RandomState | null, options: { deterministicToo?: boolean } = {}): this {
    const { deterministicToo = false } = options;
    const rs = entropy instanceof RandomState ? entropy : new RandomState(entropy ?? undefined);
    if (!this.deterministic || deterministicToo) this.randomState = rs.copy();
    for (const list of this.getChildrenLists()) for (const child of list) child.seed_(rs.derive(), { deterministicToo });
    return this;
  }

  /**
   * Gives this augmenter (and its children with `recursive`) its own random state derived from the
   * global one, in place, where it uses the global state (imgaug's `localize_random_state_`).
   */
  localizeRandomState_(options: { recursive?: boolean } = {}): this {
    const { recursive = true } = options;
    if (this.ownRandomState === null) this.ownRandomState = getGlobalRandomState().derive();
    if (recursive) for (const list of this.getChildrenLists()) for (const child of list) child.localizeRandomState_({ recursive });
    return this;
  }

  /** A copy with its own random state (imgaug's `localize_random_state`). */
  localizeRandomState(options: { recursive?: boolean } = {}): this {
    return this.deepcopy().localizeRandomState_(options);
  }

  /** A copy whose random state and children are copies too. */
  deepcopy(): this {
    const aug = this.copy();
    aug.ownRandomState = this.ownRandomState?.copy() ?? null;
    return aug;
  }

  /** How a DataLoader worker rebuilds this augmenter (@x/data's codec asks). */
  workerSource(): ReturnType<typeof workerSourceOf> {
    return workerSourceOf(this);
  }

  /** imgaug's `get_parameters`: the parameters that describe this augmenter, for toString. */
  getParameters(): unknown[] {
    return [];
  }

  toString(): string {
    const params = this.getParameters().map(String).join(', ');
    return `${this.constructor.name}(name=${this.name}, parameters=[${params}], deterministic=${this.deterministic ? 'True' : 'False'})`;
  }
}

function describe(v: unknown): string {
  if (v instanceof Tensor) return `a tensor of shape [${v.shape.join(', ')}]`;
  if (Array.isArray(v)) return `an array of ${v.length}${v.length > 0 ? ` (first: ${(v[0] as object)?.constructor?.name ?? typeof v[0]})` : ''}`;
  if (v === null) return 'null';
  return typeof v === 'object' ? `a ${(v as object).constructor?.name ?? 'Object'}` : `${typeof v} ${String(v)}`;
}
