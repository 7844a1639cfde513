import { describe, expect, it } from 'vitest';
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';
import { registerWasmBackend } from '@x/backend-wasm';
import { decodeValues, valuesMismatch } from '@x/tensor/testing';
import { transforms } from '../src/index';
import { rawImageToTensor, tensorToRawImage } from '../src/image';
import { AUGMENT_OPS, applyOp, type AugmentOp } from '../src/transforms/augment-ops';
import { FIX, decodeArg, image, imageMismatch } from './helpers/color-fixtures';

registerWasmBackend();
const { AutoAugment, RandAugment, TrivialAugmentWide } = transforms;

describe('the policies’ ops at fixed magnitudes equal torchvision’s _apply_op', () => {
  for (const c of FIX.policy_ops) {
    it(`${c.op}(${c.image}, ${c.magnitude})`, () => {
      const out = applyOp(image(c.image), c.op as AugmentOp, c.magnitude, 'nearest', null);
      expect(imageMismatch(out, c.output)).toBeNull();
    });
  }
  for (const c of FIX.geometry_ops) {
    it(`${c.op}(${c.image}, ${c.magnitude}, ${c.interpolation}, fill ${JSON.stringify(c.fill)})`, () => {
      const out = applyOp(image(c.image), c.op as AugmentOp, c.magnitude, c.interpolation, c.fill);
      expect(imageMismatch(out, c.output)).toBeNull();
    });
  }
  it('names the op it does not know', () => {
    expect(() => applyOp(image('rgb_u8'), 'Blur' as AugmentOp, 1, 'nearest', null)).toThrow('The provided operator Blur is not recognized.');
  });
});

describe('magnitude bins equal torchvision’s', () => {
  for (const s of FIX.spaces) {
    it(`${s.policy}, ${s.num_bins} bins${s.size ? `, ${s.size.join('×')}` : ''}`, () => {
      const space = s.policy === 'AutoAugment'
        ? new AutoAugment().augmentationSpace(s.num_bins, s.size!)
        : s.policy === 'RandAugment'
          ? new RandAugment().augmentationSpace(s.num_bins, s.size!)
          : new TrivialAugmentWide().augmentationSpace(s.num_bins);
      // the order too: RandAugment and TrivialAugmentWide draw an index into it
      expect(Object.keys(space)).toEqual(Object.keys(s.ops));
      for (const [op, expected] of Object.entries(s.ops)) {
        const [magnitudes, signed] = space[op as AugmentOp]!;
        expect(signed, op).toBe(expected.signed);
        expect(magnitudes.dim() === 0, op).toBe(expected.scalar);
        expect(magnitudes.dtype, op).toBe(expected.magnitudes.dtype);
        // @x's linspace rounds float64 points to float32, PyTorch's AVX2 kernel computes them in
        // float32 (with fused multiply-adds): the bins can differ by an ulp or two (2.4e-7 relative)
        const tol = magnitudes.isFloatingPoint() ? { rtol: 2.5e-7, atol: 0 } : { rtol: 0, atol: 0 };
        expect(valuesMismatch(magnitudes.reshape(-1).numpy() as ArrayLike<number>, decodeValues(expected.magnitudes.data), tol), op).toBeNull();
      }
    });
  }
});

describe('AutoAugment policies', () => {
  for (const [name, table] of Object.entries(FIX.policies)) {
    it(`${name}: torchvision's 25 sub-policies`, () => {
      expect(new AutoAugment(name as 'imagenet').policies.map((sp) => sp.map((step) => [...step]))).toEqual(table);
    });
  }
});

describe('reprs and errors', () => {
  const T = transforms as unknown as Record<string, new (...args: unknown[]) => object>;
  for (const c of FIX.reprs.filter((r) => ['AutoAugment', 'RandAugment', 'TrivialAugmentWide'].includes(r.ctor))) {
    it(c.repr, () => {
      const args = c.args.map(decodeArg);
      const t = Object.keys(c.kwargs).length > 0 ? new T[c.ctor]!(...args, c.kwargs) : new T[c.ctor]!(...args);
      expect(String(t)).toBe(c.repr);
    });
  }
  it('refuses an unknown policy or interpolation', () => {
    expect(() => new AutoAugment('mnist' as 'svhn')).toThrow('The provided policy mnist is not recognized.');
    expect(() => new RandAugment({ interpolation: 'cubic' as 'nearest' })).toThrow("Argument interpolation should be a InterpolationMode");
    expect(() => new TrivialAugmentWide({ numBins: 3 } as never)).toThrow("unexpected keyword argument 'numBins'");
  });
});

/** The ops a policy applies, replayed by hand from the same seed in torchvision's order of draws. */
describe('draws in torchvision’s order from the global generator', () => {
  const img = image('batch_u8');

  it('AutoAugment: getParams, then each op of the sub-policy whose probability draw passes', () => {
    for (const policy of ['imagenet', 'cifar10', 'svhn'] as const) {
      const t = new AutoAugment(policy, { fill: 5 });
      for (let seed = 0; seed < 12; seed++) {
        torch.manualSeed(seed);
        const out = t.forward(img);
        torch.manualSeed(seed);
        const [id, probs, signs] = AutoAugment.getParams(25);
        const space = t.augmentationSpace(10, [6, 7]);
        let expected = img;
        t.policies[id]!.forEach(([op, p, bin], i) => {
          if ((probs.tolist() as number[])[i]! > p) return;
          const [mags, signed] = space[op]!;
          let m = bin === null ? 0 : Number(mags.index(bin).item());
          if (signed && (signs.tolist() as number[])[i] === 0) m = -m;
          expected = applyOp(expected, op, m, 'nearest', [5, 5, 5]);
        });
        expect(torch.equal(out, expected), `${policy}, seed ${seed}`).toBe(true);
      }
    }
  });

  it('RandAugment: per op, an index into the space, then a sign where the op has one', () => {
    const t = new RandAugment({ numOps: 3, magnitude: 20 });
    const space = t.augmentationSpace(31, [6, 7]);
    const ops = Object.keys(space) as AugmentOp[];
    for (let seed = 0; seed < 12; seed++) {
      torch.manualSeed(seed);
      const out = t.forward(img);
      torch.manualSeed(seed);
      let expected = img;
      for (let k = 0; k < 3; k++) {
        const op = ops[Number(torch.randint(ops.length, [1]).item())]!;
        const [mags, signed] = space[op]!;
        let m = mags.dim() > 0 ? Number(mags.index(20).item()) : 0;
        if (signed && Number(torch.randint(2, [1]).item()) !== 0) m = -m;
        expected = applyOp(expected, op, m, 'nearest', null);
      }
      expect(torch.equal(out, expected), `seed ${seed}`).toBe(true);
    }
  });

  it('TrivialAugmentWide: an op, a bin, then a sign where the op has one', () => {
    const t = new TrivialAugmentWide({ interpolation: 'bilinear', fill: [1, 2, 3] });
    const space = t.augmentationSpace(31);
    const ops = Object.keys(space) as AugmentOp[];
    for (let seed = 0; seed < 12; seed++) {
      torch.manualSeed(seed);
      const out = t.forward(img);
      torch.manualSeed(seed);
      const op = ops[Number(torch.randint(ops.length, [1]).item())]!;
      const [mags, signed] = space[op]!;
      let m = mags.dim() > 0 ? Number(mags.index(Number(torch.randint(mags.numel(), [1]).item())).item()) : 0;
      if (signed && Number(torch.randint(2, [1]).item()) !== 0) m = -m;
      expect(torch.equal(out, applyOp(img, op, m, 'bilinear', [1, 2, 3])), `seed ${seed}`).toBe(true);
    }
  });
});

describe('distributions', () => {
  it('AutoAugment.getParams: sub-policies uniform over 25, probabilities uniform, signs fair', () => {
    torch.manualSeed(0);
    const counts = new Array<number>(25).fill(0);
    let probSum = 0;
    let signSum = 0;
    const n = 5000;
    for (let k = 0; k < n; k++) {
      const [id, probs, signs] = AutoAugment.getParams(25);
      counts[id]!++;
      probSum += probs.sum().item();
      signSum += Number(signs.sum().item());
    }
    // each id: binomial(5000, 1/25), mean 200, sd 13.9
    for (const c of counts) expect(Math.abs(c - 200)).toBeLessThan(70);
    expect(Math.abs(probSum / (2 * n) - 0.5)).toBeLessThan(0.02);
    expect(Math.abs(signSum / (2 * n) - 0.5)).toBeLessThan(0.03);
  });

  it('TrivialAugmentWide: ops, bins and signs drawn uniformly (replayed from its draws)', () => {
    torch.manualSeed(1);
    const t = new TrivialAugmentWide();
    const space = t.augmentationSpace(31);
    const ops = Object.keys(space) as AugmentOp[];
    const opCounts = new Array<number>(14).fill(0);
    const binCounts = new Array<number>(31).fill(0);
    let negative = 0;
    let signed = 0;
    // the draws forward makes, in its order: op, then bin and sign where the op has them
    for (let k = 0; k < 2800; k++) {
      const op = Number(torch.randint(14, [1]).item());
      opCounts[op]!++;
      const [mags, isSigned] = space[ops[op]!]!;
      if (mags.dim() > 0) binCounts[Number(torch.randint(mags.numel(), [1]).item())]!++;
      if (isSigned) {
        signed++;
        negative += Number(torch.randint(2, [1]).item());
      }
    }
    // ops: binomial(2800, 1/14), mean 200, sd 13.6; bins: 11 of the 14 ops have 31 bins, 1987 draws, mean 64, sd 7.9
    for (const c of opCounts) expect(Math.abs(c - 200)).toBeLessThan(70);
    const binDraws = binCounts.reduce((a, c) => a + c, 0);
    for (const c of binCounts) expect(Math.abs(c - binDraws / 31)).toBeLessThan(40);
    expect(Math.abs(negative / signed - 0.5)).toBeLessThan(0.05);
  });

  it('RandAugment picks each of its 14 ops about equally often', () => {
    torch.manualSeed(0);
    const t = new RandAugment({ numOps: 1 });
    const ops = Object.keys(t.augmentationSpace(31, [6, 7]));
    expect(ops).toHaveLength(14);
    // the draw forward makes first is the op index: count them directly from the same stream
    const counts = new Array<number>(14).fill(0);
    for (let k = 0; k < 2800; k++) counts[Number(torch.randint(14, [1]).item())]!++;
    for (const c of counts) expect(Math.abs(c - 200)).toBeLessThan(70);
  });
});

describe('inputs', () => {
  it('RawImages go through the tensor path', () => {
    const t = image('rgb_u8');
    for (const policy of [new AutoAugment('svhn'), new RandAugment(), new TrivialAugmentWide()]) {
      for (let seed = 0; seed < 5; seed++) {
        torch.manualSeed(seed);
        const fromRaw = (policy as { forward(x: unknown): unknown }).forward(tensorToRawImage(t)) as ReturnType<typeof tensorToRawImage>;
        torch.manualSeed(seed);
        const fromTensor = (policy as { forward(x: Tensor): Tensor }).forward(t);
        expect(torch.equal(rawImageToTensor(fromRaw), fromTensor)).toBe(true);
      }
    }
  });

  it('every op runs on a single image, a batch and a grey image', () => {
    for (const name of ['rgb_u8', 'batch_u8', 'gray_u8']) {
      for (const op of AUGMENT_OPS) {
        const out = applyOp(image(name), op, op === 'Posterize' ? 4 : op === 'Solarize' ? 128 : 0.3, 'bilinear', null);
        expect(out.shape, `${op} on ${name}`).toEqual(image(name).shape);
      }
    }
  });
});
