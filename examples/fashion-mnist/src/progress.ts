/** Progress through one pass: a bar redrawn in place on a terminal, else a plain line each quarter of the pass. */
export const PROGRESS_MODES = ['auto', 'bar', 'lines', 'none'] as const;
export type ProgressStream = { write(text: string): unknown; isTTY?: boolean };

/** The reporter of one pass of `total` batches: call it with the batches done and the mean loss so far. */
export function progress(label: string, total: number, mode: (typeof PROGRESS_MODES)[number], out: ProgressStream = process.stderr) {
  const style = mode === 'auto' ? (out.isTTY ? 'bar' : 'lines') : mode;
  const start = performance.now();
  let quarter = 1;
  return (done: number, loss: number): void => {
    const status = `${label} ${done}/${total} batches, loss ${loss.toFixed(4)}, ${((performance.now() - start) / 1000).toFixed(1)}s`;
    if (style === 'bar') out.write(`\r[${'='.repeat(Math.round((20 * done) / total)).padEnd(20)}] ${status}\x1b[K${done === total ? '\n' : ''}`);
    if (style !== 'lines' || done < (quarter * total) / 4) return;
    while (quarter <= 4 && done >= (quarter * total) / 4) quarter++;
    out.write(`${status}\n`);
  };
}
