/** The loss curve on a canvas, redrawn whole after each step (a few hundred points). */
export function drawLoss(canvas: HTMLCanvasElement, losses: readonly number[], totalSteps: number): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const { width, height } = canvas;
  const pad = 36;
  ctx.clearRect(0, 0, width, height);
  ctx.strokeStyle = '#999';
  ctx.lineWidth = 1;
  ctx.strokeRect(pad, 8, width - pad - 8, height - pad - 8);
  if (losses.length === 0) return;
  const top = Math.max(...losses);
  const x = (i: number): number => pad + ((width - pad - 8) * i) / Math.max(totalSteps - 1, 1);
  const y = (v: number): number => 8 + (height - pad - 16) * (1 - v / top);
  ctx.fillStyle = '#444';
  ctx.font = '12px system-ui, sans-serif';
  ctx.fillText(top.toFixed(2), 2, 18);
  ctx.fillText('0', 2, height - pad);
  ctx.fillText(`step ${losses.length} / ${totalSteps}`, width - 120, height - 12);
  ctx.strokeStyle = '#1f6feb';
  ctx.lineWidth = 2;
  ctx.beginPath();
  losses.forEach((v, i) => (i === 0 ? ctx.moveTo(x(i), y(v)) : ctx.lineTo(x(i), y(v))));
  ctx.stroke();
}
