/** Per-parameter state tensors that start at zero, shaped like the parameter (`exp_avg`, `square_avg`, …). */
import { keep, zerosLike, type Tensor } from '@x/tensor';
import type { ParamState } from './optimizer';

/** Sets each named entry of state to zeros like p, in the order given (a checkpoint keeps it), kept out of tidy scopes. */
export function zeroBuffers(state: ParamState, p: Tensor, names: readonly string[]): void {
  for (const name of names) state[name] = keep(zerosLike(p));
}
