/**
 * torch.hub's load / list / help for a local directory (PyTorch's source='local'): the directory
 * holds a `hubconf.js` (or .mjs, .cjs) whose exported functions not starting with '_' are the entry
 * points, and whose optional `dependencies` export names the packages it needs, checked first as
 * PyTorch checks hubconf.py's. GitHub sources need a download PyTorch does with git archives; here
 * a repository is cloned by the user and its path given.
 */
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const HUBCONF = ['hubconf.js', 'hubconf.mjs', 'hubconf.cjs'];

type Entry = ((...args: unknown[]) => unknown) & { doc?: string };

function hubconfPath(repoOrDir: string, caller: string): string {
  if (typeof repoOrDir !== 'string' || repoOrDir === '') throw new TypeError(`hub.${caller}: expected the path of a local directory holding a hubconf.js, got ${JSON.stringify(repoOrDir)}`);
  const dir = resolve(repoOrDir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    const looksGithub = /^[\w.-]+\/[\w.-]+(:[\w./-]+)?$/.test(repoOrDir);
    throw new Error(
      `hub.${caller}: '${repoOrDir}' is not a local directory` +
        (looksGithub ? `; GitHub repositories are not fetched here: clone ${repoOrDir.split(':')[0]} and pass the clone's path` : ''),
    );
  }
  const file = HUBCONF.map((f) => join(dir, f)).find((f) => existsSync(f));
  if (!file) throw new Error(`hub.${caller}: ${dir} has no ${HUBCONF.join(', ')} (the file whose exported functions are the entry points)`);
  return file;
}

async function importHubconf(repoOrDir: string, caller: string): Promise<{ file: string; entries: Map<string, Entry> }> {
  const file = hubconfPath(repoOrDir, caller);
  const mod = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as Record<string, unknown>;
  // A CommonJS hubconf arrives as `default` (module.exports) plus what Node's scan found.
  const all: Record<string, unknown> = { ...(typeof mod.default === 'object' && mod.default !== null ? (mod.default as Record<string, unknown>) : {}), ...mod };
  const deps = all.dependencies;
  if (deps !== undefined) {
    if (!Array.isArray(deps) || deps.some((d) => typeof d !== 'string')) throw new TypeError(`hub.${caller}: ${file} exports 'dependencies' as ${typeof deps}; expected an array of package names`);
    const req = createRequire(file);
    const missing = deps.filter((d: string) => {
      try {
        req.resolve(d);
        return false;
      } catch {
        return true;
      }
    });
    if (missing.length) throw new Error(`hub.${caller}: missing dependencies of ${file}: ${missing.join(', ')} (install them where the directory can import them)`);
  }
  const entries = new Map<string, Entry>();
  for (const [name, v] of Object.entries(all)) if (typeof v === 'function' && !name.startsWith('_') && name !== 'default') entries.set(name, v as Entry);
  return { file, entries };
}

/** The entry points a local hubconf exports, sorted (torch.hub.list). */
export async function list(repoOrDir: string): Promise<string[]> {
  return [...(await importHubconf(repoOrDir, 'list')).entries.keys()].sort();
}

async function entry(repoOrDir: string, model: string, caller: string): Promise<Entry> {
  const { file, entries } = await importHubconf(repoOrDir, caller);
  const f = entries.get(model);
  if (!f) throw new Error(`hub.${caller}: cannot find callable ${model} in ${file}; it has ${[...entries.keys()].sort().join(', ') || 'none'}`);
  return f;
}

/** Calls entry point `model` of a local hubconf with `args`, awaiting what it returns (torch.hub.load). */
export async function load(repoOrDir: string, model: string, ...args: unknown[]): Promise<unknown> {
  return await (await entry(repoOrDir, model, 'load'))(...args);
}

/** An entry point's documentation: its `doc` property (a JavaScript function has no docstring), or ''. */
export async function help(repoOrDir: string, model: string): Promise<string> {
  return (await entry(repoOrDir, model, 'help')).doc ?? '';
}
