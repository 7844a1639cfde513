import { packageConfig } from '../../tsup.base';

// Two entries: the library, and @x/tensor/testing (the backend kit). The kit imports the library by
// its package name, kept external, so both resolve to one module at run time (one registry, one
// Tensor class) in ESM and CJS alike, and its .d.ts refers to the library's declarations.
export default packageConfig({ index: 'src/index.ts', testing: 'src/testing/index.ts' }, { external: ['@x/tensor'] });
