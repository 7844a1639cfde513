/** The command: parse the options, then print the help or run the program; returns the exit code. */
import { helpText, parseOptions, UsageError } from './options';
import { run, type RunIO } from './train';

export interface CliIO extends RunIO {
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
}

/**
 * Exit codes as argparse's: 0 done (or --help), 2 a mistake on the command line, 1 a failure while
 * running (missing or corrupt data, a bad checkpoint, …), each with one clear `error:` line.
 */
export async function main(argv: readonly string[], io: CliIO = {}): Promise<number> {
  const stdout = io.stdout ?? ((t: string) => void process.stdout.write(t));
  const stderr = io.stderr ?? ((t: string) => void process.stderr.write(t));
  const args = argv[0] === '--' ? argv.slice(1) : argv; // `pnpm start -- --epochs 1` passes the '--' on
  let options;
  try {
    options = parseOptions(args);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    stderr(`error: ${e.message}\nusage: pnpm start [options]  (pnpm start -- --help lists them)\n`);
    return 2;
  }
  if (options.help) {
    stdout(`${helpText()}\n`);
    return 0;
  }
  try {
    await run(options, { log: io.log ?? ((line) => stdout(`${line}\n`)), progressOut: io.progressOut, downloadInto: io.downloadInto });
    return 0;
  } catch (e) {
    const err = e as Error;
    stderr(`error: ${err.message}\n`);
    if (process.env.X_DEBUG) stderr(`${err.stack}\n`);
    return 1;
  }
}
