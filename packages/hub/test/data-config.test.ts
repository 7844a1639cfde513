/**
 * resolveDataConfig and createTransform against timm's (tools/gen_hub_data_fixtures.py): the data
 * config of several pretrained cfgs, with and without the test size and with overrides; and the eval
 * pipeline's output on an image, against the image timm's pipeline resized and cropped (PIL there,
 * the tensor path with antialiasing here: within a few levels of 255).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tensor, type Tensor } from '@x/tensor';
import { registerWasmBackend } from '@x/backend-wasm';
import { io, tensorToRawImage } from '@x/vision';
import { createTransform, getPretrainedCfg, resolveDataConfig, type DataConfig } from '../src/index';

registerWasmBackend();

interface Case {
  model: string;
  useTestSize: boolean;
  config: DataConfig;
  transform?: string;
  resized_png?: string;
}
const F = JSON.parse(readFileSync(new URL('./fixtures/data-config.json', import.meta.url), 'utf8')) as {
  cases: Case[];
  args: { args: Record<string, unknown>; model: string; config: DataConfig };
};
const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

describe('resolveDataConfig as timm.data.resolve_data_config', () => {
  for (const c of F.cases) {
    it(`${c.model}${c.useTestSize ? ', test size' : ''}`, () => {
      expect(resolveDataConfig(null, { pretrainedCfg: getPretrainedCfg(c.model), useTestSize: c.useTestSize })).toEqual(c.config);
    });
  }
  it('overrides from args (one mean for every channel, the image size, the crop)', () => {
    expect(resolveDataConfig(null, { pretrainedCfg: getPretrainedCfg(F.args.model), args: F.args.args })).toEqual(F.args.config);
    expect(() => resolveDataConfig(null, { args: { inChans: 3, mean: [0.5, 0.5] } })).toThrow('resolveDataConfig: mean has 2 values for 3 input channels (give 1 or 3)');
    expect(() => resolveDataConfig(null)).toThrow('resolveDataConfig: expected a model made by createModel, a pretrainedCfg or args');
  });
});

describe("createTransform's eval pipeline", () => {
  for (const c of F.cases.filter((x) => x.resized_png)) {
    it(`${c.model}: resize to size / cropPct, center crop, normalize`, async () => {
      const t = createTransform(c.config);
      const steps = String(t);
      expect(steps).toContain(`CenterCrop(size=(${c.config.inputSize[1]}, ${c.config.inputSize[2]}))`);
      expect(steps).toContain(`Resize(size=${Math.floor(c.config.inputSize[1] / c.config.cropPct)}, interpolation=${c.config.interpolation}`);
      const img = tensorToRawImage(await io.readImage(fixture('data-image.png')));
      const out = t.forward(img) as Tensor;
      const ref = await io.readImage(fixture(c.resized_png!));
      const mean = tensor(c.config.mean).reshape([3, 1, 1]);
      const std = tensor(c.config.std).reshape([3, 1, 1]);
      const expected = ref.float().div(255).sub(mean).div(std);
      expect([...out.shape]).toEqual([...expected.shape]);
      const diff = out.sub(expected).abs();
      const levels = (x: number): number => x * Math.min(...c.config.std) * 255;
      // Mean error well under one level of 255; the largest a few levels, at the checkerboard's edges.
      expect(levels(diff.mean().item() as number)).toBeLessThan(0.5);
      expect(levels(diff.max().item() as number)).toBeLessThan(6);
    });
  }

  it('training: random resized crop, flip, colour jitter, then to tensor and normalize', () => {
    const cfg = resolveDataConfig(null, { pretrainedCfg: getPretrainedCfg('resnet34') });
    const t = createTransform(cfg, { isTraining: true });
    const names = String(t)
      .split('\n')
      .slice(1, -1)
      .map((l) => l.trim().split('(')[0]);
    expect(names).toEqual(['RandomResizedCrop', 'RandomHorizontalFlip', 'ColorJitter', 'ToTensor', 'Normalize']);
    expect(() => createTransform({ ...cfg, interpolation: 'random' })).toThrow("interpolation 'random'");
    expect(() => createTransform({ ...cfg, cropMode: 'border' })).toThrow("cropMode 'border' is not supported");
  });
});
