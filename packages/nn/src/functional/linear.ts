/** F.linear and F.bilinear. */
import { addmm, bound, tidy, type BoundFunction, type Tensor } from '@x/tensor';

/**
 * x·Wᵀ + b over the last dim of x (any leading dims). Leading dims are flattened into one matrix
 * product, as PyTorch does, so a 2-D input records one AddmmBackward0.
 *
 * @example
 * F.linear(x, weight, bias); // x [N, in], weight [out, in], bias [out]
 */
export const linear: BoundFunction<[input: Tensor, weight: Tensor, bias?: Tensor | null] | [input: Tensor, weight: Tensor, options: { bias?: Tensor | null }], Tensor> = bound(
  'linear(Tensor input, Tensor weight, Tensor? bias=None)',
  (input: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor => linearOf(input, weight, bias),
);

function linearOf(input: Tensor, weight: Tensor, bias: Tensor | null): Tensor {
  if (weight.dim() !== 2) throw new Error(`linear(): weight should be 2-D, got ${weight.dim()}-D`);
  if (input.dim() === 2) {
    const wt = weight.t();
    const y = bias === null ? input.mm(wt) : addmm(bias, input, wt);
    wt.dispose(); // a view: the graph keeps its own reference where backward needs it
    return y;
  }
  return tidy(() => {
    const k = input.dim() === 0 ? 1 : input.shape[input.dim() - 1]!;
    const flat = input.reshape(-1, k);
    const y = bias === null ? flat.mm(weight.t()) : addmm(bias, flat, weight.t());
    return y.view([...input.shape.slice(0, -1), weight.shape[0]!]);
  });
}

/**
 * x1ᵀ·A·x2 + b for each output feature: input1 [*, in1], input2 [*, in2], weight [out, in1, in2].
 *
 * @example
 * F.bilinear(x1, x2, weight, bias);
 */
export const bilinear: BoundFunction<[input1: Tensor, input2: Tensor, weight: Tensor, bias?: Tensor | null] | [input1: Tensor, input2: Tensor, weight: Tensor, options: { bias?: Tensor | null }], Tensor> = bound(
  'bilinear(Tensor input1, Tensor input2, Tensor weight, Tensor? bias=None)',
  (input1: Tensor, input2: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor => bilinearOf(input1, input2, weight, bias),
);

function bilinearOf(input1: Tensor, input2: Tensor, weight: Tensor, bias: Tensor | null): Tensor {
  if (input1.dim() !== input2.dim()) throw new Error(`bilinear(): input dimensions do not match: got ${input1.dim()} and ${input2.dim()}`);
  for (let i = 0; i < input1.dim() - 1; i++) {
    if (input1.shape[i] !== input2.shape[i]) {
      throw new Error(`bilinear(): input batch dimensions do not match: got ${input1.shape[i]} and ${input2.shape[i]}`);
    }
  }
  if (weight.dim() !== 3) throw new Error(`bilinear(): weight should be 3-D, got ${weight.dim()}-D`);
  const [out, in1, in2] = weight.shape as [number, number, number];
  const last1 = input1.shape[input1.dim() - 1];
  const last2 = input2.shape[input2.dim() - 1];
  if (last1 !== in1) throw new Error(`bilinear(): input1 size does not match weight size: got ${last1} but expected ${in1}`);
  if (last2 !== in2) throw new Error(`bilinear(): input2 size does not match weight size: got ${last2} but expected ${in2}`);
  if (bias !== null && (bias.dim() !== 1 || bias.shape[0] !== out)) {
    throw new Error(`bilinear(): bias size does not match weight size: got ${bias.shape[bias.dim() - 1]} but expected ${out}`);
  }
  return tidy(() => {
    const x1 = input1.reshape(-1, in1);
    const x2 = input2.reshape(-1, in2);
    // (x1 @ W viewed as [in1, out·in2]) gives x1ᵀA_o for every o at once; then · x2 along in2.
    const left = x1.mm(weight.permute(1, 0, 2).reshape(in1, out * in2)).view(-1, out, in2);
    let y = left.mul(x2.unsqueeze(1)).sum(-1);
    if (bias !== null) y = y.add(bias);
    return y.view([...input1.shape.slice(0, -1), out]);
  });
}
