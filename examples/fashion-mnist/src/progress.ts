/**
 * A progress bar for one pass over a loader: redrawn in place on a terminal, or a few plain lines
 * (each quarter of the pass) when the output goes to a file or a pipe.
 */
export type ProgressMode = 'auto' | 'bar' | 'lines' | 'none';

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

export class Progress {
  private readonly mode: 'bar' | 'lines' | 'none';
  private readonly start = performance.now();
  private lastDraw = 0;
  private nextQuarter = 1;

  constructor(
    private readonly label: string,
    private readonly total: number,
    mode: ProgressMode,
    private readonly out: ProgressStream = process.stderr,
  ) {
    this.mode = mode === 'auto' ? (out.isTTY ? 'bar' : 'lines') : mode;
  }

  /** Reports that `done` of `total` batches are finished; `loss` is the running mean. */
  update(done: number, loss: number): void {
    const elapsed = performance.now() - this.start;
    if (this.mode === 'bar') {
      // Redraw at most ten times a second, and always at the end.
      if (done < this.total && elapsed - this.lastDraw < 100) return;
      this.lastDraw = elapsed;
      const width = 30;
      const filled = Math.round((done / this.total) * width);
      const eta = done > 0 ? ((this.total - done) * elapsed) / done : 0;
      this.out.write(
        `\r${this.label} [${'='.repeat(filled)}${filled < width ? '>' : ''}${' '.repeat(Math.max(0, width - filled - 1))}] ` +
          `${String(done).padStart(String(this.total).length)}/${this.total} loss ${loss.toFixed(4)} ${seconds(elapsed)} eta ${seconds(eta)}\x1b[K`,
      );
      if (done === this.total) this.out.write('\n');
    } else if (this.mode === 'lines') {
      if (this.nextQuarter > 4 || done < (this.nextQuarter * this.total) / 4) return;
      while (this.nextQuarter <= 4 && done >= (this.nextQuarter * this.total) / 4) this.nextQuarter++;
      this.out.write(`${this.label} ${done}/${this.total} batches, loss ${loss.toFixed(4)}, ${seconds(elapsed)}\n`);
    }
  }
}
