import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { workspaceAliases } from '../../vitest.shared.ts';

// --workers runs DataLoader worker threads that import src/datasets.mjs and, through it, @x/data:
// @x/data's test hook lets those threads load the workspace's sources as the aliases do here.
const workerLoader = fileURLToPath(new URL('../../packages/data/test/support/register-worker-loader.mjs', import.meta.url));

export default defineConfig({
  resolve: { alias: workspaceAliases },
  test: { include: ['test/**/*.test.ts'], testTimeout: 180000, hookTimeout: 180000, execArgv: ['--import', workerLoader] },
});
