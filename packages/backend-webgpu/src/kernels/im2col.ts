/**
 * im2col (F.unfold): out[n][c*K + k][l] = x[n][c][o(l) * stride - padding + k * dilation], or the pad
 * value outside the image; any dtype, any strides. One invocation per output element.
 */
import type { DType, Im2ColParams } from '@x/tensor';
import { dispatch1d, type KernelContext } from '../program';
import { Params } from '../wgsl/params';
import type { ComputeType } from '../wgsl/storage';
import { bufferOf, checkSize, computeType, numel, prelude, type GpuView } from './common';
import { WINDOW_PARAMS, windowValues } from './windows';

const WG = 256;

/** The window parameters and the pad value in x's compute type, per compute type. */
const PARAMS: Record<ComputeType, Params<typeof WINDOW_PARAMS & { pad: ComputeType }>> = {
  f32: new Params({ ...WINDOW_PARAMS, pad: 'f32' }),
  i32: new Params({ ...WINDOW_PARAMS, pad: 'i32' }),
  u32: new Params({ ...WINDOW_PARAMS, pad: 'u32' }),
  'vec2<u32>': new Params({ ...WINDOW_PARAMS, pad: 'vec2<u32>' }),
};

/** The pad value as the reference's typed-array store converts it (non-finite integers become 0). */
function padValue(dtype: DType, v: number): number | [number, number] {
  switch (computeType(dtype)) {
    case 'f32': return v;
    case 'i32': return v | 0;
    case 'u32': return dtype === 'bool' ? (v !== 0 ? 1 : 0) : v & 0xff;
    default: {
      const b = BigInt.asUintN(64, BigInt(Math.trunc(Number.isFinite(v) ? v : 0)));
      return [Number(b & 0xffffffffn), Number(b >> 32n)];
    }
  }
}

function shader(dtype: DType): string {
  const t = computeType(dtype);
  return `${prelude(PARAMS[t], [{ name: 'x', dtype }], [{ name: 'out', dtype }])}
@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * nwg.x * ${WG}u;
  if (i >= params.total) { return; }
  let K = params.kh * params.kw;
  let L = params.OH * params.OW;
  let l = i % L;
  let row = (i / L) % (params.C * K);
  let n = i / (L * params.C * K);
  let c = row / K;
  let k = row % K;
  let h = i32((l / params.OW) * params.sh + (k / params.kw) * params.dh) - i32(params.ph);
  let w = i32((l % params.OW) * params.sw + (k % params.kw) * params.dw) - i32(params.pw);
  var v: ${t} = params.pad;
  if (h >= 0 && u32(h) < params.H && w >= 0 && u32(w) < params.W) {
    v = load_x(params.image.offset + n * params.image.strides[0] + c * params.image.strides[1] + u32(h) * params.image.strides[2] + u32(w) * params.image.strides[3]);
  }
  store_out(params.cols.offset + n * params.cols.strides[0] + row * params.cols.strides[1] + l * params.cols.strides[2], v);
}
`;
}

export function im2col(ctx: KernelContext, x: GpuView, params: Im2ColParams, out: GpuView): void {
  if (out.dtype !== x.dtype) throw new Error(`@x/backend-webgpu: im2col writes x's dtype ${x.dtype}, got ${out.dtype}`);
  const total = numel(out.shape);
  if (total === 0) return;
  checkSize('im2col output', total);
  ctx.run({
    key: `im2col/${x.dtype}`,
    code: () => shader(x.dtype),
    params: PARAMS[computeType(x.dtype)].write({ ...windowValues(total, x, out, params), pad: padValue(x.dtype, params.padValue) }),
    inputs: [bufferOf(x)],
    outputs: [bufferOf(out)],
    workgroups: dispatch1d(total, WG),
  });
}
