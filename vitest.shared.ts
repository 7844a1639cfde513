import { fileURLToPath } from 'node:url';
import { readdirSync } from 'node:fs';

// Tests import sibling packages from source, so `pnpm test` needs no prior build.
const packagesDir = fileURLToPath(new URL('./packages/', import.meta.url));
export const workspaceAliases: Record<string, string> = Object.fromEntries(
  readdirSync(packagesDir).map((dir) => [`@x/${dir}`, `${packagesDir}${dir}/src/index.ts`]),
);
