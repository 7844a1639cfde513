import { packageConfig } from '../../tsup.base';

// shims: import.meta.url in the CommonJS build (hub.load imports a local directory's entry file).
export default packageConfig(['src/index.ts'], { shims: true });
