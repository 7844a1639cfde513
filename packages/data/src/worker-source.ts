/**
 * Getting a dataset into a worker thread. The worker receives it as it is in the main thread (its
 * class and its fields, see state-encode.ts), as PyTorch's spawned workers unpickle it; what a
 * worker needs to find by name (the dataset's class, a transform function) it imports from this
 * package or from a module `datasetFromModule` loaded.
 */
import { describe } from './args';
import { rememberModule } from './known-modules';
import { importExport, instantiate, moduleSpecifier } from './module-ref';
import { encodeState } from './state-encode';
import type { EncodedState } from './state-format';

/**
 * Loads a dataset from a module: `module`'s export `exportName` is a class (constructed with `args`),
 * a function (called with `args`; it may be async), or the dataset object itself. It is built once,
 * here; DataLoader workers (`numWorkers > 0`) then receive it as it is, and import `module` to find
 * its class and the functions it holds (a transform) among the module's exports, as pickle finds a
 * class by its module and name.
 *
 * @example
 * // datasets.ts
 * export function toTensor(img: Tensor) { return img.float().div(255).unsqueeze(0); }
 * export function fashionTrain(root: string) { return new FashionMNIST(root, { train: true, transform: toTensor }); }
 * // train.ts
 * const train = await datasetFromModule(new URL('./datasets.ts', import.meta.url), 'fashionTrain', '/data');
 * const loader = new DataLoader(train, { batchSize: 256, shuffle: true, numWorkers: 2 });
 */
export async function datasetFromModule<T = unknown>(module: string | URL, exportName = 'default', ...args: unknown[]): Promise<T> {
  const specifier = moduleSpecifier(module);
  const exported = await importExport({ module: specifier, export: exportName });
  rememberModule(specifier, (await import(/* @vite-ignore */ specifier)) as Record<string, unknown>);
  const dataset = (await instantiate(exported, args)) as T;
  if (typeof dataset !== 'object' || dataset === null) {
    throw new TypeError(`datasetFromModule: ${specifier} export '${exportName}' gave ${describe(dataset)}, not a dataset`);
  }
  return dataset;
}

/**
 * Makes a module's exports known to DataLoader workers, as `datasetFromModule` does for the module it
 * loads: a library whose datasets hold its own classes and functions registers a module exporting
 * them, so its datasets travel to workers without the user re-exporting anything. `module` is what
 * a worker imports (a `file:` URL, an absolute path or a package name); `namespace` is that module's
 * exports as this thread has them (values are found by identity).
 */
export function registerWorkerModule(module: string | URL, namespace: Record<string, unknown>): void {
  rememberModule(moduleSpecifier(module), namespace);
}

/**
 * The dataset in the form posted to workers; with `check`, only whether it could be (nothing is
 * copied). Fails naming the field a worker could not receive and what to do.
 */
export function encodeDataset(dataset: unknown, options: { check?: boolean } = {}): EncodedState {
  return encodeState(dataset, 'dataset', options);
}
