import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { workspaceAliases } from '../../vitest.shared.ts';

// DataLoader workers are real Node threads: they inherit execArgv, and this hook lets them load the
// workspace's TypeScript sources the way the aliases above do for the tests themselves.
const workerLoader = fileURLToPath(new URL('./test/support/register-worker-loader.mjs', import.meta.url));

export default defineConfig({
  resolve: { alias: workspaceAliases },
  test: { include: ['test/**/*.test.ts'], testTimeout: 60000, execArgv: ['--import', workerLoader, '--enable-source-maps'] },
});
