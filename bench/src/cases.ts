/** The benchmark cases of the tensor-core issue, shared by every runner (ours, tfjs, PyTorch). */

export interface Case {
  name: string;
  kind: 'matmul' | 'add' | 'sum' | 'tinyAdd' | 'mlpStep' | 'scalarChain' | 'convStep' | 'cnnStep';
  /** matmul: [M, K, N]; add/sum: [n]; tinyAdd: [count, size] */
  dims: number[];
  /** what one call does, in the unit's numerator: flops, bytes, or ops */
  work: number;
  unit: 'GFLOP/s' | 'GB/s' | 'ns/op' | 'ms';
  /** measured only by runners that have autograd (tfjs is skipped: its gradients are another API) */
  autograd?: boolean;
}

const mm = (M: number, K: number, N: number): Case => ({
  name: M === K && K === N ? `matmul ${M}x${M}` : `matmul ${M}x${K}x${N}`,
  kind: 'matmul',
  dims: [M, K, N],
  work: 2 * M * K * N,
  unit: 'GFLOP/s',
});

const N4M = 4 * 1024 * 1024;

export const CASES: Case[] = [
  mm(256, 256, 256),
  mm(512, 512, 512),
  mm(1024, 1024, 1024),
  mm(256, 1024, 10),
  { name: 'add 4M float32', kind: 'add', dims: [N4M], work: 3 * 4 * N4M, unit: 'GB/s' },
  { name: 'sum 4M float32', kind: 'sum', dims: [N4M], work: 4 * N4M, unit: 'GB/s' },
  { name: '100k adds of 2 floats', kind: 'tinyAdd', dims: [100_000, 2], work: 100_000, unit: 'ns/op' },
  // autograd: forward+backward of a 784-256-256-10 MLP on a batch of 256, and 10k scalar ops + backward
  { name: 'MLP 784-256-256-10 fwd+bwd, batch 256', kind: 'mlpStep', dims: [256, 784, 256, 256, 10], work: 1, unit: 'ms', autograd: true },
  { name: '10k scalar ops + backward', kind: 'scalarChain', dims: [5000], work: 1, unit: 'ms', autograd: true },
  // nn: Conv2d(32→64, k5) on 256×32×12×12, and the seed's Fashion-MNIST CNN on one batch of 256 (fwd+bwd)
  { name: 'Conv2d 32→64 k5, 256×32×12×12 fwd+bwd', kind: 'convStep', dims: [256, 32, 12, 12, 64, 5], work: 1, unit: 'ms', autograd: true },
  { name: 'Fashion-MNIST CNN fwd+bwd, batch 256', kind: 'cnnStep', dims: [256], work: 1, unit: 'ms', autograd: true },
];

/** The figure a case reports from a median time per call. */
export function rate(c: Case, seconds: number): number {
  if (c.unit === 'ns/op') return (seconds * 1e9) / c.work;
  if (c.unit === 'ms') return seconds * 1e3;
  return c.work / seconds / 1e9;
}

/** How many times faster @x is than a peer, from the two median times per call (>1: @x is faster). */
export function speedup(oursSeconds: number, peerSeconds: number): number {
  return peerSeconds / oursSeconds;
}
