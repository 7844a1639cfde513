/** Reads tools/gen_augment_core_fixtures.py's fixtures: inputs, augmenter specs, expected outputs. */
import { readFileSync } from 'node:fs';
import type { Tensor } from '@x/tensor';
import { decodeTensor, type PlainTensor } from '@x/tensor/testing';
import {
  augmenters as iaa,
  BoundingBox,
  BoundingBoxesOnImage,
  HeatmapsOnImage,
  Keypoint,
  KeypointsOnImage,
  Polygon,
  PolygonsOnImage,
  SegmentationMapsOnImage,
  type Augmenter,
} from '../../src/index';

export function readFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as T;
}

export type AnnotationKind = 'keypoints' | 'boundingBoxes' | 'polygons' | 'segmentationMaps' | 'heatmaps';

export interface EncodedAnnotation {
  shape: number[];
  xy?: [number, number][];
  boxes?: [number, number, number, number][];
  polygons?: [number, number][][];
  labels?: (string | null)[];
  arr?: PlainTensor;
}

export interface AugmenterSpec {
  class: string;
  args: unknown[];
  options: Record<string, unknown>;
}

export interface AugmenterCase {
  name: string;
  augmenter: AugmenterSpec;
  image: string;
  kinds: AnnotationKind[];
  images: PlainTensor[] | null;
  annotations: Partial<Record<AnnotationKind, EncodedAnnotation>>;
}

interface Inputs {
  images: Record<string, PlainTensor>;
  annotations: Record<string, Record<AnnotationKind, EncodedAnnotation>>;
}

const inputs = readFixture<Inputs>('core-inputs.json');

export function inputImage(key: string): Tensor {
  return decodeTensor(inputs.images[key]!);
}

/** An annotation object as the generator encoded it. */
export function decodeAnnotation(kind: AnnotationKind, e: EncodedAnnotation): KeypointsOnImage | BoundingBoxesOnImage | PolygonsOnImage | SegmentationMapsOnImage | HeatmapsOnImage {
  const shape = { shape: e.shape };
  switch (kind) {
    case 'keypoints':
      return new KeypointsOnImage(e.xy!.map(([x, y]) => new Keypoint(x, y)), shape);
    case 'boundingBoxes':
      return new BoundingBoxesOnImage(e.boxes!.map(([x1, y1, x2, y2], i) => new BoundingBox({ x1, y1, x2, y2, label: e.labels![i] })), shape);
    case 'polygons':
      return new PolygonsOnImage(e.polygons!.map((p, i) => new Polygon(p, { label: e.labels![i] })), shape);
    case 'segmentationMaps':
      return new SegmentationMapsOnImage(decodeTensor(e.arr!), shape);
    case 'heatmaps':
      return new HeatmapsOnImage(decodeTensor(e.arr!), shape);
  }
}

export function inputAnnotation(image: string, kind: AnnotationKind): ReturnType<typeof decodeAnnotation> {
  return decodeAnnotation(kind, inputs.annotations[image]![kind]);
}

/** An annotation object in the generator's encoding, to compare with toEqual. */
export function encodeAnnotation(kind: AnnotationKind, v: unknown): EncodedAnnotation {
  const plain = (t: Tensor): PlainTensor => ({ shape: [...t.shape], dtype: t.dtype, data: Array.from(t.numpy() as ArrayLike<number>) });
  if (v instanceof KeypointsOnImage) return { shape: [...v.shape], xy: v.keypoints.map((k) => [k.x, k.y]) };
  if (v instanceof BoundingBoxesOnImage) return { shape: [...v.shape], boxes: v.toXyxyArray(), labels: v.boundingBoxes.map((b) => b.label as string | null) };
  if (v instanceof PolygonsOnImage) return { shape: [...v.shape], polygons: v.polygons.map((p) => p.exterior), labels: v.polygons.map((p) => p.label as string | null) };
  if (v instanceof SegmentationMapsOnImage) return { shape: [...v.shape], arr: plain(v.getArr()) };
  if (v instanceof HeatmapsOnImage) return { shape: [...v.shape], arr: plain(v.getArr()) };
  throw new Error(`not an annotation of ${kind}: ${String(v)}`);
}

function decodeArg(a: unknown): unknown {
  if (Array.isArray(a)) return a.map(decodeArg);
  if (typeof a === 'object' && a !== null) {
    const o = a as Record<string, unknown>;
    if ('augmenter' in o) return buildAugmenter(o.augmenter as AugmenterSpec);
    if ('choice' in o) return iaa.choice(o.choice as number[]);
    if ('range' in o) return o.range;
  }
  return a;
}

/** The augmenter a spec describes, built with the TypeScript API: positional arguments, then options. */
export function buildAugmenter(spec: AugmenterSpec): Augmenter {
  const ctor = (iaa as unknown as Record<string, new (...args: unknown[]) => Augmenter>)[spec.class];
  if (ctor === undefined) throw new Error(`no augmenter ${spec.class}`);
  const args = spec.args.map(decodeArg);
  const options = Object.fromEntries(Object.entries(spec.options).map(([k, v]) => [k, decodeArg(v)]));
  return Object.keys(options).length > 0 ? new ctor(...args, options) : new ctor(...args);
}
