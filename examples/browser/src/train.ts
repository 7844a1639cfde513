/**
 * A small MLP (2 → 64 → 64 → 2) learning the spiral with Adam: the same code on every device, the
 * loss read back with `await loss.itemAsync()` (GPU values are only readable asynchronously).
 */
import '@x/autograd';
import * as nn from '@x/nn';
import { Adam } from '@x/optim';
import * as torch from '@x/tensor';
import { spiral } from './spiral';

export interface TrainOptions {
  readonly device: string;
  readonly steps: number;
  readonly seed?: number;
  /** Called after every step with the losses so far. */
  readonly onStep: (losses: readonly number[]) => void;
}

export async function train(options: TrainOptions): Promise<number[]> {
  torch.manualSeed(options.seed ?? 0);
  const model = new nn.Sequential(new nn.Linear(2, 64), new nn.ReLU(), new nn.Linear(64, 64), new nn.ReLU(), new nn.Linear(64, 2));
  model.to(options.device);
  const data = spiral(200, options.device, options.seed ?? 0);
  const opt = new Adam(model.parameters(), { lr: 0.01 });
  const losses: number[] = [];
  // As PyTorch users write it, with no tidy or dispose: awaiting the loss each step lets the
  // browser run the finalizers of what the step dropped (docs/memory.md).
  for (let step = 0; step < options.steps; step++) {
    opt.zeroGrad();
    const loss = nn.functional.crossEntropy(model.forward(data.x) as torch.Tensor, data.y);
    loss.backward();
    opt.step();
    losses.push(await loss.itemAsync());
    options.onStep(losses);
  }
  data.x.dispose();
  data.y.dispose();
  return losses;
}
