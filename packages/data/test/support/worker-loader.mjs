/**
 * Node module hooks for DataLoader worker threads when the tests run @x packages from source:
 * `@x/<name>` resolves to packages/<name>/src/index.ts (as vitest.shared.ts aliases it), extensionless
 * relative imports (and TypeScript-style `./x.js` ones) find their .ts file, and .ts is compiled with esbuild. Built packages need none of
 * this: their workers load dist/worker.js.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';

const packagesDir = fileURLToPath(new URL('../../../', import.meta.url));
// Compiled files are cached on disk (keyed by path, size and mtime): every worker thread has its own
// loader, and compiling the workspace's sources again in each would cost seconds per worker.
const cacheDir = fileURLToPath(new URL('../../node_modules/.cache/ts-worker-loader/', import.meta.url));
let esbuild;

async function compile(path) {
  const info = await stat(path);
  const key = createHash('sha1').update(`${path}\0${info.size}\0${info.mtimeMs}`).digest('hex');
  const cached = `${cacheDir}${key}.js`;
  try {
    return await readFile(cached, 'utf8');
  } catch {}
  esbuild ??= await import('esbuild');
  const source = await readFile(path, 'utf8');
  const out = await esbuild.transform(source, { loader: 'ts', format: 'esm', target: 'es2022', sourcemap: 'inline', sourcefile: path });
  await mkdir(cacheDir, { recursive: true });
  const tmp = `${cached}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  await writeFile(tmp, out.code);
  await rename(tmp, cached);
  return out.code;
}

function tsCandidate(path) {
  const stem = path.endsWith('.js') ? path.slice(0, -3) : path; // TypeScript's `./x.js` meaning ./x.ts
  for (const p of [path, `${stem}.ts`, `${path}/index.ts`]) if (p.endsWith('.ts') && existsSync(p)) return p;
  return null;
}

export async function resolve(specifier, context, nextResolve) {
  const scoped = /^@x\/([^/]+)$/.exec(specifier);
  if (scoped) {
    const entry = `${packagesDir}${scoped[1]}/src/index.ts`;
    if (existsSync(entry)) return { url: pathToFileURL(entry).href, shortCircuit: true };
  }
  if ((specifier.startsWith('./') || specifier.startsWith('../')) && context.parentURL?.endsWith('.ts')) {
    const found = tsCandidate(fileURLToPath(new URL(specifier, context.parentURL)));
    if (found) return { url: pathToFileURL(found).href, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}

export async function load(url, context, nextLoad) {
  if (!url.endsWith('.ts')) return nextLoad(url, context);
  return { format: 'module', source: await compile(fileURLToPath(url)), shortCircuit: true };
}
