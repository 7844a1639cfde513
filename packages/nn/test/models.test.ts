import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';
import '@x/autograd';
import { noGrad } from '@x/autograd';
import { registerWasmBackend } from '@x/backend-wasm';
import { valuesMismatch } from '@x/tensor/testing';
import * as nn from '../src/index';
import {
  AlexNet, BasicBlock, DiceBCELoss, DiceLoss, FocalLoss, IoULoss, MLP, MyDictDense, MyListDense, Net, UNet,
} from './models/seed-models';

interface ModelFixture {
  repr: string;
  num_params?: number;
  param_shapes?: number[][];
  state_keys?: string[];
  input_shapes?: number[][];
  output_shape?: number[];
  output?: number[];
  grads?: Record<string, number[]>;
}
// The big models (AlexNet: 58M parameters) initialise in milliseconds on the WASM backend.
registerWasmBackend();

const FIX = JSON.parse(readFileSync(new URL('./fixtures/models.json', import.meta.url), 'utf8')) as Record<string, ModelFixture>;

/** The deterministic weights tools/gen_model_fixtures.py loads: 0.1·sin(0.01·i + k) for the k-th state tensor. */
function loadPattern(model: nn.Module): void {
  noGrad(() => {
    Object.values(model.stateDict()).forEach((t, k) => {
      if (!t.isFloatingPoint()) return;
      const i = torch.arange(t.numel(), { dtype: 'float64' });
      t.copy_(i.mul(0.01).add(k).sin().mul(0.1).reshape(t.shape));
    });
  });
}

function patternInput(shape: number[], k: number): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return torch.arange(n, { dtype: 'float64' }).mul(0.05).add(k).sin().reshape(shape).float();
}

/** |actual − expected| ≤ tol·(1 + |expected|), elementwise. */
function close(actual: ArrayLike<number>, expected: readonly number[], tol = 2e-4): void {
  expect(valuesMismatch(actual, expected, { rtol: tol, atol: tol })).toBeNull();
}

function checkStructure(model: nn.Module, f: ModelFixture): void {
  expect(String(model)).toBe(f.repr);
  if (f.num_params !== undefined) expect([...model.parameters()].reduce((n, p) => n + p.numel(), 0)).toBe(f.num_params);
  if (f.param_shapes) expect([...model.parameters()].map((p) => p.shape)).toEqual(f.param_shapes);
  if (f.state_keys) expect(Object.keys(model.stateDict())).toEqual(f.state_keys);
}

function checkNumbers(model: nn.Module, f: ModelFixture, train: boolean): void {
  loadPattern(model);
  model.train(train);
  const xs = f.input_shapes!.map((s, i) => patternInput(s, i));
  const out = (model as unknown as { forward(...a: Tensor[]): Tensor }).forward(...xs);
  expect(out.shape).toEqual(f.output_shape);
  close(out.numpy() as Float32Array, f.output!);
  out.sum().backward();
  const params = new Map(model.namedParameters());
  for (const [name, g] of Object.entries(f.grads ?? {})) close(params.get(name)!.grad!.numpy() as Float32Array, g, 5e-4);
}

describe("the seed's models, against PyTorch 1.13", () => {
  it('MLP: print, output and gradients with the same weights', () => {
    const net = new MLP();
    checkStructure(net, FIX.mlp!);
    checkNumbers(net, FIX.mlp!, false);
  });
  it('LeNet: 10 parameters, the first [6, 1, 5, 5]; print, output, gradients', () => {
    const net = new Net();
    checkStructure(net, FIX.lenet!);
    const params = [...net.parameters()];
    expect(params.length).toBe(10);
    expect(String(params[0]!.size())).toBe('torch.Size([6, 1, 5, 5])');
    checkNumbers(net, FIX.lenet!, false);
  });
  it('LeNet: a shape mismatch names the module path and both shapes', () => {
    const net = new Net();
    expect(() => net.fc1.forward(torch.ones(1, 256))).toThrow('expected input with last dimension 400, got [1, 256]');
    class Wrong extends nn.Module {
      fc1 = new nn.Linear(400, 120);
      forward(x: Tensor): Tensor {
        return this.fc1.forward(x);
      }
    }
    expect(() => new Wrong().forward(torch.ones(1, 256))).toThrow('fc1 (Linear): expected input with last dimension 400, got [1, 256]');
  });
  it('AlexNet for Fashion-MNIST: print, parameter count, forward and backward on 1×224×224', () => {
    const net = new AlexNet();
    checkStructure(net, FIX.alexnet!);
    net.eval();
    const out = net.forward(torch.randn(1, 1, 224, 224));
    expect(out.shape).toEqual([1, 10]);
    out.sum().backward();
    expect(net.conv.at(0).getSubmodule('').constructor.name).toBe('Conv2d');
    expect((net.conv.at(0) as nn.Conv2d).weight.grad!.shape).toEqual([96, 1, 11, 11]);
  });
  it('U-Net, both upsampling variants: print and parameter counts (31,037,698 / 17,263,042)', () => {
    checkStructure(new UNet(3, 2), FIX.unet!);
    checkStructure(new UNet(3, 2, true), FIX.unet_bilinear!);
  });
  it('U-Net (narrow, odd sizes): forward and backward match PyTorch in both variants', () => {
    checkNumbers(new UNet(3, 2, false, 4), FIX.unet_small!, true);
    checkNumbers(new UNet(3, 2, true, 4), FIX.unet_small_bilinear!, true);
  });
  it('ResNet basic block: print, output, gradients (train mode, batch norm)', () => {
    const block = new BasicBlock(4, 8, 2);
    checkStructure(block, FIX.basic_block!);
    checkNumbers(block, FIX.basic_block!, true);
  });
  it('Sequential prints, positional and named', () => {
    expect(String(new nn.Sequential(new nn.Linear(784, 256), new nn.ReLU(), new nn.Linear(256, 10)))).toBe(FIX.sequential!.repr);
    const named = new nn.Sequential(new Map<string, nn.Module>([['fc1', new nn.Linear(784, 256)], ['relu1', new nn.ReLU()], ['fc2', new nn.Linear(256, 10)]]));
    expect(String(named)).toBe(FIX.sequential_named!.repr);
  });
  it('MyListDense and MyDictDense', () => {
    expect(new MyListDense().forward(torch.ones(2, 4)).shape).toEqual([2, 1]);
    const d = new MyDictDense();
    expect(d.forward(torch.ones(1, 4)).shape).toEqual([1, 4]);
    expect(d.forward(torch.ones(1, 4), 'linear2').shape).toEqual([1, 1]);
    expect(d.forward(torch.ones(1, 4), 'linear3').shape).toEqual([1, 2]);
  });
  it('custom losses (Dice, DiceBCE, IoU, Focal) run forward and backward', () => {
    torch.manualSeed(0);
    const logits = torch.randn(2, 1, 4, 4, { requiresGrad: true });
    const target = torch.rand(2, 1, 4, 4).gt(0.5).float();
    for (const loss of [new DiceLoss(), new DiceBCELoss(), new IoULoss(), new FocalLoss()]) {
      logits.grad = null;
      const l = loss.forward(logits, target);
      expect(l.shape).toEqual([]);
      l.backward();
      expect(logits.grad!.shape).toEqual([2, 1, 4, 4]);
    }
  });
});
