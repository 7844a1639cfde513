import { describe, expect, it } from 'vitest';
import * as torch from '@x/tensor';
import '@x/autograd';
import { Module, ModuleList, Parameter, Sequential } from '../src/index';

class Affine extends Module {
  weight: Parameter;
  bias: Parameter | null;
  constructor(readonly inFeatures: number, readonly outFeatures: number) {
    super();
    this.weight = new Parameter(torch.ones(outFeatures, inFeatures));
    this.bias = new Parameter(torch.zeros(outFeatures));
  }
  forward(x: torch.Tensor): torch.Tensor {
    if (x.shape[x.ndim - 1] !== this.inFeatures) {
      throw new Error(`expected input with last dimension ${this.inFeatures}, got [${x.shape.join(', ')}]`);
    }
    return x.matmul(this.weight.t()).add(this.bias!);
  }
  override extraRepr(): string {
    return `in_features=${this.inFeatures}, out_features=${this.outFeatures}`;
  }
}

class Net extends Module {
  fc1 = new Affine(4, 3);
  body = new Sequential(new Affine(3, 3), new Affine(3, 2));
  constructor() {
    super();
    this.registerBuffer('running_mean', torch.zeros(2));
    this.registerBuffer('scratch', torch.zeros(1), { persistent: false });
  }
  forward(x: torch.Tensor): torch.Tensor {
    return this.body.forward(this.fc1.forward(x)) as torch.Tensor;
  }
}

describe('Module', () => {
  it('registers children and parameters in assignment order', () => {
    const net = new Net();
    expect([...net.namedChildren()].map(([k]) => k)).toEqual(['fc1', 'body']);
    expect([...net.namedParameters()].map(([k]) => k)).toEqual(['fc1.weight', 'fc1.bias', 'body.0.weight', 'body.0.bias', 'body.1.weight', 'body.1.bias']);
    expect(Object.keys(net.stateDict())).toEqual([
      'running_mean', 'fc1.weight', 'fc1.bias', 'body.0.weight', 'body.0.bias', 'body.1.weight', 'body.1.bias',
    ]);
    expect(net.getSubmodule('body.1')).toBe(net.body.at(1));
  });

  it('prints as PyTorch', () => {
    expect(String(new Net())).toBe(
      'Net(\n  (fc1): Affine(in_features=4, out_features=3)\n  (body): Sequential(\n    (0): Affine(in_features=3, out_features=3)\n    (1): Affine(in_features=3, out_features=2)\n  )\n)',
    );
  });

  it('names the module path in errors', () => {
    const net = new Net();
    expect(() => net.forward(torch.ones(1, 5))).toThrow('fc1 (Affine): expected input with last dimension 4, got [1, 5]');
    const seq = new Sequential(new Affine(2, 2), new Net());
    expect(() => seq.forward(torch.ones(1, 2))).toThrow('1.fc1 (Affine): expected input with last dimension 4, got [1, 2]');
  });

  it('train/eval, zeroGrad, hooks, to', () => {
    const net = new Net();
    net.eval();
    expect([...net.modules()].every((m) => !m.training)).toBe(true);
    const calls: string[] = [];
    const h = net.fc1.registerForwardHook((_m, _i, out) => void calls.push(String((out as torch.Tensor).shape)));
    net.forward(torch.ones(2, 4)).sum().backward();
    expect(calls).toEqual(['2,3']);
    h.remove();
    expect(net.fc1.weight.grad).not.toBeNull();
    const g = net.fc1.weight.grad!;
    net.zeroGrad(); // PyTorch 1.13's default: zeroed in place
    expect(net.fc1.weight.grad).toBe(g);
    expect(g.abs().sum().item()).toBe(0);
    net.zeroGrad({ setToNone: true });
    expect(net.fc1.weight.grad).toBeNull();
    const w = net.fc1.weight;
    net.to('float64');
    expect(net.fc1.weight).toBe(w);
    expect(w.dtype).toBe('float64');
    expect(w.requiresGrad).toBe(true);
  });

  it('loadStateDict with PyTorch errors', () => {
    const a = new Net();
    const b = new Net();
    a.fc1.weight.data.fill_(7);
    b.loadStateDict(a.stateDict());
    expect(b.fc1.weight.tolist()).toEqual(a.fc1.weight.tolist());
    const sd = a.stateDict();
    delete sd['fc1.bias'];
    sd['extra'] = torch.ones(1);
    expect(() => b.loadStateDict(sd)).toThrow(
      'Error(s) in loading state_dict for Net:\n\tMissing key(s) in state_dict: "fc1.bias". \n\tUnexpected key(s) in state_dict: "extra". ',
    );
    expect(b.loadStateDict(sd, { strict: false })).toEqual({ missingKeys: ['fc1.bias'], unexpectedKeys: ['extra'] });
    const bad = { ...a.stateDict(), 'fc1.weight': torch.ones(2, 2) };
    expect(() => b.loadStateDict(bad)).toThrow('size mismatch for fc1.weight: copying a param with shape torch.Size([2, 2]) from checkpoint, the shape in current model is torch.Size([3, 4]).');
  });

  it('containers', () => {
    const list = new ModuleList([new Affine(1, 1)]);
    list.append(new Affine(1, 2)).insert(0, new Affine(2, 1));
    expect(list.length).toBe(3);
    expect((list.at(0) as Affine).inFeatures).toBe(2);
    expect((list[2] as Affine).outFeatures).toBe(2);
    const seq = new Sequential({ a: new Affine(1, 1), b: new Affine(1, 1) });
    expect([...seq.namedChildren()].map(([k]) => k)).toEqual(['a', 'b']);
    expect(seq.slice(1).length).toBe(1);
    net2: {
      const n = new Net();
      n.fc1 = new Affine(4, 3);
      expect([...n.namedChildren()].map(([k]) => k)).toEqual(['fc1', 'body']);
      break net2;
    }
  });
});

describe('parameter containers print as PyTorch 1.13', () => {
  it('ParameterList and ParameterDict', async () => {
    const { ParameterDict, ParameterList } = await import('../src/index');
    class M extends Module {
      params = new ParameterList([torch.randn(4, 4), torch.randn(4, 4)]);
      d = new ParameterDict({ a: torch.randn(4, 1) });
      forward(): void {}
    }
    expect(String(new M())).toBe(
      'M(\n  (params): ParameterList(\n      (0): Parameter containing: [torch.float32 of size 4x4]\n      (1): Parameter containing: [torch.float32 of size 4x4]\n  )\n  (d): ParameterDict(  (a): Parameter containing: [torch.FloatTensor of size 4x1])\n)',
    );
  });
});
