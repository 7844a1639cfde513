/**
 * In a worker thread: the dataset rebuilt from the state the main thread sent (state-encode.ts), as
 * pickle rebuilds an object: the modules are imported first (one may register the backend the
 * worker's tensors then live on), each instance is made from its class's prototype without calling
 * the constructor, and its fields are set as they were.
 */
import { Generator } from '@x/tensor';
import { exportOf, instantiate } from './module-ref';
import { fromRawTensor } from './raw-tensor';
import { NOT_CONFIGURABLE, NOT_ENUMERABLE, NOT_WRITABLE, type EncodedState, type NameRef, type Node, type Slot } from './state-format';
import { reviveInWorker } from './worker-revive';

export async function decodeState(state: EncodedState): Promise<unknown> {
  const namespaces: Record<string, unknown>[] = [];
  for (const specifier of state.modules) namespaces.push((await import(/* @vite-ignore */ specifier)) as Record<string, unknown>);
  const built = new Map<number, unknown>();
  const reducing = new Set<number>();

  const lookup = (ref: NameRef): unknown => {
    const ns = namespaces[ref.module]!;
    const value = exportOf(ns, ref.name);
    if (value === undefined) {
      throw new Error(`module ${state.modules[ref.module]} has no export '${ref.name}' in this worker (the main thread found it there): is its export conditional on the thread?`);
    }
    return value;
  };

  const slot = async (s: Slot): Promise<unknown> => (typeof s === 'object' && s !== null ? node(s.ref) : s);

  const node = async (id: number): Promise<unknown> => {
    if (built.has(id)) return built.get(id);
    const n: Node = state.nodes[id]!;
    switch (n.kind) {
      case 'array': {
        const out: unknown[] = [];
        built.set(id, out);
        for (const item of n.items) out.push(await slot(item));
        return out;
      }
      case 'object': {
        let proto: object | null = Object.prototype;
        if (n.cls) {
          const cls = lookup(n.cls) as { prototype?: unknown };
          if (typeof cls !== 'function' || typeof cls.prototype !== 'object') throw new TypeError(`${state.modules[n.cls.module]} export '${n.cls.name}' is not a class in this worker`);
          proto = cls.prototype as object;
        } else if (n.nullProto) proto = null;
        const out = Object.create(proto) as object;
        built.set(id, out);
        for (const [key, value, flags = 0] of n.props) {
          Object.defineProperty(out, key, {
            value: await slot(value),
            enumerable: !(flags & NOT_ENUMERABLE),
            writable: !(flags & NOT_WRITABLE),
            configurable: !(flags & NOT_CONFIGURABLE),
          });
        }
        reviveInWorker(out);
        if (n.integrity === 'frozen') Object.freeze(out);
        else if (n.integrity === 'sealed') Object.seal(out);
        else if (n.integrity === 'nonExtensible') Object.preventExtensions(out);
        return out;
      }
      case 'map': {
        const out = new Map<unknown, unknown>();
        built.set(id, out);
        for (const [k, v] of n.entries) out.set(await slot(k), await slot(v));
        return out;
      }
      case 'set': {
        const out = new Set<unknown>();
        built.set(id, out);
        for (const v of n.items) out.add(await slot(v));
        return out;
      }
      case 'tensor':
        return done(id, fromRawTensor(n.raw!));
      case 'generator':
        return done(id, new Generator(n.device).setState(n.state));
      case 'clone':
        return done(id, n.value);
      case 'buffer':
        return done(id, Buffer.from(n.bytes.buffer, n.bytes.byteOffset, n.bytes.byteLength));
      case 'url':
        return done(id, new URL(n.href));
      case 'export':
        return done(id, lookup(n.ref));
      case 'reduce': {
        if (reducing.has(id)) throw new Error(`the arguments of a workerSource() lead back to the object it builds (${state.modules[n.ref.module]} export '${n.ref.name}')`);
        reducing.add(id);
        const args = (await slot(n.args)) as unknown[];
        return done(id, await instantiate(lookup(n.ref), args));
      }
    }
  };

  const done = (id: number, value: unknown): unknown => {
    built.set(id, value);
    return value;
  };

  return slot(state.root);
}
