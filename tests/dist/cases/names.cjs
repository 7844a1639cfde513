// Names the seed tutorial uses (issue #12), from the built @x/torch: legacy constructors,
// torch.typename, torch.device, torch.cuda / torch.backends.cudnn, model.cpu() / model.cuda(),
// ParameterDict.update, ModuleList.at(-1), tensor arguments checked in PyTorch's words, whole
// Model(net) wrappers saved and loaded, PyTorch's printed forms in console.log, bernoulli fills.
const assert = require('node:assert/strict');
const { inspect } = require('node:util');

const ADDRESS = '0x7f[0-9a-f]{10}';

module.exports = function define(test, { torch }) {
  const { nn } = torch;

  test('new torch.Tensor(2, 3), new torch.Tensor([1, 2]), and torch.Tensor stays the class', () => {
    const a = new torch.Tensor(2, 3);
    assert.ok(a instanceof torch.Tensor);
    assert.deepEqual([...a.shape], [2, 3]);
    assert.equal(a.dtype, 'float32');
    assert.equal(String(new torch.Tensor([1, 2])), 'tensor([1., 2.])');
    assert.ok(torch.zeros(1) instanceof torch.Tensor);
  });

  test('the typed constructors, with and without new, and torch.typename', () => {
    assert.equal(String(torch.FloatTensor([[0.9, 0.2, 0.4, 0.8]])), 'tensor([[0.9000, 0.2000, 0.4000, 0.8000]])');
    assert.equal(String(torch.LongTensor([[3, 0, -1, 1]])), 'tensor([[ 3,  0, -1,  1]])');
    assert.equal(new torch.LongTensor(2, 3).dtype, 'int64');
    for (const [T, dtype] of [[torch.DoubleTensor, 'float64'], [torch.IntTensor, 'int32'], [torch.ByteTensor, 'uint8'], [torch.BoolTensor, 'bool'], [torch.HalfTensor, 'float16']]) {
      assert.equal(T(2).dtype, dtype);
      assert.equal(new T([1]).dtype, dtype);
    }
    assert.ok(torch.zeros(2) instanceof torch.FloatTensor);
    assert.ok(!(torch.zeros(2) instanceof torch.LongTensor));
    assert.equal(torch.typename(torch.zeros(2)), 'torch.FloatTensor');
    assert.equal(torch.typename(3), 'int');
    assert.equal(torch.typename(new nn.Linear(2, 2)), 'torch.nn.modules.linear.Linear');
    assert.equal(torch.zeros(1, { dtype: 'int64' }).type(), 'torch.LongTensor');
  });

  test('torch.device, torch.cuda and torch.backends.cudnn on a machine without CUDA', () => {
    const device = torch.device(torch.cuda.isAvailable() ? 'cuda:1' : 'cpu');
    assert.equal(device.type, 'cpu');
    assert.equal(device.index, null);
    assert.equal(String(device), 'cpu');
    assert.equal(inspect(device), "device(type='cpu')");
    assert.equal(inspect(torch.device('cuda:1')), "device(type='cuda', index=1)");
    assert.throws(() => torch.device('cuda；1'), /Invalid device string: 'cuda；1'/);
    assert.equal(torch.ones(2).to(device).device, 'cpu');
    assert.equal(torch.zeros(2, { device }).device, 'cpu');
    assert.equal(torch.cuda.deviceCount(), 0);
    torch.cuda.manualSeedAll(118);
    torch.backends.cudnn.benchmark = false;
    torch.backends.cudnn.deterministic = true;
    assert.equal(torch.backends.cudnn.deterministic, true);
  });

  test('model.cpu() moves and returns the model; model.cuda() says no CUDA backend is registered', () => {
    const model = new nn.Linear(2, 3);
    assert.equal(model.cpu(), model);
    assert.equal(model.to(torch.device('cpu')), model);
    assert.throws(() => model.cuda(), /module\.cuda\(\) needs CUDA, but no CUDA backend is registered/);
    assert.throws(() => torch.ones(1).cuda(), /no CUDA backend is registered/);
  });

  test('ParameterDict.update and ModuleList.at(-1)', () => {
    const params = new nn.ParameterDict({ linear1: new nn.Parameter(torch.randn(4, 4)) });
    params.update({ linear3: new nn.Parameter(torch.randn(4, 2)) });
    assert.deepEqual(params.keys(), ['linear1', 'linear3']);
    assert.deepEqual([...torch.mm(torch.ones(1, 4), params.get('linear3')).shape], [1, 2]);
    const list = new nn.ModuleList([new nn.Linear(784, 256), new nn.ReLU()]);
    list.append(new nn.Linear(256, 10));
    assert.equal(String(list.at(-1)), 'Linear(in_features=256, out_features=10, bias=True)');
  });

  test("torch.sum(preds == label) and torch.mm(a, [[1], [2], [3]]) are refused in PyTorch's words", () => {
    const preds = torch.tensor([1, 2]);
    const label = torch.tensor([1, 0]);
    // eslint-disable-next-line eqeqeq
    assert.throws(() => torch.sum(preds == label), /^TypeError: sum\(\): argument 'input' \(position 1\) must be Tensor, not bool \(.*preds\.eq\(label\)\)$/);
    assert.equal(torch.sum(preds.eq(label)).item(), 1);
    assert.throws(() => torch.mm(torch.ones(2, 3), [[1], [2], [3]]), /^TypeError: mm\(\): argument 'mat2' \(position 2\) must be Tensor, not list$/);
    assert.throws(() => torch.sum(undefined), /sum\(\) missing 1 required positional argument: 'input'/); // undefined is "not given"
  });

  test("a whole Model(net) (its constructor takes the network it wraps) saves and loads", async () => {
    class Model extends nn.Module {
      constructor(net) {
        super();
        this.net = net;
        this.relu = new nn.ReLU();
        this.fc_add = new nn.Linear(5, 2);
      }
      forward(x, addVariable) {
        return this.fc_add.forward(torch.cat([this.relu.forward(this.net.forward(x)), addVariable.unsqueeze(1)], 1));
      }
    }
    nn.registerModuleClass(Model);
    const model = new Model(new nn.Sequential(new nn.Linear(3, 4)));
    const back = await torch.loadFromBuffer(await torch.saveToBuffer(model));
    assert.ok(back instanceof Model);
    assert.ok(back.net instanceof nn.Sequential);
    const x = torch.randn(2, 3);
    const v = torch.randn(2);
    assert.deepEqual(back.forward(x, v).tolist(), model.forward(x, v).tolist());
  });

  test("console.log prints PyTorch's text: tensors, grad_fn nodes, modules, parameters, sizes, optimizers, data loaders", () => {
    const x = torch.ones(2, 2, { requiresGrad: true });
    const y = x.mul(x);
    assert.equal(inspect(x), 'tensor([[1., 1.],\n        [1., 1.]], requires_grad=True)');
    assert.match(inspect(y.gradFn), new RegExp(`^<MulBackward0 object at ${ADDRESS}>$`));
    assert.equal(inspect(x.size()), 'torch.Size([2, 2])');
    const model = new nn.Sequential(new nn.Linear(2, 3));
    assert.equal(inspect(model), 'Sequential(\n  (0): Linear(in_features=2, out_features=3, bias=True)\n)');
    assert.match(inspect(model.at(0).bias), /^Parameter containing:\ntensor\(\[/);
    assert.match(inspect(new torch.optim.SGD(model.parameters(), { lr: 0.1 })), /^SGD \(\nParameter Group 0\n {4}dampening: 0\n/);
    const loader = new torch.utils.data.DataLoader(new torch.utils.data.TensorDataset(torch.ones(4, 2)), { batchSize: 2 });
    assert.match(inspect(loader), new RegExp(`^<torch\\.utils\\.data\\.dataloader\\.DataLoader object at ${ADDRESS}>$`));
    assert.match(inspect(loader.dataset), new RegExp(`^<torch\\.utils\\.data\\.dataset\\.TensorDataset object at ${ADDRESS}>$`));
  });

  test('bernoulli_ (dropout masks) gives the masks of the float64 uniform below p', () => {
    torch.manualSeed(3);
    const mask = torch.empty(4096).bernoulli_(0.3);
    torch.manualSeed(3);
    const u = torch.rand(4096, { dtype: 'float64' });
    assert.deepEqual(mask.tolist(), u.lt(0.3).float().tolist());
  });
};
