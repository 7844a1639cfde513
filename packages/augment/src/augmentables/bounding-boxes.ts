/** imgaug's BoundingBox and BoundingBoxesOnImage: axis-aligned boxes (x1, y1) to (x2, y2) in pixels. */
import { Keypoint, KeypointsOnImage, isShapeOption } from './keypoints';
import { type ImageShape, normalizeShape, projectionFactors } from './shape';

export interface BoundingBoxInit {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  label?: string | number | null;
}

/**
 * A box from the top-left corner (x1, y1) to the bottom-right (x2, y2); corners given the other way
 * round are swapped, as imgaug does.
 *
 * @example
 * new BoundingBox({ x1: 10, y1: 20, x2: 50, y2: 60, label: 'cat' });
 */
export class BoundingBox {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  label: string | number | null;

  constructor(init: BoundingBoxInit) {
    const { x1, y1, x2, y2, label = null } = init ?? ({} as BoundingBoxInit);
    for (const [k, v] of Object.entries({ x1, y1, x2, y2 })) {
      if (typeof v !== 'number' || Number.isNaN(v)) throw new Error(`BoundingBox: expected ${k} to be a number, got ${String(v)}`);
    }
    [this.x1, this.x2] = x1 <= x2 ? [x1, x2] : [x2, x1];
    [this.y1, this.y2] = y1 <= y2 ? [y1, y2] : [y2, y1];
    this.label = label;
  }

  get width(): number {
    return this.x2 - this.x1;
  }

  get height(): number {
    return this.y2 - this.y1;
  }

  get area(): number {
    return this.width * this.height;
  }

  get centerX(): number {
    return this.x1 + this.width / 2;
  }

  get centerY(): number {
    return this.y1 + this.height / 2;
  }

  /** The four corners, clockwise from the top-left, as imgaug's `to_keypoints`. */
  toKeypoints(): Keypoint[] {
    return [new Keypoint(this.x1, this.y1), new Keypoint(this.x2, this.y1), new Keypoint(this.x2, this.y2), new Keypoint(this.x1, this.y2)];
  }

  copy(changes: Partial<BoundingBoxInit> = {}): BoundingBox {
    return new BoundingBox({ x1: this.x1, y1: this.y1, x2: this.x2, y2: this.y2, label: this.label, ...changes });
  }

  toString(): string {
    const f = (v: number): string => v.toFixed(4);
    return `BoundingBox(x1=${f(this.x1)}, y1=${f(this.y1)}, x2=${f(this.x2)}, y2=${f(this.y2)}, label=${this.label === null ? 'None' : String(this.label)})`;
  }
}

/**
 * The boxes of one image and that image's shape (imgaug's `BoundingBoxesOnImage`).
 *
 * @example
 * new BoundingBoxesOnImage([new BoundingBox({ x1: 1, y1: 2, x2: 8, y2: 9 })], { shape: [16, 16, 3] });
 */
export class BoundingBoxesOnImage {
  boundingBoxes: BoundingBox[];
  shape: ImageShape;

  constructor(boundingBoxes: readonly BoundingBox[], shape: ImageShape | { shape: unknown } | unknown) {
    if (!Array.isArray(boundingBoxes) || boundingBoxes.some((b) => !(b instanceof BoundingBox))) {
      throw new Error(`BoundingBoxesOnImage: expected an array of BoundingBox, got ${String(boundingBoxes)}`);
    }
    this.boundingBoxes = boundingBoxes.map((b) => b.copy());
    this.shape = normalizeShape(isShapeOption(shape) ? shape.shape : shape, 'BoundingBoxesOnImage');
  }

  /** The boxes' corners as keypoints, four per box in toKeypoints' order (imgaug's `to_keypoints_on_image`). */
  toKeypointsOnImage(): KeypointsOnImage {
    return new KeypointsOnImage(this.boundingBoxes.flatMap((b) => b.toKeypoints()), { shape: this.shape });
  }

  /**
   * Boxes back from keypoints made by toKeypointsOnImage and then moved: each box becomes the
   * smallest box around its four moved corners; the shape is taken from the keypoints (imgaug's
   * `invert_to_keypoints_on_image_`). Changes this object and returns it.
   */
  invertToKeypointsOnImage_(kpsoi: KeypointsOnImage): this {
    if (kpsoi.keypoints.length !== 4 * this.boundingBoxes.length) {
      throw new Error(`BoundingBoxesOnImage: expected ${4 * this.boundingBoxes.length} keypoints (4 per box), got ${kpsoi.keypoints.length}`);
    }
    this.boundingBoxes = this.boundingBoxes.map((bb, i) => {
      const corners = kpsoi.keypoints.slice(4 * i, 4 * i + 4);
      const xs = corners.map((k) => k.x);
      const ys = corners.map((k) => k.y);
      return bb.copy({ x1: Math.min(...xs), y1: Math.min(...ys), x2: Math.max(...xs), y2: Math.max(...ys) });
    });
    this.shape = kpsoi.shape;
    return this;
  }

  /** The boxes projected onto an image of another shape (imgaug's `on`). */
  on(shape: unknown): BoundingBoxesOnImage {
    const to = normalizeShape(shape, 'BoundingBoxesOnImage.on');
    const [fx, fy] = projectionFactors(this.shape, to);
    return new BoundingBoxesOnImage(
      this.boundingBoxes.map((b) => b.copy({ x1: b.x1 * fx, y1: b.y1 * fy, x2: b.x2 * fx, y2: b.y2 * fy })),
      { shape: to },
    );
  }

  /** The boxes as [x1, y1, x2, y2] rows. */
  toXyxyArray(): [number, number, number, number][] {
    return this.boundingBoxes.map((b) => [b.x1, b.y1, b.x2, b.y2]);
  }

  static fromXyxyArray(xyxy: readonly (readonly [number, number, number, number])[], shape: ImageShape | { shape: unknown }): BoundingBoxesOnImage {
    return new BoundingBoxesOnImage(xyxy.map(([x1, y1, x2, y2]) => new BoundingBox({ x1, y1, x2, y2 })), shape);
  }

  get length(): number {
    return this.boundingBoxes.length;
  }

  get empty(): boolean {
    return this.boundingBoxes.length === 0;
  }

  deepcopy(): BoundingBoxesOnImage {
    return new BoundingBoxesOnImage(this.boundingBoxes, { shape: this.shape });
  }

  toString(): string {
    return `BoundingBoxesOnImage([${this.boundingBoxes.join(', ')}], shape=(${this.shape.join(', ')}))`;
  }
}
