import { packageConfig } from '../../tsup.base';

// worker-names is what DataLoader workers import to find vision's dataset classes by name; ESM
// splitting keeps one copy of the shared modules. shims: import.meta.url in the CommonJS build.
export default packageConfig(['src/index.ts', 'src/browser.ts', 'src/worker-names.ts'], { shims: true });
