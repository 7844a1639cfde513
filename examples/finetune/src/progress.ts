/** Progress through one pass: a bar redrawn in place on a terminal, else a line at each quarter. */
export const PROGRESS_MODES = ['auto', 'bar', 'lines', 'none'] as const;
export type ProgressMode = (typeof PROGRESS_MODES)[number];
export type ProgressStream = { write(text: string): unknown; isTTY?: boolean };

/** A reporter for a pass of `total` batches, called with the batches done and the mean loss so far. */
export function progressBar(label: string, total: number, mode: ProgressMode, out: ProgressStream = process.stderr) {
  const style = mode === 'auto' ? (out.isTTY ? 'bar' : 'lines') : mode;
  const start = performance.now();
  let nextLine = 1;
  return (done: number, loss: number): void => {
    const seconds = (performance.now() - start) / 1000;
    const status = `${label} ${done}/${total}, loss ${loss.toFixed(4)}, ${seconds.toFixed(1)}s`;
    if (style === 'bar') {
      const filled = Math.round((24 * done) / total);
      out.write(`\r${label} |${'█'.repeat(filled)}${' '.repeat(24 - filled)}| ${status.slice(label.length + 1)}\x1b[K${done === total ? '\n' : ''}`);
    } else if (style === 'lines' && done * 4 >= nextLine * total) {
      out.write(`${status}\n`);
      while (done * 4 >= nextLine * total) nextLine++;
    }
  };
}
