// PyTorch's read names are the synchronous forms on CPU backends (item, tolist, numpy), each with an
// …Async twin; a one-element tensor converts to a number; `x.data` is PyTorch's attribute.
const assert = require('node:assert/strict');

module.exports = function define(test, { torch }) {
  test("item() is a number, so the seed's `train_loss += loss.item()*data.size(0)` adds up", () => {
    const loss = torch.tensor(0.25, { dtype: torch.float32 });
    const data = torch.zeros(4, 3);
    let trainLoss = 0;
    trainLoss += loss.item() * data.size(0);
    assert.equal(trainLoss, 1);
    assert.equal(`${loss.item()}`, '0.25');
    assert.throws(() => torch.ones(2).item(), /^Error: only one element tensors can be converted to Python scalars/);
  });

  test('tolist() and numpy() are synchronous; the …Async twins resolve to the same values', async () => {
    const x = torch.arange(6).view(2, 3);
    assert.deepEqual(x.tolist(), [[0, 1, 2], [3, 4, 5]]);
    assert.deepEqual(await x.tolistAsync(), x.tolist());
    assert.deepEqual(x.numpy(), new BigInt64Array([0n, 1n, 2n, 3n, 4n, 5n]));
    assert.deepEqual(await x.float().numpyAsync(), new Float32Array([0, 1, 2, 3, 4, 5]));
    assert.equal(await torch.tensor(7).itemAsync(), 7);
    assert.deepEqual(torch.tensor([true, false]).tolist(), [true, false]);
  });

  test('a one-element tensor converts to a number: `while (y.norm() < 1000)` runs', () => {
    const x = torch.tensor([0.5, 0.5, 0.5], { dtype: torch.float32 });
    let y = x.mul(2);
    let steps = 0;
    while (y.norm() < 1000) {
      y = y.mul(2);
      steps++;
    }
    // the loop ran and stopped at the first doubling past 1000, as the seed's does
    assert.ok(steps > 0 && y.norm().item() >= 1000 && y.norm().item() / 2 < 1000, `stopped after ${steps} doublings at ${y.norm().item()}`);
    assert.equal(torch.tensor(3) + 1, 4);
    assert.equal(torch.tensor([2.5], { dtype: torch.float32 }) * 2, 5);
    assert.equal(`${torch.tensor([1, 2])}`, 'tensor([1, 2])'); // in a string it prints
    assert.throws(() => torch.ones(2) < 1, /only one element tensors can be converted to Python scalars/);
  });

  test('x.data is the tensor sharing storage, outside the graph (the seed: x.data *= 100)', () => {
    const x = torch.ones(3, { requiresGrad: true });
    const y = x.mul(2);
    y.data.mul_(100);
    assert.deepEqual(y.tolist(), [200, 200, 200]);
    assert.equal(y.data.requiresGrad, false);
    assert.equal(y.gradFn.name, 'MulBackward0');
    x.data.zero_();
    assert.deepEqual(x.tolist(), [0, 0, 0]);
    const p = torch.zeros(2);
    p.data = torch.ones(2);
    assert.deepEqual(p.tolist(), [1, 1]);
    assert.throws(() => { p.data = [1, 2]; }, /data must be a Tensor, not list/);
  });

  test("zeroGrad() zeroes gradients in place (PyTorch 1.13's default): the seed's 50 momentum steps move the weight", () => {
    const weight = torch.ones(2, 2, { requiresGrad: true });
    weight.grad = torch.ones(2, 2);
    const optimizer = new torch.optim.SGD([weight], { lr: 0.1, momentum: 0.9 });
    optimizer.step();
    const g = weight.grad;
    optimizer.zeroGrad();
    assert.equal(weight.grad, g);
    assert.deepEqual(g.tolist(), [[0, 0], [0, 0]]);
    for (let i = 0; i < 50; i++) optimizer.step();
    const buf = optimizer.state.get(weight).momentum_buffer;
    assert.ok(Math.abs(buf.numpy()[0] - 0.9 ** 50) < 1e-6, `momentum buffer ${buf.numpy()[0]}`);
    optimizer.zeroGrad({ setToNone: true });
    assert.equal(weight.grad, null);
  });
};
