// Names the seed tutorial uses on modules (issue #12): ParameterDict.update, ModuleList.at(-1),
// model.cpu() / model.cuda() (with and without a CUDA backend), model.to(torch.device(...)),
// torch.typename of a layer.
import { describe, expect, it } from 'vitest';
import * as torch from '@x/tensor';
import type { Tensor } from '@x/tensor';
import '@x/autograd';
import * as nn from '../src/index';

/** The seed's MyDictDense (its ParameterDict example). */
class MyDictDense extends nn.Module {
  params = new nn.ParameterDict({
    linear1: new nn.Parameter(torch.randn(4, 4)),
    linear2: new nn.Parameter(torch.randn(4, 1)),
  });
  constructor() {
    super();
    this.params.update({ linear3: new nn.Parameter(torch.randn(4, 2)) });
  }
  forward(x: Tensor, choice = 'linear1'): Tensor {
    return torch.mm(x, this.params.get(choice)!);
  }
}

describe('ParameterDict.update', () => {
  it("adds parameters as PyTorch's does (the seed's MyDictDense)", () => {
    const net = new MyDictDense();
    expect(net.params.keys()).toEqual(['linear1', 'linear2', 'linear3']);
    const x = torch.ones(1, 4);
    expect(net.forward(x, 'linear1').shape).toEqual([1, 4]);
    expect(net.forward(x, 'linear2').shape).toEqual([1, 1]);
    expect(net.forward(x, 'linear3').shape).toEqual([1, 2]);
    expect([...net.parameters()]).toHaveLength(3);
    expect(String(net)).toBe(
      'MyDictDense(\n  (params): ParameterDict(\n      (linear1): Parameter containing: [torch.FloatTensor of size 4x4]\n' +
        '      (linear2): Parameter containing: [torch.FloatTensor of size 4x1]\n      (linear3): Parameter containing: [torch.FloatTensor of size 4x2]\n  )\n)',
    );
  });
  it('takes a Map, another ParameterDict or [key, parameter] pairs; replaces existing keys', () => {
    const d = new nn.ParameterDict();
    d.update(new Map([['a', torch.zeros(2)]]));
    d.update([['b', torch.ones(1)]]);
    d.update(new nn.ParameterDict({ c: torch.ones(3) }));
    d.update({ a: torch.ones(5) });
    expect(d.keys()).toEqual(['a', 'b', 'c']);
    expect(d.get('a')!.shape).toEqual([5]);
    expect(d.get('b')).toBeInstanceOf(nn.Parameter);
    expect(d.has('c')).toBe(true);
    expect(() => d.update([['x'] as unknown as [string, Tensor]])).toThrow('ParameterDict update sequence element #0 should be a [key, parameter] pair; has length 1');
  });
});

describe('ModuleList.at', () => {
  it("takes negative indices as Python's net[-1]", () => {
    const net = new nn.ModuleList([new nn.Linear(784, 256), new nn.ReLU()]);
    net.append(new nn.Linear(256, 10));
    expect(String(net.at(-1))).toBe('Linear(in_features=256, out_features=10, bias=True)');
    expect(net.at(-3)).toBe(net.at(0));
    expect(() => net.at(-4)).toThrow('index -4 is out of range for ModuleList of length 3');
    expect(String(new nn.Sequential(new nn.ReLU(), new nn.Tanh()).at(-1))).toBe('Tanh()');
  });
});

describe('torch.typename of modules', () => {
  it("names @x/nn's layers by PyTorch's module path", () => {
    expect(torch.typename(new nn.Linear(2, 2))).toBe('torch.nn.modules.linear.Linear');
    expect(torch.typename(nn.Conv2d)).toBe('torch.nn.modules.conv.Conv2d');
    expect(torch.typename(new MyDictDense())).toBe('__main__.MyDictDense');
    expect(torch.typename(new nn.Parameter(torch.ones(2)))).toBe('torch.FloatTensor');
  });
});

describe('model.cpu() and model.cuda()', () => {
  it('cpu() moves to the CPU and returns the module; to() takes a torch.device', () => {
    const net = new nn.Linear(2, 3);
    expect(net.cpu()).toBe(net);
    expect(net.weight.device).toBe('cpu');
    expect(net.to(torch.device('cpu'))).toBe(net);
    expect(net.to({ device: torch.device('cpu'), dtype: 'float64' }).weight.dtype).toBe('float64');
  });
  it('cuda() without a CUDA backend says none is registered', () => {
    expect(() => new nn.Linear(2, 3).cuda()).toThrow(
      /module\.cuda\(\) needs CUDA, but no CUDA backend is registered \(torch\.cuda\.isAvailable\(\) is false\): @x has no CUDA backend yet; for a GPU use 'webgpu'/,
    );
  });
  it('cuda() moves once a CUDA backend registers (the hook a CUDA backend uses)', () => {
    // A stand-in CUDA backend: the reference kernels serving 'cuda', and a runtime that reports one device.
    const fake = Object.create(new torch.ReferenceBackend()) as torch.Backend;
    Object.defineProperty(fake, 'name', { value: 'fake-cuda' });
    Object.defineProperty(fake, 'device', { value: 'cuda' });
    torch.registerBackend(fake);
    let seeded: number | bigint | null = null;
    const before = torch.registerCudaRuntime({ deviceCount: () => 1, manualSeedAll: (s) => void (seeded = s) });
    try {
      expect(torch.cuda.isAvailable()).toBe(true);
      expect(torch.cuda.deviceCount()).toBe(1);
      torch.cuda.manualSeedAll(118);
      expect(seeded).toBe(118);
      const net = new nn.Linear(2, 3);
      const w = net.weight;
      expect(net.cuda()).toBe(net);
      expect(net.weight).toBe(w); // parameters keep their identity (optimizers stay valid)
      expect(net.weight.device).toBe('cuda');
      expect(net.forward(torch.ones(1, 2).cuda()).device).toBe('cuda');
      expect(net.cuda(0).weight.device).toBe('cuda'); // the backend serving 'cuda' (indices are the backend's business)
      expect(net.cpu().weight.device).toBe('cpu');
    } finally {
      torch.registerCudaRuntime(before);
    }
    expect(torch.cuda.isAvailable()).toBe(false);
  });
});

describe("Node's inspector (console.log) prints PyTorch's text for modules and parameters", () => {
  it('a module prints its repr, a parameter "Parameter containing:"', async () => {
    const { inspect } = await import('node:util');
    const net = new nn.Sequential(new nn.Linear(2, 3), new nn.ReLU());
    expect(inspect(net)).toBe('Sequential(\n  (0): Linear(in_features=2, out_features=3, bias=True)\n  (1): ReLU()\n)');
    const p = new nn.Parameter(torch.ones(2));
    expect(inspect(p)).toBe('Parameter containing:\ntensor([1., 1.], requires_grad=True)');
    expect(inspect(new nn.Dropout(0.5))).toBe('Dropout(p=0.5, inplace=False)');
  });
});
