/**
 * The registry against timm's own answers (tools/gen_hub_registry_fixtures.py): listModels'
 * wildcards, exclusions, modules, tag expansion and natural order; listPretrained; isModel; the
 * cfg of a tag; registerModel for a user's model; and the errors for unknown names.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as nn from '@x/nn';
import { registerWasmBackend } from '@x/backend-wasm';
import { createModel, getPretrainedCfg, isModel, listModels, listModules, listPretrained, registerModel, type ListModelsOptions } from '../src/index';

registerWasmBackend();

interface RegistryFixture {
  list_models: { filter: string | string[]; options: ListModelsOptions; expected: string[] }[];
  list_pretrained: { filter: string; expected: string[] };
}
const F = JSON.parse(readFileSync(new URL('./fixtures/registry.json', import.meta.url), 'utf8')) as RegistryFixture;

/** timm's answers hold timm's models: the torchvision ones (torchvision-models.test.ts) are left out. */
const TORCHVISION = new Set(listModels('', { module: 'torchvision' }));
const timmOnly = (names: string[]): string[] => names.filter((n) => !TORCHVISION.has(n.split('.')[0]!));

describe('listModels as timm.list_models', () => {
  for (const c of F.list_models) {
    it(`${JSON.stringify(c.filter)} ${JSON.stringify(c.options)}`, () => {
      expect(timmOnly(listModels(c.filter, c.options))).toEqual(c.expected);
    });
  }
  it('listPretrained', () => {
    expect(timmOnly(listPretrained(F.list_pretrained.filter))).toEqual(F.list_pretrained.expected);
  });
  it('a plain-string exclude filter is one pattern (timm would read it character by character)', () => {
    expect(listModels('convnext*', { pretrained: true, exclude: '*in22k*' })).toEqual(listModels('convnext*', { pretrained: true, exclude: ['*in22k*'] }));
  });
});

describe('names, tags and cfgs', () => {
  it('isModel takes a name with or without its tag', () => {
    expect(isModel('resnet34')).toBe(true);
    expect(isModel('resnet34.tv_in1k')).toBe(true);
    expect(isModel('resnet35')).toBe(false);
    expect(listModules()).toEqual(['convnext', 'deit', 'densenet', 'efficientnet', 'mobilenetv3', 'regnet', 'resnet', 'torchvision', 'vision_transformer']);
  });

  it("the default tag is timm's first; a tag selects its own cfg (resnet34: a1_in1k, tv_in1k is torchvision's)", () => {
    const d = getPretrainedCfg('resnet34');
    expect([d.architecture, d.tag, d.cropPct, d.interpolation, d.firstConv, d.classifier]).toEqual(['resnet34', 'a1_in1k', 0.95, 'bicubic', 'conv1', 'fc']);
    const tv = getPretrainedCfg('resnet34.tv_in1k');
    expect([tv.tag, tv.url, tv.interpolation, tv.cropPct, tv.mean, tv.std]).toEqual(['tv_in1k', 'https://download.pytorch.org/models/resnet34-b627a593.pth', 'bilinear', 0.875, [0.485, 0.456, 0.406], [0.229, 0.224, 0.225]]);
    expect(getPretrainedCfg('resnet34.tv_in1k', { file: '/w.pth' }).file).toBe('/w.pth');
    expect(() => getPretrainedCfg('resnet34.nope')).toThrow("model 'resnet34' has no pretrained tag 'nope'; its tags: 'a1_in1k', 'a2_in1k'");
  });

  it('unknown names and bad arguments are refused with what was expected', () => {
    expect(() => createModel('resnet35')).toThrow("unknown model 'resnet35' (did you mean 'resnet34'?)");
    expect(() => createModel('resnet18', { numClass: 10 } as never)).toThrow("resnet18: unknown argument 'numClass' (did you mean 'numClasses'?)");
    expect(() => createModel(42 as never)).toThrow("createModel: expected a model name such as 'resnet34' or 'resnet34.tv_in1k', got number");
    expect(() => registerModel('my.model', () => new nn.Identity())).toThrow("registerModel: expected a model name of letters, digits, '_' or '-' (no '.', which starts a tag), got \"my.model\"");
  });
});

it("an argument given as null is left out, as timm's create_model leaves out None", () => {
  expect(String(createModel('resnet18', { globalPool: null, dropRate: null } as never))).toBe(String(createModel('resnet18')));
});

describe('registerModel: a user model, listed and created like the built-in ones', () => {
  class Small extends nn.Module {
    fc: nn.Linear;
    constructor(readonly numClasses: number) {
      super();
      this.fc = new nn.Linear(8, numClasses);
    }
    forward(x: Parameters<nn.Linear['forward']>[0]) {
      return this.fc.forward(x);
    }
  }

  it('registers, lists (with tags when asked), and builds with the cfg attached', () => {
    registerModel('my_small_net', (a) => new Small(a.numClasses), { '': { numClasses: 4, mean: [0.5], std: [0.5], inputSize: [1, 8, 8] }, ft: { numClasses: 2, file: '/no/such/file.pth' } }, 'mine');
    expect(listModels('my_*')).toEqual(['my_small_net']);
    expect(listModels('', { module: 'mine', includeTags: true })).toEqual(['my_small_net', 'my_small_net.ft']);
    expect(listPretrained('my_*')).toEqual(['my_small_net.ft']);
    const m = createModel('my_small_net') as unknown as Small & { pretrainedCfg: { numClasses: number; tag: string } };
    expect(m.numClasses).toBe(4);
    expect(m.pretrainedCfg.tag).toBe('');
    const ft = createModel('my_small_net.ft') as unknown as Small;
    expect(ft.numClasses).toBe(2);
  });

  it('a missing local weights file is named', async () => {
    registerModel('my_small_net2', (a) => new Small(a.numClasses), { ft: { numClasses: 2, file: '/no/such/file.pth' } }, 'mine');
    await expect(createModel('my_small_net2', { pretrained: true })).rejects.toThrow('my_small_net2.ft: the weights file /no/such/file.pth (pretrainedCfgOverlay.file) does not exist');
    registerModel('my_small_net3', (a) => new Small(a.numClasses));
    await expect(createModel('my_small_net3', { pretrained: true })).rejects.toThrow('my_small_net3: no pretrained weights are known for this model');
  });
});
