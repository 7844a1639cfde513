/**
 * im2col (F.unfold): out[n][c*K + k][l] = x[n][c][o(l) * stride - padding + k * dilation], or the pad
 * value outside the image; any dtype, any strides. One invocation per output element.
 */
import type { DType, Im2ColParams, View } from '@x/tensor';
import { dispatch1d, type KernelContext } from '../program';
import { bufferOf, checkSize, computeType, numel, prelude, withMeta } from './common';
import { windowMeta } from './windows';

const WG = 256;

/** The pad value as the two meta words the kernel reads it from (its compute type's bits). */
function padWords(dtype: DType, v: number): [number, number] {
  switch (computeType(dtype)) {
    case 'f32': return [new Uint32Array(new Float32Array([v]).buffer)[0]!, 0];
    case 'i32': return [v | 0, 0];
    case 'u32': return [dtype === 'bool' ? (v !== 0 ? 1 : 0) : v & 0xff, 0];
    default: {
      const b = BigInt.asUintN(64, BigInt(Math.trunc(Number.isFinite(v) ? v : 0)));
      return [Number(b & 0xffffffffn), Number(b >> 32n)];
    }
  }
}

function shader(dtype: DType): string {
  const t = computeType(dtype);
  const pad = { f32: 'bitcast<f32>(meta[24])', i32: 'bitcast<i32>(meta[24])', u32: 'meta[24]', 'vec2<u32>': 'vec2<u32>(meta[24], meta[25])' }[t];
  return `${prelude([{ name: 'x', dtype }], [{ name: 'out', dtype }])}
@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * nwg.x * ${WG}u;
  if (i >= meta[0]) { return; }
  let K = meta[7] * meta[8];
  let L = meta[5] * meta[6];
  let l = i % L;
  let row = (i / L) % (meta[2] * K);
  let n = i / (L * meta[2] * K);
  let c = row / K;
  let k = row % K;
  let h = i32((l / meta[6]) * meta[9] + (k / meta[8]) * meta[13]) - i32(meta[11]);
  let w = i32((l % meta[6]) * meta[10] + (k % meta[8]) * meta[14]) - i32(meta[12]);
  var v: ${t} = ${pad};
  if (h >= 0 && u32(h) < meta[3] && w >= 0 && u32(w) < meta[4]) {
    v = load_x(meta[15] + n * meta[16] + c * meta[17] + u32(h) * meta[18] + u32(w) * meta[19]);
  }
  store_out(meta[20] + n * meta[21] + row * meta[22] + l * meta[23], v);
}
`;
}

export function im2col(ctx: KernelContext, x: View, params: Im2ColParams, out: View): void {
  if (out.dtype !== x.dtype) throw new Error(`@x/backend-webgpu: im2col writes x's dtype ${x.dtype}, got ${out.dtype}`);
  const total = numel(out.shape);
  if (total === 0) return;
  checkSize('im2col output', total);
  const meta = windowMeta(total, x, out, params);
  [meta[24], meta[25]] = padWords(x.dtype, params.padValue).map((w) => w >>> 0) as [number, number];
  ctx.run({
    key: `w1b/im2col/${x.dtype}`,
    code: () => withMeta(shader(x.dtype)),
    meta,
    inputs: [bufferOf(x)],
    outputs: [bufferOf(out)],
    workgroups: dispatch1d(total, WG),
  });
}
