/**
 * The conformance suite on a WebGPU backend whose second kernel family (reduce, scan, matmul, gather,
 * scatter, sort, im2col, col2im, softmax) is wired straight to src/kernels/*, registered as
 * 'webgpu-kernels' beside the real 'webgpu' backend. It checks those kernels through every op that
 * uses them, independently of how backend.ts wires them, and gives the kernels' bounds checks a
 * context that reads them back (deferCheck) before each read.
 */
import { describe, it } from 'vitest';
import { registerBackend } from '@x/tensor';
import type { Backend, Im2ColParams, ReduceOp, ScanOp, View } from '@x/tensor';
import { runConformance } from '../../tensor/test/conformance/run';
import { WebGPUBackend } from '../src/backend';
import type { BoundsMessage, CheckingContext } from '../src/kernels/bounds';
import { col2im } from '../src/kernels/col2im';
import { gather } from '../src/kernels/gather';
import { im2col } from '../src/kernels/im2col';
import { matmul } from '../src/kernels/matmul';
import { reduce } from '../src/kernels/reduce';
import { scan } from '../src/kernels/scan';
import { scatter } from '../src/kernels/scatter';
import { softmax } from '../src/kernels/softmax';
import { sort } from '../src/kernels/sort';
import { backend, skipReason } from './gpu';

const NAME = 'webgpu-kernels';

function kernelsBackend(device: GPUDevice): Backend {
  const b = new WebGPUBackend(device, 'kernels test');
  const rt = b.runtime;
  const checks: Promise<string | null>[] = [];
  const ctx: CheckingContext = {
    get limits() {
      return rt.limits;
    },
    scratch: (n) => rt.scratch(n),
    run: (p) => rt.run(p),
    deferCheck(src, words, check) {
      checks.push(rt.read(src, 0, words * 4).then((bytes) => check(new Uint32Array(bytes.buffer, bytes.byteOffset, words))));
    },
  };
  const read = b.read.bind(b);
  Object.defineProperty(b, 'name', { value: NAME });
  Object.assign(b, {
    async read(handle: unknown, dtype: Parameters<Backend['read']>[1], offset: number, length: number) {
      for (const m of await Promise.all(checks.splice(0))) if (m) throw new RangeError(m);
      return read(handle, dtype, offset, length);
    },
    reduce: (op: ReduceOp, x: View, out: View) => reduce(ctx, op, x, out),
    scan: (op: ScanOp, x: View, out: View, dim: number) => scan(ctx, op, x, out, dim),
    matmul: (a: View, bb: View, out: View) => matmul(ctx, a, bb, out),
    // `message`: the caller's wording of a bad index, where the tensor layer passes one
    gather: (x: View, dim: number, index: View, out: View, message?: BoundsMessage) => gather(ctx, x, dim, index, out, message),
    scatter: (dst: View, dim: number, index: View, src: View, mode: 'none' | 'add', message?: BoundsMessage) =>
      scatter(ctx, dst, dim, index, src, mode, message),
    sort: (x: View, descending: boolean, values: View, indices: View) => sort(ctx, x, descending, values, indices),
    im2col: (x: View, p: Im2ColParams, out: View) => im2col(ctx, x, p, out),
    col2im: (cols: View, p: Im2ColParams, out: View) => col2im(ctx, cols, p, out),
    softmax: (x: View, out: View, log: boolean) => softmax(ctx, x, out, log),
  });
  return b;
}

if (backend) {
  registerBackend(kernelsBackend(backend.gpuDevice), { priority: 0 });
  runConformance(NAME);
} else describe.skip(`conformance of the kernels — skipped: ${skipReason}`, () => it('needs a WebGPU adapter', () => {}));
