import { defineConfig } from 'vitest/config';
import { workspaceAliases } from '../../vitest.shared.ts';
// The memory tests run the seed's training loop for many steps: ~20 s alone, minutes when CI's other suites share the
// two cores. A limit catches a hang; boundedness is what they check.
export default defineConfig({ resolve: { alias: workspaceAliases }, test: { include: ['test/**/*.test.ts'], testTimeout: 300_000 } });
