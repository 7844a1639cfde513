import { test, expect } from 'vitest';
import { zeros } from '../src/index';
import { signature as sig2 } from '../src/signature';
test('smoke', () => {
  const s = sig2('cat(Tensor[] tensors, int dim=0)');
  const x = zeros(2);
  expect(s.bind([[x, x]])).toEqual([[x, x], 0]);
  expect(s.bind([[x, x], { dim: 1 }])).toEqual([[x, x], 1]);
  expect(() => s.bind([[x, x], 'a'])).toThrow("cat(): argument 'dim' (position 2) must be int, not str");
  expect(() => s.bind([[x, 1]])).toThrow("cat(): argument 'tensors' (position 1) must be tuple of Tensors, but found element of type int at pos 1");
  expect(() => s.bind([[x], { dim_: 1 }])).toThrow("did you mean 'dim'");
  const z = sig2('zeros(int... size, *, dtype? dtype=None, device? device=None, bool requiresGrad=False)');
  expect(z.bind([2, 3])).toEqual([[2, 3], undefined, undefined, false]);
  expect(z.bind([[2, 3], { dtype: 'int64' }])).toEqual([[2, 3], 'int64', undefined, false]);
  expect(z.bind([{ size: [2] }])).toEqual([[2], undefined, undefined, false]);
  expect(() => z.bind([{ size: 2 }])).toThrow("zeros(): argument 'size' must be tuple of ints, not int");
  expect(() => z.bind([])).toThrow("zeros() missing 1 required positional argument: 'size'");
  expect(() => z.bind([{ requires_grad: true, size: [1] }])).toThrow("zeros() got an unexpected keyword argument 'requires_grad' (did you mean 'requiresGrad'?)");
});
