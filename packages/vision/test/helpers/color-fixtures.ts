/** The fixtures tools/gen_vision_color_fixtures.py writes, and comparing an image with torchvision's. */
import { readFileSync } from 'node:fs';
import type { Tensor } from '@x/tensor';
import { decodeTensor, decodeValues, TOLERANCES, valuesMismatch, type FixtureTensor } from '@x/tensor/testing';

export interface ColorFixtures {
  images: Record<string, FixtureTensor>;
  functional: { fn: string; image: string; args: unknown[]; kwargs: Record<string, unknown>; output: FixtureTensor }[];
  policy_ops: { op: string; magnitude: number; image: string; output: FixtureTensor }[];
  geometry_ops: { op: string; magnitude: number; interpolation: 'nearest' | 'bilinear'; fill: number[] | null; image: string; output: FixtureTensor }[];
  spaces: { policy: string; num_bins: number; size?: [number, number]; ops: Record<string, { magnitudes: FixtureTensor; scalar: boolean; signed: boolean }> }[];
  policies: Record<string, [[string, number, number | null], [string, number, number | null]][]>;
  reprs: { ctor: string; args: unknown[]; kwargs: Record<string, unknown>; repr: string }[];
  errors: { fn?: string; ctor?: string; image?: string | FixtureTensor; args: unknown[]; kwargs: Record<string, unknown>; error: string }[];
}

export const FIX = JSON.parse(readFileSync(new URL('../fixtures/color.json', import.meta.url), 'utf8')) as ColorFixtures;

/** A fixture's argument: encoded tensors decoded, arrays element by element. */
export function decodeArg(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decodeArg);
  if (typeof v === 'object' && v !== null && 'tensor' in v) return decodeTensor(v as FixtureTensor);
  return v;
}

export function image(name: string): Tensor {
  return decodeTensor(FIX.images[name]!);
}

/**
 * Where actual differs from torchvision's output: shape and dtype exactly; uint8 values within 1
 * (torchvision truncates float results to uint8, and a float sum in another order can land on the
 * other side of an integer), floats within float32's tolerance.
 */
export function imageMismatch(actual: Tensor, expected: FixtureTensor): string | null {
  if (actual.dtype !== expected.dtype) return `dtype ${actual.dtype}, expected ${expected.dtype}`;
  if (actual.shape.join(',') !== expected.shape.join(',')) return `shape [${actual.shape.join(', ')}], expected [${expected.shape.join(', ')}]`;
  const tol = expected.dtype === 'uint8' ? { rtol: 0, atol: 1 } : TOLERANCES[expected.dtype];
  return valuesMismatch(actual.contiguous().numpy() as ArrayLike<number>, decodeValues(expected.data), tol);
}
