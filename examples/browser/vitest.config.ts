import { defineConfig } from 'vitest/config';
// The end-to-end test builds the page with Vite (from the packages' dist builds) and drives Chromium.
export default defineConfig({ test: { include: ['test/**/*.test.ts'], testTimeout: 240000, hookTimeout: 240000 } });
