// Correctness check of the wasm matmul kernels against a naive JS matmul (float64 accumulation):
// plain, transposed (strided) inputs, batched and broadcast batches, alpha/beta, edge sizes,
// f32/f64/i32/i64, 1 and 2 threads, every build (plain SIMD128, relaxed SIMD, single-threaded).
// Usage: node native/wasm/bench/check.mjs
import { loadRuntime } from './load-runtime.mjs';

const R = await loadRuntime();

/** Deterministic pseudo-random numbers. */
function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296) - 0.5;
}

const ELEM = { float32: 4, float64: 8, int32: 4, int64: 8 };
function view(rt, dtype, ptr, n) {
  return dtype === 'float32' ? rt.f32(ptr, n) : dtype === 'float64' ? rt.f64(ptr, n) : dtype === 'int32' ? rt.i32(ptr, n) : rt.i64(ptr, n);
}

/**
 * One case: logical A[batch][M][K], B[batch][K][N] stored with the given layouts
 * (transA: stored as K x M; transB: stored as N x K; broadcast: batch stride 0).
 */
export function checkCase(rt, c) {
  const { dtype = 'float32', M, N, K, batch = 1, transA = false, transB = false, bcastA = false, bcastB = false, nparts } = c;
  const isInt = dtype === 'int32' || dtype === 'int64';
  // integer kernels truncate alpha and beta
  const alpha = isInt ? Math.trunc(c.alpha ?? 1) : c.alpha ?? 1, beta = isInt ? Math.trunc(c.beta ?? 0) : c.beta ?? 0;
  const r = rng(M * 131 + N * 7 + K * 3 + batch);
  const gen = () => (isInt ? Math.round(r() * 20) : r());
  const aCount = (bcastA ? 1 : batch) * M * K, bCount = (bcastB ? 1 : batch) * K * N, cCount = batch * M * N;
  const es = ELEM[dtype];
  const a = rt.malloc(aCount * es), b = rt.malloc(bCount * es), cp = rt.malloc(cCount * es);
  const Av = Array.from({ length: aCount }, gen), Bv = Array.from({ length: bCount }, gen), C0 = Array.from({ length: cCount }, gen);
  const put = (ptr, vals) => { const v = view(rt, dtype, ptr, vals.length); vals.forEach((x, i) => (v[i] = dtype === 'int64' ? BigInt(x) : x)); };
  put(a, Av); put(b, Bv); put(cp, C0);
  const aRs = transA ? 1 : K, aCs = transA ? M : 1, bRs = transB ? 1 : N, bCs = transB ? K : 1;
  R.matmul(rt, dtype, { M, N, K, batch, a, aRowStride: aRs, aColStride: aCs, aBatchStride: bcastA ? 0 : M * K, b, bRowStride: bRs, bColStride: bCs, bBatchStride: bcastB ? 0 : K * N, c: cp, alpha: c.alpha ?? 1, beta: c.beta ?? 0 }, nparts);
  const out = Array.from(view(rt, dtype, cp, cCount), Number);
  let maxErr = 0;
  for (let bi = 0; bi < batch; bi++) {
    const ao = bcastA ? 0 : bi * M * K, bo = bcastB ? 0 : bi * K * N;
    for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) {
      let s = 0, sa = 0;
      for (let k = 0; k < K; k++) { const p = Av[ao + i * aRs + k * aCs] * Bv[bo + k * bRs + j * bCs]; s += p; sa += Math.abs(p); }
      const ref = alpha * s + (beta === 0 ? 0 : beta * C0[bi * M * N + i * N + j]);
      const got = out[bi * M * N + i * N + j];
      if (isInt) { if (dtype === 'int32' ? (ref | 0) !== got : ref !== got) maxErr = Infinity; }
      else maxErr = Math.max(maxErr, Math.abs(got - ref) / (Math.abs(alpha) * sa + Math.abs(beta) + 1e-30));
    }
  }
  rt.free(a); rt.free(b); rt.free(cp);
  const tol = dtype === 'float32' ? 2e-6 * Math.sqrt(K + 1) + 1e-6 : dtype === 'float64' ? 1e-13 : 0;
  return { ok: maxErr <= tol, maxErr, tol };
}

export function runChecks(rt, { quiet = false } = {}) {
  const cases = [];
  for (const dtype of ['float32', 'float64', 'int32', 'int64']) {
    for (const [M, N, K] of [[1, 1, 1], [2, 16, 4], [3, 17, 5], [1, 33, 7], [37, 1, 19], [64, 64, 64], [65, 47, 300], [130, 70, 513], [256, 10, 1024], [7, 600, 9], [0, 5, 3], [4, 5, 0]]) {
      if (dtype !== 'float32' && M * N * K > 2e6) continue;
      for (const transA of [false, true]) for (const transB of [false, true]) cases.push({ dtype, M, N, K, transA, transB });
    }
    cases.push({ dtype, M: 9, N: 18, K: 11, batch: 3 });
    cases.push({ dtype, M: 9, N: 18, K: 11, batch: 4, bcastA: true, transB: true });
    cases.push({ dtype, M: 33, N: 20, K: 40, batch: 5, bcastB: true, transA: true });
    cases.push({ dtype, M: 2, N: 300, K: 20, batch: 3, nparts: 2 });
    cases.push({ dtype, M: 17, N: 19, K: 23, alpha: 2, beta: 3 });
    cases.push({ dtype, M: 17, N: 19, K: 300, alpha: dtype.startsWith('int') ? -1 : 0.5, beta: 1, transA: true });
    cases.push({ dtype, M: 5, N: 6, K: 0, beta: 2 });
    cases.push({ dtype, M: 2, N: 40, K: 9, alpha: 2, beta: 3, transA: true });
    cases.push({ dtype, M: 1, N: 1100, K: 1030, beta: 1 });
    cases.push({ dtype, M: 2, N: 1030, K: 7, batch: 3, bcastA: true, nparts: 3 });
    cases.push({ dtype, M: 7, N: 1, K: 1031, alpha: -1, beta: 0.5 });
  }
  cases.push({ M: 300, N: 530, K: 270, nparts: 2 });
  cases.push({ M: 300, N: 530, K: 270, nparts: 7 });
  cases.push({ M: 3, N: 1000, K: 64, nparts: 2, transB: true });
  cases.push({ M: 64, N: 64, K: 64, batch: 9, nparts: 2, bcastB: true });
  let pass = 0, fail = 0;
  for (const c of cases) {
    const r = checkCase(rt, c);
    if (r.ok) pass++;
    else { fail++; console.log('FAIL', JSON.stringify(c), `maxErr=${r.maxErr} tol=${r.tol}`); }
  }
  if (!quiet) console.log(`${rt.wasmFile}, ${rt.threads} thread(s): ${pass} passed, ${fail} failed`);
  return { pass, fail };
}

/** Heap allocator: alignment, no overlap between live blocks, reuse (flat memory), stats. */
export function checkHeap(rt) {
  const h = rt.heap;
  const base = h.stats();
  const r = rng(7);
  const live = new Map();
  let fail = 0;
  const sizes = () => { const u = r() + 0.5; return u < 0.6 ? Math.floor(u * 300) : u < 0.9 ? Math.floor(u * 40000) : Math.floor(u * 3e6); };
  let peakHeap = 0;
  for (let round = 0; round < 2; round++) {
    for (let i = 0; i < 20000; i++) {
      if (live.size > 0 && (r() < 0 || live.size > 200)) {
        const keys = [...live.keys()];
        const p = keys[Math.floor((r() + 0.5) * keys.length) % keys.length];
        h.free(p); live.delete(p);
      } else {
        const n = sizes(); const p = h.malloc(n);
        if (p % 16 !== 0 || p === 0) { console.log('FAIL heap alignment', p); fail++; }
        live.set(p, n);
      }
    }
    // no overlap
    const blocks = [...live.entries()].sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < blocks.length; i++) if (blocks[i - 1][0] + blocks[i - 1][1] > blocks[i][0]) { console.log('FAIL heap overlap'); fail++; break; }
    for (const p of live.keys()) h.free(p);
    live.clear();
    const st = h.stats();
    if (st.allocations !== base.allocations || st.inUse !== base.inUse) { console.log('FAIL heap stats after free-all', st, base); fail++; }
    if (round === 0) peakHeap = st.memoryBytes;
    else if (st.memoryBytes > peakHeap) { console.log('FAIL heap grew on the same workload', st.memoryBytes, peakHeap); fail++; }
  }
  let threw = false;
  try { h.free(12345); } catch { threw = true; }
  if (!threw) { console.log('FAIL heap accepted a bad free'); fail++; }
  return fail;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let fail = 0, pass = 0;
  {
    const f = checkHeap(R.createRuntimeSync({ threads: 1 }));
    if (f) fail += f; else pass++;
    console.log(`heap: ${f ? 'FAILED' : 'ok'}`);
  }
  for (const [threads, simd] of [[1, 'baseline'], [2, 'baseline'], [1, 'auto'], [2, 'auto']]) {
    const rt = R.createRuntimeSync({ threads, simd });
    rt.waitReadySync();
    const before = rt.memoryStats().allocations;
    const r = runChecks(rt);
    pass += r.pass; fail += r.fail;
    const st = rt.memoryStats();
    if (st.allocations !== before) { console.log(`FAIL leak: ${st.allocations - before} allocations live`); fail++; }
    rt.dispose();
  }
  // single-threaded (non-shared memory) builds
  for (const simd of ['baseline', 'auto']) {
    const r = runChecks(R.createRuntimeSync({ singleThreaded: true, simd }));
    pass += r.pass; fail += r.fail;
  }
  console.log(`${pass} passed, ${fail} failed`);
  process.exitCode = fail ? 1 : 0;
}
