import { fileURLToPath } from 'node:url';
import { readdirSync, readFileSync } from 'node:fs';

// Tests import sibling packages from source, so `pnpm test` needs no prior build. A subpath export
// ('./testing' in package.json "exports") is src/<subpath>/index.ts; subpaths come first, since an
// alias for '@x/tensor' also matches '@x/tensor/testing'.
const packagesDir = fileURLToPath(new URL('./packages/', import.meta.url));
const subpathAliases: [string, string][] = [];
const packageAliases: [string, string][] = [];
for (const dir of readdirSync(packagesDir)) {
  const { exports = {} } = JSON.parse(readFileSync(`${packagesDir}${dir}/package.json`, 'utf8')) as { exports?: Record<string, unknown> };
  for (const subpath of Object.keys(exports)) {
    if (subpath !== '.') subpathAliases.push([`@x/${dir}/${subpath.slice(2)}`, `${packagesDir}${dir}/src/${subpath.slice(2)}/index.ts`]);
  }
  packageAliases.push([`@x/${dir}`, `${packagesDir}${dir}/src/index.ts`]);
}
export const workspaceAliases: Record<string, string> = Object.fromEntries([...subpathAliases, ...packageAliases]);
