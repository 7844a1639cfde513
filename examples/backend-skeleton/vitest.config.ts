import { defineConfig } from 'vitest/config';

// No aliases to the workspace's sources: @x/tensor and @x/tensor/testing are the built package, as a
// backend outside this repository gets them from npm (turbo builds @x/tensor before this test runs).
export default defineConfig({ test: { include: ['test/**/*.test.ts'], testTimeout: 60000 } });
