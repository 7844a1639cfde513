import { packageConfig } from '../../tsup.base';

// worker-names is what DataLoader workers import to find vision's dataset classes by name; ESM
// splitting keeps one copy of the shared modules. shims: import.meta.url in the CommonJS build.
// Each public entry gets its declarations from a build of its own: declarations bundled from
// several entries share chunks whose types no entry exports (TS2742 for a user's declaration emit).
export default [
  packageConfig(['src/index.ts', 'src/browser.ts', 'src/worker-names.ts'], { shims: true, dts: { entry: { index: 'src/index.ts' } } }),
  packageConfig({ browser: 'src/browser.ts' }, { dts: { only: true }, clean: false }),
];
