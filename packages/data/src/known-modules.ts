/**
 * The modules a worker thread may import to find a class or a function by name, as pickle names a
 * class or a function by its module and qualified name: this package's entry and every module
 * `datasetFromModule` loaded in this thread. Values are looked up by identity among their exports.
 */
import { fileURLToPath } from 'node:url';
import * as dataEntry from './index';
import { exportOf, packageEntry } from './module-ref';

/** A value a worker gets by importing `module` and taking its export `name`. */
export interface ExportRef {
  module: string;
  name: string;
}

const modules: { specifier: string; namespace: Record<string, unknown> }[] = [];
let index: Map<unknown, ExportRef> | null = null;

/** Makes `namespace`'s exports findable by `findExport` (datasetFromModule calls it with each module it loads). */
export function rememberModule(specifier: string, namespace: Record<string, unknown>): void {
  if (modules.some((m) => m.specifier === specifier)) return;
  modules.push({ specifier, namespace });
  index = null;
}

function knownModules(): { specifier: string; namespace: Record<string, unknown> }[] {
  // This package first: a built-in class re-exported by a user's module is still taken from here.
  return [{ specifier: packageEntry(), namespace: dataEntry as unknown as Record<string, unknown> }, ...modules];
}

function buildIndex(): Map<unknown, ExportRef> {
  const found = new Map<unknown, ExportRef>();
  for (const { specifier, namespace } of knownModules()) {
    const names = new Set(Object.keys(namespace));
    // A CommonJS module's exports, where Node's scan of it missed some (exportOf looks there too).
    const cjs = namespace.default;
    if (typeof cjs === 'object' && cjs !== null && Object.getPrototypeOf(cjs) === Object.prototype) for (const k of Object.keys(cjs)) names.add(k);
    for (const name of names) {
      const value = exportOf(namespace, name);
      if ((typeof value === 'function' || (typeof value === 'object' && value !== null)) && !found.has(value)) found.set(value, { module: specifier, name });
    }
  }
  return found;
}

/** Where a worker can import `value` from: a module and export name, or undefined when no known module exports it. */
export function findExport(value: unknown): ExportRef | undefined {
  index ??= buildIndex();
  return index.get(value);
}

/** The known modules, for error messages: paths for files, names for packages; this package as '@x/data'. */
export function describeKnownModules(): string {
  const names = knownModules().map(({ specifier }, i) => (i === 0 ? '@x/data' : specifier.startsWith('file:') ? fileURLToPath(specifier) : specifier));
  return names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ');
}
