// Loops written as PyTorch users write them — no tidy, no dispose, the default zeroGrad() — stay
// bounded with the built packages (issue #13): the built tensor package finds V8's collector from
// plain Node (ESM and CJS), reclaims synchronously, and falls back to the browsers' way with
// X_RECLAIM=off. Short runs with a small threshold, so that they reclaim many times.
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');

const MiB = 1024 * 1024;

/** The WASM heap: bytes handed out (the WebAssembly.Memory itself never shrinks). */
function inUse(torch) {
  return torch.backendFor('cpu').rt.heap.stats().inUse;
}

/**
 * The seed's CNN with its forward written out layer by layer (as many users write it: every
 * activation is then garbage for the collector, ~5 MB a step here), the seed's loop's parts, and
 * random images made into tensors per item as ToTensor does.
 */
function seedLoopSource(torch) {
  const { nn } = torch;
  const F = nn.functional;
  class Net extends nn.Module {
    constructor() {
      super();
      this.conv1 = new nn.Conv2d(1, 32, 5);
      this.conv2 = new nn.Conv2d(32, 64, 5);
      this.fc1 = new nn.Linear(64 * 4 * 4, 512);
      this.fc2 = new nn.Linear(512, 10);
    }
    forward(x) {
      x = F.dropout(F.maxPool2d(F.relu(this.conv1.forward(x)), 2), 0.3, this.training);
      x = F.dropout(F.maxPool2d(F.relu(this.conv2.forward(x)), 2), 0.3, this.training);
      return this.fc2.forward(F.relu(this.fc1.forward(x.view(-1, 64 * 4 * 4))));
    }
  }
  class RandomImages extends torch.utils.data.Dataset {
    constructor(n) {
      super();
      this.n = n;
      this.images = torch.randint(0, 256, [n, 28, 28], { dtype: torch.uint8 });
    }
    get length() {
      return this.n;
    }
    getItem(i) {
      return [this.images.select(0, i).to(torch.float32).div(255).unsqueeze(0), i % 10];
    }
  }
  torch.manualSeed(0);
  const model = new Net();
  const criterion = new nn.CrossEntropyLoss();
  const optimizer = new torch.optim.Adam(model.parameters(), { lr: 1e-3 });
  const trainLoader = new torch.utils.data.DataLoader(new RandomImages(256), { batchSize: 16, shuffle: true, dropLast: true });
  return { model, criterion, optimizer, trainLoader };
}

module.exports = function define(test, { torch, esm }) {
  test('the built tensor package reclaims synchronously in plain Node', () => {
    assert.equal(torch.memory().reclaim.mode, 'sync');
    assert.equal(torch.reclaim(), true);
  });

  test("the seed's loop with no tidy or dispose stays bounded: awaiting each step, then synchronous", async () => {
    const saved = torch.setReclaimOptions({ threshold: 8 * MiB });
    try {
      const { model, criterion, optimizer, trainLoader } = seedLoopSource(torch);
      const before = torch.memory().reclaim.reclaims;
      const heap = [];
      let trainLoss = 0;
      for (let epoch = 0; epoch < 4; epoch++) {
        for await (const [data, label] of trainLoader) {
          optimizer.zeroGrad();
          const loss = criterion.forward(model.forward(data), label);
          loss.backward();
          optimizer.step();
          trainLoss += loss.item() * data.size(0);
          heap.push(inUse(torch));
        }
      }
      for (let epoch = 0; epoch < 2; epoch++) {
        for (const [data, label] of trainLoader) {
          optimizer.zeroGrad({ setToNone: true });
          const loss = criterion.forward(model.forward(data), label);
          loss.backward();
          optimizer.step();
          trainLoss += loss.item() * data.size(0);
          heap.push(inUse(torch));
        }
      }
      assert.equal(heap.length, 96);
      assert.ok(Number.isFinite(trainLoss));
      // After the first step (the model, Adam's state, one step's memory), at most the threshold's
      // worth of garbage and one step more: 96 steps leave far more than that behind.
      const most = Math.max(...heap);
      assert.ok(most < heap[0] + 8 * MiB + 4 * MiB, `the WASM heap grew from ${heap[0]} to ${most} bytes`);
      assert.ok(torch.memory().reclaim.reclaims > before);
    } finally {
      torch.setReclaimOptions(saved);
    }
  });

  test('a.add(b).mul(0.5).relu().sum() on 64x64 tensors, 20,000 times without dispose, synchronously: bounded', () => {
    const saved = torch.setReclaimOptions({ threshold: 8 * MiB });
    try {
      torch.reclaim();
      const a = torch.randn([64, 64]);
      const b = torch.randn([64, 64]);
      const base = inUse(torch);
      let most = 0;
      for (let i = 0; i < 20000; i++) {
        a.add(b).mul(0.5).relu().sum();
        if (i % 100 === 0) most = Math.max(most, inUse(torch) - base);
      }
      // 20,000 iterations leave ~1 GB of garbage behind; the threshold keeps 8 MiB of it at most.
      assert.ok(most < 8 * MiB + 256 * 1024, `${most} bytes of garbage at most`);
    } finally {
      torch.setReclaimOptions(saved);
    }
  });

  test('X_RECLAIM=off: the browsers\' way (finalizers between tasks) still bounds a loop that awaits each step', () => {
    const body = `
      const { model, criterion, optimizer, trainLoader } = (${seedLoopSource.toString()})(torch);
      torch.setReclaimOptions({ threshold: 8 * 1024 * 1024 });
      const heap = [];
      for (let epoch = 0; epoch < 8; epoch++) {
        for await (const [data, label] of trainLoader) {
          optimizer.zeroGrad();
          const loss = criterion.forward(model.forward(data), label);
          loss.backward();
          optimizer.step();
          await loss.itemAsync();
          heap.push(torch.backendFor('cpu').rt.heap.stats().inUse);
        }
      }
      console.log(JSON.stringify({ mode: torch.memory().reclaim.mode, first: heap[0], most: Math.max(...heap), reclaim: torch.memory().reclaim }));
    `;
    const args = esm
      ? ['--input-type=module', '-e', `import * as torch from '@x/torch';\n${body}`]
      : ['-e', `const torch = require('@x/torch');\n(async () => {\n${body}\n})();`];
    const r = spawnSync(process.execPath, args, { cwd: __dirname, encoding: 'utf8', env: { ...process.env, X_RECLAIM: 'off' } });
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout.trim().split('\n').pop());
    assert.equal(out.mode, "async");
    assert.ok(out.reclaim.collectionsSeen > 0, JSON.stringify(out.reclaim));
    // 128 steps leave ~600 MB of activations behind. The engine collects later than a synchronous
    // reclaim would (the reads wait for it only past three thresholds): six thresholds of slack.
    assert.ok(out.most < out.first + 6 * 8 * MiB, `the WASM heap grew from ${out.first} to ${out.most} bytes: ${JSON.stringify(out)}`);
  });
};
