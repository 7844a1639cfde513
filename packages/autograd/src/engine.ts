/**
 * The backward pass: from root gradients, walk the graph in a topological order (each node runs once,
 * after every node that feeds it), summing gradients that meet, calling each node's formula, and
 * accumulating into leaves. Iterative, never recursive per path, so deep graphs do not overflow.
 */
import { isFloatingPoint, keep, SparseTensor, tidy, Tensor, zeros } from '@x/tensor';
import { withGradMode } from './mode';
import { AccumulateGrad, edgeOf, Node, OpNode } from './node';

export interface RunOptions {
  retainGraph: boolean;
  createGraph: boolean;
  /**
   * 'accumulate': every leaf reached gets its gradient added to .grad (tensor.backward()).
   * 'accumulateInputs': only the `inputs` do, leaves or not (tensor.backward({ inputs })).
   * 'return': nothing is accumulated; the gradients of `inputs` are returned (autograd.grad).
   */
  mode: 'accumulate' | 'accumulateInputs' | 'return';
  inputs?: readonly Tensor[];
}

type Target = readonly [Node, number];

function targetOf(t: Tensor): Target | null {
  if (t.gradFn instanceof Node) return [t.gradFn, t._outputNr];
  if (t._accumulator instanceof AccumulateGrad) return [t._accumulator, 0];
  return null;
}

/**
 * Runs backward from (roots[i], grads[i]). Returns the captured gradients (in `capture` order; null
 * where none arrived) when capturing, else accumulates into leaves' .grad.
 */
export function runBackward(roots: readonly Tensor[], rootGrads: readonly Tensor[], opts: RunOptions): (Tensor | null)[] {
  const captureTargets = new Map<Node, Map<number, number>>();
  opts.inputs?.forEach((t, i) => {
    const tg = targetOf(t);
    if (tg === null) return;
    const slots = captureTargets.get(tg[0]) ?? new Map<number, number>();
    slots.set(tg[1], i);
    captureTargets.set(tg[0], slots);
  });
  const captured: (Tensor | null)[] = (opts.inputs ?? []).map(() => null);

  return withGradMode(opts.createGraph, () => {
    const result = tidy(() => {
      // Dependencies: how many edges from nodes in the graph point at each node.
      const deps = new Map<Node, number>();
      const starts: Node[] = [];
      // A root that is itself a leaf (x.backward(g)) gets its accumulator: its .grad is set.
      const rootTargets = roots.map((r) => edgeOf(r));
      for (const tg of rootTargets) if (tg) starts.push(tg[0]);
      const stack = [...new Set(starts)];
      const seen = new Set<Node>(starts);
      while (stack.length > 0) {
        const n = stack.pop()!;
        for (const e of n.edges) {
          if (e === null) continue;
          deps.set(e[0], (deps.get(e[0]) ?? 0) + 1);
          if (!seen.has(e[0])) {
            seen.add(e[0]);
            stack.push(e[0]);
          }
        }
      }
      const buffers = new Map<Node, (Tensor | null)[]>();
      const addGrad = (node: Node, slot: number, g: Tensor): void => {
        let buf = buffers.get(node);
        if (!buf) {
          buf = new Array<Tensor | null>(node.numOutputs).fill(null);
          buffers.set(node, buf);
        }
        const prev = buf[slot];
        // Sparse + dense is refused by add, so a dense gradient meeting a sparse one goes first (InputBuffer::accumulate).
        buf[slot] = prev == null ? g : prev.isSparse && !g.isSparse ? g.add(prev) : prev.add(g);
      };
      rootTargets.forEach((tg, i) => {
        if (tg) addGrad(tg[0], tg[1], rootGrads[i]!);
      });
      const runNode = (node: Node, grads: Tensor[]): void => {
        for (let s = 0; s < grads.length; s++) grads[s] = node.preprocess(s, grads[s]!, keep);
        const capturedSlots = captureTargets.get(node);
        if (capturedSlots) {
          for (const [slot, idx] of capturedSlots) captured[idx] = keep(grads[slot]!);
        }
        if (node instanceof AccumulateGrad) {
          if (opts.mode === 'accumulate' || (opts.mode === 'accumulateInputs' && capturedSlots)) accumulate(node.variable, grads[0]!);
          return;
        }
        // A captured non-leaf still propagates: other requested inputs may lie below it.
        const inputGrads = node.apply(grads, opts.createGraph);
        node.edges.forEach((e, i) => {
          if (e === null) return;
          const g = inputGrads[i];
          if (g != null) addGrad(e[0], e[1], g);
        });
      };
      const ready: Node[] = [...new Set(starts)].filter((n) => (deps.get(n) ?? 0) === 0);
      while (ready.length > 0) {
        const node = ready.pop()!;
        const buf = buffers.get(node);
        buffers.delete(node);
        // A node no gradient reached (its consumers' formulas returned none for it) does not run,
        // and a leaf keeps .grad as it was, as in PyTorch.
        if (buf !== undefined && buf.some((g) => g != null)) runNode(node, materialize(node, buf));
        if (!opts.retainGraph) node.release();
        for (const e of node.edges) {
          if (e === null) continue;
          const left = deps.get(e[0])! - 1;
          deps.set(e[0], left);
          if (left === 0) ready.push(e[0]);
        }
      }
      if (opts.mode === 'accumulateInputs') {
        opts.inputs!.forEach((t, i) => {
          const g = captured[i];
          if (g != null && !t.isLeaf) accumulate(t, g);
        });
      }
      return captured;
    });
    return result;
  });
}

/** The gradients of a node's outputs, with zeros where none arrived (formulas always get tensors). */
function materialize(node: Node, buf: readonly (Tensor | null)[]): Tensor[] {
  const out: Tensor[] = [];
  for (let s = 0; s < node.numOutputs; s++) {
    const g = buf[s];
    if (g != null) out.push(g);
    else {
      const meta = node instanceof OpNode ? node.outputMetas[s] : undefined;
      out.push(meta && isFloatingPoint(meta.dtype) ? zeros(meta.shape, { dtype: meta.dtype, device: meta.device }) : zeros([]));
    }
  }
  return out;
}

/**
 * Adds a gradient into a leaf's .grad (kept out of the enclosing tidy scopes), by PyTorch's
 * AccumulateGrad rules (torch/csrc/autograd/functions/accumulate_grad.h), sparse gradients included:
 * a first sparse gradient is stored as a shallow copy when its parts are contiguous (else cloned);
 * sparse += sparse concatenates or merges in place; a dense gradient meeting a sparse .grad replaces
 * it with their (dense) sum; dense += sparse adds the entries in place.
 */
function accumulate(leaf: Tensor, g: Tensor): void {
  let grad = g;
  for (const fn of leaf._hooks ?? []) {
    const r = fn(grad);
    if (r !== undefined) grad = r;
  }
  if (grad.dtype !== leaf.dtype) grad = grad.to(leaf.dtype);
  // A .grad made here (a clone, a detached alias, a sum) is held by the leaf alone until someone
  // reads it through `.grad`: the leaf may then free it when it drops or replaces it (_setGrad).
  const prev = leaf._grad;
  if (prev === null && grad instanceof SparseTensor) {
    const shallow = !grad.requiresGrad && grad._sparseIndices.isContiguous() && grad._sparseValues.isContiguous();
    leaf._setGrad(keep(shallow ? grad.detach() : grad.clone()), true);
  } else if (prev === null) {
    // Under createGraph the gradient stays in the graph; otherwise .grad gets its own storage, since
    // the incoming gradient may be a view of a tensor the caller or the graph still holds.
    if (grad.requiresGrad) leaf._setGrad(keep(grad), false);
    else leaf._setGrad(keep(grad.clone()), true);
  } else if (prev.isSparse && !grad.isSparse) {
    leaf._setGrad(keep(grad.add(prev)), true);
  } else if (grad.requiresGrad || prev.requiresGrad) {
    leaf._setGrad(keep(prev.add(grad)), true);
  } else {
    prev.add_(grad);
  }
}
