/** imgaug's Polygon and PolygonsOnImage (the basics): closed outlines given by their corner points. */
import { Keypoint, KeypointsOnImage, isShapeOption } from './keypoints';
import { type ImageShape, normalizeShape, projectionFactors } from './shape';

type Point = readonly [number, number];

/**
 * A polygon from its exterior's points [x, y], in order (imgaug's `Polygon`).
 *
 * @example
 * new Polygon([[0, 0], [10, 0], [10, 10]], { label: 'roof' });
 */
export class Polygon {
  exterior: [number, number][];
  label: string | number | null;

  constructor(exterior: readonly (Point | Keypoint)[], options: { label?: string | number | null } = {}) {
    if (!Array.isArray(exterior)) throw new Error(`Polygon: expected the exterior as an array of [x, y] points or Keypoints, got ${String(exterior)}`);
    this.exterior = exterior.map((p, i) => {
      const xy: [unknown, unknown] = p instanceof Keypoint ? [p.x, p.y] : Array.isArray(p) && p.length === 2 ? [p[0], p[1]] : [undefined, undefined];
      if (typeof xy[0] !== 'number' || typeof xy[1] !== 'number') throw new Error(`Polygon: exterior[${i}] should be an [x, y] pair of numbers or a Keypoint, got ${JSON.stringify(p)}`);
      return xy as [number, number];
    });
    this.label = options.label ?? null;
  }

  get xx(): number[] {
    return this.exterior.map((p) => p[0]);
  }

  get yy(): number[] {
    return this.exterior.map((p) => p[1]);
  }

  /** The polygon's area (shoelace formula). */
  get area(): number {
    let s = 0;
    for (let i = 0; i < this.exterior.length; i++) {
      const [x0, y0] = this.exterior[i]!;
      const [x1, y1] = this.exterior[(i + 1) % this.exterior.length]!;
      s += x0 * y1 - x1 * y0;
    }
    return Math.abs(s) / 2;
  }

  toKeypoints(): Keypoint[] {
    return this.exterior.map(([x, y]) => new Keypoint(x, y));
  }

  copy(exterior: readonly Point[] = this.exterior): Polygon {
    return new Polygon(exterior, { label: this.label });
  }

  toString(): string {
    const pts = this.exterior.map(([x, y]) => `(x=${x.toFixed(3)}, y=${y.toFixed(3)})`).join(', ');
    return `Polygon([${pts}] (${this.exterior.length} points), label=${this.label === null ? 'None' : String(this.label)})`;
  }
}

/**
 * The polygons of one image and that image's shape (imgaug's `PolygonsOnImage`).
 *
 * @example
 * new PolygonsOnImage([new Polygon([[0, 0], [4, 0], [4, 4]])], { shape: [8, 8, 3] });
 */
export class PolygonsOnImage {
  polygons: Polygon[];
  shape: ImageShape;

  constructor(polygons: readonly Polygon[], shape: ImageShape | { shape: unknown } | unknown) {
    if (!Array.isArray(polygons) || polygons.some((p) => !(p instanceof Polygon))) {
      throw new Error(`PolygonsOnImage: expected an array of Polygon, got ${String(polygons)}`);
    }
    this.polygons = polygons.map((p) => p.copy());
    this.shape = normalizeShape(isShapeOption(shape) ? shape.shape : shape, 'PolygonsOnImage');
  }

  /** Every polygon's points as keypoints, polygon after polygon (imgaug's `to_keypoints_on_image`). */
  toKeypointsOnImage(): KeypointsOnImage {
    return new KeypointsOnImage(this.polygons.flatMap((p) => p.toKeypoints()), { shape: this.shape });
  }

  /** Polygons back from moved keypoints made by toKeypointsOnImage, in place; the shape comes along. */
  invertToKeypointsOnImage_(kpsoi: KeypointsOnImage): this {
    const total = this.polygons.reduce((n, p) => n + p.exterior.length, 0);
    if (kpsoi.keypoints.length !== total) throw new Error(`PolygonsOnImage: expected ${total} keypoints (one per polygon point), got ${kpsoi.keypoints.length}`);
    let at = 0;
    this.polygons = this.polygons.map((p) => {
      const pts = kpsoi.keypoints.slice(at, at + p.exterior.length).map((k) => [k.x, k.y] as const);
      at += p.exterior.length;
      return p.copy(pts);
    });
    this.shape = kpsoi.shape;
    return this;
  }

  /** The polygons projected onto an image of another shape (imgaug's `on`). */
  on(shape: unknown): PolygonsOnImage {
    const to = normalizeShape(shape, 'PolygonsOnImage.on');
    const [fx, fy] = projectionFactors(this.shape, to);
    return new PolygonsOnImage(this.polygons.map((p) => p.copy(p.exterior.map(([x, y]) => [x * fx, y * fy] as const))), { shape: to });
  }

  get length(): number {
    return this.polygons.length;
  }

  get empty(): boolean {
    return this.polygons.length === 0;
  }

  deepcopy(): PolygonsOnImage {
    return new PolygonsOnImage(this.polygons, { shape: this.shape });
  }

  toString(): string {
    return `PolygonsOnImage([${this.polygons.join(', ')}], shape=(${this.shape.join(', ')}))`;
  }
}
