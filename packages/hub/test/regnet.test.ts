/**
 * RegNet beyond the fixtures: a torchvision RegNetY-400MF state dict (the layout of regnety_004's
 * default tv2_in1k weights) loads through createModel's checkpoint filter with torchvision's logits;
 * the initialisation is timm's; bad arguments are refused.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Tensor } from '@x/tensor';
import type * as nn from '@x/nn';
import { registerWasmBackend } from '@x/backend-wasm';
import { save } from '@x/serialize';
import { models } from '@x/vision';
import { valuesMismatch } from '@x/tensor/testing';
import { createModel } from '../src/index';
import type { RegNet } from '../src/models/regnet';
import { loadDeterministicWeights } from '../../vision/test/helpers/deterministic-weights';
import { evalOutput } from './helpers/eval-output';

registerWasmBackend();

const dir = mkdtempSync(join(tmpdir(), 'hub-regnet-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hub RegNet', () => {
  it("loads torchvision's RegNetY-400MF state dict (stem.0, trunk_output.block1.block1-0.f.a.0, fc) into regnety_004, with torchvision's logits", async () => {
    const tv = models.regnet_y_400mf();
    loadDeterministicWeights(tv);
    const path = join(dir, 'regnet_y_400mf.pth');
    await save(tv.stateDict(), path);
    const model = await createModel('regnety_004', { pretrained: true, pretrainedCfgOverlay: { file: path } });
    const expected = evalOutput(tv, [1, 3, 64, 64]).numpy() as Float32Array;
    const logits = evalOutput(model, [1, 3, 64, 64]).numpy() as Float32Array;
    expect(valuesMismatch(logits, expected, { rtol: 1e-4, atol: 1e-5 })).toBeNull();
  });

  it("initialises as timm's _init_weights: convs N(0, 2/fan_out), the classifier N(0, 0.01²), zero biases, each block's last norm scale 0 (1 without zeroInitLast)", () => {
    const model = createModel('regnety_002') as unknown as RegNet;
    const std = (t: Tensor): number => t.std().item() as number;
    const conv = model.s3.getSubmodule('b1.conv2.conv') as nn.Conv2d;
    const fanOut = (conv.kernelSize[0]! * conv.kernelSize[1]! * conv.outChannels) / conv.groups;
    expect(std(conv.weight) / Math.sqrt(2 / fanOut)).toBeCloseTo(1, 1);
    const fc = model.getClassifier() as nn.Linear;
    expect(std(fc.weight) / 0.01).toBeCloseTo(1, 1);
    expect(fc.bias!.abs().max().item()).toBe(0);
    expect((model.s3.getSubmodule('b1.se.fc1') as nn.Conv2d).bias!.abs().max().item()).toBe(0);
    for (const [name, m] of model.namedModules()) {
      if (name.endsWith('.conv3.bn')) expect((m as nn.BatchNorm2d).weight!.abs().max().item()).toBe(0);
    }
    const plain = createModel('regnety_002', { zeroInitLast: false }) as unknown as RegNet;
    expect((plain.s1.getSubmodule('b1.conv3.bn') as nn.BatchNorm2d).weight!.min().item()).toBe(1);
  });

  it('refuses bad arguments with what was expected and what came', () => {
    expect(() => createModel('regnety_002', { actLayer: 'rellu' })).toThrow(/^unknown activation 'rellu'; expected one of relu, /);
    expect(() => createModel('regnety_002', { groupsize: 8 })).toThrow(/regnety_002: unknown argument 'groupsize' \(did you mean 'groupSize'\?\)/);
    expect(() => createModel('regnety_002', { outputStride: 4 })).toThrow('RegNet: expected outputStride 8, 16 or 32, got 4');
    expect(() => createModel('regnety_002', { downsample: 'max' })).toThrow(`RegNet: expected downsample to be 'conv1x1', 'avg', '' or null, got "max"`);
    expect(() => createModel('regnety_002', { groupSize: 0 })).toThrow('RegNet: expected groupSize to be a positive integer, got 0');
    expect(() => createModel('regnety_002', { bottleRatio: 0 })).toThrow('RegNet: expected bottleRatio to be a positive number, got 0');
    expect(() => createModel('regnety_002', { wm: 1 })).toThrow('RegNet: expected wa >= 0, w0 > 0 and a multiple of 8, wm > 1; got wa=36.44, w0=24, wm=1');
    expect(() => createModel('regnety_002', { depth: 3 })).toThrow(/^RegNet: expected the design \(w0, wa, wm, depth\) to give 4 stages of distinct widths, it gives \d+$/);
  });
});
