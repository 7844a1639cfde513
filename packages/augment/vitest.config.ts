import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { workspaceAliases } from '../../vitest.shared.ts';

// DataLoader workers are Node threads: this hook (@x/data's) lets them load the workspace's sources.
const workerLoader = fileURLToPath(new URL('../data/test/support/register-worker-loader.mjs', import.meta.url));

export default defineConfig({
  resolve: { alias: workspaceAliases },
  test: { include: ['test/**/*.test.ts'], testTimeout: 120000, execArgv: ['--import', workerLoader, '--enable-source-maps'] },
});
