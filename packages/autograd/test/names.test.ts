// console.log(y.gradFn) prints what PyTorch's print(y.grad_fn) does, not the node's internals (issue #12).
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import * as torch from '@x/tensor';
import * as autograd from '../src/index';

const ADDRESS = '0x7f[0-9a-f]{10}';

describe('printed autograd nodes', () => {
  it("y.gradFn prints as <MulBackward0 object at 0x7f…>, one address per node", () => {
    const x = torch.ones(2, 2, { requiresGrad: true });
    const y = x.mul(x);
    expect(inspect(y.gradFn)).toMatch(new RegExp(`^<MulBackward0 object at ${ADDRESS}>$`));
    expect(String(y.gradFn)).toBe(inspect(y.gradFn));
    expect(inspect(y.gradFn)).toBe(inspect(y.gradFn)); // stable
    const z = y.pow(2).sum();
    expect(inspect(z.gradFn)).toMatch(new RegExp(`^<SumBackward0 object at ${ADDRESS}>$`));
    expect(inspect(z.gradFn)).not.toBe(inspect(y.gradFn));
    // the seed prints y.grad_fn inside a tensor too: that form keeps no address
    expect(String(y)).toBe('tensor([[1., 1.],\n        [1., 1.]], grad_fn=<MulBackward0>)');
    const [[acc]] = (y.gradFn as unknown as { nextFunctions: [[object, number]] }).nextFunctions;
    expect(inspect(acc)).toMatch(new RegExp(`^<AccumulateGrad object at ${ADDRESS}>$`));
    expect(inspect({ gradFn: y.gradFn })).toMatch(new RegExp(`^\\{ gradFn: <MulBackward0 object at ${ADDRESS}> \\}$`));
  });
  it("a custom Function's node prints with PyTorch's module path", () => {
    class F extends autograd.Function {
      static override forward(_ctx: autograd.FunctionCtx, x: torch.Tensor): torch.Tensor {
        return x.mul(2);
      }
      static override backward(_ctx: autograd.FunctionCtx, g: torch.Tensor): torch.Tensor {
        return g.mul(2);
      }
    }
    const z = F.apply(torch.ones(2, { requiresGrad: true })) as torch.Tensor;
    expect(String(z)).toBe('tensor([2., 2.], grad_fn=<FBackward>)');
    expect(inspect(z.gradFn)).toMatch(new RegExp(`^<torch\\.autograd\\.function\\.FBackward object at ${ADDRESS}>$`));
  });
});
