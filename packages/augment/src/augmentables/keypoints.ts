/** imgaug's Keypoint and KeypointsOnImage: points (x, y) in pixels on an image of a given shape. */
import { type ImageShape, normalizeShape, projectionFactors } from './shape';

/**
 * A point on an image, x to the right and y down, in pixels (imgaug's `Keypoint`).
 *
 * @example
 * new Keypoint(10, 20); new Keypoint({ x: 10, y: 20 });
 */
export class Keypoint {
  x: number;
  y: number;

  constructor(x: number | { x: number; y: number }, y?: number) {
    const [px, py] = typeof x === 'object' && x !== null ? [x.x, x.y] : [x, y];
    if (typeof px !== 'number' || typeof py !== 'number' || Number.isNaN(px) || Number.isNaN(py)) {
      throw new Error(`Keypoint: expected numbers x and y, got x=${String(px)}, y=${String(py)}`);
    }
    this.x = px;
    this.y = py;
  }

  /** The point moved by (x, y). */
  shift({ x = 0, y = 0 }: { x?: number; y?: number } = {}): Keypoint {
    return new Keypoint(this.x + x, this.y + y);
  }

  copy(): Keypoint {
    return new Keypoint(this.x, this.y);
  }

  toString(): string {
    return `Keypoint(x=${this.x.toFixed(8)}, y=${this.y.toFixed(8)})`;
  }
}

/**
 * The keypoints of one image and that image's shape, which augmenters keep up to date (imgaug's
 * `KeypointsOnImage`).
 *
 * @example
 * const kpsoi = new KeypointsOnImage([new Keypoint(1, 2)], { shape: [32, 32, 3] });
 */
export class KeypointsOnImage {
  keypoints: Keypoint[];
  shape: ImageShape;

  constructor(keypoints: readonly Keypoint[], shape: ImageShape | { shape: unknown } | unknown) {
    if (!Array.isArray(keypoints) || keypoints.some((k) => !(k instanceof Keypoint))) {
      throw new Error(`KeypointsOnImage: expected an array of Keypoint, got ${String(keypoints)}`);
    }
    this.keypoints = keypoints.map((k) => k.copy());
    this.shape = normalizeShape(isShapeOption(shape) ? shape.shape : shape, 'KeypointsOnImage');
  }

  /** The keypoints as an array of [x, y] pairs. */
  toXyArray(): [number, number][] {
    return this.keypoints.map((k) => [k.x, k.y]);
  }

  /**
   * The keypoints projected onto an image of another shape (imgaug's `on`): coordinates scale with
   * the width and height.
   */
  on(shape: unknown): KeypointsOnImage {
    const to = normalizeShape(shape, 'KeypointsOnImage.on');
    const [fx, fy] = projectionFactors(this.shape, to);
    return new KeypointsOnImage(this.keypoints.map((k) => new Keypoint(k.x * fx, k.y * fy)), { shape: to });
  }

  /** Keypoints made from [x, y] pairs. */
  static fromXyArray(xy: readonly (readonly [number, number])[], shape: ImageShape | { shape: unknown }): KeypointsOnImage {
    return new KeypointsOnImage(xy.map(([x, y]) => new Keypoint(x, y)), shape);
  }

  get length(): number {
    return this.keypoints.length;
  }

  get empty(): boolean {
    return this.keypoints.length === 0;
  }

  deepcopy(): KeypointsOnImage {
    return new KeypointsOnImage(this.keypoints, { shape: this.shape });
  }

  toString(): string {
    return `KeypointsOnImage([${this.keypoints.join(', ')}], shape=(${this.shape.join(', ')}))`;
  }
}

/** Whether an argument is the `{ shape }` options object rather than a shape. */
export function isShapeOption(v: unknown): v is { shape: unknown } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'shape' in v && !('dtype' in v);
}
