/**
 * How a worker thread finds code: functions and class instances cannot be posted to a thread, so a
 * worker imports a module and takes one of its exports, the way PyTorch's spawned workers unpickle a
 * dataset by importing the module that defines it.
 */
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';

/** A module (a `file:` URL, an absolute path, or a package name) and the name of one of its exports. */
export interface ModuleRef {
  module: string | URL;
  /** The export to use; 'default' when left out. */
  export?: string;
}

/**
 * What a dataset's `workerSource()` returns when a worker should build its copy rather than receive
 * its fields (pickle's `__reduce__`): `module`'s export `export` is a class (called with `new` and
 * `args`), a function (called with `args`, may be async), or the dataset itself. `args` travel as a
 * dataset's fields do (tensors, datasets and exported functions included).
 */
export interface WorkerSource extends ModuleRef {
  args?: readonly unknown[];
}

export function isModuleRef(x: unknown): x is ModuleRef {
  return typeof x === 'object' && x !== null && 'module' in x && (typeof x.module === 'string' || x.module instanceof URL);
}

/** The specifier to import: URLs and absolute paths become `file:` URLs; package names stay as they are. */
export function moduleSpecifier(module: string | URL): string {
  if (module instanceof URL) return module.href;
  if (isAbsolute(module)) return pathToFileURL(module).href;
  if (module.startsWith('./') || module.startsWith('../')) {
    throw new Error(
      `a worker module must be a URL or an absolute path, not the relative path '${module}' (relative to what?): ` +
        `write new URL('${module}', import.meta.url)`,
    );
  }
  return module;
}

/** Imports ref's module and returns the export it names, or an error that says which exist. */
export async function importExport(ref: ModuleRef): Promise<unknown> {
  const specifier = moduleSpecifier(ref.module);
  const name = ref.export ?? 'default';
  const mod = (await import(/* @vite-ignore */ specifier)) as Record<string, unknown>;
  const value = exportOf(mod, name);
  if (value === undefined && !(name in mod)) {
    throw new Error(`module ${specifier} has no export '${name}' (its exports: ${Object.keys(mod).join(', ') || 'none'})`);
  }
  return value;
}

/** importExport for an export that must be a function; `role` (`'collateFn'`) names it in the error. */
export async function importFunction<F extends (...args: never[]) => unknown>(ref: ModuleRef, role: string): Promise<F> {
  const f = await importExport(ref);
  if (typeof f !== 'function') throw new TypeError(`${role}: the export '${ref.export ?? 'default'}' of ${String(ref.module)} is not a function`);
  return f as F;
}

/**
 * An export of an imported module. A CommonJS module imported with `import()` has its
 * `module.exports` as `default`, and as named exports only what Node's static scan of it found.
 */
export function exportOf(mod: Record<string, unknown>, name: string): unknown {
  if (name in mod) return mod[name];
  const cjs = mod.default as Record<string, unknown> | null | undefined;
  return (typeof cjs === 'object' || typeof cjs === 'function') && cjs !== null && name in cjs ? cjs[name] : undefined;
}

function isClass(f: Function): boolean {
  return /^class[\s{]/.test(Function.prototype.toString.call(f));
}

/** Builds what a WorkerSource describes: `new Export(...args)`, `await Export(...args)`, or the export itself. */
export async function instantiate(exported: unknown, args: readonly unknown[]): Promise<unknown> {
  if (typeof exported !== 'function') return exported;
  if (isClass(exported)) return new (exported as new (...a: unknown[]) => unknown)(...args);
  return await (exported as (...a: unknown[]) => unknown)(...args);
}

/**
 * A file of this package beside the running one, in the same form: `index.ts` when run from source
 * (tests), `index.js` from the ES module build, `index.cjs` from the CommonJS one. A worker thread
 * must load the same form as the main thread, or it would get a second copy of every class.
 */
export function packageFile(stem: 'index' | 'worker'): URL {
  const ext = /\.[cm]?[jt]s$/.exec(new URL(import.meta.url).pathname)?.[0] ?? '.js';
  return new URL(`./${stem}${ext}`, import.meta.url);
}

/**
 * This package's entry module, which exports every built-in dataset class: where workers find them
 * (a bundle's chunk files may rename exports; the entry never does).
 */
export function packageEntry(): string {
  return packageFile('index').href;
}
