/** torchvision.ops.Conv2dNormActivation: a convolution, an optional norm and an optional activation, as one Sequential. */
import { signature, type Args } from '@x/tensor';
import { BatchNorm2d, Conv2d, type Module, ReLU, Sequential } from '@x/nn';
import { argGiven, buildLayer, type LayerFactory } from './layer-factory';

type IntOrPair = number | readonly number[];

export interface Conv2dNormActivationOptions {
  inChannels?: number;
  outChannels?: number;
  kernelSize?: IntOrPair;
  stride?: IntOrPair;
  padding?: IntOrPair | 'same' | 'valid' | null;
  groups?: number;
  normLayer?: LayerFactory | null;
  activationLayer?: LayerFactory | null;
  dilation?: IntOrPair;
  inplace?: boolean | null;
  bias?: boolean | null;
}

type Conv2dNormActivationArgs = Args<
  [
    inChannels: number, outChannels: number, kernelSize: IntOrPair, stride: IntOrPair, padding: IntOrPair | 'same' | 'valid' | null, groups: number,
    normLayer: LayerFactory | null, activationLayer: LayerFactory | null, dilation: IntOrPair, inplace: boolean | null, bias: boolean | null,
  ],
  Conv2dNormActivationOptions
>;

const SIGNATURE = signature(
  'Conv2dNormActivation(int inChannels, int outChannels, int|int[] kernelSize=3, int|int[] stride=1, int|int[]|str? padding=None, int groups=1, '
    + 'callable? normLayer=None, callable? activationLayer=None, int|int[] dilation=1, bool? inplace=True, bool? bias=None)',
);

/** "Same"-style padding for odd kernels: (k − 1) / 2 · dilation per side, as torchvision computes it. */
function defaultPadding(kernelSize: IntOrPair, dilation: IntOrPair): IntOrPair {
  if (typeof kernelSize === 'number' && typeof dilation === 'number') return Math.floor((kernelSize - 1) / 2) * dilation;
  const n = typeof kernelSize === 'number' ? (dilation as readonly number[]).length : kernelSize.length;
  const k = typeof kernelSize === 'number' ? new Array<number>(n).fill(kernelSize) : kernelSize;
  const d = typeof dilation === 'number' ? new Array<number>(n).fill(dilation) : dilation;
  return k.map((ki, i) => Math.floor((ki - 1) / 2) * d[i]!);
}

function layers(args: Conv2dNormActivationArgs): Module[] {
  const o = SIGNATURE.parse<Required<{ [K in keyof Conv2dNormActivationOptions]: Exclude<Conv2dNormActivationOptions[K], undefined> }>>(args);
  const normLayer = argGiven(args, 6, 'normLayer') ? o.normLayer : BatchNorm2d;
  const activationLayer = argGiven(args, 7, 'activationLayer') ? o.activationLayer : ReLU;
  const padding = o.padding ?? defaultPadding(o.kernelSize, o.dilation);
  const bias = o.bias ?? normLayer === null;
  const out: Module[] = [
    new Conv2d(o.inChannels, o.outChannels, o.kernelSize, o.stride, padding as number, { dilation: o.dilation, groups: o.groups, bias }),
  ];
  if (normLayer !== null) out.push(buildLayer(normLayer, o.outChannels));
  if (activationLayer !== null) out.push(o.inplace === null ? buildLayer(activationLayer) : buildLayer(activationLayer, { inplace: o.inplace }));
  return out;
}

/**
 * Conv2d → norm (BatchNorm2d unless `normLayer` says otherwise; `null` for none) → activation (ReLU
 * unless `activationLayer` says otherwise; `null` for none). Padding defaults to keep the size for
 * stride 1; the convolution has a bias only when there is no norm layer, unless `bias` says.
 *
 * @example
 * new ops.Conv2dNormActivation(3, 16, 3, 2, { activationLayer: nn.Hardswish });
 */
export class Conv2dNormActivation extends Sequential {
  readonly outChannels: number;

  constructor(...args: Conv2dNormActivationArgs) {
    const built = layers(args);
    super(...built);
    this.outChannels = (built[0] as Conv2d).outChannels;
  }
}
