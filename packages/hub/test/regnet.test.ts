/**
 * RegNet beyond the fixtures: a torchvision RegNetY-400MF state dict (the layout of regnety_004's
 * default tv2_in1k weights) loads through createModel's checkpoint filter with torchvision's logits;
 * bad arguments are refused.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { registerWasmBackend } from '@x/backend-wasm';
import { save } from '@x/serialize';
import { models } from '@x/vision';
import { valuesMismatch } from '@x/tensor/testing';
import { createModel } from '../src/index';
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

  it('refuses bad arguments with what was expected and what came', () => {
    expect(() => createModel('regnety_002', { groupsize: 8 })).toThrow(/regnety_002: unknown argument 'groupsize' \(did you mean 'groupSize'\?\)/);
    expect(() => createModel('regnety_002', { outputStride: 4 })).toThrow('RegNet: expected outputStride 8, 16 or 32, got 4');
    expect(() => createModel('regnety_002', { downsample: 'max' })).toThrow(`RegNet: expected downsample to be 'conv1x1', 'avg', '' or null, got "max"`);
    expect(() => createModel('regnety_002', { groupSize: 0 })).toThrow('RegNet: expected groupSize to be a positive integer, got 0');
    expect(() => createModel('regnety_002', { bottleRatio: 0 })).toThrow('RegNet: expected bottleRatio to be a positive number, got 0');
    expect(() => createModel('regnety_002', { wm: 1 })).toThrow('RegNet: expected wa >= 0, w0 > 0 and a multiple of 8, wm > 1; got wa=36.44, w0=24, wm=1');
    expect(() => createModel('regnety_002', { depth: 3 })).toThrow(/^RegNet: expected the design \(w0, wa, wm, depth\) to give 4 stages of distinct widths, it gives \d+$/);
  });
});
