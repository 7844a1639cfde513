import { defineConfig, type Options } from 'tsup';

/** The build every package shares: ESM + CJS + .d.ts, side-effect-free unless the package says otherwise. */
export function packageConfig(entry: string[] = ['src/index.ts'], extra: Options = {}) {
  return defineConfig({ entry, format: ['esm', 'cjs'], dts: true, clean: true, sourcemap: true, target: 'es2022', treeshake: true, ...extra });
}
