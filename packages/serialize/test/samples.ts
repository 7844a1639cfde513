/** Objects the tests save: every dtype, views of shared storage, nested data, parameters. */
import * as torch from '@x/tensor';
import { Tensor, slice } from '@x/tensor';
import { orderedDict, pyFloat, tuple } from '../src/index';
import { TestParameter } from './helpers';

export function dtypeTensors(): Record<string, Tensor> {
  const f = [0, -0, 1.5, -2.25, Infinity, -Infinity, NaN, 3e-5, 65504, 1e-8];
  return {
    float32: torch.tensor(f, { dtype: 'float32' }),
    float64: torch.tensor([...f, 1e300, 5e-324], { dtype: 'float64' }),
    float16: torch.tensor(f, { dtype: 'float16' }),
    bfloat16: torch.tensor([...f, 3e38], { dtype: 'bfloat16' }),
    int64: torch.tensor([0n, 1n, -1n, 2n ** 53n + 1n, -(2n ** 63n), 2n ** 63n - 1n], { dtype: 'int64' }),
    int32: torch.tensor([0, 1, -1, 2 ** 31 - 1, -(2 ** 31)], { dtype: 'int32' }),
    uint8: torch.tensor([0, 1, 127, 128, 255], { dtype: 'uint8' }),
    bool: torch.tensor([[true, false], [false, true]]),
    scalar: torch.tensor(3.5),
    scalar_int: torch.tensor(7),
    empty: torch.zeros(0, 3),
  };
}

export function viewTensors(): Record<string, Tensor> {
  const base = torch.arange(24, { dtype: 'float32' }).reshape(4, 6);
  const other = torch.arange(5).mul(10);
  return {
    base,
    row: base.select(0, 1),
    column: base.select(1, 2),
    transposed: base.t(),
    block: base.index(slice(1, 3), slice(2, 5)),
    stepped: base.index(slice(null, null, 2), slice(null, null, 3)),
    tail: base.view(-1).narrow(0, 20, 4),
    other_tail: other.narrow(0, 2, 3),
    other,
    expanded: base.select(0, 0).narrow(0, 0, 2).unsqueeze(0).expand(3, 2),
    strided: base.asStrided([2, 2], [7, 1], 3),
  };
}

/** Data PyTorch 1.13 reads with weights_only=True: no Python floats (its weights-only reader lacks BINFLOAT). */
export function nestedData(): Record<string, unknown> {
  const t = torch.tensor([1, 2], { dtype: 'float32' });
  return {
    list: [1, 'a', null, true, false, undefined],
    tuple: tuple(1, tuple(2, 3), []),
    dict: { a: { b: [t] } },
    int_keys: new Map<number, string>([[1, 'one'], [2, 'two']]),
    index_like_keys: new Map<string, number>([['b', 1], ['0', 2]]),
    big: 2n ** 70n,
    neg_big: -(2n ** 70n),
    neg: -(2 ** 40),
    large_int: 2 ** 60,
    unicode: 'héllo ✓ 😀',
    empty_list: [],
    empty_dict: {},
    empty_str: '',
    ordered: orderedDict({ z: 1, a: 2 }),
    same_tensor_twice: [t, t],
    long_list: Array.from({ length: 2500 }, (_, i) => i),
  };
}

export function floatData(): Record<string, unknown> {
  return { lr: 0.001, whole: pyFloat(1), neg_zero: -0, nan: NaN, inf: Infinity, tiny: 5e-324, betas: tuple(0.9, 0.999), mixed: [1, 2.5, pyFloat(3)] };
}

/** A small CNN's state dict with PyTorch's _metadata, as nn.Module.state_dict() makes it. */
export function stateDict(): Record<string, Tensor> {
  torch.manualSeed(0);
  const sd: Record<string, Tensor> = {
    'conv1.weight': torch.randn(4, 1, 3, 3),
    'conv1.bias': torch.randn(4),
    'bn1.weight': torch.ones(4),
    'bn1.bias': torch.zeros(4),
    'bn1.running_mean': torch.randn(4),
    'bn1.running_var': torch.rand(4),
    'bn1.num_batches_tracked': torch.tensor(3),
    'fc.weight': torch.randn(10, 36),
    'fc.bias': torch.randn(10),
  };
  return orderedDict(sd, orderedDict({ '': { version: 1 }, conv1: { version: 1 }, bn1: { version: 2 }, fc: { version: 1 } }));
}

export function parameters(): Record<string, Tensor> {
  torch.manualSeed(1);
  return {
    weight: new TestParameter(torch.randn(2, 3)),
    frozen: new TestParameter(torch.randn(3), false),
    grad_tensor: torch.randn(2).requiresGrad_(),
    plain: torch.randn(2),
  };
}
