// Names the seed tutorial uses that PyTorch has and @x lacked or broke (issue #12): the legacy
// constructors, torch.typename, torch.device, torch.cuda / torch.backends.cudnn without CUDA.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import * as torch from '../src/index';

describe('legacy constructors: torch.Tensor, torch.FloatTensor, torch.LongTensor, …', () => {
  it('new torch.Tensor(2, 3) is an uninitialised float32 tensor of that size, and still a torch.Tensor', () => {
    const a = new torch.Tensor(2, 3);
    expect(a).toBeInstanceOf(torch.Tensor);
    expect(a.shape).toEqual([2, 3]);
    expect(a.dtype).toBe('float32');
    expect(a.device).toBe('cpu');
    expect(a.add(1).shape).toEqual([2, 3]); // a working tensor: storage, strides, autograd fields
    expect(new torch.Tensor(torch.Size.fromShape([4, 1])).shape).toEqual([4, 1]);
    expect(new torch.Tensor(3).shape).toEqual([3]);
    expect(new torch.Tensor().shape).toEqual([0]);
    expect(new torch.Tensor(2, 3, { device: 'cpu' }).shape).toEqual([2, 3]);
  });
  it('new torch.Tensor([1, 2]) copies data into the default float dtype', () => {
    const t = new torch.Tensor([1, 2]);
    expect(t.dtype).toBe('float32');
    expect(String(t)).toBe('tensor([1., 2.])');
    expect(new torch.Tensor([[1, 2], [3, 4]]).shape).toEqual([2, 2]);
    const x = torch.ones(2);
    const y = new torch.Tensor(x);
    expect(y).not.toBe(x);
    y.add_(1);
    expect(x.tolist()).toEqual([2, 2]); // shares x's storage, as PyTorch's torch.Tensor(x)
  });
  it("refuses what PyTorch's legacy constructor refuses, in its words", () => {
    expect(() => new torch.Tensor(3.5)).toThrow('new(): data must be a sequence (got float)');
    expect(() => new torch.Tensor(2, 3.5)).toThrow("new(): argument 'size' must be tuple of ints, but found element of type float at pos 2");
    expect(() => new torch.Tensor(-1)).toThrow('Trying to create tensor with negative dimension -1: [-1]');
    expect(() => new torch.Tensor('a')).toThrow("new(): invalid data type 'str'");
    expect(() => new torch.Tensor([1, 2], 3)).toThrow('new() received an invalid combination of arguments - got (list, int)');
  });
  it('the typed constructors work with and without new, take sizes or data, and cast data to their dtype', () => {
    const x = torch.FloatTensor([[0.9, 0.2, 0.4, 0.8]]);
    expect(x.dtype).toBe('float32');
    expect(String(x)).toBe('tensor([[0.9000, 0.2000, 0.4000, 0.8000]])');
    const y = torch.LongTensor([[3, 0, -1, 1]]);
    expect(y.dtype).toBe('int64');
    expect(String(y)).toBe('tensor([[ 3,  0, -1,  1]])');
    expect(torch.LongTensor([1.7, -2.5]).tolist()).toEqual([1, -2]);
    expect(new torch.LongTensor(2, 3).dtype).toBe('int64');
    expect(torch.IntTensor(2).dtype).toBe('int32');
    expect(torch.DoubleTensor([1]).dtype).toBe('float64');
    expect(String(torch.HalfTensor([1.5]))).toBe('tensor([1.5000], dtype=torch.float16)');
    expect(torch.BFloat16Tensor(2).dtype).toBe('bfloat16');
    expect(torch.ByteTensor([1, 2]).dtype).toBe('uint8');
    expect(torch.BoolTensor([1, 0, 2]).tolist()).toEqual([true, false, true]);
    expect(() => torch.LongTensor(torch.ones(2))).toThrow('expected torch.LongTensor (got torch.FloatTensor)');
    expect(torch.FloatTensor.dtype).toBe('float32');
  });
  it('x instanceof torch.FloatTensor is isinstance(x, torch.FloatTensor): a CPU tensor of that dtype', () => {
    expect(torch.zeros(2)).toBeInstanceOf(torch.FloatTensor);
    expect(torch.zeros(2) instanceof torch.LongTensor).toBe(false);
    expect(torch.zeros(2, { dtype: 'int64' })).toBeInstanceOf(torch.LongTensor);
    expect(torch.FloatTensor([1])).toBeInstanceOf(torch.Tensor);
  });
  it("t.type() names the legacy type; t.type('torch.LongTensor') casts", () => {
    expect(torch.zeros(1).type()).toBe('torch.FloatTensor');
    expect(torch.zeros(1, { dtype: 'bool' }).type()).toBe('torch.BoolTensor');
    expect(torch.zeros(1, { dtype: 'bfloat16' }).type()).toBe('torch.BFloat16Tensor');
    expect(torch.zeros(1, { dtype: 'uint8' }).type()).toBe('torch.ByteTensor');
    expect(torch.ones(2).type('torch.LongTensor').dtype).toBe('int64');
    expect(torch.ones(2).type('int64').dtype).toBe('int64');
  });
});

describe('torch.typename', () => {
  it("gives PyTorch's strings", () => {
    expect(torch.typename(torch.zeros(2))).toBe('torch.FloatTensor');
    expect(torch.typename(torch.zeros(2, { dtype: 'int64' }))).toBe('torch.LongTensor');
    expect(torch.typename(torch.zeros(2, { dtype: 'float16' }))).toBe('torch.HalfTensor');
    expect(torch.typename(3)).toBe('int');
    expect(torch.typename(3.5)).toBe('float');
    expect(torch.typename('s')).toBe('str');
    expect(torch.typename(null)).toBe('NoneType');
    expect(torch.typename(true)).toBe('bool');
    expect(torch.typename([1])).toBe('list');
    expect(torch.typename({})).toBe('dict');
    expect(torch.typename(torch.Size.fromShape([2]))).toBe('torch.Size');
    expect(torch.typename(torch.device('cpu'))).toBe('torch.device');
    class Net {}
    expect(torch.typename(new Net())).toBe('__main__.Net');
    expect(torch.typename(Net)).toBe('__main__.Net');
    torch.registerPythonTypeName(Net, 'torchvision.models.resnet.Net');
    expect(torch.typename(new Net())).toBe('torchvision.models.resnet.Net');
  });
});

describe('torch.device', () => {
  it('has a type, an index, str() and repr() as PyTorch', () => {
    const cpu = torch.device('cpu');
    expect(cpu.type).toBe('cpu');
    expect(cpu.index).toBeNull();
    expect(String(cpu)).toBe('cpu');
    expect(inspect(cpu)).toBe("device(type='cpu')");
    const gpu = new torch.device('cuda:1');
    expect([gpu.type, gpu.index, String(gpu)]).toEqual(['cuda', 1, 'cuda:1']);
    expect(inspect(gpu)).toBe("device(type='cuda', index=1)");
    expect(inspect(torch.device('cuda', 0))).toBe("device(type='cuda', index=0)");
    expect(cpu).toBeInstanceOf(torch.device);
    expect(cpu).toBeInstanceOf(torch.Device);
    expect(cpu.equals('cpu')).toBe(true);
    expect(gpu.equals(torch.device('cuda', 1))).toBe(true);
  });
  it("refuses the seed's misspelt device strings with PyTorch's errors", () => {
    expect(() => torch.device('cuda；1')).toThrow("Invalid device string: 'cuda；1'");
    expect(() => torch.device('cuda: 1')).toThrow("Invalid device string: 'cuda: 1'");
    expect(() => torch.device('cuda:-1')).toThrow("Invalid device string: 'cuda:-1'");
    expect(() => torch.device('gpu')).toThrow('Expected one of cpu, cuda, ipu, xpu, mkldnn, opengl, opencl, ideep, hip, ve, fpga, ort, xla, lazy, vulkan, mps, meta, hpu, privateuseone, webgpu device type at start of device string: gpu');
    expect(() => torch.device('cpu', -1)).toThrow('Device index must not be negative');
  });
  it('is accepted wherever a device string is', () => {
    const cpu = torch.device(torch.cuda.isAvailable() ? 'cuda:1' : 'cpu');
    expect(torch.zeros(2, { device: cpu }).device).toBe('cpu');
    expect(torch.tensor([1, 2], { device: cpu }).device).toBe('cpu');
    expect(torch.rand(2, { device: cpu }).device).toBe('cpu');
    expect(torch.ones(2).to(cpu).device).toBe('cpu');
    expect(torch.ones(2).to({ device: cpu, dtype: 'float64' }).dtype).toBe('float64');
    expect(torch.backendFor(cpu).device).toBe('cpu');
  });
});

describe('torch.cuda and torch.backends.cudnn without a CUDA backend', () => {
  it('answer as a CPU build of PyTorch does', () => {
    expect(torch.cuda.isAvailable()).toBe(false);
    expect(torch.cuda.deviceCount()).toBe(0);
    expect(() => torch.cuda.manualSeedAll(118)).not.toThrow();
    expect(() => torch.cuda.manualSeed(118)).not.toThrow();
    expect(torch.backends.cudnn.deterministic).toBe(false);
    expect(torch.backends.cudnn.benchmark).toBe(false);
    torch.backends.cudnn.benchmark = false;
    torch.backends.cudnn.deterministic = true;
    expect(torch.backends.cudnn.deterministic).toBe(true);
    expect(torch.backends.cudnn.isAvailable()).toBe(false);
    expect(torch.backends.cudnn.version()).toBeNull();
  });
  it("t.cuda() says that no CUDA backend is registered; t.cpu() works", () => {
    expect(() => torch.ones(2).cuda()).toThrow(/t\.cuda\(\) needs CUDA, but no CUDA backend is registered/);
    expect(torch.ones(2).cpu().device).toBe('cpu');
  });
});

describe('tensor arguments are checked as PyTorch checks them', () => {
  const a = torch.ones(2, 3);
  it("the seed's torch.sum(preds == label) in JavaScript: a boolean, refused with a hint at preds.eq(label)", () => {
    const preds = torch.tensor([1, 2]);
    const label = torch.tensor([1, 0]);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const sameObject = (preds as any) == (label as any);
    expect(() => torch.sum(sameObject as unknown as torch.Tensor)).toThrow(
      "sum(): argument 'input' (position 1) must be Tensor, not bool (in JavaScript, a comparison such as `preds == label` compares the two objects and gives a boolean, not a tensor: compare tensors elementwise with preds.eq(label))",
    );
    expect(torch.sum(preds.eq(label)).item()).toBe(1);
    // undefined is "not given", as everywhere in the binder
    expect(() => torch.sum(undefined as unknown as torch.Tensor)).toThrow("sum() missing 1 required positional argument: 'input'");
    expect(() => torch.exp(null as unknown as torch.Tensor)).toThrow("exp(): argument 'input' (position 1) must be Tensor, not NoneType");
    expect(() => torch.argmax(true as unknown as torch.Tensor, 1)).toThrow(/^argmax\(\): argument 'input' \(position 1\) must be Tensor, not bool \(in JavaScript/);
  });
  it("nested arrays where a tensor is expected are refused in PyTorch's words (torch.mm(a, [[1], [2], [3]]))", () => {
    const list = [[1], [2], [3]] as unknown as torch.Tensor;
    expect(() => torch.mm(a, list)).toThrow("mm(): argument 'mat2' (position 2) must be Tensor, not list");
    expect(() => a.mm(list)).toThrow("mm(): argument 'mat2' (position 1) must be Tensor, not list");
    expect(() => torch.matmul(a, list)).toThrow("matmul(): argument 'other' (position 2) must be Tensor, not list");
    expect(() => torch.add(a, [1, 2, 3] as unknown as torch.Tensor)).toThrow("add(): argument 'other' (position 2) must be Tensor or Number, not list");
    expect(() => a.add_([1, 2, 3] as unknown as torch.Tensor)).toThrow("add_(): argument 'other' (position 1) must be Tensor or Number, not list");
    expect(() => torch.mean([1] as unknown as torch.Tensor)).toThrow("mean(): argument 'input' (position 1) must be Tensor, not list");
    expect(() => torch.cat([a, [1]] as unknown as torch.Tensor[])).toThrow("cat(): argument 'tensors' (position 1) must be tuple of Tensors, but found element of type list at pos 1");
    expect(() => torch.where(true as unknown as torch.Tensor, a, a)).toThrow(/^where\(\): argument 'condition' \(position 1\) must be Tensor, not bool/);
    expect(() => torch.addmm(a, a, 'x' as unknown as torch.Tensor)).toThrow("addmm(): argument 'mat2' (position 3) must be Tensor, not str");
    expect(() => torch.conv2d(torch.ones(1, 1, 3, 3), [[1]] as unknown as torch.Tensor)).toThrow("conv2d(): argument 'weight' (position 2) must be Tensor, not list");
    expect(() => torch.gather(a, 1, [[0]] as unknown as torch.Tensor)).toThrow("gather(): argument 'index' (position 3) must be Tensor, not list");
    expect(() => a.gather(1, [[0]] as unknown as torch.Tensor)).toThrow("gather(): argument 'index' (position 2) must be Tensor, not list");
    expect(() => torch.variance({} as unknown as torch.Tensor)).toThrow('var() received an invalid combination of arguments');
  });
  it('numbers, booleans and options stay accepted where PyTorch takes a Number or keywords', () => {
    expect(torch.add(a, 1).sum().item()).toBe(12);
    expect(torch.add(2, a).sum().item()).toBe(18);
    expect(a.mul(true).sum().item()).toBe(6);
    expect(torch.where(a.gt(0), 1, 0).sum().item()).toBe(6);
    expect(torch.clamp(a, { min: 2 }).sum().item()).toBe(12);
    expect(a.max(1)[0].shape).toEqual([2]);
    expect(torch.conv2d(torch.ones(1, 1, 3, 3), torch.ones(1, 1, 2, 2), { padding: 1 }).shape).toEqual([1, 1, 4, 4]);
    expect(torch.cat([a, a], 1).shape).toEqual([2, 6]);
    expect(a.clone().copy_(5).sum().item()).toBe(30);
  });
});

describe("Node's inspector (console.log) prints PyTorch's text", () => {
  it('for tensors, sizes, devices and generators', () => {
    const x = torch.ones(2, 2, { requiresGrad: true });
    expect(inspect(x)).toBe('tensor([[1., 1.],\n        [1., 1.]], requires_grad=True)');
    expect(inspect(torch.tensor([1, 2]))).toBe('tensor([1, 2])');
    expect(inspect(torch.zeros(2, { dtype: 'float64' }))).toBe('tensor([0., 0.], dtype=torch.float64)');
    expect(inspect(x.size())).toBe('torch.Size([2, 2])');
    expect(inspect({ shape: x.size() })).toBe('{ shape: torch.Size([2, 2]) }');
    expect(inspect(torch.device('cpu'))).toBe("device(type='cpu')");
    expect(inspect(new torch.Generator())).toMatch(/^<torch\._C\.Generator object at 0x7f[0-9a-f]{10}>$/);
    expect(inspect(torch.defaultGenerator)).toBe(String(torch.defaultGenerator));
    const d = torch.ones(1);
    d.dispose();
    expect(inspect(d)).toBe('tensor(<disposed>, size=[1], dtype=torch.float32)');
  });
});

describe("bernoulli_ is one 'bernoulli' fill of the backend", () => {
  it('gives the masks of randint(0, 2^53) < ceil(p 2^53) at the same counters (the draws of the float64 uniform below p)', () => {
    for (const p of [0, 0.3, 0.5, 1 - 2 ** -40, 1]) {
      torch.manualSeed(11);
      const mask = torch.empty(5000).bernoulli_(p);
      torch.manualSeed(11);
      const k = torch.randint(0, 2 ** 53, [5000]);
      expect(mask.tolist()).toEqual(k.lt(Math.ceil(p * 2 ** 53)).float().tolist());
      torch.manualSeed(11);
      const u = torch.rand(5000, { dtype: 'float64' });
      expect(mask.tolist()).toEqual(u.lt(p).float().tolist());
    }
    expect(torch.empty(3, { dtype: 'uint8' }).bernoulli_(1).tolist()).toEqual([1, 1, 1]);
    expect(() => torch.empty(2).bernoulli_(1.5)).toThrow('bernoulli_ expects p to be in [0, 1], but got p=1.5');
    expect(() => torch.empty(2).bernoulli_(NaN)).toThrow('bernoulli_ expects p to be in [0, 1], but got p=NaN');
  });
});
