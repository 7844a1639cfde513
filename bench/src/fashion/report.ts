/** What each side of the Fashion-MNIST benchmark prints (one JSON line on stdout). */
export interface EpochReport {
  /** Wall seconds of one training pass over the data, data loading included. */
  seconds: number;
  /** Resident memory after the epoch, MiB. */
  rssMiB: number;
  /** Mean training loss of the pass (shows it learns). */
  loss: number;
}

export interface SideReport {
  name: string;
  /** What it ran: the backend, threads, and what it could not do. */
  detail: string;
  epochs: EpochReport[];
  /** The process's peak resident memory, MiB. */
  peakRssMiB: number;
  /** Why it could not train, when it could not (its epochs are then forward-only). */
  cannotTrain?: string;
}

export interface SideArgs {
  data: string;
  epochs: number;
  batchSize: number;
}

export function parseSideArgs(argv: readonly string[]): SideArgs {
  const get = (name: string, fallback: string): string => {
    const i = argv.indexOf(name);
    return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : fallback;
  };
  return { data: get('--data', '/usr/share/datasets/fashion-mnist'), epochs: Number(get('--epochs', '3')), batchSize: Number(get('--batch-size', '256')) };
}

export function rssMiB(): number {
  return process.memoryUsage().rss / 2 ** 20;
}

export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}
