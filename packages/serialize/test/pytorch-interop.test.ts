/**
 * Files written here, read by real PyTorch (torch.load(f, weights_only=True)) with equal values —
 * run when /usr/bin/python3 imports torch, skipped with the reason printed otherwise.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { load, registerParameterClass, safetensors, save } from '../src/index';
import { matchPy } from './py-match';
import { TestParameter, expectedFixtures, fixture, pytorchReads, tempDir, torchUnavailable } from './helpers';
import { dtypeTensors, floatData, nestedData, parameters, stateDict, viewTensors } from './samples';

registerParameterClass(TestParameter);
const skipReason = torchUnavailable();
if (skipReason !== null) console.log(`skipping the PyTorch interop tests: ${skipReason}`);

type Report = ReturnType<typeof pytorchReads>;

describe.skipIf(skipReason !== null)('PyTorch reads what @x writes', () => {
  const dir = tempDir();
  const path = (name: string): string => join(dir, name);
  const cases: [string, unknown, object?][] = [
    ['state_dict.pth', stateDict()],
    ['dtypes.pth', dtypeTensors()],
    ['views.pth', viewTensors()],
    ['nested.pth', nestedData()],
    ['parameters.pth', parameters()],
    ['zip64.pth', { ...viewTensors(), n: 3 }, { zip64Threshold: 0 }],
    ['floats.pth', floatData()],
    // An empty set is written as EMPTY_SET, which 1.13's weights_only reader takes (not __builtin__.set).
    ['empty_set.pth', { none: new Set(), n: 1 }],
  ];
  const expected = expectedFixtures();
  const resaved = ['small_cnn.pth', 'resnet18_subset.pth', 'optimizer.pth', 'dtypes.pth', 'views.pth', 'parameters.pth', 'legacy.pth', 'deflated.pth'];
  const loaded = new Map<string, unknown>();
  const tensors = { ...dtypeTensors(), ...stateDict() };
  let report: Report = {};

  // One Python run for every file: importing torch takes seconds.
  beforeAll(async () => {
    for (const [name, obj, options] of cases) await save(obj, path(name), options);
    for (const name of resaved) {
      const value = await load(fixture(name));
      loaded.set(name, value);
      await save(value, path(`resaved_${name}`));
    }
    await safetensors.saveFile(tensors, path('model.safetensors'), { format: 'pt' });
    report = pytorchReads([...cases.map(([n]) => path(n)), ...resaved.map((n) => path(`resaved_${n}`)), path('model.safetensors')]);
  }, 180000);

  it.each(cases.filter(([n]) => n !== 'floats.pth').map(([n]) => n))('%s: weights_only=True, equal values', async (name) => {
    const r = report[path(name)]!;
    expect(r.error).toBeUndefined();
    expect(r.weights_only).toBe(true);
    expect(await matchPy(cases.find(([n]) => n === name)![1], r.value, { strict: true })).toEqual([]);
  });

  it('floats: read with weights_only=True where PyTorch can (≥ 2.0), else reported why', async () => {
    const r = report[path('floats.pth')]!;
    expect(r.error).toBeUndefined();
    if (!r.weights_only) console.log(`floats.pth: PyTorch read it with weights_only=False: ${r.reason}`);
    expect(await matchPy(floatData(), r.value, { strict: true })).toEqual([]);
  });

  it.each(resaved)('PyTorch checkpoint %s, loaded here and saved again, reads back in PyTorch unchanged', async (name) => {
    expect(await matchPy(loaded.get(name), expected[name])).toEqual([]);
    const r = report[path(`resaved_${name}`)]!;
    expect(r.error).toBeUndefined();
    // Only the optimizer's state_dict (lr, betas, eps) and legacy.pth hold Python floats.
    const holdsFloats = name === 'optimizer.pth' || name === 'legacy.pth';
    expect(r.weights_only).toBe(!holdsFloats || !String(r.reason).includes('BINFLOAT'));
    expect(await matchPy(loaded.get(name), r.value)).toEqual([]);
  });

  it('safetensors written here read back in Python', async () => {
    const r = report[path('model.safetensors')]!;
    expect(r.error).toBeUndefined();
    const desc = r.value as { $dict: [[string, { $dict: [string, unknown][] }], [string, unknown]] };
    const order = desc.$dict[0][1].$dict.map(([k]) => k);
    expect([...order].sort()).toEqual(Object.keys(tensors).sort());
    const ordered = new Map(order.map((k) => [k, tensors[k as keyof typeof tensors]!.contiguous()]));
    expect(await matchPy({ tensors: ordered, metadata: { format: 'pt' } }, desc)).toEqual([]);
  });
});
