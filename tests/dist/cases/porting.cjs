// Issue #12, line by line, on the built packages: what a PyTorch user porting the seed writes first.
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const util = require('node:util');

const same = (a, b) => assert.deepEqual(a.tolist(), b.tolist());

module.exports = function define(test, { torch }) {
  const { nn } = torch;

  test('keyword arguments: one trailing options object wherever Python takes the keyword', () => {
    const x = torch.arange(6, { dtype: torch.float32 }).view(2, 3);
    const w = torch.ones(1, { requiresGrad: true });
    const z = w.mul(3).sum();
    z.backward({ retainGraph: true });
    z.backward(); // the graph was kept
    assert.deepEqual(w.grad.tolist(), [6]);
    same(torch.cat([x, x], { dim: 1 }), torch.cat([x, x], 1));
    assert.deepEqual(torch.cat([x, x], { dim: 1 }).shape, [2, 6]);
    same(x.softmax({ dim: 1 }), x.softmax(1));
    same(x.logSoftmax({ dim: 1 }), x.logSoftmax(1));
    same(torch.stack([x, x], { dim: 1 }), torch.stack([x, x], 1));
    same(x.unsqueeze({ dim: 0 }), x.unsqueeze(0));
    same(x.cumsum({ dim: 1 }), x.cumsum(1));
    same(x.transpose({ dim0: 0, dim1: 1 }), x.transpose(0, 1));
    assert.deepEqual(x.view(1, 2, 3).squeeze({ dim: 0 }).shape, [2, 3]);
    same(torch.linspace(0, 1, { steps: 3 }), torch.linspace(0, 1, 3));
    same(torch.arange({ start: 1, end: 4 }), torch.arange(1, 4));
    assert.deepEqual(torch.zeros({ size: [2] }).shape, [2]);
    const r = torch.randint({ low: 0, high: 10, size: [3] });
    assert.deepEqual(r.shape, [3]);
    assert.ok(r.tolist().every((v) => v >= 0 && v < 10));
    same(torch.full({ size: [2], fillValue: 1 }), torch.full([2], 1));
  });

  test('a wrong keyword or type names the function and the parameter', () => {
    const x = torch.ones(2, 3);
    assert.throws(() => torch.cat([x, x], 'a'), /cat\(\).*'dim'/);
    const opt = new torch.optim.SGD([torch.zeros(1, { requiresGrad: true })], { lr: 0.1 });
    assert.throws(() => new torch.optim.lrScheduler.CosineAnnealingLR(opt, { T_max: 10 }), /CosineAnnealingLR\(\) got an unexpected keyword argument 'T_max' \(did you mean 'TMax'\?\)/);
    assert.throws(() => new torch.optim.SGD(opt.paramGroups[0].params, { lr: 0.1, weight_decay: 0.1 }), /unexpected keyword argument 'weight_decay' \(did you mean 'weightDecay'\?\)/);
  });

  test("the seed's legacy names: torch.Tensor(2, 3), FloatTensor, LongTensor, typename", () => {
    const t = new torch.Tensor(2, 3);
    assert.ok(t instanceof torch.Tensor);
    assert.deepEqual(t.shape, [2, 3]);
    assert.equal(t.dtype, 'float32');
    const f = torch.FloatTensor([1, 2]);
    assert.equal(f.dtype, 'float32');
    assert.deepEqual(f.tolist(), [1, 2]);
    assert.equal(torch.LongTensor([1, 2]).dtype, 'int64');
    assert.equal(torch.typename(f), 'torch.FloatTensor');
    assert.equal(torch.typename(torch.LongTensor([1])), 'torch.LongTensor');
  });

  test('devices: torch.device, cuda queries, cudnn flags, model.cpu() and model.cuda()', () => {
    const d = torch.device('cpu');
    assert.equal(d.type, 'cpu');
    assert.equal(torch.zeros(2, { device: d }).device, 'cpu');
    assert.equal(torch.cuda.isAvailable(), false);
    assert.equal(torch.cuda.deviceCount(), 0);
    torch.cuda.manualSeedAll(0);
    torch.backends.cudnn.deterministic = true;
    torch.backends.cudnn.benchmark = false;
    assert.equal(torch.backends.cudnn.deterministic, true);
    const model = new nn.Linear(2, 2);
    assert.equal(model.cpu(), model);
    assert.throws(() => model.cuda(), /CUDA/);
  });

  test('containers: ParameterDict.update, ModuleList.at(-1)', () => {
    const pd = new nn.ParameterDict();
    pd.update({ a: new nn.Parameter(torch.ones(1)) });
    assert.deepEqual([...pd.keys()], ['a']);
    const ml = new nn.ModuleList([new nn.ReLU(), new nn.Tanh()]);
    assert.ok(ml.at(-1) instanceof nn.Tanh);
  });

  test("JavaScript's `preds == label` and nested lists where a tensor is expected get clear errors", () => {
    const preds = torch.tensor([1, 2]);
    const label = torch.tensor([1, 0]);
    // eslint-disable-next-line eqeqeq
    assert.throws(() => torch.sum(preds == label), /Tensor.*bool[\s\S]*eq/);
    assert.equal(torch.sum(preds.eq(label)).item(), 1);
    const a = torch.ones(2, 3);
    assert.throws(() => torch.mm(a, [[1], [2], [3]]), /mm\(\): argument 'mat2' \(position 2\) must be Tensor, not list/);
  });

  test('a whole model whose constructor takes a submodule (the seed’s Model(net)) saves and loads', async () => {
    class Net extends nn.Module {
      constructor() {
        super();
        this.fc = new nn.Linear(3, 2);
      }
      forward(x) {
        return this.fc.forward(x);
      }
    }
    class Model extends nn.Module {
      constructor(net) {
        super();
        this.net = net;
      }
      forward(x) {
        return this.net.forward(x);
      }
    }
    nn.registerModuleClass(Net);
    nn.registerModuleClass(Model);
    const model = new Model(new Net());
    const x = torch.ones(1, 3);
    const back = await torch.loadFromBuffer(await torch.saveToBuffer(model));
    assert.ok(back instanceof Model);
    same(back.forward(x), model.forward(x));
  });

  test('the console shows PyTorch’s text', () => {
    const x = torch.ones(2, { requiresGrad: true });
    const y = x.mul(2);
    assert.equal(util.inspect(y), String(y));
    assert.match(util.inspect(y.gradFn), /^<MulBackward0 object at 0x[0-9a-f]+>$/);
    assert.equal(util.inspect(new nn.ReLU()), 'ReLU()');
  });

  test("`node -e \"import('@x/torch')\"` works from a package's folder", () => {
    const out = execFileSync(process.execPath, ['-e', "import('@x/torch').then((t) => console.log(String(t.ones(2))))"], { cwd: __dirname, encoding: 'utf8' });
    assert.equal(out.trim(), 'tensor([1., 1.])');
  });
};
