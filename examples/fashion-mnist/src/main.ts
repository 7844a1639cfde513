/**
 * The seed's chapter "PyTorch实战": a CNN trained on Fashion-MNIST. Run from this folder:
 *
 *   pnpm start --epochs 1 --data /usr/share/datasets/fashion-mnist --seed 0
 *   pnpm start --help
 */
import { helpText, parseOptions, UsageError } from './options';
import { run } from './train';

async function main(argv: string[]): Promise<number> {
  let options;
  try {
    options = parseOptions(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`error: ${e.message}\nusage: pnpm start [options]  (pnpm start --help lists them)\n`);
    return 2;
  }
  if (options.help) {
    console.log(helpText());
    return 0;
  }
  try {
    await run(options);
    return 0;
  } catch (e) {
    const err = e as Error;
    process.stderr.write(`error: ${err.message}\n`);
    if (process.env.X_DEBUG) process.stderr.write(`${err.stack}\n`);
    return 1;
  }
}

// pnpm passes a literal '--' through when the user writes `pnpm start -- --epochs 1`.
const args = process.argv.slice(2);
if (args[0] === '--') args.shift();
process.exitCode = await main(args);
