// float32 matmul benchmark of the wasm runtime: GFLOP/s (median of several runs) for a few
// shapes with 1 and 2 threads, plus a quick correctness check (transposed/batched inputs).
// Usage: node native/wasm/bench/matmul.mjs [--simd=auto|baseline|relaxed] [--threads=1,2] [--runs=N]
//   --simd=auto (default) uses the relaxed-SIMD (FMA) build where available (in Node 20 the
//   runtime turns V8's flag on); --simd=baseline measures the plain SIMD128 build.
import { loadRuntime } from './load-runtime.mjs';

const arg = (name, dflt) => {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`));
  return a ? a.slice(name.length + 3) : dflt;
};
const R = await loadRuntime();
const { runChecks } = await import('./check.mjs');
const threadsList = arg('threads', '1,2').split(',').map(Number);
const runs = Number(arg('runs', '0'));

const shapes = [
  { name: '256x256 @ 256x256', M: 256, K: 256, N: 256 },
  { name: '512x512 @ 512x512', M: 512, K: 512, N: 512 },
  { name: '1024x1024 @ 1024x1024', M: 1024, K: 1024, N: 1024 },
  { name: '256x1024 @ 1024x10', M: 256, K: 1024, N: 10 },
  { name: '1024x1024 @ (1024x1024)^T', M: 1024, K: 1024, N: 1024, transB: true },
  { name: '8 x (128x128 @ 128x128)', M: 128, K: 128, N: 128, batch: 8 },
];

const rt = R.createRuntimeSync({ threads: Math.max(...threadsList), simd: arg('simd', 'auto') });
rt.waitReadySync();
console.log(`node ${process.version}, ${rt.wasmFile} (relaxed SIMD: ${rt.relaxedSimd})`);
const results = [];
for (const s of shapes) {
  const batch = s.batch ?? 1;
  const a = rt.malloc(batch * s.M * s.K * 4), b = rt.malloc(batch * s.K * s.N * 4), c = rt.malloc(batch * s.M * s.N * 4);
  rt.f32(a, batch * s.M * s.K).forEach((_, i, v) => (v[i] = Math.random() - 0.5));
  rt.f32(b, batch * s.K * s.N).forEach((_, i, v) => (v[i] = Math.random() - 0.5));
  const p = { M: s.M, N: s.N, K: s.K, batch, a, aRowStride: s.K, aColStride: 1, aBatchStride: s.M * s.K, b, bRowStride: s.transB ? 1 : s.N, bColStride: s.transB ? s.K : 1, bBatchStride: s.K * s.N, c };
  const flops = 2 * s.M * s.N * s.K * batch;
  const row = [s.name.padEnd(28)];
  for (const t of threadsList) {
    rt.setThreads(t);
    rt.waitReadySync();
    const n = runs || Math.max(5, Math.min(200, Math.round(3e9 / flops)));
    const warm = Math.max(3, Math.round(n / 3));
    for (let i = 0; i < warm; i++) R.matmul(rt, 'float32', p);
    const ts = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      R.matmul(rt, 'float32', p);
      ts.push(performance.now() - t0);
    }
    ts.sort((x, y) => x - y);
    const med = ts[ts.length >> 1];
    row.push(`${t}T ${(flops / med / 1e6).toFixed(1).padStart(5)} GFLOP/s (${med < 1 ? (med * 1000).toFixed(0) + ' us' : med.toFixed(2) + ' ms'})`);
  }
  console.log(row.join('   '));
  rt.free(a); rt.free(b); rt.free(c);
}
const chk = runChecks(rt, { quiet: true });
console.log(`correctness: ${chk.pass} passed, ${chk.fail} failed`);
process.exitCode = chk.fail ? 1 : 0;
