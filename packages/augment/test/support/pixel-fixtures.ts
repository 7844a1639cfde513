/** The pixel augmenters' fixtures (tools/gen_augment_pixel_fixtures.py): imgaug 0.4.0's outputs on small uint8 images. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Tensor } from '@x/tensor';
import { decodeArg, decodeTensor, type FixtureTensor } from '@x/tensor/testing';

export interface PixelCase {
  name: string;
  /** The kernel, or null where only the augmenter is checked. */
  fn: string | null;
  image: string;
  args: unknown[];
  options: Record<string, unknown>;
  augmenter?: { cls: string; options: Record<string, unknown> };
  /** imgaug's Python for a pipeline giving the output. */
  pipeline?: string;
  output: FixtureTensor;
}

export interface PixelFixtures {
  images: Record<string, Tensor>;
  cases: PixelCase[];
}

/** pixel-<module>.json with its images decoded. */
export function pixelFixtures(module: string): PixelFixtures {
  const raw = JSON.parse(readFileSync(new URL(`../fixtures/pixel-${module}.json`, import.meta.url), 'utf8')) as {
    images: Record<string, FixtureTensor>;
    cases: PixelCase[];
  };
  const images = Object.fromEntries(Object.entries(raw.images).map(([k, v]) => [k, decodeTensor(v)]));
  return { images, cases: raw.cases };
}

/** A case's positional arguments, tensors decoded. */
export function caseArgs(c: PixelCase): unknown[] {
  return c.args.map((a) => decodeArg(a as never));
}

/**
 * Expects got to equal imgaug's output: same shape and dtype, and no value further than tolerance
 * away (0: exact) — at most maxOff values off where a tolerance is allowed.
 */
export function expectImage(got: Tensor, expected: FixtureTensor, tolerance = 0): void {
  const want = decodeTensor(expected);
  expect(got.shape).toEqual(want.shape);
  expect(got.dtype).toBe(want.dtype);
  const a = Array.from(got.numpy() as ArrayLike<number>);
  const b = Array.from(want.numpy() as ArrayLike<number>);
  const off = a.flatMap((v, i) => (Math.abs(v - b[i]!) > tolerance ? [`[${i}] got ${v}, expected ${b[i]}`] : []));
  expect(off.slice(0, 6), `${off.length} of ${a.length} values differ beyond ${tolerance}`).toEqual([]);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Kernel = (image: Tensor, ...args: any[]) => Tensor;

/**
 * One test per case of pixel-<module>.json that names a kernel: the kernel on the case's image with
 * its arguments (and options, where any) equals imgaug's output, within tolerance(case).
 */
export function testKernelCases(module: string, kernels: Record<string, Kernel>, tolerance: (c: PixelCase) => number = () => 0): void {
  describe(`${module} kernels equal imgaug 0.4's on uint8 images`, () => {
    const fx = pixelFixtures(module);
    for (const c of fx.cases.filter((x) => x.fn !== null)) {
      it(c.name, () => {
        const kernel = kernels[c.fn!];
        expect(kernel, `no kernel ${c.fn}`).toBeDefined();
        const args = caseArgs(c);
        const got = Object.keys(c.options).length > 0 ? kernel!(fx.images[c.image]!, ...args, c.options) : kernel!(fx.images[c.image]!, ...args);
        expectImage(got, c.output, tolerance(c));
      });
    }
  });
}
