// console.log of an optimizer prints PyTorch's optimizer repr; of a scheduler, `<torch.optim.lr_scheduler.StepLR object at 0x…>` (issue #12).
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import * as torch from '@x/tensor';
import * as optim from '@x/optim';

describe('printed optimizers and schedulers', () => {
  const params = (): torch.Tensor[] => [torch.zeros(1, { requiresGrad: true })];
  it("an optimizer prints PyTorch 1.13's repr", () => {
    const sgd = new optim.SGD(params(), { lr: 0.1, momentum: 0.9 });
    expect(inspect(sgd)).toBe(
      'SGD (\nParameter Group 0\n    dampening: 0\n    differentiable: False\n    foreach: None\n    lr: 0.1\n    maximize: False\n    momentum: 0.9\n    nesterov: False\n    weight_decay: 0\n)',
    );
    expect(String(new optim.Adam(params(), { lr: 1e-3 }))).toBe(
      'Adam (\nParameter Group 0\n    amsgrad: False\n    betas: (0.9, 0.999)\n    capturable: False\n    differentiable: False\n    eps: 1e-08\n    foreach: None\n    fused: False\n    lr: 0.001\n    maximize: False\n    weight_decay: 0\n)',
    );
  });
  it('a scheduler prints as a Python object of torch.optim.lr_scheduler', () => {
    const opt = new optim.SGD(params(), { lr: 0.1 });
    expect(inspect(new optim.lrScheduler.StepLR(opt, 1))).toMatch(/^<torch\.optim\.lr_scheduler\.StepLR object at 0x7f[0-9a-f]{10}>$/);
    expect(String(new optim.lrScheduler.ReduceLROnPlateau(opt))).toMatch(/^<torch\.optim\.lr_scheduler\.ReduceLROnPlateau object at 0x7f[0-9a-f]{10}>$/);
    class Mine extends optim.lrScheduler.StepLR {}
    expect(inspect(new Mine(opt, 1))).toMatch(/^<__main__\.Mine object at 0x7f[0-9a-f]{10}>$/);
  });
});
