import { defineConfig } from 'vitest/config';
import { workspaceAliases } from '../../vitest.shared.ts';
// SwiftShader runs the WGSL on the CPU, and CI runs other packages' tests beside these on two cores:
// a kernel test that takes 20 s alone can take minutes there, so the limit is generous (a hang still fails).
// Dawn crashes under the default forks pool, hence threads.
export default defineConfig({ resolve: { alias: workspaceAliases }, test: { pool: 'threads', include: ['test/**/*.test.ts'], testTimeout: 300_000 } });
