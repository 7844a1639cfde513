/**
 * The seed's chapter "PyTorch实战": a CNN trained on Fashion-MNIST. Run from this folder:
 *
 *   pnpm start --epochs 1 --data /usr/share/datasets/fashion-mnist --seed 0
 *   pnpm start --help
 */
import { main } from './cli';

process.exitCode = await main(process.argv.slice(2));
