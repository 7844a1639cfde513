/**
 * ResNet (He et al., 2015) and its widenings: torchvision's ResNet, BasicBlock and Bottleneck, with
 * the same attribute names (so state-dict keys), printed form and initialisation, and the builders
 * resnet18/34/50/101/152, resnext50_32x4d and wide_resnet50_2.
 */
import { flatten, type Tensor } from '@x/tensor';
import * as nn from '@x/nn';
import { makeNorm, type NormLayer } from './norm-layer';
import type { TensorModule } from './tensor-module';
import { defineBuilder } from './builder';

/** 3×3 convolution with padding (equal to the dilation, keeping the size at stride 1). */
function conv3x3(inPlanes: number, outPlanes: number, stride = 1, groups = 1, dilation = 1): nn.Conv2d {
  return new nn.Conv2d(inPlanes, outPlanes, { kernelSize: 3, stride, padding: dilation, groups, bias: false, dilation });
}

/** 1×1 convolution. */
function conv1x1(inPlanes: number, outPlanes: number, stride = 1): nn.Conv2d {
  return new nn.Conv2d(inPlanes, outPlanes, { kernelSize: 1, stride, bias: false });
}

export interface BlockOptions {
  stride?: number;
  downsample?: nn.Module | null;
  groups?: number;
  baseWidth?: number;
  dilation?: number;
  normLayer?: NormLayer | null;
}

/** Two 3×3 convolutions and a shortcut (ResNet-18/34). */
export class BasicBlock extends nn.Module {
  static readonly expansion = 1;
  conv1: nn.Conv2d;
  bn1: TensorModule;
  relu: nn.ReLU;
  conv2: nn.Conv2d;
  bn2: TensorModule;
  downsample: TensorModule | null;
  stride: number;

  constructor(inplanes: number, planes: number, options: BlockOptions = {}) {
    super();
    const { stride = 1, downsample = null, groups = 1, baseWidth = 64, dilation = 1 } = options;
    const normLayer = options.normLayer ?? nn.BatchNorm2d;
    if (groups !== 1 || baseWidth !== 64) throw new Error(`BasicBlock only supports groups=1 and base_width=64, got groups=${groups} and base_width=${baseWidth}`);
    if (dilation > 1) throw new Error(`Dilation > 1 not supported in BasicBlock (got dilation=${dilation})`);
    // conv1 and downsample downsample the input when stride != 1.
    this.conv1 = conv3x3(inplanes, planes, stride);
    this.bn1 = makeNorm(normLayer, planes);
    this.relu = new nn.ReLU(true);
    this.conv2 = conv3x3(planes, planes);
    this.bn2 = makeNorm(normLayer, planes);
    this.downsample = downsample as TensorModule | null;
    this.stride = stride;
  }

  forward(x: Tensor): Tensor {
    let out = this.relu.forward(this.bn1.forward(this.conv1.forward(x)));
    out = this.bn2.forward(this.conv2.forward(out));
    const identity = this.downsample === null ? x : this.downsample.forward(x);
    return this.relu.forward(out.add(identity));
  }
}

/**
 * 1×1 → 3×3 → 1×1 convolutions and a shortcut (ResNet-50 and up). The stride sits in the 3×3
 * convolution, as torchvision's (ResNet V1.5), not in the first 1×1.
 */
export class Bottleneck extends nn.Module {
  static readonly expansion = 4;
  conv1: nn.Conv2d;
  bn1: TensorModule;
  conv2: nn.Conv2d;
  bn2: TensorModule;
  conv3: nn.Conv2d;
  bn3: TensorModule;
  relu: nn.ReLU;
  downsample: TensorModule | null;
  stride: number;

  constructor(inplanes: number, planes: number, options: BlockOptions = {}) {
    super();
    const { stride = 1, downsample = null, groups = 1, baseWidth = 64, dilation = 1 } = options;
    const normLayer = options.normLayer ?? nn.BatchNorm2d;
    const width = Math.trunc(planes * (baseWidth / 64)) * groups;
    this.conv1 = conv1x1(inplanes, width);
    this.bn1 = makeNorm(normLayer, width);
    this.conv2 = conv3x3(width, width, stride, groups, dilation);
    this.bn2 = makeNorm(normLayer, width);
    this.conv3 = conv1x1(width, planes * Bottleneck.expansion);
    this.bn3 = makeNorm(normLayer, planes * Bottleneck.expansion);
    this.relu = new nn.ReLU(true);
    this.downsample = downsample as TensorModule | null;
    this.stride = stride;
  }

  forward(x: Tensor): Tensor {
    let out = this.relu.forward(this.bn1.forward(this.conv1.forward(x)));
    out = this.relu.forward(this.bn2.forward(this.conv2.forward(out)));
    out = this.bn3.forward(this.conv3.forward(out));
    const identity = this.downsample === null ? x : this.downsample.forward(x);
    return this.relu.forward(out.add(identity));
  }
}

export type ResNetBlock = typeof BasicBlock | typeof Bottleneck;

export interface ResNetOptions {
  numClasses?: number;
  /** Zero the last norm layer's scale in each residual branch, so each block starts as the identity. */
  zeroInitResidual?: boolean;
  groups?: number;
  widthPerGroup?: number;
  /** For layer2..layer4: replace the stride 2 with dilation (a larger output map). */
  replaceStrideWithDilation?: [boolean, boolean, boolean] | null;
  normLayer?: NormLayer | null;
}

export class ResNet extends nn.Module {
  conv1: nn.Conv2d;
  bn1: TensorModule;
  relu: nn.ReLU;
  maxpool: nn.MaxPool2d;
  layer1: nn.Sequential;
  layer2: nn.Sequential;
  layer3: nn.Sequential;
  layer4: nn.Sequential;
  avgpool: nn.AdaptiveAvgPool2d;
  fc: nn.Linear;
  inplanes = 64;
  dilation = 1;
  groups: number;
  baseWidth: number;
  private readonly normLayer: NormLayer;

  constructor(block: ResNetBlock, layers: readonly [number, number, number, number], options: ResNetOptions = {}) {
    super();
    const { numClasses = 1000, zeroInitResidual = false, groups = 1, widthPerGroup = 64 } = options;
    this.normLayer = options.normLayer ?? nn.BatchNorm2d;
    const dilate = options.replaceStrideWithDilation ?? [false, false, false];
    if (dilate.length !== 3) {
      throw new Error(`replaceStrideWithDilation should be null or a 3-element tuple, got [${dilate.join(', ')}]`);
    }
    if (layers.length !== 4) throw new Error(`layers should hold 4 block counts, got [${layers.join(', ')}]`);
    this.groups = groups;
    this.baseWidth = widthPerGroup;
    this.conv1 = new nn.Conv2d(3, this.inplanes, { kernelSize: 7, stride: 2, padding: 3, bias: false });
    this.bn1 = makeNorm(this.normLayer, this.inplanes);
    this.relu = new nn.ReLU(true);
    this.maxpool = new nn.MaxPool2d({ kernelSize: 3, stride: 2, padding: 1 });
    this.layer1 = this.makeLayer(block, 64, layers[0]);
    this.layer2 = this.makeLayer(block, 128, layers[1], 2, dilate[0]);
    this.layer3 = this.makeLayer(block, 256, layers[2], 2, dilate[1]);
    this.layer4 = this.makeLayer(block, 512, layers[3], 2, dilate[2]);
    this.avgpool = new nn.AdaptiveAvgPool2d([1, 1]);
    this.fc = new nn.Linear(512 * block.expansion, numClasses);

    for (const m of this.modules()) {
      if (m instanceof nn.Conv2d) nn.init.kaimingNormal_(m.weight, { mode: 'fan_out', nonlinearity: 'relu' });
      else if (m instanceof nn.BatchNorm2d || m instanceof nn.GroupNorm) {
        nn.init.constant_(m.weight!, 1);
        nn.init.constant_(m.bias!, 0);
      }
    }
    if (zeroInitResidual) {
      for (const m of this.modules()) {
        const last = m instanceof Bottleneck ? m.bn3 : m instanceof BasicBlock ? m.bn2 : null;
        const weight = (last as { weight?: nn.Parameter | null } | null)?.weight;
        if (weight) nn.init.constant_(weight, 0);
      }
    }
  }

  private makeLayer(block: ResNetBlock, planes: number, blocks: number, stride = 1, dilate = false): nn.Sequential {
    const normLayer = this.normLayer;
    const previousDilation = this.dilation;
    if (dilate) {
      this.dilation *= stride;
      stride = 1;
    }
    let downsample: nn.Sequential | null = null;
    if (stride !== 1 || this.inplanes !== planes * block.expansion) {
      downsample = new nn.Sequential(conv1x1(this.inplanes, planes * block.expansion, stride), makeNorm(normLayer, planes * block.expansion));
    }
    const common = { groups: this.groups, baseWidth: this.baseWidth, normLayer };
    const layers: nn.Module[] = [new block(this.inplanes, planes, { stride, downsample, dilation: previousDilation, ...common })];
    this.inplanes = planes * block.expansion;
    for (let i = 1; i < blocks; i++) layers.push(new block(this.inplanes, planes, { dilation: this.dilation, ...common }));
    return new nn.Sequential(...layers);
  }

  forward(x: Tensor): Tensor {
    // Without returnIndices, max pooling gives one tensor.
    x = this.maxpool.forward(this.relu.forward(this.bn1.forward(this.conv1.forward(x)))) as Tensor;
    x = this.layer4.forward(this.layer3.forward(this.layer2.forward(this.layer1.forward(x))));
    x = flatten(this.avgpool.forward(x), 1);
    return this.fc.forward(x);
  }
}

const RESNET_KEYS = ['numClasses', 'zeroInitResidual', 'groups', 'widthPerGroup', 'replaceStrideWithDilation', 'normLayer'] as const;

function resnetBuilder(name: string, weightsEnum: string, block: ResNetBlock, layers: [number, number, number, number], preset: ResNetOptions = {}) {
  return defineBuilder<ResNetOptions, ResNet>(name, weightsEnum, RESNET_KEYS, (options) => {
    for (const [k, v] of Object.entries(preset)) {
      const given = (options as Record<string, unknown>)[k];
      if (given !== undefined && given !== v) throw new Error(`${name}: ${k} is ${String(v)} for this model, got ${String(given)}`);
    }
    return new ResNet(block, layers, { ...options, ...preset });
  });
}

/** ResNet-18 (11.7M parameters). */
export const resnet18 = resnetBuilder('resnet18', 'ResNet18_Weights', BasicBlock, [2, 2, 2, 2]);
/** ResNet-34. */
export const resnet34 = resnetBuilder('resnet34', 'ResNet34_Weights', BasicBlock, [3, 4, 6, 3]);
/** ResNet-50. */
export const resnet50 = resnetBuilder('resnet50', 'ResNet50_Weights', Bottleneck, [3, 4, 6, 3]);
/** ResNet-101. */
export const resnet101 = resnetBuilder('resnet101', 'ResNet101_Weights', Bottleneck, [3, 4, 23, 3]);
/** ResNet-152. */
export const resnet152 = resnetBuilder('resnet152', 'ResNet152_Weights', Bottleneck, [3, 8, 36, 3]);
/** ResNeXt-50 32×4d: 32 groups of width 4 in each bottleneck. */
export const resnext50_32x4d = resnetBuilder('resnext50_32x4d', 'ResNeXt50_32X4D_Weights', Bottleneck, [3, 4, 6, 3], { groups: 32, widthPerGroup: 4 });
/** Wide ResNet-50-2: bottlenecks twice as wide inside (the outer widths unchanged). */
export const wide_resnet50_2 = resnetBuilder('wide_resnet50_2', 'Wide_ResNet50_2_Weights', Bottleneck, [3, 4, 6, 3], { widthPerGroup: 64 * 2 });
