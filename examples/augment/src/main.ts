/** The seed's imgaug pipelines as a grid PNG: `pnpm start`; `pnpm start -- --help` lists the options. */
import { parseArgs } from 'node:util';
import { run } from './run';

const HELP = `usage: pnpm start [options]

Runs the seed's imgaug pipelines (torch.augment) on a generated test card and Fashion-MNIST items and
writes one grid PNG: each row is an input and four augmented copies.

options:
  --output PATH   the grid PNG (default: output/augment-grid.png)
  --seed N        torch.augment.seed(N), imgaug's ia.seed (default: 4, as the seed)
  --data DIR      Fashion-MNIST's IDX files (default: /usr/share/datasets/fashion-mnist, else the subset committed with examples/fashion-mnist)
  --tile N        each image's cell in the grid, in pixels (default: 128)
  -h, --help      show this help and exit`;

export async function main(argv: readonly string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: [...argv], options: { output: { type: 'string', default: 'output/augment-grid.png' }, seed: { type: 'string', default: '4' }, data: { type: 'string' }, tile: { type: 'string', default: '128' }, help: { type: 'boolean', short: 'h' } }, strict: true }));
  } catch (e) {
    console.error(`${(e as Error).message.split('\n')[0]}\n${HELP.split('\n')[0]}`);
    return 2;
  }
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const int = (name: string, raw: string, min: number): number => {
    if (/^\d+$/.test(raw) && Number(raw) >= min) return Number(raw);
    throw new Error(`--${name} expects an integer of at least ${min}, got '${raw}'`);
  };
  try {
    await run({ output: values.output!, seed: int('seed', values.seed!, 0), data: values.data ?? null, tile: int('tile', values.tile!, 16) });
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  return 0;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) process.exitCode = await main(process.argv.slice(2));
