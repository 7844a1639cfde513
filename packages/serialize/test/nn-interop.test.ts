/**
 * With @x/nn: PyTorch's small CNN checkpoint loaded into the same architecture here gives PyTorch's
 * logits; a model trained here for a few steps, saved, gives the same logits in PyTorch. @x/nn is no
 * dependency of this package: the test imports it when the workspace has it, and says so when not.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as torch from '@x/tensor';
import { Tensor } from '@x/tensor';
import { load, loadFromBuffer, registerParameterClass, save, saveToBuffer } from '../src/index';
import { matchPy } from './py-match';
import { expectClose, expectedModels, fixture, pytorchReads, pytorchSmallCnnLogits, tempDir, tensorFromDescription, torchUnavailable } from './helpers';

type NN = typeof import('@x/nn');
let nn: NN | null = null;
let nnMissing = '';
try {
  await import('@x/autograd');
  nn = await import('@x/nn');
} catch (e) {
  nnMissing = `@x/nn cannot be imported (${(e as Error).message.split('\n')[0]})`;
  console.log(`skipping the @x/nn tests: ${nnMissing}`);
}
const noTorch = torchUnavailable();

/** tools/gen_serialize_fixtures.py's SmallCNN. */
function smallCnn(lib: NN) {
  class SmallCNN extends lib.Module {
    conv1 = new lib.Conv2d(1, 4, 3, { padding: 1 });
    bn1 = new lib.BatchNorm2d(4);
    conv2 = new lib.Conv2d(4, 8, 3, { stride: 2 });
    fc = new lib.Linear(8 * 3 * 3, 10);
    forward(x: Tensor): Tensor {
      const h = (this.bn1.forward(this.conv1.forward(x)) as Tensor).relu();
      const g = (this.conv2.forward(h) as Tensor).relu();
      return this.fc.forward(g.flatten(1)) as Tensor;
    }
  }
  return new SmallCNN();
}

describe.skipIf(nn === null)('@x/nn models', () => {
  it('nn.Parameter is saved as a parameter (found by its class name) and rebuilt as one once registered', async () => {
    const lib = nn!;
    const m = new lib.Linear(3, 2);
    const kept = m.stateDict({ keepVars: true });
    const bytes = await saveToBuffer(kept);
    expect((await loadFromBuffer(bytes)) as Record<string, Tensor>).toBeTruthy();
    registerParameterClass(lib.Parameter);
    const back = (await loadFromBuffer(bytes)) as Record<string, Tensor>;
    expect(back.weight).toBeInstanceOf(lib.Parameter);
    expect(back.weight!.tolist()).toEqual(m.weight.tolist());
  });

  it("PyTorch's checkpoint, loaded into the same model here, gives PyTorch's logits", async () => {
    const lib = nn!;
    const model = smallCnn(lib);
    const result = model.loadStateDict((await load(fixture('small_cnn.pth'))) as Record<string, Tensor>);
    expect(result.missingKeys).toEqual([]);
    model.eval();
    const { input, logits } = expectedModels().small_cnn!;
    expectClose(model.forward(tensorFromDescription(input)), tensorFromDescription(logits));
  });

  it.skipIf(noTorch !== null)('a model trained here, saved, gives the same logits in PyTorch', async () => {
    const lib = nn!;
    torch.manualSeed(3);
    const model = smallCnn(lib);
    const params = [...model.parameters()];
    const x = torch.randn(8, 1, 8, 8);
    const target = torch.randn(8, 10);
    for (let step = 0; step < 3; step++) {
      for (const p of params) p.grad = null;
      model.forward(x).sub(target).pow(2).mean().backward();
      for (const p of params) p.data.sub_(p.grad!.mul(0.1));
    }
    model.eval();
    const probe = torch.randn(2, 1, 8, 8);
    const ours = model.forward(probe).detach();
    const dir = tempDir();
    await save(model.stateDict(), join(dir, 'model.pth'));
    await save(probe, join(dir, 'input.pth'));
    const theirs = pytorchSmallCnnLogits(join(dir, 'model.pth'), join(dir, 'input.pth'));
    expectClose(tensorFromDescription(theirs), ours);
    // And the state dict PyTorch saw is the one saved here, value for value.
    expect(await matchPy(model.stateDict(), pytorchReads([join(dir, 'model.pth')])[join(dir, 'model.pth')]!.value)).toEqual([]);
  });
});
