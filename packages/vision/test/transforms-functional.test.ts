/**
 * transforms.functional against torchvision 0.14's tensor path (fixtures/transforms.json): every
 * geometric and conversion op on uint8 and float images, single and batched, value by value; the
 * image dimension helpers; torchvision's error messages for bad arguments.
 */
import { describe, expect, it } from 'vitest';
import { tensor, type Tensor } from '@x/tensor';
import { registerWasmBackend } from '@x/backend-wasm';
import { tensorToRawImage, transforms } from '../src/index';
import { callArgs, expectImage, FIXTURE, image, rawImage } from './helpers/transform-fixtures';

registerWasmBackend();
const F = transforms.functional;
type Fn = (...a: unknown[]) => Tensor | Tensor[];

function fn(name: string): Fn {
  const f = (F as unknown as Record<string, Fn>)[name];
  if (f === undefined) throw new Error(`no transforms.functional.${name}`);
  return f;
}

/** The fixture's input: HWC images arrive as RawImages (a PIL image's place), the rest as tensors. */
function input(key: string): unknown {
  return key.startsWith('hwc') ? rawImage(key) : image(key);
}

describe('transforms.functional matches torchvision 0.14 (fixtures/transforms.json)', () => {
  it.each(FIXTURE.functional.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const out = fn(c.fn)(input(c.image), ...callArgs(c.args, c.kwargs));
    if (Array.isArray(c.output)) {
      expect(Array.isArray(out)).toBe(true);
      const outs = out as Tensor[];
      expect(outs.length).toBe(c.output.length);
      c.output.forEach((e, i) => expectImage(outs[i]!, e, `output ${i}`, c.atol));
    } else expectImage(out as Tensor, c.output, 'output', c.atol);
  });
});

describe('image dimensions', () => {
  it.each(Object.entries(FIXTURE.dims))('%s', (key, d) => {
    const img = image(key);
    expect(F.getDimensions(img)).toEqual(d.dimensions);
    expect(F.getImageSize(img)).toEqual(d.size);
    expect(F.getImageNumChannels(img)).toBe(d.channels);
  });

  it('a RawImage reports its own channels, height and width', () => {
    expect(F.getDimensions(rawImage('hwc'))).toEqual([3, 4, 5]);
    expect(F.getImageSize(rawImage('hwc'))).toEqual([5, 4]);
  });

  it('a tensor of fewer than two dims is not an image', () => {
    expect(() => F.getDimensions(tensor([1, 2, 3]))).toThrow('Tensor is not a torch image: expected a tensor of shape [..., H, W], but got shape [3]');
    expect(() => F.hflip(tensor(5))).toThrow('Tensor is not a torch image');
  });
});

describe('RawImages take the tensor path and come back as RawImages', () => {
  const raw = tensorToRawImage(image('u8'));
  it.each([
    ['rotate', (x: never) => F.rotate(x, 33, { interpolation: 'bilinear' })],
    ['affine', (x: never) => F.affine(x, { angle: -21, translate: [1, -2], scale: 1.15, shear: [7, -4] })],
    ['resize', (x: never) => F.resize(x, [5, 11], { interpolation: 'bicubic' })],
    ['pad', (x: never) => F.pad(x, [1, 2], { paddingMode: 'reflect' })],
    ['hflip', (x: never) => F.hflip(x)],
    ['centerCrop', (x: never) => F.centerCrop(x, [10, 8])],
  ] as const)('%s', (_name, op) => {
    const viaRaw = op(raw as never) as unknown;
    const viaTensor = op(image('u8') as never) as unknown as Tensor;
    expect(viaRaw).toEqual(tensorToRawImage(viaTensor));
  });

  it('fiveCrop returns five RawImages', () => {
    const crops = F.fiveCrop(raw, 3);
    expect(crops.map((c) => [c.width, c.height, c.channels])).toEqual(Array(5).fill([3, 3, 3]));
  });
});

describe('images torchvision refuses: [H, W] and several leading dims', () => {
  it('rotate, affine and perspective of [H, W] equal those of [1, H, W]', () => {
    const gray = image('gray2d');
    const one = gray.unsqueeze(0);
    expect(F.rotate(gray, 45).equal(F.rotate(one, 45).squeeze(0))).toBe(true);
    expect(F.affine(gray, { angle: 10, translate: [1, 0], scale: 1.1, shear: 3, interpolation: 'bilinear' }).equal(F.affine(one, { angle: 10, translate: [1, 0], scale: 1.1, shear: 3, interpolation: 'bilinear' }).squeeze(0))).toBe(true);
  });

  it('float16 images are sampled in float32 and come back as float16, unrounded', () => {
    const half = image('f32').to('float16');
    const wide = half.to('float32');
    const rotated = F.rotate(half, 33, { interpolation: 'bilinear' });
    expect(rotated.dtype).toBe('float16');
    expect(rotated.equal(F.rotate(wide, 33, { interpolation: 'bilinear' }).to('float16'))).toBe(true);
    const resized = F.resize(half, [5, 11]);
    expect(resized.dtype).toBe('float16');
    expect(resized.equal(F.resize(wide, [5, 11]).to('float16'))).toBe(true);
  });

  it('resize, rotate and pad of [2, 2, C, H, W] equal those of the [4, C, H, W] batch', () => {
    const batch = image('u8batch');
    const nested = batch.unsqueeze(0).expand([2, 2, 3, 6, 5]);
    const flat = nested.reshape([4, 3, 6, 5]);
    expect(F.resize(nested, [4, 7], { interpolation: 'bicubic' }).reshape([4, 3, 4, 7]).equal(F.resize(flat, [4, 7], { interpolation: 'bicubic' }))).toBe(true);
    expect(F.rotate(nested, 20, { fill: 1 }).reshape([4, 3, 6, 5]).equal(F.rotate(flat, 20, { fill: 1 }))).toBe(true);
    expect(F.pad(nested, 2, { paddingMode: 'edge' }).reshape([4, 3, 10, 9]).equal(F.pad(flat, 2, { paddingMode: 'edge' }))).toBe(true);
  });
});

describe('transforms.functional refuses bad arguments with torchvision 0.14 messages', () => {
  it.each(FIXTURE.errors.filter((c) => c.fn !== undefined).map((c) => [`${c.fn}: ${c.error}`, c] as const))('%s', (_name, c) => {
    expect(() => fn(c.fn!)(image(c.image!), ...callArgs(c.args, c.kwargs))).toThrow(c.error);
  });

  it('an interpolation that is not an InterpolationMode', () => {
    expect(() => F.resize(image('u8'), 3, { interpolation: 'cubic' as never })).toThrow("Argument interpolation should be a InterpolationMode (one of 'nearest', 'bilinear', 'bicubic', 'box', 'hamming', 'lanczos'), but got cubic");
  });

  it('toTensor and pilToTensor take a RawImage', () => {
    expect(() => F.toTensor(image('u8') as never)).toThrow('pic should be a RawImage (HWC uint8, the place of a PIL Image or ndarray). Got Tensor');
    expect(() => F.pilToTensor({ data: new Uint8Array(5), width: 2, height: 1, channels: 3 })).toThrow('a 2x1 RawImage with 3 channels holds 6 bytes, but its data has 5');
  });
});
