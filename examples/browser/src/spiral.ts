/**
 * The classic two-arm spiral: points of class k lie on the arm r = t, angle = 2πt + kπ, with
 * Gaussian noise. Made on the CPU (as data usually is) and moved to `device`; deterministic for a seed.
 */
import * as torch from '@x/tensor';

export interface Spiral {
  /** [n, 2] float32 points and [n] int64 labels, on `device`. */
  readonly x: torch.Tensor;
  readonly y: torch.Tensor;
}

export function spiral(perClass: number, device: string, seed = 0): Spiral {
  const gen = new torch.Generator().manualSeed(seed);
  return torch.tidy(() => {
    const t = torch.linspace(0.05, 1, perClass);
    const arms = [0, 1].map((k) => {
      const angle = t.mul(2 * Math.PI).add(k * Math.PI);
      const noise = torch.randn([perClass, 2], { generator: gen }).mul(0.04);
      return torch.stack([t.mul(angle.cos()), t.mul(angle.sin())], 1).add(noise);
    });
    const x = torch.cat(arms, 0).to(device);
    const y = torch.cat([torch.zeros([perClass], { dtype: torch.int64 }), torch.ones([perClass], { dtype: torch.int64 })]).to(device);
    return { x, y };
  });
}
