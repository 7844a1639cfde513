/** Trains a CNN on Fashion-MNIST: `pnpm start --epochs 1`; `pnpm start -- --help` lists the options. */
import { main } from './cli';
process.exitCode = await main(process.argv.slice(2));
