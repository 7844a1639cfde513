/**
 * The seed's models, ported line by line from the PyTorch tutorial (tools/gen_model_fixtures.py
 * holds the PyTorch originals the tests compare against).
 */
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';
import * as nn from '../../src/index';

const F = nn.functional;

/** The seed's first Module: Linear(784, 256) → ReLU → Linear(256, 10). */
export class MLP extends nn.Module {
  hidden = new nn.Linear(784, 256);
  act = new nn.ReLU();
  output = new nn.Linear(256, 10);
  forward(x: Tensor): Tensor {
    return this.output.forward(this.act.forward(this.hidden.forward(x)));
  }
}

/** LeNet (the seed calls it Net). */
export class Net extends nn.Module {
  conv1 = new nn.Conv2d(1, 6, 5);
  conv2 = new nn.Conv2d(6, 16, 5);
  fc1 = new nn.Linear(16 * 5 * 5, 120);
  fc2 = new nn.Linear(120, 84);
  fc3 = new nn.Linear(84, 10);
  forward(input: Tensor): Tensor {
    let x = F.maxPool2d(F.relu(this.conv1.forward(input)), [2, 2]);
    x = F.maxPool2d(F.relu(this.conv2.forward(x)), 2);
    x = x.view(-1, this.numFlatFeatures(x));
    x = F.relu(this.fc1.forward(x));
    x = F.relu(this.fc2.forward(x));
    return this.fc3.forward(x);
  }
  numFlatFeatures(x: Tensor): number {
    return x.shape.slice(1).reduce((a, b) => a * b, 1);
  }
}

/** AlexNet for 1×224×224 inputs (the seed's Fashion-MNIST variant). */
export class AlexNet extends nn.Module {
  conv = new nn.Sequential(
    new nn.Conv2d(1, 96, 11, 4), new nn.ReLU(), new nn.MaxPool2d(3, 2),
    new nn.Conv2d(96, 256, 5, 1, 2), new nn.ReLU(), new nn.MaxPool2d(3, 2),
    new nn.Conv2d(256, 384, 3, 1, 1), new nn.ReLU(), new nn.Conv2d(384, 384, 3, 1, 1), new nn.ReLU(),
    new nn.Conv2d(384, 256, 3, 1, 1), new nn.ReLU(), new nn.MaxPool2d(3, 2),
  );
  fc = new nn.Sequential(
    new nn.Linear(256 * 5 * 5, 4096), new nn.ReLU(), new nn.Dropout(0.5),
    new nn.Linear(4096, 4096), new nn.ReLU(), new nn.Dropout(0.5),
    new nn.Linear(4096, 10),
  );
  forward(img: Tensor): Tensor {
    const feature = this.conv.forward(img) as Tensor;
    return this.fc.forward(feature.view(img.shape[0]!, -1)) as Tensor;
  }
}

// Attribute names stay PyTorch's (double_conv, maxpool_conv): they are the state-dict keys, so a
// checkpoint saved by the PyTorch original loads into this port.
export class DoubleConv extends nn.Module {
  double_conv: nn.Sequential;
  constructor(inChannels: number, outChannels: number, midChannels?: number) {
    super();
    const mid = midChannels || outChannels;
    this.double_conv = new nn.Sequential(
      new nn.Conv2d(inChannels, mid, { kernelSize: 3, padding: 1, bias: false }), new nn.BatchNorm2d(mid), new nn.ReLU(true),
      new nn.Conv2d(mid, outChannels, { kernelSize: 3, padding: 1, bias: false }), new nn.BatchNorm2d(outChannels), new nn.ReLU(true),
    );
  }
  forward(x: Tensor): Tensor {
    return this.double_conv.forward(x) as Tensor;
  }
}

export class Down extends nn.Module {
  maxpool_conv: nn.Sequential;
  constructor(inChannels: number, outChannels: number) {
    super();
    this.maxpool_conv = new nn.Sequential(new nn.MaxPool2d(2), new DoubleConv(inChannels, outChannels));
  }
  forward(x: Tensor): Tensor {
    return this.maxpool_conv.forward(x) as Tensor;
  }
}

export class Up extends nn.Module {
  up: nn.Module;
  conv: DoubleConv;
  constructor(inChannels: number, outChannels: number, bilinear = false) {
    super();
    if (bilinear) {
      this.up = new nn.Upsample({ scaleFactor: 2, mode: 'bilinear', alignCorners: true });
      this.conv = new DoubleConv(inChannels, outChannels, Math.floor(inChannels / 2));
    } else {
      this.up = new nn.ConvTranspose2d(inChannels, Math.floor(inChannels / 2), { kernelSize: 2, stride: 2 });
      this.conv = new DoubleConv(inChannels, outChannels);
    }
  }
  forward(x1: Tensor, x2: Tensor): Tensor {
    let up = (this.up as unknown as { forward(x: Tensor): Tensor }).forward(x1);
    const diffY = x2.size(2) - up.size(2);
    const diffX = x2.size(3) - up.size(3);
    up = F.pad(up, [Math.floor(diffX / 2), diffX - Math.floor(diffX / 2), Math.floor(diffY / 2), diffY - Math.floor(diffY / 2)]);
    return this.conv.forward(torch.cat([x2, up], 1));
  }
}

export class OutConv extends nn.Module {
  conv: nn.Conv2d;
  constructor(inChannels: number, outChannels: number) {
    super();
    this.conv = new nn.Conv2d(inChannels, outChannels, { kernelSize: 1 });
  }
  forward(x: Tensor): Tensor {
    return this.conv.forward(x);
  }
}

/** U-Net; `width` scales the channel counts (64 in the seed) so tests can run a small one. */
export class UNet extends nn.Module {
  inc: DoubleConv;
  down1: Down;
  down2: Down;
  down3: Down;
  down4: Down;
  up1: Up;
  up2: Up;
  up3: Up;
  up4: Up;
  outc: OutConv;
  constructor(nChannels: number, nClasses: number, bilinear = false, width = 64) {
    super();
    const w = width;
    const factor = bilinear ? 2 : 1;
    this.inc = new DoubleConv(nChannels, w);
    this.down1 = new Down(w, 2 * w);
    this.down2 = new Down(2 * w, 4 * w);
    this.down3 = new Down(4 * w, 8 * w);
    this.down4 = new Down(8 * w, Math.floor((16 * w) / factor));
    this.up1 = new Up(16 * w, Math.floor((8 * w) / factor), bilinear);
    this.up2 = new Up(8 * w, Math.floor((4 * w) / factor), bilinear);
    this.up3 = new Up(4 * w, Math.floor((2 * w) / factor), bilinear);
    this.up4 = new Up(2 * w, w, bilinear);
    this.outc = new OutConv(w, nClasses);
  }
  forward(x: Tensor): Tensor {
    const x1 = this.inc.forward(x);
    const x2 = this.down1.forward(x1);
    const x3 = this.down2.forward(x2);
    const x4 = this.down3.forward(x3);
    const x5 = this.down4.forward(x4);
    let y = this.up1.forward(x5, x4);
    y = this.up2.forward(y, x3);
    y = this.up3.forward(y, x2);
    y = this.up4.forward(y, x1);
    return this.outc.forward(y);
  }
}

/** A ResNet basic block (torchvision's BasicBlock). */
export class BasicBlock extends nn.Module {
  conv1: nn.Conv2d;
  bn1: nn.BatchNorm2d;
  relu = new nn.ReLU(true);
  conv2: nn.Conv2d;
  bn2: nn.BatchNorm2d;
  downsample: nn.Sequential | null = null;
  constructor(inplanes: number, planes: number, stride = 1) {
    super();
    this.conv1 = new nn.Conv2d(inplanes, planes, { kernelSize: 3, stride, padding: 1, bias: false });
    this.bn1 = new nn.BatchNorm2d(planes);
    this.conv2 = new nn.Conv2d(planes, planes, { kernelSize: 3, stride: 1, padding: 1, bias: false });
    this.bn2 = new nn.BatchNorm2d(planes);
    if (stride !== 1 || inplanes !== planes) {
      this.downsample = new nn.Sequential(new nn.Conv2d(inplanes, planes, { kernelSize: 1, stride, bias: false }), new nn.BatchNorm2d(planes));
    }
  }
  forward(x: Tensor): Tensor {
    const identity = this.downsample === null ? x : (this.downsample.forward(x) as Tensor);
    let out = this.relu.forward(this.bn1.forward(this.conv1.forward(x)));
    out = this.bn2.forward(this.conv2.forward(out));
    return this.relu.forward(out.add(identity));
  }
}

/** The seed's MyListDense: a ParameterList chained with torch.mm. */
export class MyListDense extends nn.Module {
  params = new nn.ParameterList([0, 1, 2].map(() => new nn.Parameter(torch.randn(4, 4))));
  constructor() {
    super();
    this.params.append(new nn.Parameter(torch.randn(4, 1)));
  }
  forward(x: Tensor): Tensor {
    let y = x;
    for (let i = 0; i < this.params.length; i++) y = torch.mm(y, this.params.at(i));
    return y;
  }
}

/** The seed's MyDictDense: a ParameterDict picked by name. */
export class MyDictDense extends nn.Module {
  params = new nn.ParameterDict({ linear1: new nn.Parameter(torch.randn(4, 4)), linear2: new nn.Parameter(torch.randn(4, 1)) });
  constructor() {
    super();
    this.params.set('linear3', new nn.Parameter(torch.randn(4, 2)));
  }
  forward(x: Tensor, choice = 'linear1'): Tensor {
    return torch.mm(x, this.params.get(choice)!);
  }
}

// ---- the seed's custom losses (the "custom loss" chapter) ----

export class DiceLoss extends nn.Module {
  forward(inputs: Tensor, targets: Tensor, smooth = 1): Tensor {
    const i = F.sigmoid(inputs).view(-1);
    const t = targets.view(-1);
    const intersection = i.mul(t).sum();
    const dice = intersection.mul(2).add(smooth).div(i.sum().add(t.sum()).add(smooth));
    return dice.neg().add(1);
  }
}

export class DiceBCELoss extends nn.Module {
  forward(inputs: Tensor, targets: Tensor, smooth = 1): Tensor {
    const i = F.sigmoid(inputs).view(-1);
    const t = targets.view(-1);
    const intersection = i.mul(t).sum();
    const diceLoss = intersection.mul(2).add(smooth).div(i.sum().add(t.sum()).add(smooth)).neg().add(1);
    const bce = F.binaryCrossEntropy(i, t, { reduction: 'mean' });
    return bce.add(diceLoss);
  }
}

export class IoULoss extends nn.Module {
  forward(inputs: Tensor, targets: Tensor, smooth = 1): Tensor {
    const i = F.sigmoid(inputs).view(-1);
    const t = targets.view(-1);
    const intersection = i.mul(t).sum();
    const union = i.add(t).sum().sub(intersection);
    return intersection.add(smooth).div(union.add(smooth)).neg().add(1);
  }
}

export class FocalLoss extends nn.Module {
  forward(inputs: Tensor, targets: Tensor, alpha = 0.8, gamma = 2): Tensor {
    const i = F.sigmoid(inputs).view(-1);
    const t = targets.view(-1);
    const bce = F.binaryCrossEntropy(i, t, { reduction: 'mean' });
    const bceExp = bce.neg().exp();
    return bceExp.neg().add(1).pow(gamma).mul(bce).mul(alpha);
  }
}
