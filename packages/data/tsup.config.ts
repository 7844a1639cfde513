import { packageConfig } from '../../tsup.base';

// worker.ts is the entry each DataLoader worker thread runs; ESM splitting keeps one copy of the
// shared modules, so a user's dataset module and the worker see the same classes.
export default packageConfig(['src/index.ts', 'src/worker.ts'], { shims: true });
