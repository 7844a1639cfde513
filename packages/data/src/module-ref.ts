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
 * What a worker imports to build its own copy of a dataset: `module`'s export `export` is a class
 * (called with `new` and `args`), a function (called with `args`, may be async), or the dataset itself.
 * `args` must survive a structured clone; tensors and datasets that have a worker source may appear
 * in them anywhere and are rebuilt in the worker.
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
  if (!(name in mod)) {
    throw new Error(`module ${specifier} has no export '${name}' (its exports: ${Object.keys(mod).join(', ') || 'none'})`);
  }
  return mod[name];
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
 * This package's entry module, which exports every built-in dataset class: what their worker
 * sources name (a bundle's chunk files may rename exports; the entry never does).
 */
export function packageEntry(): string {
  return new URL(import.meta.url.endsWith('.ts') ? './index.ts' : './index.js', import.meta.url).href;
}
