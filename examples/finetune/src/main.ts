/** Fine-tunes resnet18 on four Fashion-MNIST classes: `pnpm start --weights resnet18.pth`; `pnpm start -- --help` lists the options. */
import { main } from './cli';
process.exitCode = await main(process.argv.slice(2));
