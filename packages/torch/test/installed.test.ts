/**
 * The built packages find their .wasm next to their own files, whatever the working directory and
 * however Node loads them: plain `node` (ESM and CJS, `-e` and script files) in a temporary folder
 * whose node_modules links the package, as an installed dependency is. `node -e` matters: it defines
 * a global `__dirname` of '.', which an ESM module sees.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packages = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A temporary folder where `name` is installed (node_modules/<name> links the workspace package). */
function installedIn(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'x-installed-'));
  const link = join(dir, 'node_modules', ...name.split('/'));
  mkdirSync(dirname(link), { recursive: true });
  symlinkSync(join(packages, name.replace('@x/', '')), link, 'dir');
  return dir;
}

function node(cwd: string, args: string[]): string {
  const env = { ...process.env };
  delete env.X_BACKEND_WASM_DIR;
  delete env.NODE_OPTIONS; // vitest's loader hooks are not what a user's plain node has
  return execFileSync(process.execPath, args, { cwd, env, encoding: 'utf8', timeout: 60_000 }).trim();
}

const built = (name: string): boolean => existsSync(join(packages, name.replace('@x/', ''), 'dist', 'index.js'));

const cases: [string, string, string][] = [
  // [package, what to run once loaded (m is the module), what it prints]
  ['@x/backend-wasm', 'm.registerWasmBackend(); console.log(m.getNumThreads() >= 1)', 'true'],
  ['@x/torch', 'console.log(String(m.ones(2).add(1)))', 'tensor([2., 2.])'],
];

describe('the built packages load their .wasm from any working directory', () => {
  for (const [name, body, printed] of cases) {
    // @x/backend-wasm is built before these tests (turbo builds the dependencies); @x/torch when it was built.
    describe.skipIf(!built(name))(name, () => {
      it('ESM: node -e "import(...)" and a .mjs file', () => {
        const dir = installedIn(name);
        expect(node(dir, ['-e', `import('${name}').then((m) => { ${body} })`])).toBe(printed);
        writeFileSync(join(dir, 'main.mjs'), `import * as m from '${name}';\n${body};\n`);
        expect(node(dir, ['main.mjs'])).toBe(printed);
      });
      it('CJS: node -e "require(...)" and a .cjs file', () => {
        const dir = installedIn(name);
        expect(node(dir, ['-e', `const m = require('${name}'); ${body}`])).toBe(printed);
        writeFileSync(join(dir, 'main.cjs'), `const m = require('${name}');\n${body};\n`);
        expect(node(dir, ['main.cjs'])).toBe(printed);
      });
    });
  }
});
