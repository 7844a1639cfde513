/**
 * A pickled module's `__dict__`, once converted to JavaScript, checked and taken apart into the
 * TorchModuleState the module codec rebuilds from. Hook tables (`_forward_hooks`, …) are dropped:
 * anything they could hold that runs code was already refused by the allowlist.
 */
import { Tensor } from '@x/tensor';
import { SerializationError } from './errors';
import type { TorchModuleState } from './module-codec';

const IGNORED = new Set([
  '_backward_hooks', '_is_full_backward_hook', '_forward_hooks', '_forward_pre_hooks', '_state_dict_hooks',
  '_load_state_dict_pre_hooks', '_load_state_dict_post_hooks', '_forward_hooks_with_kwargs', '_forward_pre_hooks_with_kwargs',
  '_forward_hooks_always_called', '_backward_pre_hooks', '_state_dict_pre_hooks',
]);

function entries(x: unknown, what: string): [unknown, unknown][] {
  if (x instanceof Map) return [...x.entries()];
  if (typeof x === 'object' && x !== null && !Array.isArray(x) && !(x instanceof Tensor) && !(x instanceof Set)) {
    const proto = Object.getPrototypeOf(x);
    if (proto === Object.prototype || proto === null) return Object.entries(x);
  }
  throw new SerializationError(`${what} must be a dict`);
}

function named<T>(x: unknown, what: string, accept: (v: unknown) => v is T, expected: string): Map<string, T> {
  const out = new Map<string, T>();
  for (const [k, v] of entries(x ?? new Map(), what)) {
    if (typeof k !== 'string') throw new SerializationError(`${what} has a key that is not a str`);
    if (!accept(v)) throw new SerializationError(`${what}['${k}'] must be ${expected}`);
    out.set(k, v);
  }
  return out;
}

const tensorOrNone = (v: unknown): v is Tensor | null => v === null || v instanceof Tensor;
const objectOrNone = (v: unknown): v is object | null => v === null || (typeof v === 'object' && !(v instanceof Tensor));

export function moduleStateFrom(dict: unknown, pythonName: string): TorchModuleState {
  const own = `the pickled ${pythonName}`;
  const attributes = new Map<string, unknown>();
  let training = true;
  let parameters = new Map<string, Tensor | null>();
  let buffers = new Map<string, Tensor | null>();
  let modules = new Map<string, object | null>();
  const nonPersistent = new Set<string>();
  for (const [k, v] of entries(dict, `the state of ${own}`)) {
    if (typeof k !== 'string') throw new SerializationError(`the state of ${own} has a key that is not a str`);
    if (IGNORED.has(k)) continue;
    switch (k) {
      case 'training':
        if (typeof v !== 'boolean') throw new SerializationError(`${own}'s training must be a bool`);
        training = v;
        break;
      case '_parameters':
        parameters = named(v, `${own}'s _parameters`, tensorOrNone, 'a tensor or None');
        break;
      case '_buffers':
        buffers = named(v, `${own}'s _buffers`, tensorOrNone, 'a tensor or None');
        break;
      case '_modules':
        modules = named(v, `${own}'s _modules`, objectOrNone, 'a module or None');
        break;
      case '_non_persistent_buffers_set':
        if (!(v instanceof Set) || ![...v].every((n) => typeof n === 'string')) throw new SerializationError(`${own}'s _non_persistent_buffers_set must be a set of str`);
        for (const n of v) nonPersistent.add(n as string);
        break;
      default:
        attributes.set(k, v);
    }
  }
  return { training, parameters, buffers, nonPersistent, modules, attributes };
}
