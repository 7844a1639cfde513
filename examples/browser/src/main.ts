/**
 * The page: choose a backend, train, draw the loss after every step. The end-to-end test reads the
 * outcome from `document.body.dataset` (state, backend) and `window.xLosses`.
 */
import { chooseBackend } from './choose-backend';
import { drawLoss } from './plot';
import { train } from './train';

declare global {
  interface Window {
    xLosses?: number[];
  }
}

const STEPS = Number(new URLSearchParams(location.search).get('steps') ?? 150);

async function main(): Promise<void> {
  const status = document.getElementById('status')!;
  const canvas = document.getElementById('loss') as HTMLCanvasElement;
  const chosen = await chooseBackend();
  document.getElementById('backend')!.textContent = chosen.label;
  document.body.dataset.backend = chosen.kind;
  document.body.dataset.state = 'training';
  const started = performance.now();
  const losses = await train({
    device: chosen.device,
    steps: STEPS,
    onStep: (l) => {
      window.xLosses = [...l];
      status.textContent = `step ${l.length} of ${STEPS}: loss ${l[l.length - 1]!.toFixed(4)}`;
      drawLoss(canvas, l, STEPS);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  status.textContent = `done: ${STEPS} steps in ${seconds.toFixed(1)} s, loss ${losses[0]!.toFixed(4)} → ${losses[losses.length - 1]!.toFixed(4)}`;
  document.body.dataset.state = 'done';
}

main().catch((e: unknown) => {
  const status = document.getElementById('status')!;
  status.textContent = `failed: ${e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e)}`;
  status.className = 'error';
  document.body.dataset.state = 'error';
});
