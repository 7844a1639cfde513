import { defineConfig } from 'vitest/config';
// The end-to-end test builds the page with Vite (from the packages' dist builds) and drives Chromium.
// A run fails when its page stops making progress (test/e2e.test.ts); the overall limit only catches
// a page that creeps along for many minutes.
export default defineConfig({ test: { include: ['test/**/*.test.ts'], testTimeout: 900_000, hookTimeout: 240_000 } });
