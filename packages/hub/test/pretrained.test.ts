/**
 * createModel with pretrained weights from a local checkpoint, against what timm's
 * create_model(pretrained=True, pretrained_cfg_overlay=dict(file=...)) makes of the same file
 * (tools/gen_hub_pretrained_fixtures.py): the seed's call (resnet34, 10 classes, 1 input channel),
 * and timm's test_resnet from a file torch.save wrote, with its first convolution adapted to 1 and 5
 * channels and with a new head.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Tensor } from '@x/tensor';
import { noGrad } from '@x/autograd';
import { registerWasmBackend } from '@x/backend-wasm';
import { save } from '@x/serialize';
import { decodeValues, valuesMismatch } from '@x/tensor/testing';
import { createModel, readStateDict, type HubModel, type TimmModel } from '../src/index';
import { deterministicInput, loadDeterministicWeights } from '../../vision/test/helpers/deterministic-weights';

registerWasmBackend();

const json = (name: string) => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
const TEST_RESNET_PTH = fileURLToPath(new URL('./fixtures/weights/test_resnet.pth', import.meta.url));

function expectClose(actual: Tensor, encoded: readonly (number | string)[], tol = 1e-4): void {
  const expected = decodeValues(encoded);
  const scale = Math.max(1, ...expected.map(Math.abs));
  expect(valuesMismatch(actual.contiguous().numpy() as Float32Array, expected, { rtol: 0, atol: tol * scale })).toBeNull();
}

function run(model: TimmModel, shape: number[], preLogits: boolean): Tensor {
  model.eval();
  return noGrad(() => {
    const x = deterministicInput(shape);
    return preLogits ? model.forwardHead(model.forwardFeatures(x), true) : (model as unknown as { forward(x: Tensor): Tensor }).forward(x);
  });
}

const dir = mkdtempSync(join(tmpdir(), 'x-hub-pretrained-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the seed's call: createModel('resnet34', { numClasses: 10, pretrained: true, inChans: 1 })", () => {
  it("conv1 [64, 1, 7, 7] equals timm's adapted weights, fc [10, 512] is fresh, the rest equals the file", async () => {
    const F = json('pretrained-resnet34.json');
    const source = createModel('resnet34');
    loadDeterministicWeights(source);
    const file = join(dir, 'resnet34.pth');
    await save(source.stateDict(), file);
    const model = (await createModel('resnet34', { numClasses: 10, pretrained: true, inChans: 1, pretrainedCfgOverlay: { file } })) as HubModel<TimmModel>;
    const sd = model.stateDict();
    expect([...sd['conv1.weight']!.shape]).toEqual(F.conv1_shape);
    expectClose(sd['conv1.weight']!, F.conv1, 1e-6);
    expect([...sd['fc.weight']!.shape]).toEqual(F.fc_shape);
    // The new head keeps nn.Linear's initialisation: uniform within 1/sqrt(512).
    expect(sd['fc.weight']!.abs().max().item()).toBeLessThanOrEqual(1 / Math.sqrt(512));
    const fileState = await readStateDict(file);
    for (const [k, t] of Object.entries(fileState)) {
      if (k === 'conv1.weight' || k.startsWith('fc.')) continue;
      expect(sd[k]!.equal(t), k).toBe(true);
    }
    expectClose(run(model, F.input_shape, true), F.pre_logits);
    expect(model.pretrainedCfg.tag).toBe('a1_in1k');
    expect(model.pretrainedCfg.file).toBe(file);
  });
});

describe('test_resnet from a checkpoint torch.save wrote', () => {
  const F = json('pretrained-test_resnet.json') as Record<string, { kwargs: Record<string, number>; input_shape: number[]; pre_logits: boolean; conv1: (number | string)[]; conv1_shape: number[]; output: (number | string)[] }>;
  for (const [key, c] of Object.entries(F)) {
    it(`${key}: the first convolution and the output equal timm's`, async () => {
      const opts = { ...(c.kwargs.in_chans ? { inChans: c.kwargs.in_chans } : {}), ...(c.kwargs.num_classes ? { numClasses: c.kwargs.num_classes } : {}) };
      const model = (await createModel('test_resnet', { ...opts, pretrained: true, pretrainedCfgOverlay: { file: TEST_RESNET_PTH } })) as unknown as TimmModel;
      const w = model.stateDict()['conv1.0.weight']!;
      expect([...w.shape]).toEqual(c.conv1_shape);
      expectClose(w, c.conv1, 1e-6);
      expectClose(run(model, c.input_shape, c.pre_logits), c.output);
    });
  }
});
