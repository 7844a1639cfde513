/** Casts, copies and device moves: everything built on the backend's strided copy kernel. */
import type { DType } from '../dtype';
import { assertDType, DTYPES, isFloatingPoint } from '../dtype';
import { traced, tracedInplace } from '../autograd';
import type { Backend } from '../backend';
import { backendFor } from '../registry';
import { Device, type DeviceLike } from '../device';
import { broadcastStrides, sameShape, shapeStr } from '../shape';
import { Tensor } from '../tensor';
import { readRaw, withHostCopies } from './read';
import { backendSupportsDtype, emptyTensor, viewOf, type Scalar, type TensorOrScalar } from './util';

/** A contiguous copy of t in dtype (same backend). */
export function castTo(t: Tensor, dtype: DType): Tensor {
  t._live();
  const out = emptyTensor(t.shape, dtype, t.backend);
  t.backend.copy(t, out);
  return out;
}

/** t itself when it already has dtype (as PyTorch's .to returns self), else a cast copy. */
export function toDType(t: Tensor, dtype: DType): Tensor {
  assertDType(dtype);
  return t.dtype === dtype ? t : traced('to', [t], { dtype }, () => castTo(t, dtype));
}

/** t when already contiguous, else a contiguous copy (recorded as a clone). */
export function contiguous(t: Tensor): Tensor {
  return t.isContiguous() ? t : traced('clone', [t], NO_ATTRS, () => castTo(t, t.dtype));
}

export function clone(t: Tensor): Tensor {
  return traced('clone', [t], NO_ATTRS, () => castTo(t, t.dtype));
}

const NO_ATTRS = {};

/** Copies t's values to another device's backend (through host memory when the two differ). */
export function toDevice(t: Tensor, device: string, dtype: DType = t.dtype): Tensor {
  const target = backendFor(device);
  if (target === t.backend) return toDType(t, dtype);
  return traced('to', [t], { dtype, device, sourceDevice: t.device }, () => moveUntraced(t, target, dtype));
}

function moveUntraced(t: Tensor, target: Backend, dtype: DType): Tensor {
  // A dtype the target cannot hold (float64 on WebGPU) is cast before the move, on the source.
  const src = dtype !== t.dtype && !backendSupportsDtype(target, t.dtype) ? castTo(t, dtype) : t;
  try {
    const host = readRaw(src, `t.to('${target.device}')`, `await t.toAsync('${target.device}')`);
    const moved = emptyTensor(src.shape, src.dtype, target);
    if (host.length > 0) target.write(moved.storage.handle, host, 0);
    if (dtype === src.dtype) return moved;
    const out = castTo(moved, dtype);
    moved.dispose();
    return out;
  } finally {
    if (src !== t) src.dispose();
  }
}

/**
 * t.to(...) from any backend: moving off one that reads only asynchronously (WebGPU → 'cpu') reads
 * the values with an await first; every other move is t.to(...) itself.
 *
 * @example
 * const onCpu = await t.toAsync('cpu');
 */
export async function toAsync(t: Tensor, to_: ToTarget): Promise<Tensor> {
  t._live();
  const target = deviceTarget(to_);
  const device = target instanceof Tensor ? target.device : typeof target === 'string' ? ((DTYPES as readonly string[]).includes(target) ? undefined : target) : target.device;
  if (device === undefined || t.backend.readSync || backendFor(device) === t.backend) return to(t, target);
  return withHostCopies([t], () => to(t, target));
}

/** What t.to(...) takes: a dtype, a device (string or torch.device), a tensor to match, or options. */
export type ToTarget = DType | DeviceLike | Tensor | { dtype?: DType; device?: DeviceLike; copy?: boolean };

/** A to() target with any torch.device replaced by its device string. */
function deviceTarget(target: ToTarget): DType | string | Tensor | { dtype?: DType; device?: string; copy?: boolean } {
  if (target instanceof Device) return target.toString();
  if (typeof target === 'object' && target !== null && !(target instanceof Tensor) && target.device instanceof Device) {
    return { ...target, device: target.device.toString() };
  }
  return target as DType | string | Tensor | { dtype?: DType; device?: string; copy?: boolean };
}

/** t.to(dtype), t.to(device), t.to(other), t.to({ dtype, device, copy }) */
export function to(t: Tensor, to_: ToTarget): Tensor {
  t._live();
  const target = deviceTarget(to_);
  if (target instanceof Tensor) return toDevice(t, target.device, target.dtype);
  if (typeof target === 'string') {
    return (DTYPES as readonly string[]).includes(target) ? toDType(t, target as DType) : toDevice(t, target);
  }
  const dtype = target.dtype ?? t.dtype;
  const moved = target.device !== undefined ? toDevice(t, target.device, dtype) : toDType(t, dtype);
  return target.copy && moved === t ? clone(t) : moved;
}

/** dst.copy_(src): src broadcast to dst's shape, cast to dst's dtype, written through dst's strides. */
export function copy_(dst: Tensor, src: TensorOrScalar): void {
  if (!(src instanceof Tensor)) {
    fill_(dst, src);
    return;
  }
  tracedInplace(dst, [src], () => copyUntraced(dst, src), (self) => traced('copy', [self, src], NO_ATTRS, () => {
    const out = emptyTensor(self.shape, self.dtype, self.backend);
    copyUntraced(out, src);
    return out;
  }));
}

function copyUntraced(dst: Tensor, src: TensorOrScalar): void {
  dst._live();
  if (!(src instanceof Tensor)) {
    fillUntraced(dst, src);
    return;
  }
  src._live();
  let s: Tensor = src;
  if (src.backend !== dst.backend) s = toDevice(src, dst.device);
  let strides: number[];
  try {
    strides = broadcastStrides(s.shape, s.strides, dst.shape);
  } catch {
    throw new Error(`output with shape ${shapeStr(dst.shape)} doesn't match the broadcast shape of src ${shapeStr(s.shape)}`);
  }
  let view = viewOf(s, dst.shape, strides, s.offset, s.dtype);
  // Overlapping source and destination go through a temporary, so no element is read after being written.
  let tmp: Tensor | null = null;
  if (s.storage === dst.storage && !(s.offset === dst.offset && sameShape(strides, dst.strides))) {
    tmp = castTo(s, s.dtype);
    view = viewOf(tmp, dst.shape, broadcastStrides(tmp.shape, tmp.strides, dst.shape), 0, tmp.dtype);
  }
  dst.backend.copy(view, dst);
  tmp?.dispose();
  if (s !== src) s.dispose();
  dst._version.value++;
}

export function fill_(dst: Tensor, value: Scalar): void {
  tracedInplace(dst, [], () => fillUntraced(dst, value), (self) => traced('fill', [self], { value }, () => {
    const out = emptyTensor(self.shape, self.dtype, self.backend);
    fillUntraced(out, value);
    return out;
  }));
}

function fillUntraced(dst: Tensor, value: Scalar): void {
  dst._live();
  const v = typeof value === 'boolean' ? Number(value) : value;
  if (!isFloatingPoint(dst.dtype) && !Number.isInteger(v) && Number.isFinite(v) && dst.dtype !== 'bool') {
    // PyTorch truncates a float fill value for integer tensors.
    dst.backend.fill(dst, Math.trunc(v));
  } else dst.backend.fill(dst, v);
  dst._version.value++;
}
