import { packageConfig } from '../../tsup.base';

// shims: import.meta.url in the CommonJS build, which tells DataLoader workers where this package's entry is.
export default packageConfig(['src/index.ts'], { shims: true });
