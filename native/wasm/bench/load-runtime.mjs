// Loads packages/backend-wasm/src/runtime (TypeScript) for the standalone scripts in this folder:
// each .ts file is transpiled (types stripped, no bundling) into a temp folder and imported.
// The transpiler is esbuild or typescript, resolved from the repo (or NODE_PATH).
import { createRequire } from 'node:module';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
export const runtimeSrc = join(root, 'packages/backend-wasm/src/runtime');
export const wasmDir = join(root, 'packages/backend-wasm/wasm');

function findTranspiler() {
  const bases = [root, join(root, 'packages/backend-wasm'), ...(process.env.NODE_PATH ?? '').split(':').filter(Boolean)];
  for (const name of ['esbuild', 'typescript']) {
    for (const base of bases) {
      try {
        const req = createRequire(join(base, 'noop.js'));
        const mod = req(name);
        if (name === 'esbuild') return (src, file) => mod.transformSync(src, { loader: 'ts', format: 'esm', target: 'es2022', sourcefile: file }).code;
        return (src) => mod.transpileModule(src, { compilerOptions: { module: mod.ModuleKind.ESNext, target: mod.ScriptTarget.ES2022, verbatimModuleSyntax: false } }).outputText;
      } catch {}
    }
  }
  throw new Error('load-runtime: need esbuild or typescript (npm i in the repo, or set NODE_PATH)');
}

export async function loadRuntime() {
  const transpile = findTranspiler();
  const out = join(tmpdir(), `x-runtime-${process.pid}`);
  mkdirSync(out, { recursive: true });
  process.on('exit', () => rmSync(out, { recursive: true, force: true }));
  for (const f of readdirSync(runtimeSrc)) {
    if (!f.endsWith('.ts') || f.endsWith('.d.ts')) continue;
    const src = readFileSync(join(runtimeSrc, f), 'utf8');
    writeFileSync(join(out, f.replace(/\.ts$/, '.js')), transpile(src, f));
  }
  process.env.X_BACKEND_WASM_DIR ??= wasmDir;
  return import(pathToFileURL(join(out, 'node.js')).href);
}
