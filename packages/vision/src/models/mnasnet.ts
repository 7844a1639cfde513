/**
 * MNASNet (Tan et al., 2018), the B1 variant: torchvision's MNASNet and _InvertedResidual, with the
 * same attribute names (so state-dict keys), printed form and initialisation, and the builders
 * mnasnet0_5 and mnasnet1_0.
 */
import type { Tensor } from '@x/tensor';
import * as nn from '@x/nn';
import { defineBuilder } from './builder';

// TensorFlow's batch-norm decay of 0.9997, in PyTorch's convention (printed as Python computes it).
const BN_MOMENTUM = 1 - 0.9997;

/** Expand 1×1 → depthwise k×k → project 1×1, with a shortcut when the shape allows. */
export class _InvertedResidual extends nn.Module {
  readonly applyResidual: boolean;
  layers: nn.Sequential;

  constructor(inCh: number, outCh: number, kernelSize: number, stride: number, expansionFactor: number, bnMomentum = 0.1) {
    super();
    if (stride !== 1 && stride !== 2) throw new Error(`stride should be 1 or 2 instead of ${stride}`);
    if (kernelSize !== 3 && kernelSize !== 5) throw new Error(`kernel_size should be 3 or 5 instead of ${kernelSize}`);
    const midCh = inCh * expansionFactor;
    this.applyResidual = inCh === outCh && stride === 1;
    this.layers = new nn.Sequential(
      new nn.Conv2d(inCh, midCh, 1, { bias: false }),
      new nn.BatchNorm2d(midCh, { momentum: bnMomentum }),
      new nn.ReLU(true),
      new nn.Conv2d(midCh, midCh, kernelSize, { padding: Math.floor(kernelSize / 2), stride, groups: midCh, bias: false }),
      new nn.BatchNorm2d(midCh, { momentum: bnMomentum }),
      new nn.ReLU(true),
      new nn.Conv2d(midCh, outCh, 1, { bias: false }),
      new nn.BatchNorm2d(outCh, { momentum: bnMomentum }),
    );
  }

  forward(input: Tensor): Tensor {
    return this.applyResidual ? this.layers.forward(input).add(input) : this.layers.forward(input);
  }
}

/** A stack of inverted residuals; only the first changes the shape (and has no shortcut). */
function stack(inCh: number, outCh: number, kernelSize: number, stride: number, expFactor: number, repeats: number, bnMomentum: number): nn.Sequential {
  if (repeats < 1) throw new Error(`repeats should be >= 1, instead got ${repeats}`);
  const blocks = [new _InvertedResidual(inCh, outCh, kernelSize, stride, expFactor, bnMomentum)];
  for (let i = 1; i < repeats; i++) blocks.push(new _InvertedResidual(outCh, outCh, kernelSize, 1, expFactor, bnMomentum));
  return new nn.Sequential(...blocks);
}

/** Rounds to a multiple of divisor, up unless the value is within 10% above the lower multiple: (83, 8) → 80, (84, 8) → 88. */
function roundToMultipleOf(val: number, divisor: number, roundUpBias = 0.9): number {
  const newVal = Math.max(divisor, Math.floor(Math.trunc(val + divisor / 2) / divisor) * divisor);
  return newVal >= roundUpBias * val ? newVal : newVal + divisor;
}

/** The eight stage widths scaled by alpha, preferring to round up. */
function depths(alpha: number): number[] {
  return [32, 16, 24, 40, 80, 96, 192, 320].map((d) => roundToMultipleOf(d * alpha, 8));
}

export interface MNASNetOptions {
  numClasses?: number;
  dropout?: number;
}

export class MNASNet extends nn.Module {
  readonly alpha: number;
  readonly numClasses: number;
  layers: nn.Sequential;
  classifier: nn.Sequential;

  constructor(alpha: number, options: MNASNetOptions = {}) {
    super();
    const { numClasses = 1000, dropout = 0.2 } = options;
    if (!(alpha > 0)) throw new Error(`alpha should be greater than 0.0 instead of ${alpha}`);
    this.alpha = alpha;
    this.numClasses = numClasses;
    const d = depths(alpha);
    this.layers = new nn.Sequential(
      // A regular convolution, then a depthwise-separable one without a shortcut.
      new nn.Conv2d(3, d[0]!, 3, { padding: 1, stride: 2, bias: false }),
      new nn.BatchNorm2d(d[0]!, { momentum: BN_MOMENTUM }),
      new nn.ReLU(true),
      new nn.Conv2d(d[0]!, d[0]!, 3, { padding: 1, stride: 1, groups: d[0]!, bias: false }),
      new nn.BatchNorm2d(d[0]!, { momentum: BN_MOMENTUM }),
      new nn.ReLU(true),
      new nn.Conv2d(d[0]!, d[1]!, 1, { padding: 0, stride: 1, bias: false }),
      new nn.BatchNorm2d(d[1]!, { momentum: BN_MOMENTUM }),
      stack(d[1]!, d[2]!, 3, 2, 3, 3, BN_MOMENTUM),
      stack(d[2]!, d[3]!, 5, 2, 3, 3, BN_MOMENTUM),
      stack(d[3]!, d[4]!, 5, 2, 6, 3, BN_MOMENTUM),
      stack(d[4]!, d[5]!, 3, 1, 6, 2, BN_MOMENTUM),
      stack(d[5]!, d[6]!, 5, 2, 6, 4, BN_MOMENTUM),
      stack(d[6]!, d[7]!, 3, 1, 6, 1, BN_MOMENTUM),
      new nn.Conv2d(d[7]!, 1280, 1, { padding: 0, stride: 1, bias: false }),
      new nn.BatchNorm2d(1280, { momentum: BN_MOMENTUM }),
      new nn.ReLU(true),
    );
    this.classifier = new nn.Sequential(new nn.Dropout({ p: dropout, inplace: true }), new nn.Linear(1280, numClasses));

    for (const m of this.modules()) {
      if (m instanceof nn.Conv2d) {
        nn.init.kaimingNormal_(m.weight, { mode: 'fan_out', nonlinearity: 'relu' });
        if (m.bias !== null) nn.init.zeros_(m.bias);
      } else if (m instanceof nn.BatchNorm2d) {
        nn.init.ones_(m.weight!);
        nn.init.zeros_(m.bias!);
      } else if (m instanceof nn.Linear) {
        nn.init.kaimingUniform_(m.weight, { mode: 'fan_out', nonlinearity: 'sigmoid' });
        nn.init.zeros_(m.bias!);
      }
    }
  }

  forward(x: Tensor): Tensor {
    // Global average pooling, the spatial dimensions removed.
    return this.classifier.forward(this.layers.forward(x).mean([2, 3]));
  }
}

const MNASNET_KEYS = ['numClasses', 'dropout'] as const;

/** MNASNet with depth multiplier 0.5 (2.2M parameters). */
export const mnasnet0_5 = defineBuilder<MNASNetOptions, MNASNet>('mnasnet0_5', 'MNASNet0_5_Weights', MNASNET_KEYS, (o) => new MNASNet(0.5, o));
/** MNASNet with depth multiplier 1.0 (4.4M parameters). */
export const mnasnet1_0 = defineBuilder<MNASNetOptions, MNASNet>('mnasnet1_0', 'MNASNet1_0_Weights', MNASNET_KEYS, (o) => new MNASNet(1.0, o));
