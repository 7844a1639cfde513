/**
 * matmul: out[b] = a[b] @ b[b] for a [B, M, K], b [B, K, N] (any strides; a batch stride may be 0),
 * out [B, M, N].
 *
 * Tiled in workgroup memory: a workgroup of 16 x 16 invocations computes a TM x TN tile of out, each
 * invocation an RM x RN block, stepping through K in slices of BK that the workgroup first stages in
 * workgroup memory (zero-padded at the edges). float32 (and float16/bfloat16, staged as f32) use
 * 64 x 64 tiles of 4 x 4 blocks; int32, uint8/bool (as u32, wrapping) and int64 (emulated, exact) use
 * 32 x 32 tiles of 2 x 2. Sums run over k in order within each invocation, in f32 for the floats.
 */
import type { DType } from '@x/tensor';
import type { KernelContext } from '../program';
import { Params, view } from '../wgsl/params';
import { addOf, bufferOf, checkSize, computeType, mulOf, prelude, zeroOf, type GpuView } from './common';

const BK = 16;
const MAX_Z = 65535;

interface Tiling {
  tm: number;
  tn: number;
  rm: number;
  rn: number;
}

function tilingFor(dtype: DType): Tiling {
  return computeType(dtype) === 'f32' ? { tm: 64, tn: 64, rm: 4, rn: 4 } : { tm: 32, tn: 32, rm: 2, rn: 2 };
}

/** Each operand's strides are (batch, row, column); a dispatch covers batches first_batch + wid.z. */
const PARAMS = new Params({ M: 'u32', N: 'u32', K: 'u32', first_batch: 'u32', a: view(3), b: view(3), out: view(3) });

function shader(dtype: DType): string {
  const t = computeType(dtype);
  const { tm, tn, rm, rn } = tilingFor(dtype);
  const tx = tn / rn;
  const ty = tm / rm;
  const threads = tx * ty;
  const zero = zeroOf(t);
  // Unrolled (constant indices only): private arrays indexed dynamically are slow and crash some
  // shader compilers (SwiftShader).
  const decls: string[] = [];
  const inner: string[] = [];
  const stores: string[] = [];
  for (let i = 0; i < rm; i++) for (let j = 0; j < rn; j++) decls.push(`var acc_${i}_${j}: ${t} = ${zero};`);
  for (let j = 0; j < rn; j++) inner.push(`let b_${j} = Bs[k * ${tn}u + tcol + ${j * tx}u];`);
  for (let i = 0; i < rm; i++) {
    inner.push(`let a_${i} = As[(trow + ${i * ty}u) * ${BK}u + k];`);
    for (let j = 0; j < rn; j++) inner.push(`acc_${i}_${j} = ${addOf(t, `acc_${i}_${j}`, mulOf(t, `a_${i}`, `b_${j}`))};`);
  }
  for (let i = 0; i < rm; i++) {
    for (let j = 0; j < rn; j++) {
      stores.push(`if (row0 + trow + ${i * ty}u < M && col0 + tcol + ${j * tx}u < N) { store_out(obase + (row0 + trow + ${i * ty}u) * params.out.strides[1] + (col0 + tcol + ${j * tx}u) * params.out.strides[2], acc_${i}_${j}); }`);
    }
  }
  return `${prelude(PARAMS, [{ name: 'a', dtype }, { name: 'b', dtype }], [{ name: 'out', dtype }])}
var<workgroup> As: array<${t}, ${tm * BK}>;
var<workgroup> Bs: array<${t}, ${BK * tn}>;
@compute @workgroup_size(${threads})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let M = params.M; let N = params.N; let K = params.K;
  let bt = wid.z + params.first_batch;
  let row0 = wid.y * ${tm}u;
  let col0 = wid.x * ${tn}u;
  let abase = params.a.offset + bt * params.a.strides[0];
  let bbase = params.b.offset + bt * params.b.strides[0];
  let tcol = lid % ${tx}u;
  let trow = lid / ${tx}u;
  ${decls.join('\n  ')}
  for (var k0 = 0u; k0 < K; k0 = k0 + ${BK}u) {
    for (var e = lid; e < ${tm * BK}u; e = e + ${threads}u) {
      let m = row0 + e / ${BK}u;
      let k = k0 + e % ${BK}u;
      var v: ${t} = ${zero};
      if (m < M && k < K) { v = load_a(abase + m * params.a.strides[1] + k * params.a.strides[2]); }
      As[e] = v;
    }
    for (var e = lid; e < ${BK * tn}u; e = e + ${threads}u) {
      let k = k0 + e / ${tn}u;
      let n = col0 + e % ${tn}u;
      var v: ${t} = ${zero};
      if (k < K && n < N) { v = load_b(bbase + k * params.b.strides[1] + n * params.b.strides[2]); }
      Bs[e] = v;
    }
    workgroupBarrier();
    for (var k = 0u; k < ${BK}u; k = k + 1u) {
      ${inner.join('\n      ')}
    }
    workgroupBarrier();
  }
  let obase = params.out.offset + bt * params.out.strides[0];
  ${stores.join('\n  ')}
}
`;
}

/** Batched matmul: a [B, M, K] @ b [B, K, N] into out [B, M, N]. */
export function matmul(ctx: KernelContext, a: GpuView, b: GpuView, out: GpuView): void {
  const [B, M, K] = a.shape as [number, number, number];
  const N = b.shape[2]!;
  if (B === 0 || M === 0 || N === 0) return;
  if (b.dtype !== a.dtype || out.dtype !== a.dtype) throw new Error(`@x/backend-webgpu: matmul of ${a.dtype} @ ${b.dtype} into ${out.dtype}`);
  checkSize('matmul output', B * M * N);
  checkSize('matmul input', Math.max(B * M * K, B * K * N));
  const { tm, tn } = tilingFor(a.dtype);
  const gx = Math.ceil(N / tn);
  const gy = Math.ceil(M / tm);
  if (gx > 65535 || gy > 65535) throw new Error(`@x/backend-webgpu: matmul of ${M} x ${N} needs more workgroups than one dispatch allows`);
  const key = `matmul/${a.dtype}`;
  for (let base = 0; base < B; base += MAX_Z) {
    ctx.run({
      key,
      code: () => shader(a.dtype),
      params: PARAMS.write({ M, N, K, first_batch: base, a, b, out }),
      inputs: [bufferOf(a), bufferOf(b)],
      outputs: [bufferOf(out)],
      workgroups: [gx, gy, Math.min(MAX_Z, B - base)],
    });
  }
}
