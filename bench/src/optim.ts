/**
 * One optimizer step at the scale of the seed's Fashion-MNIST CNN: torch.optim.Adam over its
 * 582,026 float32 parameters (conv1 32x1x5x5+32, conv2 64x32x5x5+64, fc1 512x1024+512,
 * fc2 10x512+10) with random gradients. The PyTorch peer is bench/torch_peer_optim.py.
 */
import * as torch from '@x/torch';
import { Adam } from '@x/optim';
import { time, type Timing } from './timing';

/** The parameter shapes of the seed's CNN (examples/fashion-mnist). */
export const CNN_PARAMETER_SHAPES: readonly (readonly number[])[] = [[32, 1, 5, 5], [32], [64, 32, 5, 5], [64], [512, 1024], [512], [10, 512], [10]];

/** Median seconds of one `Adam.step()` (lr 1e-3, defaults otherwise) over the CNN's parameters. */
export function adamStep(options: { minRuns?: number; budget?: number } = {}): Timing {
  torch.manualSeed(0);
  const params = CNN_PARAMETER_SHAPES.map((s) => torch.randn([...s]).mul(0.05).requiresGrad_());
  const count = params.reduce((n, p) => n + p.numel(), 0);
  if (count !== 582026) throw new Error(`expected 582,026 parameters, got ${count}`);
  for (const p of params) p.grad = torch.randn([...p.shape]);
  const opt = new Adam(params, { lr: 1e-3 });
  const t = time(() => opt.step(), { minRuns: options.minRuns ?? 20, budget: options.budget ?? 1.5, warmup: 3 });
  for (const p of params) {
    p.grad?.dispose();
    p.dispose();
  }
  return t;
}
