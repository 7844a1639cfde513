import { defineConfig, type Options } from 'tsup';

/**
 * The build every package shares: ESM + CJS + .d.ts, side-effect-free unless the package says otherwise.
 * keepNames: esbuild renames a class that refers to itself (`var Sequential = class _Sequential`), and
 * printing, errors and pickles read `constructor.name` as PyTorch reads `type(obj).__name__`; with
 * keepNames every class and function gets its source name pinned by `Object.defineProperty`, which also
 * survives a user's minifier mangling the identifiers.
 */
export function packageConfig(entry: Options['entry'] = ['src/index.ts'], extra: Options = {}) {
  return defineConfig({ entry, format: ['esm', 'cjs'], dts: true, clean: true, sourcemap: true, target: 'es2022', treeshake: true, keepNames: true, ...extra });
}
