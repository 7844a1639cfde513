/** The command: parse the options, then print the help or run. Exit codes are argparse's: 0 done, 2 a bad option, 1 a failure while running. */
import { helpText, parseOptions, UsageError } from './options';
import { run } from './train';

/** Runs the command; every error is one `error:` line. */
export async function main(argv: readonly string[], io: { log?: (line: string) => void; stdout?: (text: string) => void; stderr?: (text: string) => void } = {}): Promise<number> {
  const { stdout = (text: string) => void process.stdout.write(text), stderr = (text: string) => void process.stderr.write(text) } = io;
  try {
    const options = parseOptions(argv[0] === '--' ? argv.slice(1) : argv); // `pnpm start -- --help` passes the '--' on
    if (options.help) stdout(`${helpText()}\n`);
    else await run(options, io.log ?? ((line) => stdout(`${line}\n`)));
    return 0;
  } catch (e) {
    const usage = e instanceof UsageError;
    stderr(`error: ${(e as Error).message}\n${usage ? 'usage: pnpm start [options]  (pnpm start -- --help lists them)\n' : ''}`);
    return usage ? 2 : 1;
  }
}
