/** The command: exit 0 when done, 2 on a bad option (as argparse), 1 on a failure while running; each error is one `error:` line. */
import { helpText, parseOptions, UsageError } from './options';
import { run } from './train';

export type Output = { log?: (line: string) => void; stdout?: (text: string) => void; stderr?: (text: string) => void };

export async function main(argv: readonly string[], output: Output = {}): Promise<number> {
  const stdout = output.stdout ?? ((text: string) => void process.stdout.write(text));
  const stderr = output.stderr ?? ((text: string) => void process.stderr.write(text));
  try {
    const options = parseOptions(argv.filter((arg, i) => i > 0 || arg !== '--')); // `pnpm start -- --help` passes the '--' on
    if (options.help) stdout(`${helpText()}\n`);
    else await run(options, output.log ?? ((line) => stdout(`${line}\n`)));
    return 0;
  } catch (e) {
    if (!(e instanceof UsageError)) {
      stderr(`error: ${(e as Error).message}\n`);
      return 1;
    }
    stderr(`error: ${e.message}\nusage: pnpm start [options]  (pnpm start -- --help lists them)\n`);
    return 2;
  }
}
