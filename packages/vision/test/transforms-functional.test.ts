/**
 * transforms.functional against torchvision 0.14's tensor path (fixtures/transforms.json): every
 * geometric and conversion op on uint8 and float images, single and batched, value by value.
 */
import { describe, expect, it } from 'vitest';
import type { Tensor } from '@x/tensor';
import { registerWasmBackend } from '@x/backend-wasm';
import { transforms } from '../src/index';
import { expectImage, FIXTURE, image, kwargs, value } from './helpers/transform-fixtures';

registerWasmBackend();
const F = transforms.functional;

/** torchvision's call (positional args, then keywords) as the @x call. */
const CALLS: Record<string, (img: Tensor, args: unknown[], kw: Record<string, unknown>) => Tensor | Tensor[]> = {
  rotate: (img, [angle], kw) => F.rotate(img, angle as number, kw),
  affine: (img, _args, kw) => F.affine(img, kw as unknown as Parameters<typeof F.affine>[1]),
  perspective: (img, [start, end], kw) => F.perspective(img, start as number[][], end as number[][], kw),
};

describe('transforms.functional matches torchvision 0.14 (fixtures/transforms.json)', () => {
  it.each(FIXTURE.functional.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const call = CALLS[c.fn];
    expect(call, `an @x call for F.${c.fn}`).toBeDefined();
    const out = call!(image(c.image), c.args.map(value), kwargs(c.kwargs));
    if (Array.isArray(c.output)) {
      expect(Array.isArray(out)).toBe(true);
      const outs = out as Tensor[];
      expect(outs.length).toBe(c.output.length);
      c.output.forEach((e, i) => expectImage(outs[i]!, e, `output ${i}`, c.atol));
    } else expectImage(out as Tensor, c.output, 'output', c.atol);
  });
});
