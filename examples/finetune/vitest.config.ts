import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { workspaceAliases } from '../../vitest.shared.ts';

// --workers starts DataLoader worker threads; @x/data's test hook lets them load the workspace's sources as the aliases do here.
const workerLoader = fileURLToPath(new URL('../../packages/data/test/support/register-worker-loader.mjs', import.meta.url));

export default defineConfig({
  resolve: { alias: workspaceAliases },
  test: { include: ['test/**/*.test.ts'], testTimeout: 180000, hookTimeout: 180000, execArgv: ['--import', workerLoader] },
});
