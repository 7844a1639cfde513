/**
 * The transform modules against torchvision 0.14 (fixtures/transforms.json): printed forms,
 * constructor errors, and the distributions of the random parameters; each random module's output
 * equals the functional op applied with the parameters its getParams draws from the same seed.
 */
import { describe, expect, it } from 'vitest';
import { manualSeed, rand, type Tensor } from '@x/tensor';
import { registerWasmBackend } from '@x/backend-wasm';
import { tensorToRawImage, transforms as T } from '../src/index';
import { callArgs, FIXTURE, image, rawImage, type ParamStats, type Value } from './helpers/transform-fixtures';

registerWasmBackend();
const F = T.functional;

type Ctor = new (...a: unknown[]) => { forward(x: unknown): unknown };

function build(ctor: string, args: Value[], kwargs: Record<string, Value>): unknown {
  const cls = (T as unknown as Record<string, Ctor>)[ctor];
  if (cls === undefined) throw new Error(`no transforms.${ctor}`);
  const isContainer = ['Compose', 'RandomApply', 'RandomChoice', 'RandomOrder'].includes(ctor);
  if (isContainer) {
    const children = (args[0] as unknown as { ctor: string; args: Value[] }[]).map((c) => build(c.ctor, c.args, {}));
    return new cls(children, ...callArgs([], kwargs));
  }
  return new cls(...callArgs(args, kwargs));
}

describe('transforms print as torchvision 0.14', () => {
  it.each(FIXTURE.reprs.map((c) => [c.repr, c] as const))('%s', (repr, c) => {
    expect(String(build(c.ctor, c.args, c.kwargs))).toBe(repr);
  });

  it('Lambda', () => {
    expect(String(new T.Lambda((x: Tensor) => x))).toBe('Lambda()');
  });
});

describe('transforms refuse bad arguments with torchvision 0.14 messages', () => {
  it.each(FIXTURE.errors.filter((c) => c.ctor !== undefined).map((c) => [`${c.ctor}: ${c.error}`, c] as const))('%s', (_name, c) => {
    expect(() => build(c.ctor!, c.args, c.kwargs)).toThrow(c.error);
  });

  it('RandomCrop larger than the image', () => {
    expect(() => new T.RandomCrop([8, 20]).forward(image('u8'))).toThrow('Required crop size (8, 20) is larger than input image size (7, 9)');
  });

  it('Lambda takes a function', () => {
    expect(() => new T.Lambda(3 as never)).toThrow("Argument lambd should be callable, got 'number'");
  });
});

/** Mean, sample std, min and max of each column. */
function columnStats(rows: number[][]): ParamStats {
  const n = rows.length;
  const k = rows[0]!.length;
  const col = (j: number): number[] => rows.map((r) => r[j]!);
  const mean = Array.from({ length: k }, (_, j) => col(j).reduce((a, b) => a + b, 0) / n);
  const std = Array.from({ length: k }, (_, j) => Math.sqrt(col(j).reduce((a, b) => a + (b - mean[j]!) ** 2, 0) / (n - 1)));
  return { n, mean, std, min: Array.from({ length: k }, (_, j) => Math.min(...col(j))), max: Array.from({ length: k }, (_, j) => Math.max(...col(j))) };
}

const DRAWS: Record<string, () => number[]> = {
  RandomCrop: () => T.RandomCrop.getParams({ data: new Uint8Array(10 * 12 * 3), width: 12, height: 10, channels: 3 }, [4, 5]),
  RandomResizedCrop: () => T.RandomResizedCrop.getParams({ data: new Uint8Array(10 * 12 * 3), width: 12, height: 10, channels: 3 }, [0.08, 1.0], [3 / 4, 4 / 3]),
  'RandomResizedCrop wide': () => T.RandomResizedCrop.getParams({ data: new Uint8Array(20 * 50 * 3), width: 50, height: 20, channels: 3 }, [0.5, 1.0], [0.9, 1.1]),
  RandomRotation: () => [T.RandomRotation.getParams([-30, 45])],
  RandomAffine: () => {
    const [a, [tx, ty], s, [sx, sy]] = T.RandomAffine.getParams([-10, 20], [0.1, 0.2], [0.8, 1.2], [-5, 5, -3, 3], [40, 30]);
    return [a, tx, ty, s, sx, sy];
  },
  RandomPerspective: () => T.RandomPerspective.getParams(40, 30, 0.5)[1].flat(),
};

describe('getParams draws as torchvision 0.14 does: the same ranges and moments (a different generator, so not the same draws)', () => {
  it.each(Object.entries(FIXTURE.params))('%s', (name, expected) => {
    manualSeed(0);
    const draw = DRAWS[name];
    expect(draw, `a draw for ${name}`).toBeDefined();
    const got = columnStats(Array.from({ length: expected.n }, draw!));
    got.mean.forEach((m, j) => {
      const se = Math.sqrt((got.std[j]! ** 2 + expected.std[j]! ** 2) / expected.n);
      expect(Math.abs(m - expected.mean[j]!), `component ${j}: mean ${m} vs torchvision's ${expected.mean[j]}`).toBeLessThanOrEqual(5 * se + 1e-12);
      expect(got.std[j]!, `component ${j}: std`).toBeCloseTo(expected.std[j]!, 0);
      const span = expected.max[j]! - expected.min[j]!;
      expect(got.min[j]!, `component ${j}: min`).toBeGreaterThanOrEqual(expected.min[j]! - 0.02 * span);
      expect(got.max[j]!, `component ${j}: max`).toBeLessThanOrEqual(expected.max[j]! + 0.02 * span);
    });
  });
});

describe('random transforms apply their functional op with the parameters getParams draws', () => {
  const img = image('u8');
  const same = (a: unknown, b: unknown): void => expect((a as Tensor).equal(b as Tensor)).toBe(true);

  it('RandomCrop (with padding)', () => {
    const t = new T.RandomCrop([5, 6], { padding: [1, 2], paddingMode: 'reflect' });
    manualSeed(3);
    const out = t.forward(img);
    manualSeed(3);
    const padded = F.pad(img, [1, 2], { paddingMode: 'reflect' });
    const [i, j, h, w] = T.RandomCrop.getParams(padded, [5, 6]);
    same(out, F.crop(padded, i, j, h, w));
  });

  it('RandomCrop padIfNeeded', () => {
    const out = new T.RandomCrop([9, 12], { padIfNeeded: true, fill: 3 }).forward(img);
    expect(out.shape).toEqual([3, 9, 12]);
  });

  it('RandomResizedCrop', () => {
    const t = new T.RandomResizedCrop([4, 5], { interpolation: 'bicubic', antialias: true });
    manualSeed(4);
    const out = t.forward(img);
    manualSeed(4);
    const [i, j, h, w] = T.RandomResizedCrop.getParams(img, [0.08, 1], [3 / 4, 4 / 3]);
    same(out, F.resizedCrop(img, i, j, h, w, [4, 5], { interpolation: 'bicubic', antialias: true }));
  });

  it('RandomRotation: fill per channel', () => {
    const t = new T.RandomRotation([-40, 40], { interpolation: 'bilinear', fill: 9 });
    manualSeed(5);
    const out = t.forward(img);
    manualSeed(5);
    const angle = T.RandomRotation.getParams([-40, 40]);
    same(out, F.rotate(img, angle, { interpolation: 'bilinear', fill: [9, 9, 9] }));
  });

  it('RandomAffine', () => {
    const t = new T.RandomAffine(20, { translate: [0.2, 0.1], scale: [0.9, 1.1], shear: [-5, 5, -5, 5] });
    manualSeed(6);
    const out = t.forward(img);
    manualSeed(6);
    const [angle, translate, scale, shear] = T.RandomAffine.getParams([-20, 20], [0.2, 0.1], [0.9, 1.1], [-5, 5, -5, 5], [9, 7]);
    same(out, F.affine(img, { angle, translate, scale, shear, fill: [0, 0, 0] }));
  });

  it('RandomPerspective: one rand(1) draw, then getParams', () => {
    const t = new T.RandomPerspective({ distortionScale: 0.5, p: 1 });
    manualSeed(7);
    const out = t.forward(img);
    manualSeed(7);
    rand(1);
    const [start, end] = T.RandomPerspective.getParams(9, 7, 0.5);
    same(out, F.perspective(img, start, end, { fill: [0, 0, 0] }));
    expect(new T.RandomPerspective({ p: 0 }).forward(img)).toBe(img);
  });

  it('flips: p = 1 always, p = 0 never', () => {
    same(new T.RandomHorizontalFlip(1).forward(img), F.hflip(img));
    same(new T.RandomVerticalFlip(1).forward(img), F.vflip(img));
    expect(new T.RandomHorizontalFlip(0).forward(img)).toBe(img);
    manualSeed(8);
    const flips = Array.from({ length: 2000 }, () => new T.RandomHorizontalFlip(0.3).forward(img) !== img).filter(Boolean).length;
    expect(Math.abs(flips / 2000 - 0.3)).toBeLessThan(0.05);
  });

  it('RandomApply, RandomChoice, RandomOrder', () => {
    const double = new T.Lambda((x: Tensor) => x.mul(2));
    const addOne = new T.Lambda((x: Tensor) => x.add(1));
    const x = rand(2, 2);
    same(new T.RandomApply([double, addOne], 1).forward(x), x.mul(2).add(1));
    expect(new T.RandomApply([double], 0).forward(x)).toBe(x);
    manualSeed(9);
    const picks = Array.from({ length: 2000 }, () => new T.RandomChoice([double, addOne], [0.25, 0.75]).forward<Tensor>(x).equal(x.mul(2)));
    expect(Math.abs(picks.filter(Boolean).length / 2000 - 0.25)).toBeLessThan(0.05);
    const orders = new Set(Array.from({ length: 50 }, () => String(new T.RandomOrder([double, addOne]).forward<Tensor>(x).tolist())));
    expect(orders).toEqual(new Set([String(x.mul(2).add(1).tolist()), String(x.add(1).mul(2).tolist())]));
  });
});

describe('deterministic transforms are their functional op, on tensors and RawImages', () => {
  const img = image('u8batch');
  it.each([
    ['Resize', new T.Resize([4, 7], { interpolation: 'bicubic', antialias: true }), (x: Tensor) => F.resize(x, [4, 7], { interpolation: 'bicubic', antialias: true })],
    ['CenterCrop', new T.CenterCrop(4), (x: Tensor) => F.centerCrop(x, 4)],
    ['Pad', new T.Pad([1, 2, 3, 4], { paddingMode: 'symmetric' }), (x: Tensor) => F.pad(x, [1, 2, 3, 4], { paddingMode: 'symmetric' })],
  ] as const)('%s', (_name, t, f) => {
    expect((t.forward(img) as Tensor).equal(f(img))).toBe(true);
    const raw = tensorToRawImage(image('u8'));
    expect(t.forward(raw)).toEqual(tensorToRawImage(f(image('u8'))));
  });

  it('FiveCrop and TenCrop', () => {
    expect(new T.FiveCrop(3).forward(img).map((c) => c.shape)).toEqual(Array(5).fill([2, 3, 3, 3]));
    expect(new T.TenCrop([2, 3], { verticalFlip: true }).forward(img).length).toBe(10);
  });

  it('Compose: a decoder image to a normalised float tensor', () => {
    const pipeline = new T.Compose([new T.Resize([3, 4]), new T.ToTensor(), new T.Normalize([0.5, 0.5, 0.5], [0.5, 0.5, 0.5])]);
    const raw = rawImage('hwc');
    const expected = F.normalize(F.toTensor(F.resize(raw, [3, 4])), [0.5, 0.5, 0.5], [0.5, 0.5, 0.5]);
    const out = pipeline.forward<Tensor>(raw);
    expect(out.shape).toEqual([3, 3, 4]);
    expect(out.equal(expected)).toBe(true);
  });

  it('ConvertImageDtype, PILToTensor, Normalize inplace', () => {
    const f = new T.ConvertImageDtype('float32').forward(image('u8'));
    expect(f.dtype).toBe('float32');
    expect(new T.PILToTensor().forward(rawImage('hwc')).equal(image('hwc').permute(2, 0, 1))).toBe(true);
    const x = rand(3, 2, 2);
    const y = new T.Normalize([0.1, 0.2, 0.3], [1, 2, 3], { inplace: true }).forward(x);
    expect(y).toBe(x);
  });
});
