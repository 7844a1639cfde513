/**
 * ConvNeXt and VisionTransformer beyond the registered architectures' fixtures, against
 * tools/gen_hub_vit_fixtures.py (timm 1.0.28): the options those architectures leave at their
 * defaults, reset_classifier, test_vit on a non-square input, resample_abs_pos_embed, and a
 * checkpoint of another image size loaded through the ViT checkpoint filter.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Tensor } from '@x/tensor';
import { noGrad } from '@x/autograd';
import type { Module } from '@x/nn';
import { registerWasmBackend } from '@x/backend-wasm';
import { save } from '@x/serialize';
import { decodeValues, valuesMismatch } from '@x/tensor/testing';
import { createModel } from '../src/index';
import { modelEntrypoint } from '../src/registry';
import { resampleAbsPosEmbed } from '../src/layers/pos-embed';
import { ConvNeXt } from '../src/models/convnext';
import { VisionTransformer } from '../src/models/vision-transformer';
import type { TimmModel } from '../src/hub-model';
import { deterministicInput, loadDeterministicWeights } from '../../vision/test/helpers/deterministic-weights';

registerWasmBackend();

interface ModelCase {
  kind: string;
  kwargs: Record<string, unknown>;
  reset: [number, string] | null;
  state: [string, number[]][];
  repr: string;
  input_shape: number[];
  output_shape: number[];
  output: (number | string)[];
}
interface ResampleCase {
  tokens: number;
  num_prefix_tokens: number;
  new_size: [number, number];
  antialias: boolean;
  output_shape: number[];
  output: (number | string)[];
}
interface Fixture {
  models: Record<string, ModelCase>;
  resample: Record<string, ResampleCase>;
  checkpoint: {
    base: Record<string, unknown>;
    source_img_size: number;
    target_img_size: number;
    pos_embed_shape: number[];
    pos_embed: (number | string)[];
    output_shape: number[];
    output: (number | string)[];
  };
  convnext_facebook_checkpoints: Record<string, { kwargs: Record<string, unknown>; original: [string, number[]][]; filtered: [string, number[]][] }>;
}

const F = JSON.parse(readFileSync(new URL('./fixtures/vit-convnext.json', import.meta.url), 'utf8')) as Fixture;

const camelKey = (name: string): string => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const camelArgs = (kwargs: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(kwargs).map(([k, v]) => [camelKey(k), v]));
const run = (model: Module, x: Tensor): Tensor => noGrad(() => (model as unknown as { forward(x: Tensor): Tensor }).forward(x));

function expectClose(actual: Tensor, encoded: readonly (number | string)[]): void {
  const expected = decodeValues(encoded);
  const scale = Math.max(1, ...expected.map(Math.abs));
  expect(valuesMismatch(actual.contiguous().numpy() as Float32Array, expected, { rtol: 0, atol: 1e-4 * scale })).toBeNull();
}

function build(c: ModelCase): TimmModel {
  const args = camelArgs(c.kwargs);
  if (c.kind.startsWith('create:')) return createModel(c.kind.slice('create:'.length), args) as unknown as TimmModel;
  if (c.kind === 'ConvNeXt') return new ConvNeXt(args);
  if (c.kind === 'VisionTransformer') return new VisionTransformer(args);
  throw new Error(`unknown fixture model kind ${c.kind}`);
}

describe("ConvNeXt and VisionTransformer options, as timm's", () => {
  for (const [name, c] of Object.entries(F.models)) {
    it(`${name}: state-dict keys and shapes, printed form, eval output`, () => {
      const model = build(c);
      if (c.reset) model.resetClassifier(...c.reset);
      expect(Object.entries(model.stateDict()).map(([k, t]) => [k, [...t.shape]])).toEqual(c.state);
      expect(String(model)).toBe(c.repr);
      loadDeterministicWeights(model);
      model.eval();
      const out = run(model, deterministicInput(c.input_shape));
      expect([...out.shape]).toEqual(c.output_shape);
      expectClose(out, c.output);
    });
  }
});

describe('resampleAbsPosEmbed, as timm.layers.resample_abs_pos_embed', () => {
  for (const [name, c] of Object.entries(F.resample)) {
    it(name, () => {
      const posemb = deterministicInput([1, c.tokens, 8]);
      const out = resampleAbsPosEmbed(posemb, c.new_size, { numPrefixTokens: c.num_prefix_tokens, antialias: c.antialias });
      expect([...out.shape]).toEqual(c.output_shape);
      expectClose(out, c.output);
    });
  }

  it('refuses embeddings that are not prefix tokens and a grid', () => {
    expect(() => resampleAbsPosEmbed(deterministicInput([1, 18, 8]), [3, 3], { oldSize: [4, 4] })).toThrow(/18 position embeddings are not 1 prefix tokens and a 4×4 grid/);
    expect(() => resampleAbsPosEmbed(deterministicInput([17, 8]), [3, 3])).toThrow(/expected position embeddings \[1, tokens, dim\], got \[17, 8\]/);
  });
});

describe('the ViT checkpoint filter', () => {
  it("loads a 64-pixel model's weights into a 96-pixel one, the position embeddings resampled as timm's checkpoint_filter_fn", () => {
    const c = F.checkpoint;
    const base = camelArgs(c.base);
    const source = new VisionTransformer({ ...base, imgSize: c.source_img_size });
    loadDeterministicWeights(source);
    const target = new VisionTransformer({ ...base, imgSize: c.target_img_size });
    const filter = modelEntrypoint('vit_tiny_patch16_224').checkpointFilter!;
    target.loadStateDict(filter(source.stateDict(), target));
    target.eval();
    expect([...target.pos_embed!.shape]).toEqual(c.pos_embed_shape);
    expectClose(target.pos_embed!, c.pos_embed);
    expectClose(run(target, deterministicInput([1, 3, c.target_img_size, c.target_img_size])), c.output);
  });

  it("createModel loads a checkpoint of another image size, its position embeddings resampled to the model's grid", async () => {
    const source = createModel('test_vit', { numClasses: 3 }) as unknown as VisionTransformer;
    loadDeterministicWeights(source);
    const dir = mkdtempSync(join(tmpdir(), 'hub-vit-'));
    try {
      const file = join(dir, 'test_vit_160.pth');
      await save(source.stateDict(), file);
      const model = (await createModel('test_vit', { pretrained: true, pretrainedCfgOverlay: { file, numClasses: 3 }, numClasses: 3, imgSize: 64 })) as unknown as VisionTransformer;
      expect([...model.pos_embed!.shape]).toEqual([1, 17, 64]);
      expectClose(model.pos_embed!, [...(resampleAbsPosEmbed(source.pos_embed!, [4, 4]).contiguous().numpy() as Float32Array)]);
      expectClose(model.head.stateDict()['weight']!, [...((source.head as Module).stateDict()['weight']!.contiguous().numpy() as Float32Array)]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("renames DeiT-3's layer-scale gammas and drops pre_logits", () => {
    const model = new VisionTransformer({ imgSize: 32, patchSize: 16, embedDim: 8, depth: 1, numHeads: 2, initValues: 0.1, numClasses: 2 });
    const state = model.stateDict();
    const deit3: Record<string, Tensor> = {};
    for (const [k, v] of Object.entries(state)) deit3[k.replace(/ls([12])\.gamma/, 'gamma_$1')] = v;
    deit3['pre_logits.fc.weight'] = state['head.weight']!;
    const filtered = modelEntrypoint('deit_tiny_patch16_224').checkpointFilter!(deit3, model);
    expect(Object.keys(filtered)).toEqual(Object.keys(state));
  });
});

describe('the ConvNeXt checkpoint filter', () => {
  for (const [name, c] of Object.entries(F.convnext_facebook_checkpoints)) {
    it(`renames an original-layout checkpoint (${name}) as timm's checkpoint_filter_fn, and the model loads it`, () => {
      const model = new ConvNeXt(camelArgs(c.kwargs));
      const original = Object.fromEntries(c.original.map(([k, shape]) => [k, deterministicInput(shape)]));
      const filtered = modelEntrypoint('convnext_tiny').checkpointFilter!(original, model);
      expect(Object.entries(filtered).map(([k, t]) => [k, [...t.shape]])).toEqual(c.filtered);
      const result = model.loadStateDict(filtered);
      expect([...result.missingKeys, ...result.unexpectedKeys]).toEqual([]);
      expectClose(model.stateDict()['stem.0.weight']!, [...(original['downsample_layers.0.0.weight']!.numpy() as Float32Array)]);
    });
  }

  it("passes a checkpoint in timm's layout through unchanged", () => {
    const model = new ConvNeXt({ depths: [1, 1, 1, 1], dims: [8, 8, 8, 8], numClasses: 2 });
    const state = model.stateDict();
    expect(modelEntrypoint('convnext_small').checkpointFilter!(state, model)).toBe(state);
  });
});

describe('builder arguments', () => {
  it('imgSize as a number or [H, W]; the input must match it', () => {
    const square = createModel('test_vit', { imgSize: 32, dynamicImgSize: false, numClasses: 2 }) as unknown as VisionTransformer;
    expect([...square.pos_embed!.shape]).toEqual([1, 5, 64]);
    const wide = createModel('test_vit', { imgSize: [32, 64], dynamicImgSize: false, numClasses: 2 }) as unknown as VisionTransformer;
    expect([...wide.pos_embed!.shape]).toEqual([1, 9, 64]);
    expect(() => run(wide, deterministicInput([1, 3, 32, 32]))).toThrow("Input width (32) doesn't match model (64).");
    expect(() => createModel('test_vit', { imgSize: [32] })).toThrow(/test_vit imgSize: expected a positive integer or \[H, W\], got \[32\]/);
  });

  it('unknown arguments and unsupported options are refused by name', () => {
    expect(() => createModel('vit_tiny_patch16_224', { embedDims: 10 })).toThrow(/unknown argument 'embedDims' \(did you mean 'embedDim'\?\)/);
    expect(() => createModel('convnext_tiny', { outputStride: 16 })).toThrow(/outputStride 16 needs dilated stages/);
    expect(() => createModel('vit_tiny_patch16_224', { globalPool: 'map' })).toThrow(/attention pooling 'map' \/ 'prr' is not implemented/);
    expect(() => createModel('vit_tiny_patch16_224', { classToken: false })).toThrow(/globalPool 'token' needs classToken true/);
  });

  it('dropPathRate gives DropPath layers rising to the rate, as timm', () => {
    const model = createModel('test_vit', { dropPathRate: 0.1 });
    expect(String(model)).toContain('(drop_path1): Identity()');
    expect(String(model)).toContain('(drop_path2): DropPath(drop_prob=0.100)');
  });
});
