// Class and function names survive the build: printing, errors and whole-model pickles read
// constructor.name as PyTorch reads type(obj).__name__, and esbuild renames self-referencing classes
// (`var Sequential = class _Sequential`) unless names are kept.
const assert = require('node:assert/strict');

const isClass = (v) => typeof v === 'function' && /^class[\s{]/.test(Function.prototype.toString.call(v));

/** Every class reachable from a namespace, with the key it is exported under. */
function* classesOf(ns, path, seen = new Set()) {
  if (seen.has(ns)) return;
  seen.add(ns);
  for (const key of Object.keys(ns)) {
    const v = ns[key];
    if (isClass(v)) yield [`${path}.${key}`, key, v, ns];
    else if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === null) yield* classesOf(v, `${path}.${key}`, seen); // a namespace object
    else if (v !== null && typeof v === 'object' && v[Symbol.toStringTag] === 'Module') yield* classesOf(v, `${path}.${key}`, seen);
  }
}

module.exports = function define(test, { torch, packages }) {
  test('every exported class keeps its source name (or is an alias of a class exported under its name)', () => {
    let count = 0;
    for (const [pkg, ns] of Object.entries({ '@x/torch': torch, ...packages })) {
      for (const [path, key, cls, owner] of classesOf(ns, pkg)) {
        count++;
        if (cls.name !== key) assert.equal(owner[cls.name], cls, `${path} is named ${cls.name}, which its namespace does not export`);
      }
    }
    assert.ok(count > 150, `only ${count} classes found: the walk missed the namespaces`);
  });

  test('models print with their class names', () => {
    const { nn } = torch;
    assert.match(String(new nn.Sequential(new nn.ReLU())), /^Sequential\(\n {2}\(0\): ReLU\(\)\n\)$/);
    assert.equal(String(new nn.Embedding(10, 3)), 'Embedding(10, 3)');
    class Net extends nn.Module {
      constructor() {
        super();
        this.fc = new nn.Linear(2, 1);
      }
      forward(x) {
        return this.fc.forward(x);
      }
    }
    assert.match(String(new Net()), /^Net\(\n {2}\(fc\): Linear\(in_features=2, out_features=1, bias=True\)\n\)$/);
  });

  test('tensors, sizes and datasets carry their names', () => {
    const x = torch.zeros(2, 3);
    assert.equal(x.constructor.name, 'Tensor');
    assert.equal(x.size().constructor.name, 'Size');
    assert.equal(String(x.size()), 'torch.Size([2, 3])');
    assert.equal(torch.utils.data.TensorDataset.name, 'TensorDataset');
    assert.equal(torch.nn.Module.name, 'Module');
  });

  test('a whole model pickles under torch.nn class globals and loads back', async () => {
    const { nn } = torch;
    const model = new nn.Sequential(new nn.Linear(4, 3), new nn.ReLU(), new nn.Linear(3, 2));
    const bytes = await torch.saveToBuffer(model);
    const text = Buffer.from(bytes).toString('latin1');
    assert.ok(text.includes('torch.nn.modules.container\nSequential'), 'Sequential is pickled as torch.nn.modules.container.Sequential');
    assert.ok(text.includes('torch.nn.modules.linear\nLinear'), 'Linear is pickled as torch.nn.modules.linear.Linear');
    const back = await torch.loadFromBuffer(bytes);
    assert.ok(back instanceof nn.Sequential);
    assert.equal(String(back), String(model));
  });
};
