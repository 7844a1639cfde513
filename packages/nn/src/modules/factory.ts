/**
 * PyTorch's factory_kwargs: the `device` and `dtype` a layer creates its parameters and buffers
 * with. They close every such layer's parameter list (positional too, as in Python).
 */
import type { DeviceLike, DType } from '@x/tensor';

export interface FactoryOptions {
  device?: DeviceLike | null;
  dtype?: DType | null;
}

/** The trailing positional parameters `device, dtype`. */
export type FactoryArgs = [device: DeviceLike | null, dtype: DType | null];

/** Creation options for `empty`/`zeros`/…: only what was given, so the defaults apply otherwise. */
export function factoryKwargs(o: FactoryOptions): { device?: DeviceLike; dtype?: DType } {
  return { ...(o.device != null ? { device: o.device } : {}), ...(o.dtype != null ? { dtype: o.dtype } : {}) };
}
