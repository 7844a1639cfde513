/**
 * The fine-tuning recipe on torchvision's models: freeze everything with requiresGrad_(false),
 * replace the head (`model.fc`, `model.classifier[6]`), optimise only the head: frozen parameters
 * get no gradient and stay as they were, the head learns. And a wrong-size input names the layer.
 */
import { describe, expect, it } from 'vitest';
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';
import '@x/autograd';
import * as nn from '@x/nn';
import * as optim from '@x/optim';
import { registerWasmBackend } from '@x/backend-wasm';
import { models } from '../src/index';

registerWasmBackend();

/** A few SGD steps on one batch, optimising `head` only; returns the losses. */
function trainHead(model: nn.Module & { forward(x: Tensor): unknown }, head: nn.Module, x: Tensor, y: Tensor, steps: number): number[] {
  const optimizer = new optim.SGD(head.parameters(), { lr: 0.01, momentum: 0.9 });
  const criterion = new nn.CrossEntropyLoss();
  const losses: number[] = [];
  for (let i = 0; i < steps; i++) {
    optimizer.zeroGrad();
    const loss = criterion.forward(model.forward(x) as Tensor, y);
    loss.backward();
    optimizer.step();
    losses.push(loss.item() as number);
  }
  return losses;
}

function snapshot(model: nn.Module): Map<string, Float32Array> {
  return new Map([...model.namedParameters()].map(([k, p]) => [k, (p.numpy() as Float32Array).slice()]));
}

/** Whether a parameter still holds the values snapshot() took (a plain loop: the arrays are large). */
function unchanged(p: Tensor, before: Float32Array): boolean {
  const now = p.numpy() as Float32Array;
  if (now.length !== before.length) return false;
  for (let i = 0; i < now.length; i++) if (!Object.is(now[i], before[i])) return false;
  return true;
}

describe('fine-tuning a torchvision model', () => {
  it('resnet18: freeze, replace model.fc, train only the head', () => {
    torch.manualSeed(0);
    const model = models.resnet18();
    for (const p of model.parameters()) p.requiresGrad_(false);
    const numFeatures = model.fc.inFeatures;
    model.fc = new nn.Linear(numFeatures, 3);
    expect(String(model).split('\n').at(-2)).toBe('  (fc): Linear(in_features=512, out_features=3, bias=True)');
    expect([...model.parameters()].filter((p) => p.requiresGrad).length).toBe(2);

    const before = snapshot(model);
    const x = torch.randn(4, 3, 64, 64);
    const y = torch.tensor([0, 1, 2, 1]);
    const losses = trainHead(model, model.fc, x, y, 8);
    expect(losses.at(-1)!).toBeLessThan(losses[0]!);
    for (const [name, p] of model.namedParameters()) {
      if (name.startsWith('fc.')) {
        expect(p.grad).not.toBeNull();
        expect(unchanged(p, before.get(name)!), name).toBe(false);
      } else {
        expect(p.grad, name).toBeNull();
        expect(unchanged(p, before.get(name)!), name).toBe(true);
      }
    }
  });

  it('alexnet: replace model.classifier[6] (Sequential item assignment), train only it', () => {
    torch.manualSeed(0);
    const model = models.alexnet();
    for (const p of model.parameters()) p.requiresGrad_(false);
    const last = model.classifier[6] as nn.Linear;
    model.classifier[6] = new nn.Linear(last.inFeatures, 2);
    expect(String(model.classifier[6])).toBe('Linear(in_features=4096, out_features=2, bias=True)');
    expect(Object.keys(model.stateDict()).slice(-2)).toEqual(['classifier.6.weight', 'classifier.6.bias']);
    model.eval(); // dropout off: the loss falls step by step

    const before = snapshot(model);
    const x = torch.randn(2, 3, 64, 64);
    const losses = trainHead(model, model.classifier[6], x, torch.tensor([0, 1]), 5);
    expect(losses.at(-1)!).toBeLessThan(losses[0]!);
    for (const [name, p] of model.namedParameters()) {
      if (name.startsWith('classifier.6.')) expect(p.grad).not.toBeNull();
      else {
        expect(p.grad, name).toBeNull();
        expect(unchanged(p, before.get(name)!), name).toBe(true);
      }
    }
  });

  it('a wrong-size input names the layer: resnet18 on a 1-channel image', () => {
    const model = models.resnet18({ numClasses: 10 });
    expect(() => model.forward(torch.randn(1, 1, 64, 64))).toThrow(/^conv1 \(Conv2d\): .*weight of size \[64, 3, 7, 7\].*1 channels/);
  });
});
