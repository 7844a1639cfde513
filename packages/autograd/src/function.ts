/**
 * Custom differentiable functions, as torch.autograd.Function:
 *
 * @example
 * class Exp extends torch.autograd.Function {
 *   static forward(ctx: FunctionCtx, x: Tensor) { const y = x.exp(); ctx.saveForBackward(y); return y; }
 *   static backward(ctx: FunctionCtx, g: Tensor) { const [y] = ctx.savedTensors; return g.mul(y); }
 * }
 * const y = Exp.apply(x);
 */
import { isFloatingPoint, Tensor } from '@x/tensor';
import type { Formula } from './formulas/types';
import { isGradEnabled, noGrad } from './mode';
import { edgeOf, OpNode } from './node';
import { SavedTensor } from './saved';

export class FunctionCtx {
  private saved: SavedTensor[] = [];
  /** Anything else backward needs (PyTorch lets you set attributes on ctx). */
  [key: string]: unknown;

  constructor(
    /** Which arguments are tensors that require grad. */
    readonly needsInputGrad: readonly boolean[],
  ) {}

  saveForBackward(...tensors: (Tensor | null)[]): void {
    this.saved = tensors.map((t) => (t === null ? (null as unknown as SavedTensor) : new SavedTensor(t, () => 'a tensor saved by a custom Function')));
  }

  get savedTensors(): (Tensor | null)[] {
    return this.saved.map((s) => (s === null ? null : s.unpack()));
  }

  /** @internal */
  _release(): void {
    for (const s of this.saved) s?.release();
  }
}

type Args = unknown[];

export class Function {
  static forward(_ctx: FunctionCtx, ..._args: Args): Tensor | Tensor[] {
    throw new Error(`${this.name}.forward is not implemented: define static forward(ctx, ...args)`);
  }

  static backward(_ctx: FunctionCtx, ..._grads: Tensor[]): Tensor | (Tensor | null | undefined)[] | null {
    throw new Error(`${this.name}.backward is not implemented: define static backward(ctx, ...grads)`);
  }

  /** Runs forward (not recorded) and, when an argument requires grad, records one node for it. */
  static apply<T extends typeof Function>(this: T, ...args: Args): Tensor | Tensor[] {
    const tensorArgs = args.map((a) => (a instanceof Tensor ? a : null));
    const needs = tensorArgs.map((t) => t !== null && t.requiresGrad);
    const ctx = new FunctionCtx(needs);
    const result = noGrad(() => this.forward(ctx, ...args));
    if (!isGradEnabled() || !needs.some(Boolean)) return result;
    const outputs = Array.isArray(result) ? result : [result];
    const cls = this;
    const formula: Formula = {
      name: `${cls.name}Backward`,
      backward: (grads) => {
        const r = cls.backward(ctx, ...grads);
        const list = Array.isArray(r) ? r : [r];
        return tensorArgs.map((_, i) => list[i] ?? null);
      },
    };
    const node = new OpNode(
      cls.name,
      `${cls.name}Backward`,
      formula,
      tensorArgs.map(edgeOf),
      tensorArgs.map((t) => t?.shape ?? null),
      tensorArgs.map((t) => t?.dtype ?? null),
      outputs.map((o) => ({ shape: o.shape, dtype: o.dtype, device: o.device })),
      {},
      [],
      [],
    );
    node.reprPrefix = 'torch.autograd.function.';
    outputs.forEach((o, i) => {
      if (!isFloatingPoint(o.dtype)) return;
      o.gradFn = node;
      o._outputNr = i;
    });
    return result;
  }
}
