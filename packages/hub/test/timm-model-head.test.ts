/**
 * The head every timm-style model offers (TimmModel): forwardFeatures gives numFeatures channels,
 * forwardHead(x, true) stops before the classifier, resetClassifier(0) leaves the pooled features
 * (timm's reset_classifier(0)), and a new pool type pools anew with a classifier sized for it.
 */
import { describe, expect, it } from 'vitest';
import { noGrad } from '@x/autograd';
import { registerWasmBackend } from '@x/backend-wasm';
import { createModel, type ModelArgs, type TimmModel } from '../src/index';
import { evalOutput } from './helpers/eval-output';
import { deterministicInput } from '../../vision/test/helpers/deterministic-weights';

registerWasmBackend();

// Small members of each family, so the checks run in moments.
const MODELS: [string, ModelArgs][] = [
  ['densenet121', { growthRate: 4, blockConfig: [1, 1], numClasses: 3 }],
  ['regnetx_002', { numClasses: 4 }],
  ['regnety_002', { numClasses: 4 }],
  ['test_efficientnet', { numClasses: 4 }],
  ['test_resnet', { numClasses: 4 }],
];

describe('TimmModel heads', () => {
  for (const [name, args] of MODELS) {
    it(`${name}: forwardFeatures, forwardHead(x, true), resetClassifier(0), resetClassifier(3, 'catavgmax')`, () => {
      const model = createModel(name, args) as unknown as TimmModel;
      const n = model.numFeatures;
      model.eval();
      const features = noGrad(() => model.forwardFeatures(deterministicInput([2, 3, 32, 32])));
      expect(features.shape[1]).toBe(n);
      expect([...noGrad(() => model.forwardHead(features, true)).shape]).toEqual([2, n]);

      model.resetClassifier(0);
      expect(model.numClasses).toBe(0);
      expect(String(model.getClassifier())).toBe('Identity()');
      expect([...evalOutput(model, [2, 3, 32, 32]).shape]).toEqual([2, n]);

      model.resetClassifier(3, 'catavgmax');
      expect(String(model)).toContain('SelectAdaptivePool2d(pool_type=catavgmax, flatten=Flatten(start_dim=1, end_dim=-1))');
      expect(String(model.getClassifier())).toBe(`Linear(in_features=${2 * n}, out_features=3, bias=True)`);
      expect([...evalOutput(model, [2, 3, 32, 32]).shape]).toEqual([2, 3]);
    });
  }
});
